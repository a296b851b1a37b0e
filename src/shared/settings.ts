// The app-wide settings: one schema holds every setting with its default; the type and the
// schema of a partial update are derived from it. Adding a setting starts (and mostly ends) here.
import { z } from 'zod'
import { isShortcutSetting } from './accelerator'
import { chatParamsSchema, presetSchema } from './params'
import { refusal } from './errors'
import { modelCorrectionSchema, modelIdSchema } from './models'

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

/** An https URL; plain http only for this machine (a local proxy, tests), since the key goes with it. */
export const baseURLSchema = z
  .string()
  .trim()
  .max(2000)
  .refine(
    (value) => {
      try {
        const url = new URL(value)
        const local = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)
        return url.protocol === 'https:' || (url.protocol === 'http:' && local)
      } catch {
        return false
      }
    },
    refusal('base_url_https', 'the base URL must be an https URL (http only for this machine)')
  )

/** A global shortcut: an Electron accelerator, or "" for none. */
const shortcutSchema = z
  .string()
  .trim()
  .max(100)
  .refine(isShortcutSetting, refusal('shortcut_invalid', 'not a shortcut the system can register'))

/**
 * The default global shortcuts. Alt+Shift (Option+Shift) chords are taken by no OS and no common
 * desktop: Alt+Space is the window menu on Windows and GNOME and KRunner on KDE, Ctrl+Space and
 * Ctrl+Shift switch input methods (Chinese users need those), ⌘+Shift+3/4/5 and Win+Shift+S are
 * the systems' own screenshots.
 */
export const DEFAULT_ASK_SHORTCUT = 'Alt+Shift+Space'
export const DEFAULT_CAPTURE_SHORTCUT = 'Alt+Shift+S'

/** Every setting with its default. */
export const settingsSchema = z.object({
  baseURL: baseURLSchema.default(DEFAULT_BASE_URL),
  language: z.enum(LANGUAGES).default('system'),
  theme: z.enum(THEMES).default('system'),
  fontSize: z.enum(FONT_SIZES).default('default'),
  /** The parameters a new chat starts with. */
  defaultParams: chatParamsSchema.default({}),
  /** The user's own presets (the built-in ones are not stored). */
  presets: z.array(presetSchema).max(200).default([]),
  /** Whether a packaged app looks for updates by itself (at start and every few hours). */
  checkForUpdates: z.boolean().default(true),
  /** The global shortcut that opens Quick Ask ("" = none). */
  askShortcut: shortcutSchema.default(DEFAULT_ASK_SHORTCUT),
  /** The global shortcut that captures a screen region ("" = none). */
  captureShortcut: shortcutSchema.default(DEFAULT_CAPTURE_SHORTCUT),
  /**
   * Closing the main window hides it and the app keeps running in the tray. Off by default: on
   * GNOME a tray icon needs an extension, so a hidden window could not be found again.
   */
  keepInTray: z.boolean().default(false),
  /** The user's corrections of what models accept, by model id (the catalog is the default). */
  modelCapabilities: z
    .record(modelIdSchema, modelCorrectionSchema)
    .refine((corrections) => Object.keys(corrections).length <= 500, 'at most 500 models')
    .default({})
})

export type Settings = z.output<typeof settingsSchema>
export type SettingName = keyof Settings

/** The settings of a fresh install. */
export const DEFAULT_SETTINGS: Settings = settingsSchema.parse({})

type Shape = typeof settingsSchema.shape
/** A change to some settings: every field optional and no default filled in (zod's partial() would). */
export const settingsPatchSchema = z
  .object(
    Object.fromEntries(
      Object.entries(settingsSchema.shape).map(([name, field]) => [name, field.unwrap().optional()])
    ) as { [K in keyof Shape]: z.ZodOptional<ReturnType<Shape[K]['unwrap']>> }
  )
  .strict()

export type SettingsPatch = z.output<typeof settingsPatchSchema>
