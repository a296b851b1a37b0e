// 12: documents (PDF, DOCX, plain text of every kind) attached to messages, sent as their text.
// message_attachments' kind gains 'document': SQLite cannot change a CHECK, so the table is
// rebuilt as its documented procedure does (new table, copy, drop, rename), every row and column
// kept, its index and the triggers that read it recreated. The text extracted from a document is
// stored once by content (document_text) and search sees it: a message's `attachments` search
// column holds its attachments' names, the text read in its images, then its documents' text.
// The text goes when the last message carrying the document does. migrateTo runs this with
// foreign_keys off and checks them before it commits.
import type Database from 'better-sqlite3'

/** Lets messages carry documents, adds document_text and indexes it with the messages. */
export function addDocumentText(db: Database.Database): void {
  if (db.pragma('foreign_keys', { simple: true }) === 1) {
    throw new Error('Migration 12 rebuilds a table: it must run with foreign_keys off.')
  }
  // The attachments column of message X: names, each read image's text, each document's text.
  const attachmentsOf = (message: string) =>
    `search_text((SELECT coalesce(group_concat(a.name || coalesce(' ' || t.text, '')
        || coalesce(' ' || d.text, ''), ' '), '')
      FROM message_attachments a
      LEFT JOIN image_text t ON t.sha256 = a.sha256 AND t.status = 'done'
      LEFT JOIN document_text d ON d.sha256 = a.sha256
      WHERE a.message_id = ${message}))`
  db.exec(`
    CREATE TABLE document_text (
      sha256 TEXT PRIMARY KEY CHECK (length(sha256) = 64),
      format TEXT NOT NULL,
      text TEXT NOT NULL,
      pages INTEGER CHECK (pages IS NULL OR pages >= 0),
      extracted_at INTEGER NOT NULL
    ) WITHOUT ROWID;

    -- Every trigger whose body reads message_attachments goes first (the rename below checks
    -- them), and comes back after it.
    DROP TRIGGER messages_search_update;
    DROP TRIGGER message_attachments_search;
    DROP TRIGGER image_text_search;
    DROP TRIGGER image_text_forget;

    CREATE TABLE message_attachments_new (
      message_id INTEGER NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
      ordinal INTEGER NOT NULL CHECK (ordinal >= 0),
      sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
      kind TEXT NOT NULL CHECK (kind IN ('image', 'video', 'document')),
      name TEXT NOT NULL DEFAULT '',
      mime TEXT NOT NULL,
      bytes INTEGER NOT NULL CHECK (bytes >= 0),
      width INTEGER,
      height INTEGER,
      duration_seconds REAL,
      fps REAL,
      PRIMARY KEY (message_id, ordinal)
    ) WITHOUT ROWID;
    INSERT INTO message_attachments_new
      (message_id, ordinal, sha256, kind, name, mime, bytes, width, height, duration_seconds, fps)
    SELECT message_id, ordinal, sha256, kind, name, mime, bytes, width, height, duration_seconds, fps
    FROM message_attachments;
    DROP TABLE message_attachments;
    ALTER TABLE message_attachments_new RENAME TO message_attachments;
    CREATE INDEX message_attachments_by_sha256 ON message_attachments (sha256);

    CREATE TRIGGER messages_search_update AFTER UPDATE OF content, reasoning ON messages
    WHEN old.content IS NOT new.content OR old.reasoning IS NOT new.reasoning BEGIN
      DELETE FROM message_search WHERE rowid = old.id;
      INSERT INTO message_search (rowid, content, reasoning, attachments)
      VALUES (new.id, search_text(new.content), search_text(new.reasoning), ${attachmentsOf('new.id')});
    END;
    CREATE TRIGGER message_attachments_search AFTER INSERT ON message_attachments BEGIN
      DELETE FROM message_search WHERE rowid = new.message_id;
      INSERT INTO message_search (rowid, content, reasoning, attachments)
      SELECT m.id, search_text(m.content), search_text(m.reasoning), ${attachmentsOf('m.id')}
      FROM messages m WHERE m.id = new.message_id;
    END;
    CREATE TRIGGER image_text_search AFTER INSERT ON image_text
    WHEN new.status = 'done' AND new.text <> '' BEGIN
      DELETE FROM message_search
      WHERE rowid IN (SELECT message_id FROM message_attachments WHERE sha256 = new.sha256);
      INSERT INTO message_search (rowid, content, reasoning, attachments)
      SELECT m.id, search_text(m.content), search_text(m.reasoning), ${attachmentsOf('m.id')}
      FROM messages m
      WHERE m.id IN (SELECT message_id FROM message_attachments WHERE sha256 = new.sha256);
    END;
    CREATE TRIGGER document_text_search AFTER INSERT ON document_text
    WHEN new.text <> '' BEGIN
      DELETE FROM message_search
      WHERE rowid IN (SELECT message_id FROM message_attachments WHERE sha256 = new.sha256);
      INSERT INTO message_search (rowid, content, reasoning, attachments)
      SELECT m.id, search_text(m.content), search_text(m.reasoning), ${attachmentsOf('m.id')}
      FROM messages m
      WHERE m.id IN (SELECT message_id FROM message_attachments WHERE sha256 = new.sha256);
    END;
    -- The text of an image or document no message carries any more goes with it.
    CREATE TRIGGER image_text_forget AFTER DELETE ON message_attachments
    WHEN NOT EXISTS (SELECT 1 FROM message_attachments WHERE sha256 = old.sha256) BEGIN
      DELETE FROM image_text WHERE sha256 = old.sha256;
      DELETE FROM document_text WHERE sha256 = old.sha256;
    END;
  `)
}
