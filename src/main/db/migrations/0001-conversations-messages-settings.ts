// 1: conversations, messages, settings.
import type Database from 'better-sqlite3'

/** Creates the conversations, messages and settings tables. */
export function createConversationsMessagesSettings(db: Database.Database): void {
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
}
