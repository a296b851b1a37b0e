// Migration 16: the ids written on each day, so that a date filter bounds a search's ids without
// scanning the time index over the range (docs/search.md, "Filters: which side drives").
// Frozen: never edit it once released; a later change is a new migration.
import type Database from 'better-sqlite3'

/** Adds message_days, filled from the messages there are and kept by a trigger. */
export function addMessageDays(db: Database.Database): void {
  db.exec(`
    -- For each UTC day (every time before 1970 counts as day 0; the CAST truncates a time that is
    -- not a whole number of milliseconds), the lowest and highest id of
    -- the messages written on it. A deleted message stays counted: ids are never reused, so the
    -- range still holds every message of the day, which is all a bound needs.
    CREATE TABLE message_days (
      day INTEGER PRIMARY KEY,
      low_id INTEGER NOT NULL,
      high_id INTEGER NOT NULL
    );
    INSERT INTO message_days (day, low_id, high_id)
      SELECT CAST(max(created_at, 0) / 86400000 AS INTEGER), min(id), max(id) FROM messages
      GROUP BY 1;
    CREATE TRIGGER message_days_insert AFTER INSERT ON messages BEGIN
      INSERT INTO message_days (day, low_id, high_id)
        VALUES (CAST(max(new.created_at, 0) / 86400000 AS INTEGER), new.id, new.id)
        ON CONFLICT (day) DO UPDATE SET
          low_id = min(low_id, excluded.low_id), high_id = max(high_id, excluded.high_id);
    END;
    CREATE TRIGGER message_days_update AFTER UPDATE OF created_at ON messages BEGIN
      INSERT INTO message_days (day, low_id, high_id)
        VALUES (CAST(max(new.created_at, 0) / 86400000 AS INTEGER), new.id, new.id)
        ON CONFLICT (day) DO UPDATE SET
          low_id = min(low_id, excluded.low_id), high_id = max(high_id, excluded.high_id);
    END;
  `)
}
