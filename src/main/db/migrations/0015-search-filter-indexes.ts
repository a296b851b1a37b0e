// Migration 15: indexes for filtered search (docs/search.md, "Filters: which side drives").
// Frozen: never edit it once released; a later change is a new migration. Numbered 15 after
// migrations 13 and 14, which land on other branches; it needs nothing from them.
import type Database from 'better-sqlite3'

/** Adds the indexes that filtered search reads. */
export function addSearchFilterIndexes(db: Database.Database): void {
  db.exec(`
    -- What a search hit is checked against, by message id: a small covering index, so checking
    -- a walked hit reads a few index pages instead of the message's row with its whole text.
    CREATE INDEX messages_search_facets ON messages (id, conversation_id, role, model, created_at);
    -- The messages a model wrote, and the conversations of a model (a user message counts as its
    -- conversation's model): candidates for a model used rarely.
    CREATE INDEX messages_by_model ON messages (model, id) WHERE model IS NOT NULL;
    CREATE INDEX conversations_by_model ON conversations (model);
    -- The messages that carry an image, or a file: candidates for "has".
    CREATE INDEX message_attachments_by_kind ON message_attachments (kind, message_id);
  `)
}
