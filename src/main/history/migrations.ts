import type Database from 'better-sqlite3'
import { createAttachmentTables } from '../attachments/records'

/** Numbered schema changes; the database's `user_version` is the number of the last one applied. */
export const migrations: ReadonlyArray<(db: Database.Database) => void> = [
  // 1: conversations, messages, settings
  (db) => {
    db.exec(`
      CREATE TABLE conversations (
        id INTEGER PRIMARY KEY,
        title TEXT NOT NULL DEFAULT '',
        model TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE INDEX conversations_by_activity ON conversations (updated_at DESC, id DESC);

      CREATE TABLE messages (
        id INTEGER PRIMARY KEY,
        conversation_id INTEGER NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
        role TEXT NOT NULL CHECK (role IN ('user', 'assistant')),
        content TEXT NOT NULL DEFAULT '',
        reasoning TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL CHECK (status IN ('streaming', 'done', 'stopped', 'error', 'interrupted')),
        model TEXT,
        finish_reason TEXT,
        prompt_tokens INTEGER,
        completion_tokens INTEGER,
        reasoning_tokens INTEGER,
        error TEXT,
        created_at INTEGER NOT NULL
      );
      CREATE INDEX messages_by_conversation ON messages (conversation_id, id);

      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );
    `)
  },

  // 2: full-text search over messages (content, reasoning) and conversation titles. docs/search.md
  // explains the tokens: search_text() (registered in openDatabase) folds case, diacritics and
  // width and cuts CJK into pairs; the ascii tokenizer then only splits on the spaces it wrote.
  // Contentless tables: the text lives in messages/conversations; contentless_delete lets the
  // triggers delete a row by rowid alone. `attachments` is empty until attachments are searchable:
  // the migration that adds them fills it and recreates the message triggers.
  (db) => {
    db.exec(`
      CREATE VIRTUAL TABLE message_search USING fts5 (
        content, reasoning, attachments,
        content = '', contentless_delete = 1, tokenize = 'ascii', prefix = '1 2 3'
      );
      CREATE VIRTUAL TABLE conversation_search USING fts5 (
        title,
        content = '', contentless_delete = 1, tokenize = 'ascii', prefix = '1 2 3'
      );

      CREATE TRIGGER messages_search_insert AFTER INSERT ON messages BEGIN
        INSERT INTO message_search (rowid, content, reasoning, attachments)
        VALUES (new.id, search_text(new.content), search_text(new.reasoning), '');
      END;
      -- Streaming replies are appended to every ~250 ms: each append re-indexes the message.
      CREATE TRIGGER messages_search_update AFTER UPDATE OF content, reasoning ON messages
      WHEN old.content IS NOT new.content OR old.reasoning IS NOT new.reasoning BEGIN
        DELETE FROM message_search WHERE rowid = old.id;
        INSERT INTO message_search (rowid, content, reasoning, attachments)
        VALUES (new.id, search_text(new.content), search_text(new.reasoning), '');
      END;
      CREATE TRIGGER messages_search_delete AFTER DELETE ON messages BEGIN
        DELETE FROM message_search WHERE rowid = old.id;
      END;

      CREATE TRIGGER conversations_search_insert AFTER INSERT ON conversations BEGIN
        INSERT INTO conversation_search (rowid, title) VALUES (new.id, search_text(new.title));
      END;
      CREATE TRIGGER conversations_search_update AFTER UPDATE OF title ON conversations
      WHEN old.title IS NOT new.title BEGIN
        DELETE FROM conversation_search WHERE rowid = old.id;
        INSERT INTO conversation_search (rowid, title) VALUES (new.id, search_text(new.title));
      END;
      CREATE TRIGGER conversations_search_delete AFTER DELETE ON conversations BEGIN
        DELETE FROM conversation_search WHERE rowid = old.id;
      END;

      -- A date filter turns into a range of message ids that the FTS walk can skip to.
      CREATE INDEX messages_by_time ON messages (created_at);

      INSERT INTO message_search (rowid, content, reasoning, attachments)
      SELECT id, search_text(content), search_text(reasoning), '' FROM messages;
      INSERT INTO conversation_search (rowid, title) SELECT id, search_text(title) FROM conversations;
    `)
  },

  // 3: a uid on every conversation and message, so an import never duplicates what is there;
  // pinned conversations. ALTER TABLE cannot default to a random value: a trigger fills new rows.
  (db) => {
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
  },

  // 4: attachments of messages (files live content-addressed in <dataDir>/attachments); their
  // names join the message's search row.
  (db) => {
    createAttachmentTables(db)
    db.exec(`
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
]

export const SCHEMA_VERSION = migrations.length
