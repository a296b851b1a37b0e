// 11: projects, named groups of chats with their own instructions (a system prompt that goes before
// every chat's own), a default model and default parameters for a new chat in them, and an order
// the user chooses. A conversation belongs to one project or to none; deleting a project leaves
// its conversations where they are, outside any project (the app deletes them first when the user
// asks for that). A project's files are not here (they come with documents).
import type Database from 'better-sqlite3'

/** Adds projects and the project of each conversation. */
export function addProjects(db: Database.Database): void {
  db.exec(`
    CREATE TABLE projects (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      uid TEXT NOT NULL UNIQUE DEFAULT (lower(hex(randomblob(16)))),
      name TEXT NOT NULL,
      instructions TEXT NOT NULL DEFAULT '',
      default_model TEXT,
      default_params TEXT NOT NULL DEFAULT '{}',
      position INTEGER NOT NULL,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    );
    CREATE INDEX projects_by_position ON projects (position, id);
    ALTER TABLE conversations ADD COLUMN project_id INTEGER
      REFERENCES projects (id) ON DELETE SET NULL;
    CREATE INDEX conversations_by_project ON conversations (project_id, updated_at DESC, id DESC)
      WHERE project_id IS NOT NULL;
  `)
}
