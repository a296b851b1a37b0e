// The app-wide settings: one schema holds every setting with its default; the type and the
// schema of a partial update are derived from it. Adding a setting starts here and in
// settingDefaults.ts (its values and defaults, without zod: the first screen loads them).
import { z } from 'zod'
import { isShortcutSetting } from './accelerator'
import { chatParamsSchema, presetSchema } from './params'
import { refusal } from './errors'
import { modelCorrectionSchema, modelIdSchema } from './modelSchemas'
import { DEFAULT_SETTINGS, FONT_SIZES, LANGUAGES, THEMES } from './settingDefaults'

export {
  DEFAULT_SETTINGS,
  resolveUiLanguage,
  type Language,
  type UiLanguage
} from './settingDefaults'

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

/** Every setting with its default (settingDefaults.ts). */
export const settingsSchema = z.object({
  baseURL: baseURLSchema.default(DEFAULT_SETTINGS.baseURL),
  language: z.enum(LANGUAGES).default(DEFAULT_SETTINGS.language),
  theme: z.enum(THEMES).default(DEFAULT_SETTINGS.theme),
  fontSize: z.enum(FONT_SIZES).default(DEFAULT_SETTINGS.fontSize),
  /** The parameters a new chat starts with. */
  defaultParams: chatParamsSchema.default(DEFAULT_SETTINGS.defaultParams),
  /** The user's own presets (the built-in ones are not stored). */
  presets: z.array(presetSchema).max(200).default(DEFAULT_SETTINGS.presets),
  /** Whether a packaged app looks for updates by itself (at start and every few hours). */
  checkForUpdates: z.boolean().default(DEFAULT_SETTINGS.checkForUpdates),
  /** The global shortcut that opens Quick Ask ("" = none). */
  askShortcut: shortcutSchema.default(DEFAULT_SETTINGS.askShortcut),
  /** The global shortcut that captures a screen region ("" = none). */
  captureShortcut: shortcutSchema.default(DEFAULT_SETTINGS.captureShortcut),
  /**
   * Closing the main window hides it and the app keeps running in the tray. Off by default: on
   * GNOME a tray icon needs an extension, so a hidden window could not be found again.
   */
  keepInTray: z.boolean().default(DEFAULT_SETTINGS.keepInTray),
  /** The user's corrections of what models accept, by model id (the catalog is the default). */
  modelCapabilities: z
    .record(modelIdSchema, modelCorrectionSchema)
    .refine((corrections) => Object.keys(corrections).length <= 500, 'at most 500 models')
    .default(DEFAULT_SETTINGS.modelCapabilities)
})

export type Settings = z.output<typeof settingsSchema>
export type SettingName = keyof Settings

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
