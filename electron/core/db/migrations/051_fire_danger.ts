import type { Migration } from './types';

/**
 * Daily forest fire danger ratings (DOMAIN.md §5.4): the weather bureau's official level, or an estimate from the
 * day's weather. Append-only; the latest entry of each kind for a date is the one in force.
 */
export const m051FireDanger: Migration = {
  id: 51,
  name: 'fire_danger',
  up(db) {
    db.exec(`
      CREATE TABLE fire_danger_entries (
        id           INTEGER PRIMARY KEY,
        date         TEXT NOT NULL,
        kind         TEXT NOT NULL CHECK (kind IN ('official','estimated')),
        level        INTEGER NOT NULL CHECK (level BETWEEN 1 AND 5),
        source       TEXT,
        danger_index INTEGER CHECK (danger_index BETWEEN 0 AND 100),
        weather_json TEXT,
        actor        TEXT NOT NULL,
        recorded_at  TEXT NOT NULL
      ) STRICT;
      CREATE INDEX fire_danger_entries_date ON fire_danger_entries(date, kind, id);
      CREATE TRIGGER fire_danger_no_update BEFORE UPDATE ON fire_danger_entries BEGIN SELECT RAISE(ABORT, 'fire_danger_entries is append-only'); END;
      CREATE TRIGGER fire_danger_no_delete BEFORE DELETE ON fire_danger_entries BEGIN SELECT RAISE(ABORT, 'fire_danger_entries is append-only'); END;
    `);
  },
};
