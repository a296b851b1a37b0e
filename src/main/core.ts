// The app without Electron: opens the history (or refuses it, keeping the file untouched) and
// serves every request handler. The Electron shell and the Chromium test harness both serve this
// same table, as it is.
//
// The floors of src/main, lowest first; a module imports only from its own floor or below
// (test/unit/main/floors.test.ts checks it, type imports included, and that there is no cycle):
//   1. src/shared
//   2. infrastructure: db/ (open, statements, migrations, integrity, shutdown, backup,
//      sizeRecord), errors.ts, redact.ts, storage.ts, containment.ts, log/ (the log file, the
//      crash check, diagnostics)
//   3. features, in this order: secrets/, settings/, attachments/, projects/, history/, ocr/, chat/,
//      updates/, desktop/, capture/
//   4. the core: core.ts, services.ts, dispatch.ts
//   5. the shells: index.ts, ipc.ts, shell/ (Electron) and src/cli
// A lower floor that needs a higher one is handed a function (settings gets the model list).
import { join } from 'node:path'
import { REQUEST_NAMES, type EmitEvent, type Handlers } from '../shared/contract'
import type { CrashNotice } from '../shared/diagnostics'
import type { Settings } from '../shared/settings'
import type { AttachmentUrl } from './attachments/catalog'
import type { ReadImageText } from './attachments/imageText'
import { stopAllFfmpeg } from './attachments/ffmpeg'
import { captureDisplays } from './capture/displays'
import type { CaptureHost } from './capture/session'
import type { ServedAttachment } from './attachments/protocol'
import { sweepTempFiles, tempDirOf } from './attachments/temp'
import type { ChatServiceOptions } from './chat/options'
import { AppError } from './errors'
import { keepDailyBackups } from './db/backup'
import { desktopHandlers, type DesktopHost } from './desktop/handlers'
import { backupHandlers, type HistoryHost } from './history/backupHandlers'
import { quickCheckInWorker } from './db/integrity'
import { openHistory, type HistoryProblem } from './db/open'
import { lastShutdown, recordShutdown } from './db/shutdown'
import { logHandlers } from './log/handlers'
import { appLog } from './log/logger'
import { keepSizeRecord } from './db/sizeRecord'
import { keyHandlers } from './secrets/handlers'
import { KeyManager, type SecretStore } from './secrets/keychain'
import { createServices, type AlwaysServedRequest, type Services } from './services'
import { storageError } from './storage'
import { updateHandlers } from './updates/handlers'
import type { UpdateController } from './updates/updates'
import { backupBeforeNewVersion } from './updates/versionBackup'

export interface CoreOptions {
  dataDir: string
  secrets: SecretStore
  emit: EmitEvent
  chat?: Partial<ChatServiceOptions>
  /** The URL the renderer loads an attachment's thumbnail or original from. */
  attachmentUrl?: AttachmentUrl
  /** How long after opening the first daily-backup check runs (default a minute; tests use 0). */
  firstBackupMs?: number
  /** How long after a normal start the background integrity check runs (default 30 s). */
  integrityCheckMs?: number
  /**
   * The app may be running on the same data folder (the CLI): its streaming replies are not
   * marked interrupted and no stored file is swept (its drafts may use them).
   */
  besideApp?: boolean
  /** The recognized text of a stored image, '' when none (default: read it when asked). */
  readImageText?: ReadImageText
  /** Called after every saved settings change (the shell redraws its menu in the new language). */
  onSettingsChanged?: (settings: Settings) => void
  /** The app's version (packaged builds): a start of another version backs the history up first. */
  appVersion?: string
  /** The app's updater (packaged builds): serves installUpdate. */
  updates?: Pick<UpdateController, 'install'>
  /** What the shell found of the last run's crash (log/crash.ts); the renderer shows it. */
  crashNotice?: CrashNotice | null
  /**
   * How long after opening the history's unread images start being read (default 10 s, off the
   * start path); null: never. Never beside the app: the app reads them.
   */
  imageTextBackfillMs?: number | null
  /**
   * Screen capture: the Electron shell opens the region pickers (shell/capture.ts), the harness
   * captures a fixture. By default the displays are captured and no picker is shown (the CLI).
   */
  capture?: Partial<CaptureHost>
  /** The desktop shell's windows, tray and shortcuts (none in the CLI and the harness by default). */
  desktop?: DesktopHost
}

