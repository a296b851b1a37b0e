// The renderer's side of the log: its uncaught errors go to main's log file, and the note after a
// crash (where the last run's crash dumps and logs are) shows until dismissed.
import type { CrashNotice } from '../../../../shared/diagnostics'
import { errorLine } from '../../lib/errorLog'
import type { SliceArgs } from '../scope'

export interface DiagnosticsSlice {
  /** What main found of the last run's crash; null after a clean run or once dismissed. */
  crashNotice: CrashNotice | null
  /** Asks main once whether the last run crashed. */
  loadCrashNotice(): Promise<void>
  dismissCrashNotice(): void
  /** Writes an uncaught error to main's log (name, message, stack; never the page's content). */
  logError(what: string, error: unknown): void
}

/** The diagnostics slice: the crash note and the renderer's error log. */
export function createDiagnosticsSlice({ set, api }: SliceArgs): DiagnosticsSlice {
  let asked = false
  return {
    crashNotice: null,

    async loadCrashNotice() {
      if (asked) return
      asked = true
      const result = await api.getCrashNotice()
      if (result.ok) set({ crashNotice: result.value })
    },

    dismissCrashNotice() {
      set({ crashNotice: null })
    },

    logError(what, error) {
      void api.log({ level: 'error', scope: 'renderer', message: errorLine(what, error) })
    }
  }
}
