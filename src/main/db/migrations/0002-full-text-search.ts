// 2: full-text search over messages (content, reasoning) and conversation titles. docs/search.md
// explains the tokens: search_text() (registered in openDatabase) folds case, diacritics and
// width and cuts CJK into pairs; the ascii tokenizer then only splits on the spaces it wrote.
// Contentless tables: the text lives in messages/conversations; contentless_delete lets the
// triggers delete a row by rowid alone. `attachments` is empty until attachments are searchable:
// the migration that adds them fills it and recreates the message triggers.
import type Database from 'better-sqlite3'

/** Adds the search tables and their triggers, and indexes the rows already there. */
export function addFullTextSearch(db: Database.Database): void {
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
}
