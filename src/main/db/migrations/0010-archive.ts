// 10: archived conversations. archived_at (milliseconds) is set while a conversation is archived:
// the sidebar's list leaves it out, search leaves it out unless asked to include archived ones.
// The list the sidebar pages through gets a partial index over the conversations not archived,
// and the archived ones get their own (most recently archived first).
import type Database from 'better-sqlite3'

/** Adds conversations.archived_at and the indexes the lists need. */
export function addArchive(db: Database.Database): void {
  db.exec(`
    ALTER TABLE conversations ADD COLUMN archived_at INTEGER;
    CREATE INDEX conversations_listed ON conversations (updated_at DESC, id DESC)
      WHERE archived_at IS NULL;
    CREATE INDEX conversations_archived ON conversations (archived_at DESC, id DESC)
      WHERE archived_at IS NOT NULL;
  `)
}
