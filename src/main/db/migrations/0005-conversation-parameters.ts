// 5: request parameters (system prompt, temperature, top_p, max_tokens, stop, thinking,
// reasoning_effort, history turns) per conversation, and on each reply the parameters that
// produced it. JSON text; '{}' = every parameter at its default (not sent).
import type Database from 'better-sqlite3'

/** Adds conversation parameters and the parameters each reply was made with. */
export function addConversationParameters(db: Database.Database): void {
  db.exec(`
    ALTER TABLE conversations ADD COLUMN params TEXT NOT NULL DEFAULT '{}';
    ALTER TABLE messages ADD COLUMN params TEXT;
  `)
}
