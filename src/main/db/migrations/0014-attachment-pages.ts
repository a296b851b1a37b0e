// 14: a PDF sent in part. When a document does not fit the model's context the user may send only
// some of its pages; the message keeps which (`1-5, 9`), so that every request built from it
// later (regenerate, a reply further on, an export) sends the same pages. NULL: all of it, as
// every attachment stored before this migration was sent. A column added in place: no rebuild,
// no trigger reads it.
import type Database from 'better-sqlite3'

/** Adds message_attachments.pages, the pages of a document sent (NULL: all). */
export function addAttachmentPages(db: Database.Database): void {
  db.exec(`
    ALTER TABLE message_attachments ADD COLUMN pages TEXT
      CHECK (pages IS NULL OR (length(pages) BETWEEN 1 AND 2000 AND kind = 'document'));
  `)
}
