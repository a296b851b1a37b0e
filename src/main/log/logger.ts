// The app's log: rotating files in the data folder's logs/, written by main for main, the preload
// and the renderer (their lines arrive over IPC, ./handlers.ts).
// electron-log rather than pino: its `electron-log/node` entry is plain Node (the core, the CLI and
// the tests use the same logger as the app), it writes synchronously (a crash loses no line), its
// size-capped rotation needs no worker-thread transport to bundle; the sandboxed preload and the
// renderer need none of it (they log through the contract).
import { existsSync, readFileSync, renameSync, rmSync } from 'node:fs'
import { join, parse } from 'node:path'
import nodeLog from 'electron-log/node'
import type { LogFile, LogFunctions, LogMessage, NodeLogger } from 'electron-log'
import { describeValue, scrubText } from './scrub'

/** The logs folder inside the data folder. */
export const LOGS_DIR = 'logs'
/** The current log file; older ones are main.1.log (newest) … main.N.log. */
export const LOG_FILE = 'main.log'
/** A file is rotated past this size. */
export const LOG_MAX_BYTES = 1024 * 1024
/** Rotated files kept beside the current one. */
export const LOG_KEPT_FILES = 3

export interface ScopedLog {
  error(...values: unknown[]): void
  warn(...values: unknown[]): void
  info(...values: unknown[]): void
}

export interface FileOptions {
  maxBytes?: number
  keptFiles?: number
}

export interface AppLog extends ScopedLog {
  /** Lines tagged with where they come from (history, chat, renderer ...). */
  scope(name: string): ScopedLog
  /** Starts writing to `<dataDir>/logs/main.log`; returns the logs folder. */
  writeTo(dataDir: string, options?: FileOptions): string
  /** The logs folder once writing; null before. */
  readonly folder: string | null
  /** A secret (the API key) that never reaches a log line, whatever carries it. */
  addSecret(secret: string): void
  /** The secrets added so far, for other text leaving the app (the diagnostics). */
  readonly secrets: readonly string[]
  /** console.error/warn/info/log go to the log too (the shell's choice; tests keep their console). */
  captureConsole(): void
  /** The last `limit` error entries in the log files, oldest first (each its first lines). */
  recentErrors(limit: number): string[]
}

let instances = 0

/**
 * A log that writes nothing to disk until `writeTo`; its console shows warnings and errors
 * (none with `console: false`, as tests that check the file ask).
 */
export function createAppLog(options: { console?: boolean } = {}): AppLog {
  const secrets = new Set<string>()
  const logger: NodeLogger = nodeLog.create({ logId: `seed-chat-${++instances}` })
  logger.transports.file.level = false
  logger.transports.console.level = options.console === false ? false : 'warn'
  // No IPC or HTTP transport: lines from other processes arrive through the contract.
  for (const name of ['remote', 'ipc']) {
    const transport = logger.transports[name]
    if (transport) transport.level = false
  }
  logger.scope.labelPadding = false
  // Every value becomes scrubbed text before any transport sees it.
  logger.hooks.push(
    (message: LogMessage): LogMessage => ({
      ...message,
      data: [scrubText(message.data.map(describeValue).join(' '), secrets)]
    })
  )
  let folder: string | null = null

  const scoped = (target: LogFunctions): ScopedLog => ({
    error: (...values: unknown[]) => target.error(...values),
    warn: (...values: unknown[]) => target.warn(...values),
    info: (...values: unknown[]) => target.info(...values)
  })

  return {
    error: (...values) => logger.error(...values),
    warn: (...values) => logger.warn(...values),
    info: (...values) => logger.info(...values),
    scope: (name) => scoped(logger.scope(name)),
    get folder() {
      return folder
    },
    writeTo(dataDir, options = {}) {
      folder = join(dataDir, LOGS_DIR)
      const file = logger.transports.file
      const target = join(folder, LOG_FILE)
      const kept = options.keptFiles ?? LOG_KEPT_FILES
      file.resolvePathFn = () => target
      file.maxSize = options.maxBytes ?? LOG_MAX_BYTES
      file.archiveLogFn = (current: LogFile) => rotate(current.path, kept)
      file.level = 'info'
      return folder
    },
    addSecret(secret) {
      if (secret) secrets.add(secret)
    },
    get secrets() {
      return [...secrets]
    },
    captureConsole() {
      const { error, warn, info } = logger.functions
      Object.assign(console, { error, warn, info, log: info })
    },
    recentErrors(limit) {
      if (!folder) return []
      const files = Array.from({ length: LOG_KEPT_FILES + 1 }, (_, at) =>
        join(folder!, at === 0 ? LOG_FILE : `${parse(LOG_FILE).name}.${at}.log`)
      ).reverse()
      const errors = files.flatMap((path) =>
        entriesOf(path).filter((entry) => entry.includes('] [error]'))
      )
      return errors.slice(-limit)
    }
  }
}

/** main.log → main.1.log, main.1.log → main.2.log …; the oldest past `kept` is deleted. */
function rotate(path: string, kept: number): void {
  const { dir, name, ext } = parse(path)
  const numbered = (at: number): string => join(dir, `${name}.${at}${ext}`)
  rmSync(numbered(kept), { force: true })
  for (let at = kept - 1; at >= 1; at--) {
    if (existsSync(numbered(at))) renameSync(numbered(at), numbered(at + 1))
  }
  renameSync(path, numbered(1))
}

/** A log file's entries: a line starting with a [date] opens one; at most 6 lines of each. */
function entriesOf(path: string): string[] {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch {
    return []
  }
  const entries: string[][] = []
  for (const line of text.split(/\r?\n/)) {
    if (/^\[\d{4}-\d\d-\d\d /.test(line)) entries.push([line])
    else if (line && entries.length > 0) entries.at(-1)!.push(line)
  }
  return entries.map((lines) => lines.slice(0, 6).join('\n'))
}

/** The app's one log (main process, core, CLI); nothing is written to disk until `writeTo`. */
export const appLog: AppLog = createAppLog()
