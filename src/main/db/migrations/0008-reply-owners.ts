// 8: which process streams each reply. The app and the CLI may stream into the same history at
// once; after an unclean exit the app marks replies left streaming as interrupted, but only those
// whose process is gone. A reply's owner row goes when the reply stops streaming.
import type Database from 'better-sqlite3'

/** Adds reply_owners: the process (pid, and its start time where the OS tells) of each streaming reply. */
export function addReplyOwners(db: Database.Database): void {
  db.exec(`
    CREATE TABLE reply_owners (
      message_id INTEGER PRIMARY KEY REFERENCES messages (id) ON DELETE CASCADE,
      pid INTEGER NOT NULL,
      process_started TEXT
    );
    CREATE TRIGGER reply_owners_release AFTER UPDATE OF status ON messages
    WHEN new.status <> 'streaming' BEGIN
      DELETE FROM reply_owners WHERE message_id = new.id;
    END;
  `)
}
