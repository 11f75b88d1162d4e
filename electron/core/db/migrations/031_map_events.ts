import type { Migration } from './types';

/**
 * Every change to a map feature, append-only: who, when (UTC), what (add / update / move / delete, import, seed),
 * the feature before and after (GeoJSON Feature as JSON, null for none). Written in the same transaction as the change
 * itself by electron/core/map/store.ts; triggers refuse UPDATE and DELETE so history cannot be rewritten through SQL
 * the console issues.
 */
export const m031MapEvents: Migration = {
  id: 31,
  name: 'map_events',
  up(db) {
    db.exec(`
      CREATE TABLE map_events (
        seq         INTEGER PRIMARY KEY AUTOINCREMENT,
        feature_id  INTEGER NOT NULL,
        layer       TEXT NOT NULL,
        action      TEXT NOT NULL CHECK (action IN ('add','update','move','delete')),
        actor       TEXT NOT NULL,
        transport   TEXT NOT NULL,
        recorded_at TEXT NOT NULL,
        batch       TEXT,
        reason      TEXT,
        before      TEXT CHECK (before IS NULL OR json_valid(before)),
        after       TEXT CHECK (after IS NULL OR json_valid(after)),
        CHECK (before IS NOT NULL OR after IS NOT NULL)
      ) STRICT;
      CREATE INDEX map_events_feature ON map_events(feature_id, seq);
      CREATE INDEX map_events_batch ON map_events(batch) WHERE batch IS NOT NULL;
      CREATE TRIGGER map_events_no_update BEFORE UPDATE ON map_events BEGIN
        SELECT RAISE(ABORT, 'map_events is append-only');
      END;
      CREATE TRIGGER map_events_no_delete BEFORE DELETE ON map_events BEGIN
        SELECT RAISE(ABORT, 'map_events is append-only');
      END;
    `);
  },
};
