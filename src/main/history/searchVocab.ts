// The words of a full-text index by prefix, for search.ts: a query names the words a prefix
// stands for instead of asking FTS5 for the prefix (searchQuery.ts's ExpandPrefix says why).
import type { HistoryDatabase } from '../db/database'
import type { ExpandPrefix } from './searchQuery'

/** Most words a long prefix is expanded to; beyond that FTS5 merges the prefix itself. */
const MAX_PREFIX_WORDS = 64
// The highest code point: every word that starts with a prefix sorts below prefix + this.
const AFTER_EVERY_WORD = '\u{10ffff}'

/** Lists an FTS table's words by prefix, through a per-connection fts5vocab table. */
export function prefixExpander(
  db: HistoryDatabase,
  table: 'message_search' | 'conversation_search'
): ExpandPrefix {
  return (prefix) => {
    // A temp table lives with the connection and never touches the file's schema.
    db.exec(
      `CREATE VIRTUAL TABLE IF NOT EXISTS temp.${table}_vocab USING fts5vocab(main, ${table}, 'row')`
    )
    const words = db
      .prepare<[string, string, number], string>(
        `SELECT term FROM temp.${table}_vocab WHERE term >= ? AND term < ? LIMIT ?`
      )
      .pluck()
      .all(prefix, prefix + AFTER_EVERY_WORD, MAX_PREFIX_WORDS + 1)
      .filter((word) => word.startsWith(prefix))
    return words.length > MAX_PREFIX_WORDS ? null : words
  }
}
