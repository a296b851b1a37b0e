// 3: a uid on every conversation and message, so an import never duplicates what is there;
// pinned conversations. ALTER TABLE cannot default to a random value: a trigger fills new rows.
import type Database from 'better-sqlite3'

/** Gives every conversation and message a uid; adds pinning. */
export function addUidsAndPins(db: Database.Database): void {
  db.exec(`
    ALTER TABLE conversations ADD COLUMN uid TEXT;
    ALTER TABLE conversations ADD COLUMN pinned_at INTEGER;
    ALTER TABLE messages ADD COLUMN uid TEXT;
    UPDATE conversations SET uid = lower(hex(randomblob(16)));
    UPDATE messages SET uid = lower(hex(randomblob(16)));
    CREATE UNIQUE INDEX conversations_by_uid ON conversations (uid);
    CREATE UNIQUE INDEX messages_by_uid ON messages (uid);
    CREATE INDEX conversations_pinned ON conversations (pinned_at DESC) WHERE pinned_at IS NOT NULL;
    CREATE TRIGGER conversations_uid AFTER INSERT ON conversations WHEN new.uid IS NULL BEGIN
      UPDATE conversations SET uid = lower(hex(randomblob(16))) WHERE id = new.id;
    END;
    CREATE TRIGGER messages_uid AFTER INSERT ON messages WHEN new.uid IS NULL BEGIN
      UPDATE messages SET uid = lower(hex(randomblob(16))) WHERE id = new.id;
    END;
  `)
}
