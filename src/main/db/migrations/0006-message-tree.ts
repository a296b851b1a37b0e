// 6: history becomes a tree. Each message knows its parent (the message it answers or follows),
// a conversation knows its current leaf; the conversation shown and sent is the path from the
// root to that leaf. Regenerating a reply or editing a question adds a sibling (same parent).
// Existing conversations are linear: each message's parent is the one before it, the leaf the
// last. Replies also record how long the model reasoned (reasoning_ms).
import type Database from 'better-sqlite3'

/** Adds parents, current leaves and reasoning time; links existing messages in order. */
export function addMessageTree(db: Database.Database): void {
  db.exec(`
    ALTER TABLE messages ADD COLUMN parent_id INTEGER;
    ALTER TABLE messages ADD COLUMN reasoning_ms INTEGER;
    ALTER TABLE conversations ADD COLUMN current_leaf_id INTEGER;
    UPDATE messages SET parent_id = (
      SELECT max(p.id) FROM messages p WHERE p.conversation_id = messages.conversation_id AND p.id < messages.id
    );
    UPDATE conversations SET current_leaf_id = (
      SELECT max(m.id) FROM messages m WHERE m.conversation_id = conversations.id
    );
    CREATE INDEX messages_by_parent ON messages (conversation_id, parent_id, id);
  `)
}
