// The history file as a whole: its status and backups (the recovery screen), export and import.
import type { AppErrorInfo } from '../../../../shared/errors'
import type { HistoryStatus, ImportSummary } from '../../../../shared/types'
import type { SliceArgs } from '../scope'
import { loadConversationPage } from './conversations'
import { startApp } from './session'

/** Export all / import in Settings → History. */
export type HistoryTransfer =
  | { state: 'idle' }
  | { state: 'busy' }
  | { state: 'imported'; summary: ImportSummary }
  | { state: 'failed'; error: AppErrorInfo }

export interface HistoryAdminSlice {
  /** Whether the history database opened, and its backups; null until asked. */
  historyStatus: HistoryStatus | null
  /** The backup being restored from the recovery screen. */
  restoringBackup: string | null
  /** Why the last restore or status check failed (the recovery screen shows it). */
  recoveryError: AppErrorInfo | null
  historyTransfer: HistoryTransfer

  /** Asks main for a conversation as Markdown or JSON and saves the file. */
  exportConversation(id: number, format: 'markdown' | 'json'): Promise<void>
  /** Saves everything as one JSON file (the import format). */
  exportHistory(): Promise<void>
  /** Imports a Seed Chat JSON export; what is already there is skipped. */
  importHistory(file: File): Promise<void>
  dismissHistoryTransfer(): void
  /** Asks main again whether the history is open, and for its backups. */
  refreshHistoryStatus(): Promise<void>
  /** Puts a backup in place of the refused history; continues into the app once it opens. */
  restoreBackup(name: string): Promise<void>
  /** Opens a history refused as far smaller than recorded, as it is (restoringBackup: 'keep'). */
  keepHistory(): Promise<void>
}

/** The history admin slice: recovery from backups, and files in and out. */
export function createHistoryAdminSlice(args: SliceArgs): HistoryAdminSlice {
  const { set, get, api, environment } = args
  return {
    historyStatus: null,
    restoringBackup: null,
    recoveryError: null,
    historyTransfer: { state: 'idle' },

    async exportConversation(id, format) {
      const result = await api.exportConversation({ id, format })
      if (!result.ok) {
        set({ banner: result.error })
        return
      }
      environment.saveFile(result.value)
    },

    async exportHistory() {
      set({ historyTransfer: { state: 'busy' } })
      const result = await api.exportHistory()
      if (!result.ok) {
        set({ historyTransfer: { state: 'failed', error: result.error } })
        return
      }
      environment.saveFile(result.value)
      set({ historyTransfer: { state: 'idle' } })
    },

    async importHistory(file) {
      set({ historyTransfer: { state: 'busy' } })
      let text: string
      try {
        text = await file.text()
      } catch (error) {
        set({
          historyTransfer: {
            state: 'failed',
            error: { code: 'import_failed', message: String(error) }
          }
        })
        return
      }
      const result = await api.importHistory({ text })
      if (!result.ok) {
        set({ historyTransfer: { state: 'failed', error: result.error } })
        return
      }
      set({ historyTransfer: { state: 'imported', summary: result.value } })
      // New conversations may sort anywhere: start the list again from its first page.
      if (result.value.conversationsAdded > 0) await loadConversationPage(args, undefined)
    },

    dismissHistoryTransfer() {
      set({ historyTransfer: { state: 'idle' } })
    },

    async refreshHistoryStatus() {
      const result = await api.getHistoryStatus()
      if (result.ok) set({ historyStatus: result.value, recoveryError: null })
      else set({ recoveryError: result.error })
    },

    async restoreBackup(name) {
      if (get().restoringBackup !== null) return
      set({ restoringBackup: name, recoveryError: null })
      await continueAfterRecovery(args, await api.restoreBackup({ name }))
    },

    async keepHistory() {
      if (get().restoringBackup !== null) return
      set({ restoringBackup: 'keep', recoveryError: null })
      await continueAfterRecovery(args, await api.keepHistory())
    }
  }
}

/** After a restore or a keep: into the app once the history opens, or the screen says why not. */
async function continueAfterRecovery(
  args: SliceArgs,
  result: Awaited<ReturnType<SliceArgs['api']['restoreBackup']>>
): Promise<void> {
  const { set } = args
  if (!result.ok) {
    set({ restoringBackup: null, recoveryError: result.error })
    return
  }
  set({ historyStatus: result.value })
  if (result.value.state === 'refused') {
    // That backup could not be opened either; the screen says why and lists the rest.
    set({
      restoringBackup: null,
      recoveryError: { code: 'history_unavailable', message: result.value.detail }
    })
    return
  }
  set({ phase: 'loading' })
  await startApp(args)
  set({ restoringBackup: null })
}
