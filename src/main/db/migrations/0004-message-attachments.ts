// 4: attachments of messages (files live content-addressed in <dataDir>/attachments); their
// names join the message's search row. The table's SQL is as attachments/records.ts had it when
// this migration was written (IF NOT EXISTS included).
import type Database from 'better-sqlite3'

/** Adds the message_attachments table; attachment names join the message's search row. */
export function addMessageAttachments(db: Database.Database): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS message_attachments (
      message_id INTEGER NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
      ordinal INTEGER NOT NULL CHECK (ordinal >= 0),
      sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
      kind TEXT NOT NULL CHECK (kind IN ('image', 'video')),
      name TEXT NOT NULL DEFAULT '',
      mime TEXT NOT NULL,
      bytes INTEGER NOT NULL CHECK (bytes >= 0),
      width INTEGER,
      height INTEGER,
      duration_seconds REAL,
      fps REAL,
      PRIMARY KEY (message_id, ordinal)
    ) WITHOUT ROWID;
    CREATE INDEX IF NOT EXISTS message_attachments_by_sha256 ON message_attachments (sha256);

    DROP TRIGGER messages_search_update;
    CREATE TRIGGER messages_search_update AFTER UPDATE OF content, reasoning ON messages
    WHEN old.content IS NOT new.content OR old.reasoning IS NOT new.reasoning BEGIN
      DELETE FROM message_search WHERE rowid = old.id;
      INSERT INTO message_search (rowid, content, reasoning, attachments)
      VALUES (new.id, search_text(new.content), search_text(new.reasoning), search_text(
        (SELECT coalesce(group_concat(name, ' '), '') FROM message_attachments WHERE message_id = new.id)));
    END;
    CREATE TRIGGER message_attachments_search AFTER INSERT ON message_attachments BEGIN
      DELETE FROM message_search WHERE rowid = new.message_id;
      INSERT INTO message_search (rowid, content, reasoning, attachments)
      SELECT m.id, search_text(m.content), search_text(m.reasoning), search_text(
        (SELECT group_concat(name, ' ') FROM message_attachments WHERE message_id = m.id))
      FROM messages m WHERE m.id = new.message_id;
    END;
  `)
}
