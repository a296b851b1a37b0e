import Database from 'better-sqlite3'
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { AppError } from '../errors'
import { SCHEMA_VERSION, migrations } from './migrations'
import { registerSearchFunctions } from './searchText'

export type HistoryDatabase = Database.Database

const statements = new WeakMap<Database.Database, Map<string, Database.Statement>>()

/**
 * The prepared statement for `sql` on this connection, made once and reused. better-sqlite3 frees
 * a statement only after the event loop turns, so preparing one per call inside a long
 * synchronous loop (an export of every conversation) would pile them up.
 */
export function prepared<Params extends unknown[] | object = unknown[], Row = unknown>(
  db: Database.Database,
  sql: string
): Database.Statement<Params, Row> {
  let cache = statements.get(db)
  if (!cache) statements.set(db, (cache = new Map()))
  let statement = cache.get(sql)
  if (!statement) cache.set(sql, (statement = db.prepare(sql)))
  return statement as unknown as Database.Statement<Params, Row>
}

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
    db.pragma('synchronous = NORMAL')
    db.pragma('foreign_keys = ON')
    // The search triggers call search_text(): it must exist on every connection that writes.
    registerSearchFunctions(db)
    migrate(db, version)
    return db
  } catch (error) {
    db.close()
    throw error
  }
}

function migrate(db: HistoryDatabase, from: number): void {
  if (from === SCHEMA_VERSION) return
  db.transaction(() => {
    for (let version = from; version < SCHEMA_VERSION; version++) migrations[version](db)
    db.pragma(`user_version = ${SCHEMA_VERSION}`)
  })()
}
