// 9: the text recognized in images (PaddleOCR, offline), one row per image content, and search
// sees it: a message's `attachments` search column holds its attachments' names followed by the
// text read from its images. Nothing is re-indexed here (no image has been read yet); reading an
// image re-indexes the messages that carry it, through image_text_search below; the text goes
// when the last message carrying the image does.
import type Database from 'better-sqlite3'

/** Adds image_text and makes the message search triggers index the text of a message's images. */
export function addImageText(db: Database.Database): void {
  // The attachments column of message X: names, then each read image's text.
  const attachmentsOf = (message: string) =>
    `search_text((SELECT coalesce(group_concat(a.name || coalesce(' ' || t.text, ''), ' '), '')
      FROM message_attachments a LEFT JOIN image_text t ON t.sha256 = a.sha256 AND t.status = 'done'
      WHERE a.message_id = ${message}))`
  db.exec(`
    CREATE TABLE image_text (
      sha256 TEXT PRIMARY KEY CHECK (length(sha256) = 64),
      status TEXT NOT NULL CHECK (status IN ('done', 'failed')),
      text TEXT NOT NULL DEFAULT '',
      recognized_at INTEGER NOT NULL
    ) WITHOUT ROWID;

    DROP TRIGGER messages_search_update;
    CREATE TRIGGER messages_search_update AFTER UPDATE OF content, reasoning ON messages
    WHEN old.content IS NOT new.content OR old.reasoning IS NOT new.reasoning BEGIN
      DELETE FROM message_search WHERE rowid = old.id;
      INSERT INTO message_search (rowid, content, reasoning, attachments)
      VALUES (new.id, search_text(new.content), search_text(new.reasoning), ${attachmentsOf('new.id')});
    END;
    DROP TRIGGER message_attachments_search;
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
    -- The text of an image no message carries any more goes with it (deleted conversations keep
    -- nothing of their images).
    CREATE TRIGGER image_text_forget AFTER DELETE ON message_attachments
    WHEN NOT EXISTS (SELECT 1 FROM message_attachments WHERE sha256 = old.sha256) BEGIN
      DELETE FROM image_text WHERE sha256 = old.sha256;
    END;
  `)
}
