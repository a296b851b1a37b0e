import Database from 'better-sqlite3'
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { AppError } from '../errors'
import { SCHEMA_VERSION, migrateTo } from './migrations'
import { registerSearchFunctions } from './searchText'

export type HistoryDatabase = Database.Database

/**
 * Opens (or creates) the history database and applies pending migrations in one transaction.
 * A database written by a newer app version is refused, never touched.
 */
export function openDatabase(file: string): HistoryDatabase {
  mkdirSync(dirname(file), { recursive: true })
  const db = new Database(file)
  try {
    const version = db.pragma('user_version', { simple: true }) as number
    if (version > SCHEMA_VERSION) {
      throw new AppError(
        'internal',
        `The history database was written by a newer version of the app (schema ${version}, this app knows ${SCHEMA_VERSION}). Update the app; the file was left untouched.`
      )
    }
    db.pragma('journal_mode = WAL')
    // Every commit reaches the disk before it is reported done (docs/durability.md); a streaming
    // reply's periodic saves alone run at NORMAL (writeLightly).
    db.pragma('synchronous = FULL')
    db.pragma('foreign_keys = ON')
    // The search triggers call search_text(): it must exist on every connection that writes.
    registerSearchFunctions(db)
    migrateTo(db, SCHEMA_VERSION)
    return db
  } catch (error) {
    db.close()
    throw error
  }
}

/**
 * Runs a write that a crash may lose (a streaming reply's periodic save) at synchronous=NORMAL:
 * about a tenth of a FULL commit's cost, and the reply's final FULL commit syncs it with the rest.
 */
export function writeLightly<T>(db: HistoryDatabase, write: () => T): T {
  // Inside a transaction the commit is the caller's: it keeps its own level.
  if (db.inTransaction) return write()
  db.pragma('synchronous = NORMAL')
  try {
    return write()
  } finally {
    db.pragma('synchronous = FULL')
  }
}
