// Whether the last run crashed: a crash dump written since it started (Electron's crashReporter
// keeps minidumps locally, never uploaded), or a history it left open (an unclean exit). Pure Node:
// the shell passes the folders and the history's shutdown state.
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { CrashNotice } from '../../shared/diagnostics'

/** The file in logs/ that records when the app last started (ms since the epoch). */
export const LAST_START_FILE = 'last-start'

/** Minidumps are a level or two down (Crashpad's completed/, pending/ …). */
const DUMP_DEPTH = 3

export interface CrashCheck {
  /** Electron's crash dump folder (app.getPath('crashDumps')). */
  dumpsFolder: string
  logsFolder: string
  /** What the history's shutdown record said before this start opened it. */
  lastShutdown: 'open' | 'closed' | 'check' | undefined
}

/** When the previous run started, from logs/last-start; null on a first start. */
export function readLastStart(logsFolder: string): number | null {
  try {
    const value = Number(readFileSync(join(logsFolder, LAST_START_FILE), 'utf8').trim())
    return Number.isFinite(value) && value > 0 ? value : null
  } catch {
    return null
  }
}

/** Records this start; a failure only means the next start compares with an older time. */
export function recordStart(logsFolder: string, now: number = Date.now()): void {
  try {
    mkdirSync(logsFolder, { recursive: true })
    writeFileSync(join(logsFolder, LAST_START_FILE), String(now))
  } catch {
    // an unwritable data folder is reported by the history's own checks
  }
}

/** The minidump files under `folder` modified after `since` (all of them when since is null). */
export function dumpsSince(folder: string, since: number | null, depth = DUMP_DEPTH): string[] {
  let names: string[]
  try {
    names = readdirSync(folder)
  } catch {
    return []
  }
  return names.flatMap((name) => {
    const path = join(folder, name)
    let stats: ReturnType<typeof statSync>
    try {
      stats = statSync(path)
    } catch {
      return []
    }
    if (stats.isDirectory()) return depth > 1 ? dumpsSince(path, since, depth - 1) : []
    if (!name.endsWith('.dmp')) return []
    return since === null || stats.mtimeMs > since ? [path] : []
  })
}

/**
 * The notice to show after a crash, or null after a clean run; records this start. A dump newer
 * than the previous start says the last run (or one of its processes) crashed; a history left
 * 'open' says it ended without closing it.
 */
export function checkLastRun(check: CrashCheck, now: number = Date.now()): CrashNotice | null {
  const previousStart = readLastStart(check.logsFolder)
  recordStart(check.logsFolder, now)
  // Without a record of the last start, only dumps are not enough to tell old from new.
  const dumps = previousStart === null ? [] : dumpsSince(check.dumpsFolder, previousStart)
  const base = { dumps: dumps.length, dumpsFolder: check.dumpsFolder, logsFolder: check.logsFolder }
  if (dumps.length > 0) return { reason: 'crash', ...base }
  if (check.lastShutdown === 'open') return { reason: 'unclean', ...base }
  return null
}