const INTEGRITY_CHECK_MS = 30_000
const IMAGE_TEXT_BACKFILL_MS = 10_000

/** Electron's custom protocol (src/main/index.ts registers it). */
export const ATTACHMENT_SCHEME = 'attachment'

/** The database file and the backups folder inside the data directory. */
export const HISTORY_FILE = 'history.sqlite'
export const BACKUP_DIR = 'backups'

export interface Core {
  /**
   * Every request: each waits for the history to open, and answers with the refusal
   * (history_unavailable) while it is refused, except the key and backup requests.
   */
  handlers: Handlers
  /** Settles once the history is open or refused; rejects when the start failed worse. */
  readonly ready: Promise<void>
  /** The open history; throws while it is refused. */
  readonly services: Services
  /** The bytes behind an attachment URL path (after opening); null when unknown or refused. */
  serveAttachment(path: string): Promise<ServedAttachment | null>
  /** Stops streaming replies (they keep their text) and closes the database. */
  close(): Promise<void>
}

/** startCore, resolved once the history is open or refused (the CLI, the harness, tests). */
export async function createCore(options: CoreOptions): Promise<Core> {
  const core = startCore(options)
  await core.ready
  return core
}

/**
 * Starts opening the history (checked, backed up before migrations) and returns the handler table
 * at once: its requests wait for the opening. The shell binds it before its window loads.
 */
