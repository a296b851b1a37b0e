// The settings' values and defaults, without zod: the first screen loads them (settings.ts has
// the schema, whose defaults these are).
import type { ModelCorrection } from './models'
import type { ChatParams, Preset } from './params'

export const DEFAULT_BASE_URL = 'https://www.anyfast.ai/v1'

/** The languages the app is written in (its UI, menu and built-in presets). */
const UI_LANGUAGES = ['en', 'zh-CN'] as const
export type UiLanguage = (typeof UI_LANGUAGES)[number]

/** The language setting: a UI language, or the system's. */
export const LANGUAGES = ['system', ...UI_LANGUAGES] as const
export type Language = (typeof LANGUAGES)[number]

/**
 * The UI language for a language setting: 'system' (or none saved yet) follows the system locale,
 * zh* → zh-CN, anything else → en.
 */
export function resolveUiLanguage(setting: Language | undefined, systemLocale: string): UiLanguage {
  if (setting !== undefined && setting !== 'system') return setting
  return systemLocale.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en'
}

/** The window's colours: the system's choice, or always light or dark. */
export const THEMES = ['system', 'light', 'dark'] as const
export type Theme = (typeof THEMES)[number]

/** The text size of the whole window. */
export const FONT_SIZES = ['small', 'default', 'large', 'larger'] as const
export type FontSize = (typeof FONT_SIZES)[number]

/**
 * The default global shortcuts. Alt+Shift (Option+Shift) chords are taken by no OS and no common
 * desktop: Alt+Space is the window menu on Windows and GNOME and KRunner on KDE, Ctrl+Space and
 * Ctrl+Shift switch input methods (Chinese users need those), ⌘+Shift+3/4/5 and Win+Shift+S are
 * the systems' own screenshots.
 */
export const DEFAULT_ASK_SHORTCUT = 'Alt+Shift+Space'
export const DEFAULT_CAPTURE_SHORTCUT = 'Alt+Shift+S'

/** The settings of a fresh install (settingsSchema's defaults: settings.ts). */
export const DEFAULT_SETTINGS = {
  baseURL: DEFAULT_BASE_URL,
  language: 'system' as Language,
  theme: 'system' as Theme,
  fontSize: 'default' as FontSize,
  defaultParams: {} as ChatParams,
  presets: [] as Preset[],
  checkForUpdates: true,
  askShortcut: DEFAULT_ASK_SHORTCUT,
  captureShortcut: DEFAULT_CAPTURE_SHORTCUT,
  keepInTray: false,
  modelCapabilities: {} as Record<string, ModelCorrection>
}
