// The prepared-statement cache every query module shares. A module of its own, so that table code
// (history, attachments, settings) needs nothing from the module that opens and migrates the file.
import type Database from 'better-sqlite3'

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
  if (!cache) {
    cache = new Map()
    statements.set(db, cache)
  }
  let statement = cache.get(sql)
  if (!statement) {
    statement = db.prepare(sql)
    cache.set(sql, statement)
  }
  return statement as unknown as Database.Statement<Params, Row>
}
