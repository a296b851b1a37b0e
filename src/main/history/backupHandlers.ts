// Whether the history could be opened, and putting a backup in its place. These work while the
// history is refused: they are how the user gets out of it.
import type { Handlers } from '../../shared/contract'
import { AppError } from '../errors'
import type { HistoryStatus } from '../../shared/types'
import { listBackups, requireBackup, restoreBackup } from '../db/backup'
import { forgetSizeRecord } from '../db/sizeRecord'
import { stillStreaming } from '../errors'
import type { HistoryProblem } from '../db/open'

export type BackupRequest = 'getHistoryStatus' | 'restoreBackup' | 'keepHistory'

/** The history file as the core holds it: where it is, why it was refused, opening and closing it. */
export interface HistoryHost {
  file: string
  backups: string
  /** Why the file was refused; null while it is open. */
  problem(): HistoryProblem | null
  /** Opens what is at `file` now (or records why it cannot). */
  open(): Promise<void>
  /** Stops streaming replies and closes the database. */
  close(): Promise<void>
  /** A reply is streaming (or about to). */
  streaming(): boolean
}

/** The history's status and restore requests. */
export function backupHandlers(history: HistoryHost): Pick<Handlers, BackupRequest> {
  const status = (): HistoryStatus => {
    const problem = history.problem()
    const backups = listBackups(history.backups)
    return problem ? { state: 'refused', ...problem, backups } : { state: 'ok', backups }
  }
  return {
    getHistoryStatus: async () => status(),
    restoreBackup: async ({ name }) => {
      // Refused without touching anything: an unknown name, or a reply that would be cut off.
      requireBackup(history.backups, name)
      if (history.streaming()) throw stillStreaming('history')
      await history.close()
      try {
        restoreBackup(history.file, history.backups, name)
        // The user chose this history: its size is the one to keep from now on.
        forgetSizeRecord(history.file)
      } finally {
        // Whether or not the backup could be put in place, open what is there now.
        await history.open()
      }
      return status()
    },
    keepHistory: async () => {
      // Only a history refused for its size can be kept as it is; damage cannot.
      if (history.problem()?.problem !== 'shrunk') {
        throw new AppError('invalid_input', 'The history was not refused for its size.')
      }
      forgetSizeRecord(history.file)
      await history.open()
      return status()
    }
  }
}
