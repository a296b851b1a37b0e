import Database from 'better-sqlite3'
import { existsSync } from 'node:fs'
import { backupDatabase } from './backup'
import { openDatabase, type HistoryDatabase } from './database'
import { quickCheckInWorker } from './integrity'
import { SCHEMA_VERSION } from './migrations'

/** Why a history file was refused; the file itself is left exactly as it was. */
export interface HistoryProblem {
  problem: 'newer' | 'damaged'
  detail: string
}

export type OpenedHistory = { ok: true; db: HistoryDatabase } | ({ ok: false } & HistoryProblem)

/**
 * Checks the database before the app uses it: refuses one from a newer app version, or (with
 * `fullCheck`, after an unclean shutdown) one that fails SQLite's quick_check, and backs it up
 * before any migration touches it.
 */
export async function openHistory(file: string, backupDir: string, fullCheck = true): Promise<OpenedHistory> {
  if (existsSync(file)) {
    const checked = await inspect(file, backupDir, fullCheck)
    if (checked) return { ok: false, ...checked }
  }
  return { ok: true, db: openDatabase(file) }
}

async function inspect(file: string, backupDir: string, fullCheck: boolean): Promise<HistoryProblem | null> {
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
