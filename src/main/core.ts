// The app without Electron: opens the history (or refuses it, keeping the file untouched) and
// serves every request handler. The Electron shell and the Chromium test harness both serve this
// same table.
import { join } from 'node:path'
import {
  REQUEST_NAMES,
  type EmitEvent,
  type Handlers,
  type HistoryStatus
} from '../shared/contract'
import { stopAllFfmpeg } from './attachments/ffmpeg'
import type { ServedAttachment } from './attachments/protocol'
import { sweepTempFiles, tempDirOf } from './attachments/temp'
import type { ChatServiceOptions } from './chat/service'
import { AppError } from './errors'
import { BACKUP_CHECK_MS, backupIfDue, listBackups, restoreBackup } from './history/backup'
import { openHistory, type HistoryProblem } from './history/open'
import { KeyManager, type SecretStore } from './secrets/keychain'
import { createServices, type Services } from './services'

export interface CoreOptions {
  dataDir: string
  secrets: SecretStore
  emit: EmitEvent
  chat?: Partial<ChatServiceOptions>
  /** The URL the renderer loads an attachment's thumbnail or original from. */
  attachmentUrl?: (sha256: string, variant: 'thumb' | 'original') => string
}

/** Electron's custom protocol (src/main/index.ts registers it). */
export const ATTACHMENT_SCHEME = 'attachment'

/** The database file and the backups folder inside the data directory. */
export const HISTORY_FILE = 'history.sqlite'
export const BACKUP_DIR = 'backups'

export interface Core {
  handlers: Handlers
  /** The open history; throws while it is refused. */
  readonly services: Services
  /** The bytes behind an attachment URL path; null when unknown or while the history is refused. */
  serveAttachment(path: string): Promise<ServedAttachment | null>
  /** Stops streaming replies (they keep their text) and closes the database. */
  close(): Promise<void>
}

/** Opens the history (checked, backed up before migrations) and builds the handler table. */
export async function createCore(options: CoreOptions): Promise<Core> {
  const file = join(options.dataDir, HISTORY_FILE)
  const backups = join(options.dataDir, BACKUP_DIR)
  const keys = new KeyManager(options.secrets)
  const serviceOptions = {
    dataDir: options.dataDir,
    emit: options.emit,
    chat: options.chat,
    attachmentUrl:
      options.attachmentUrl ?? ((sha256: string, variant: string) => `${ATTACHMENT_SCHEME}://${sha256}/${variant}`)
  }

  let services: Services | null = null
  let swept = false
  let problem: HistoryProblem | null = null
  let backupTimer: NodeJS.Timeout | undefined
  let backupRunning: Promise<unknown> = Promise.resolve()

  const dailyBackup = (): void => {
    if (!services) return
    backupRunning = backupIfDue(services.db, backups).catch((error) =>
      console.error('Backup failed:', error)
    )
  }
  const open = async (): Promise<void> => {
    const opened = await openHistory(file, backups)
    if (!opened.ok) {
      problem = { problem: opened.problem, detail: opened.detail, ...(opened.folder ? { folder: opened.folder } : {}) }
      return
    }
    problem = null
    // Unused attachment files are swept once per start only: after a restore, the replaced
    // database kept aside may still reference files the restored one does not.
    services = createServices(opened.db, keys, { ...serviceOptions, sweepAttachments: !swept })
    swept = true
    dailyBackup()
    clearInterval(backupTimer)
    backupTimer = setInterval(dailyBackup, BACKUP_CHECK_MS)
    backupTimer.unref()
  }
  const close = async (): Promise<void> => {
    // A video still being probed must not outlive the app.
    stopAllFfmpeg()
    clearInterval(backupTimer)
    await backupRunning
    await services?.close()
    services = null
  }
  const status = (): HistoryStatus =>
    problem
      ? { state: 'refused', ...problem, backups: listBackups(backups) }
      : { state: 'ok', backups: listBackups(backups) }

  // Temporary copies a crash left behind (a video being attached when the app was killed).
  await sweepTempFiles(tempDirOf(options.dataDir)).catch((error) => console.error('Temp sweep failed:', error))
  await open()

  const own: Pick<Handlers, 'getHistoryStatus' | 'restoreBackup'> = {
    getHistoryStatus: async () => status(),
    restoreBackup: async ({ name }) => {
      await close()
      try {
        restoreBackup(file, backups, name)
      } finally {
        // Whether or not the backup could be put in place, open what is there now.
        await open()
      }
      return status()
    }
  }
  const keyHandlers: Pick<Handlers, 'getKeyStatus' | 'setKey' | 'deleteKey'> = {
    getKeyStatus: () => keys.status(),
    setKey: ({ key }) => keys.setKey(key),
    deleteKey: () => keys.deleteKey()
  }
  // Key and backup requests work while the history is refused; the rest need it open.
  const handlers = Object.fromEntries(
    REQUEST_NAMES.map((name) => [
      name,
      async (args: never) => {
        if (name in own) return own[name as keyof typeof own](args)
        if (name in keyHandlers) return keyHandlers[name as keyof typeof keyHandlers](args)
        if (!services) {
          throw new AppError('history_unavailable', `The history database is not open. ${problem?.detail ?? ''}`)
        }
        return (services.handlers[name as keyof Services['handlers']] as (args: never) => unknown)(args)
      }
    ])
  ) as unknown as Handlers

  return {
    handlers,
    get services() {
      if (!services) throw new Error('The history database is not open.')
      return services
    },
    serveAttachment: async (path) => (services ? services.serveAttachment(path) : null),
    close
  }
}
