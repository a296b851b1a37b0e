// 7: a deleted conversation's or message's id is never given again (an id held elsewhere — a
// search result on screen, a jump target, a cache — must not come to mean another row).
// SQLite cannot add AUTOINCREMENT to a column: both tables are rebuilt as its documented
// procedure does (new table, copy, drop, rename), keeping every row with its id, every column in
// its place, and recreating the indexes and triggers of migrations 1 to 6. The search tables are
// keyed by these ids and stay as they are. migrateTo runs this with foreign_keys off (dropping the
// old tables must not cascade) and checks the foreign keys before it commits.
import type Database from 'better-sqlite3'

/** Rebuilds conversations and messages with AUTOINCREMENT ids, seeded with today's largest. */
export function makeIdsNeverReused(db: Database.Database): void {
  if (db.pragma('foreign_keys', { simple: true }) === 1) {
    throw new Error('Migration 7 rebuilds tables: it must run with foreign_keys off.')
  }
  db.exec(`
    CREATE TABLE conversations_new (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      title TEXT NOT NULL DEFAULT '',
      model TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      uid TEXT,
      pinned_at INTEGER,
      params TEXT NOT NULL DEFAULT '{}',
      current_leaf_id INTEGER
    );
    INSERT INTO conversations_new
      (id, title, model, created_at, updated_at, uid, pinned_at, params, current_leaf_id)
    SELECT id, title, model, created_at, updated_at, uid, pinned_at, params, current_leaf_id
    FROM conversations;

    CREATE TABLE messages_new (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
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
      created_at INTEGER NOT NULL,
      uid TEXT,
      params TEXT,
      parent_id INTEGER,
      reasoning_ms INTEGER
    );
    INSERT INTO messages_new
      (id, conversation_id, role, content, reasoning, status, model, finish_reason, prompt_tokens,
       completion_tokens, reasoning_tokens, error, created_at, uid, params, parent_id, reasoning_ms)
    SELECT id, conversation_id, role, content, reasoning, status, model, finish_reason, prompt_tokens,
       completion_tokens, reasoning_tokens, error, created_at, uid, params, parent_id, reasoning_ms
    FROM messages;

    -- Dropping a table drops its indexes and triggers; message_attachments' trigger reads
    -- messages, so it goes too and comes back below, as migration 4 wrote it.
    DROP TRIGGER message_attachments_search;
    DROP TABLE messages;
    DROP TABLE conversations;
    ALTER TABLE conversations_new RENAME TO conversations;
    ALTER TABLE messages_new RENAME TO messages;

    -- The largest ids so far: the next ones start above them even if those rows go.
    DELETE FROM sqlite_sequence WHERE name IN ('conversations', 'messages');
    INSERT INTO sqlite_sequence (name, seq)
      SELECT 'conversations', coalesce(max(id), 0) FROM conversations;
    INSERT INTO sqlite_sequence (name, seq) SELECT 'messages', coalesce(max(id), 0) FROM messages;

    -- Migration 1.
    CREATE INDEX conversations_by_activity ON conversations (updated_at DESC, id DESC);
    CREATE INDEX messages_by_conversation ON messages (conversation_id, id);

    -- Migration 2 (messages_search_update as migration 4 rewrote it).
    CREATE TRIGGER messages_search_insert AFTER INSERT ON messages BEGIN
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
    CREATE INDEX messages_by_time ON messages (created_at);

    -- Migration 3.
    CREATE UNIQUE INDEX conversations_by_uid ON conversations (uid);
    CREATE UNIQUE INDEX messages_by_uid ON messages (uid);
    CREATE INDEX conversations_pinned ON conversations (pinned_at DESC) WHERE pinned_at IS NOT NULL;
    CREATE TRIGGER conversations_uid AFTER INSERT ON conversations WHEN new.uid IS NULL BEGIN
      UPDATE conversations SET uid = lower(hex(randomblob(16))) WHERE id = new.id;
    END;
    CREATE TRIGGER messages_uid AFTER INSERT ON messages WHEN new.uid IS NULL BEGIN
      UPDATE messages SET uid = lower(hex(randomblob(16))) WHERE id = new.id;
    END;

    -- Migration 4.
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

    -- Migration 6.
    CREATE INDEX messages_by_parent ON messages (conversation_id, parent_id, id);
  `)
}
