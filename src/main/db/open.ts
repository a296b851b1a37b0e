import Database from 'better-sqlite3'
import { closeSync, existsSync, mkdirSync, openSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import type { HistoryProblemKind, HistorySize } from '../../shared/types'
import { storageMessage, storageProblem } from '../storage'
import { backupDatabase } from './backup'
import { openDatabase, type HistoryDatabase } from './database'
import { quickCheckInWorker } from './integrity'
import { SCHEMA_VERSION } from './migrations'
import { hasShrunk, measureHistory, readSizeRecord } from './sizeRecord'

/** Why a history file was refused; the file itself is left exactly as it was. */
export interface HistoryProblem {
  problem: HistoryProblemKind
  detail: string
  /** The data folder, when it cannot be written (unwritable, full). */
  folder?: string
  /** shrunk: the size last recorded, and what the file holds. */
  expected?: HistorySize
  found?: HistorySize
}

export type OpenedHistory = { ok: true; db: HistoryDatabase } | ({ ok: false } & HistoryProblem)

/**
 * Checks the database before the app uses it: refuses one from a newer app version, or (with
 * `fullCheck`, after an unclean shutdown) one that fails SQLite's quick_check, and backs it up
 * before any migration touches it.
 */
export async function openHistory(
  file: string,
  backupDir: string,
  fullCheck = true
): Promise<OpenedHistory> {
  const folder = dirname(file)
  try {
    const unwritable = checkWritable(file)
    if (unwritable) return { ok: false, ...unwritable }
    if (existsSync(file)) {
      const checked = await inspect(file, backupDir, fullCheck)
      if (checked) return { ok: false, ...checked }
    } else {
      // A history that was there is gone: not made anew over its record without a word.
      const gone = shrunk(file, { conversations: 0, messages: 0 })
      if (gone) return { ok: false, ...gone }
    }
    return { ok: true, db: openDatabase(file) }
  } catch (error) {
    // A write refused half-way (SQLITE_READONLY, SQLITE_FULL, EROFS...): the same clear refusal.
    const problem = storageProblem(error)
    if (!problem) throw error
    return {
      ok: false,
      problem,
      folder,
      detail: `${storageMessage(problem, folder)} (${(error as Error).message})`
    }
  }
}

/**
 * Whether the data folder takes a new file and the database file opens for writing. Checked
 * first because SQLite opens an unwritable file read-only without a word, and fails later.
 */
function checkWritable(file: string): HistoryProblem | null {
  const folder = dirname(file)
  const probe = join(folder, `.write-check-${process.pid}`)
  try {
    mkdirSync(folder, { recursive: true })
    writeFileSync(probe, 'ok')
    rmSync(probe, { force: true })
    if (existsSync(file)) closeSync(openSync(file, 'r+'))
    return null
  } catch (error) {
    const problem = storageProblem(error)
    if (!problem) throw error
    rmSync(probe, { force: true })
    return {
      problem,
      folder,
      detail: `${storageMessage(problem, folder)} (${(error as Error).message})`
    }
  }
}

async function inspect(
  file: string,
  backupDir: string,
  fullCheck: boolean
): Promise<HistoryProblem | null> {
  let db: Database.Database | undefined
  try {
    // Read-only, so a refused file is not even checkpointed.
    db = new Database(file, { fileMustExist: true, readonly: true })
    const version = db.pragma('user_version', { simple: true }) as number
    if (version > SCHEMA_VERSION) {
      return {
        problem: 'newer',
        detail: `It was written by a newer version of the app (schema ${version}; this version knows ${SCHEMA_VERSION}).`
      }
    }
    // Reading the schema finds a damaged header or schema at once; pages need the full check.
    db.prepare('SELECT count(*) FROM sqlite_master').get()
    if (fullCheck) {
      // In a worker thread: the window stays responsive on its loading screen meanwhile.
      const check = await quickCheckInWorker(file)
      if (check !== 'ok') return { problem: 'damaged', detail: `SQLite's check failed: ${check}` }
    }
    const smaller = shrunk(file, measureHistory(db))
    if (smaller) return smaller
    if (version > 0 && version < SCHEMA_VERSION) {
      await backupDatabase(db, backupDir, `before-migration-${version + 1}`)
    }
    return null
  } catch (error) {
    const code = (error as { code?: string }).code
    if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
      return { problem: 'damaged', detail: (error as Error).message }
    }
    throw error
  } finally {
    db?.close()
  }
}

/** The problem when the history holds far less than its size record says (sizeRecord.ts). */
function shrunk(file: string, found: HistorySize): HistoryProblem | null {
  const expected = readSizeRecord(file)
  if (!expected || !hasShrunk(expected, found)) return null
  const size = (s: HistorySize) => `${s.conversations} conversations, ${s.messages} messages`
  return {
    problem: 'shrunk',
    detail: `The history holds ${size(found)}; it held ${size(expected)} when last recorded.`,
    expected: { conversations: expected.conversations, messages: expected.messages },
    found: { conversations: found.conversations, messages: found.messages }
  }
}
