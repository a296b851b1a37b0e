// 13: a project's files, documents every chat in the project sends as context. A row names a
// stored file (the content-addressed attachment store, by sha256) with the name shown and sent,
// and its place in the project's order; deleting the project deletes its rows. The file's text is
// the one document_text (migration 12) already keeps by content: it now stays while a message or
// a project uses the file, and goes when the last of them lets it go. A row keeps the estimated
// tokens of the file's text part, measured once when it is added (a request and the renderer's
// budget read them without going through the text).
import type Database from 'better-sqlite3'

/** Adds project_files, and keeps a document's text while a project still uses it. */
export function addProjectFiles(db: Database.Database): void {
  db.exec(`
    CREATE TABLE project_files (
      project_id INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
      sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
      name TEXT NOT NULL,
      mime TEXT NOT NULL,
      bytes INTEGER NOT NULL CHECK (bytes >= 0),
      tokens INTEGER NOT NULL CHECK (tokens >= 0),
      position INTEGER NOT NULL,
      added_at INTEGER NOT NULL,
      PRIMARY KEY (project_id, sha256)
    ) WITHOUT ROWID;
    CREATE INDEX project_files_by_sha256 ON project_files (sha256);

    DROP TRIGGER image_text_forget;
    CREATE TRIGGER image_text_forget AFTER DELETE ON message_attachments
    WHEN NOT EXISTS (SELECT 1 FROM message_attachments WHERE sha256 = old.sha256) BEGIN
      DELETE FROM image_text WHERE sha256 = old.sha256;
      DELETE FROM document_text WHERE sha256 = old.sha256
        AND NOT EXISTS (SELECT 1 FROM project_files WHERE sha256 = old.sha256);
    END;
    CREATE TRIGGER project_files_forget AFTER DELETE ON project_files
    WHEN NOT EXISTS (SELECT 1 FROM project_files WHERE sha256 = old.sha256)
      AND NOT EXISTS (SELECT 1 FROM message_attachments WHERE sha256 = old.sha256) BEGIN
      DELETE FROM document_text WHERE sha256 = old.sha256;
    END;
  `)
}
