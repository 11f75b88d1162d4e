import type { Migration } from './types';

/**
 * A snapshot of each long incident's folded state, kept beside the log so that reading an incident of 10,000 events
 * after a restart folds only the events after the snapshot (electron/core/log/snapshots.ts). Derived data, never a
 * record: a snapshot is used only when its MAC (log key), its fold key (engine format, app version, plan content) and
 * the hash of the event it was taken at (recomputed from that row, which chains every event before it) all check;
 * otherwise the incident is folded from its first event, as before.
 */
export const m013FoldSnapshots: Migration = {
  id: 13,
  name: 'fold-snapshots',
  up(db) {
    db.exec(`
      CREATE TABLE fold_snapshots (
        incident_id TEXT PRIMARY KEY REFERENCES incidents(id),
        seq         INTEGER NOT NULL,
        hash        TEXT NOT NULL,
        fold_key    TEXT NOT NULL,
        state       BLOB NOT NULL,
        mac         TEXT NOT NULL
      ) STRICT;
    `);
  },
};
