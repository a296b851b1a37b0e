// The saved settings and key, the settings dialog and the setup screen's form.
import type { AppErrorInfo } from '../../../../shared/errors'
import type { KeyStatus } from '../../../../shared/types'
import { DEFAULT_SETTINGS } from '../../../../shared/settingDefaults'
import type { Settings, SettingsPatch } from '../../../../shared/settings'
import type { SliceArgs } from '../scope'
import { enterChat } from './session'

/** The state of the last "Test connection". */
export type ConnectionTest =
  | { state: 'idle' }
  | { state: 'testing' }
  | { state: 'ok'; modelCount: number }
  | { state: 'failed'; error: AppErrorInfo }

/** The settings the window applies as soon as they are chosen (the base URL waits for Save). */
export type InstantSettingsPatch = Pick<
  SettingsPatch,
  | 'language'
  | 'theme'
  | 'fontSize'
  | 'checkForUpdates'
  | 'askShortcut'
  | 'captureShortcut'
  | 'keepInTray'
>

/** The settings window's tabs, in order. */
export const SETTINGS_TABS = [
  'general',
  'connection',
  'models',
  'presets',
  'history',
  'shortcuts'
] as const
export type SettingsTab = (typeof SETTINGS_TABS)[number]

export interface SettingsSlice {
  settings: Settings
  keyStatus: KeyStatus | null
  settingsOpen: boolean
  /** The settings tab shown: the last one used, so Settings opens where it was left. */
  settingsTab: SettingsTab
  connectionTest: ConnectionTest
  /** An error from the setup screen or the settings dialog. */
  formError: AppErrorInfo | null
  /** The base URL as typed in Settings, not saved yet (null: the field shows the saved one). */
  baseURLDraft: string | null
  /** Closing Settings was refused once because of the unsaved base URL; closing again drops it. */
  baseURLDraftWarned: boolean

  openSettings(): void
  /** Opens Settings on one tab (an error's "Open Settings" goes to Connection). */
  openSettingsAt(tab: SettingsTab): void
  showSettingsTab(tab: SettingsTab): void
  /** Closes Settings; with an unsaved base URL the first call only warns, so no edit is lost silently. */
  closeSettings(): void
  setBaseURLDraft(baseURL: string): void
  /** Saves the language, theme, font size or update checks: shown at once, undone if main refuses. */
  updateSettings(patch: InstantSettingsPatch): Promise<void>
  saveBaseURL(baseURL: string): Promise<boolean>
  /** Tests a base URL and key (the saved ones where omitted). */
  testConnection(args: { baseURL?: string; key?: string }): Promise<void>
  /**
   * Checks the setup screen's key against the base URL (GET /models), then saves both and opens
   * the chat; a refused key is not saved and formError says why.
   */
  completeSetup(args: { baseURL: string; key: string }): Promise<boolean>
  /** Checks a new key against the saved base URL, then saves it; a refused key is not saved. */
  replaceKey(key: string): Promise<boolean>
  removeKey(): Promise<boolean>
}

/** The settings slice: settings, key and the forms that change them. */
export function createSettingsSlice(args: SliceArgs): SettingsSlice {
  const { set, get, api } = args
  return {
    settings: DEFAULT_SETTINGS,
    keyStatus: null,
    settingsOpen: false,
    settingsTab: 'general',
    connectionTest: { state: 'idle' },
    formError: null,
    baseURLDraft: null,
    baseURLDraftWarned: false,

    openSettings() {
      set({ settingsOpen: true, formError: null, connectionTest: { state: 'idle' } })
    },

    openSettingsAt(tab) {
      get().openSettings()
      set({ settingsTab: tab })
    },

    showSettingsTab(tab) {
      set({ settingsTab: tab, formError: null })
    },

    closeSettings() {
      const { baseURLDraft, baseURLDraftWarned, settings } = get()
      if (
        baseURLDraft !== null &&
        baseURLDraft.trim() !== settings.baseURL &&
        !baseURLDraftWarned
      ) {
        // The warning sits under the base URL field: show its tab.
        set({ baseURLDraftWarned: true, settingsTab: 'connection' })
        return
      }
      set({
        settingsOpen: false,
        formError: null,
        connectionTest: { state: 'idle' },
        baseURLDraft: null,
        baseURLDraftWarned: false
      })
    },

    setBaseURLDraft(baseURL) {
      set({ baseURLDraft: baseURL, baseURLDraftWarned: false })
    },

    async updateSettings(patch) {
      const before = get().settings
      set({ settings: { ...before, ...patch } })
      const result = await api.updateSettings(patch)
      if (result.ok) set({ settings: result.value })
      else set({ settings: before, formError: result.error })
    },

    async saveBaseURL(baseURL) {
      set({ formError: null })
      const result = await api.updateSettings({ baseURL })
      if (!result.ok) {
        set({ formError: result.error })
        return false
      }
      set({ settings: result.value, baseURLDraft: null, baseURLDraftWarned: false })
      // Another server may offer other models.
      await get().loadModels()
      return true
    },

    async testConnection({ baseURL, key }) {
      set({ connectionTest: { state: 'testing' } })
      const result = await api.testConnection({
        ...(baseURL ? { baseURL } : {}),
        ...(key ? { key } : {})
      })
      set({
        connectionTest: result.ok
          ? { state: 'ok', modelCount: result.value.modelCount }
          : { state: 'failed', error: result.error }
      })
    },

    async completeSetup({ baseURL, key }) {
      set({ formError: null })
      if (!(await keyAccepted(args, { baseURL, key }))) return false
      const settings = await api.updateSettings({ baseURL })
      if (!settings.ok) {
        set({ formError: settings.error })
        return false
      }
      set({ settings: settings.value })
      const keyStatus = await api.setKey({ key })
      if (!keyStatus.ok) {
        set({ formError: keyStatus.error })
        return false
      }
      set({ keyStatus: keyStatus.value })
      if (keyStatus.value.hasKey) await enterChat(args)
      return true
    },

    async replaceKey(key) {
      set({ formError: null })
      if (!(await keyAccepted(args, { key }))) return false
      const result = await api.setKey({ key })
      if (!result.ok) {
        set({ formError: result.error })
        return false
      }
      set({ keyStatus: result.value })
      await get().loadModels()
      return true
    },

    async removeKey() {
      set({ formError: null })
      const result = await api.deleteKey()
      if (!result.ok) {
        set({ formError: result.error })
        return false
      }
      set({
        keyStatus: result.value,
        settingsOpen: false,
        phase: result.value.hasKey ? 'chat' : 'setup',
        connectionTest: { state: 'idle' }
      })
      return true
    }
  }
}

/**
 * Asks GET /models with a key about to be saved (and its base URL, else the saved one); false,
 * with the server's reason in formError, when it is refused.
 */
async function keyAccepted(
  { set, api }: SliceArgs,
  connection: { baseURL?: string; key: string }
): Promise<boolean> {
  const result = await api.testConnection(connection)
  if (!result.ok) set({ formError: result.error })
  return result.ok
}