export function startCore(options: CoreOptions): Core {
  const keys = new KeyManager(options.secrets)
  const serviceOptions = {
    dataDir: options.dataDir,
    emit: options.emit,
    chat: options.chat,
    onSettingsChanged: options.onSettingsChanged,
    readImageText: options.readImageText,
    capture: {
      grab: options.capture?.grab ?? captureDisplays,
      show: options.capture?.show ?? (() => undefined),
      hide: options.capture?.hide ?? (() => undefined)
    },
    attachmentUrl:
      options.attachmentUrl ??
      ((sha256: string, variant: string) => `${ATTACHMENT_SCHEME}://${sha256}/${variant}`)
  }

  let services: Services | null = null
  let swept = false
  let problem: HistoryProblem | null = null
  let backups: { stop(): Promise<void> } | null = null
  let sizeRecord: { stop(): void } | null = null
  let integrityTimer: NodeJS.Timeout | undefined
  // Damage a background check found: the next start checks on the start path and refuses.
  let damageFound = false

  const history: HistoryHost = {
    file: join(options.dataDir, HISTORY_FILE),
    backups: join(options.dataDir, BACKUP_DIR),
    problem: () => problem,
    streaming: () => services?.chat.isAnyStreaming() ?? false,
    open: async () => {
      if (options.appVersion && !options.besideApp)
        await backupBeforeNewVersion(history.file, history.backups, options.appVersion)
      // A full check on the start path only when the last run did not close the file cleanly.
      const cleanLastTime = lastShutdown(history.file) === 'closed'
      const opened = await openHistory(
        history.file,
        history.backups,
        !cleanLastTime && !options.besideApp
      )
      if (!opened.ok) {
        const { ok: _, ...refused } = opened
        problem = refused
        return
      }
      problem = null
      // Beside a running app (the CLI) the app's own state stands: it alone records and checks.
      if (!options.besideApp) recordShutdown(history.file, 'open')
      if (cleanLastTime && !options.besideApp) scheduleIntegrityCheck()
      // Unused attachment files are swept once per start only: after a restore, the replaced
      // database kept aside may still reference files the restored one does not.
      services = createServices(opened.db, keys, {
        ...serviceOptions,
        sweepAttachments: !swept && !options.besideApp,
        recoverInterrupted: !cleanLastTime && !options.besideApp,
        imageTextBackfillMs: options.besideApp
          ? null
          : options.imageTextBackfillMs === undefined
            ? IMAGE_TEXT_BACKFILL_MS
            : options.imageTextBackfillMs
      })
      swept = true
      backups = keepDailyBackups(opened.db, history.backups, options.firstBackupMs)
      // The app alone keeps the record; a CLI beside it only ever makes the history larger.
      if (!options.besideApp) sizeRecord = keepSizeRecord(opened.db, history.file)
    },
    close: async () => {
      // A video still being probed must not outlive the app.
      stopAllFfmpeg()
      clearTimeout(integrityTimer)
      const wasOpen = services !== null
      await backups?.stop()
      backups = null
      const chat = services?.chat
      // Every reply has ended when the hook runs, so the record is the size at close.
      await services?.close(() => sizeRecord?.stop())
      sizeRecord = null
      services = null
      // A reply the disk refused to the end is still 'streaming' in the file: not a clean close,
      // so the next start marks it interrupted (with the text saved up to the refusal).
      if (wasOpen && !options.besideApp && !chat?.hasUnsaved())
        recordShutdown(history.file, damageFound ? 'check' : 'closed')
    }
  }

  /** The full check, off the start path and off the event loop; damage is reported at once. */
  function scheduleIntegrityCheck(): void {
    integrityTimer = setTimeout(() => {
      void quickCheckInWorker(history.file).then(
        (result) => {
          if (result === 'ok') return
          damageFound = true
          recordShutdown(history.file, 'check')
          console.error('The history database failed its check:', result)
          options.emit('historyDamaged', { detail: `SQLite's check failed: ${result}` })
        },
        (error) => console.error('The history check could not run:', error)
      )
    }, options.integrityCheckMs ?? INTEGRITY_CHECK_MS)
    integrityTimer.unref()
  }

  const ready = (async () => {
    // Temporary copies a crash left behind (a video being attached when the app was killed).
    await sweepTempFiles(tempDirOf(options.dataDir)).catch((error) =>
      console.error('Temp sweep failed:', error)
    )
    await history.open()
  })()
  ready.catch(() => undefined) // the caller hears of it through `ready`

  // Key and backup requests work while the history is refused; the rest need it open.
  const always: Pick<Handlers, AlwaysServedRequest> = {
    ...keyHandlers(keys),
    ...backupHandlers(history),
    ...updateHandlers(options.updates),
    ...logHandlers(appLog, options.crashNotice ?? null),
    ...desktopHandlers(options.desktop, options.emit)
  }
  const tableFor = (name: keyof Handlers): Partial<Handlers> => {
    if (name in always) return always
    if (!services) {
      throw new AppError(
        'history_unavailable',
        `The history database is not open. ${problem?.detail ?? ''}`
      )
    }
    return services.handlers
  }
  // One entry per request name; each waits for the opening, then asks the table that serves it.
  // A write the disk refused (full, read-only, I/O error) is answered here, for every request,
  // as storage_full / storage_unwritable naming the data folder.
  const handlers = Object.fromEntries(
    REQUEST_NAMES.map((name) => [
      name,
      async (args: never) => {
        await ready
        try {
          return await (tableFor(name)[name] as (args: never) => Promise<unknown>)(args)
        } catch (error) {
          throw storageError(error, options.dataDir)
        }
      }
    ])
  ) as Handlers

  return {
    handlers,
    ready,
    get services() {
      if (!services) throw new Error('The history database is not open.')
      return services
    },
    serveAttachment: async (path) => {
      await ready
      return services ? services.serveAttachment(path) : null
    },
    close: history.close
  }
}
