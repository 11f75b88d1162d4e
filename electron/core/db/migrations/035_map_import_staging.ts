import type { Migration } from './types';

/**
 * Staging for long map imports (electron/core/map/importStaging.ts). A 100,000-feature file used to be written in ONE
 * transaction of about 15 s, during which every other writer of the file (the serve shell's main thread, a second
 * shell, the CLI) waited. Now the features are prepared and written here in chunks, each its own short IMMEDIATE
 * transaction, and reach `map_features` and `map_events` only in one final transaction that copies them with SQL.
 *
 * - `map_imports`: one row per import in progress, with the pid of the process writing it, so that the rows of an
 *   import whose process is gone (a crash, a kill -9) can be told from those of one still running, and removed.
 * - `map_import_rows`: the prepared features of an import, in the order they will get their ids (`add_no`), each with
 *   the JSON of its `add` event's `after` written with id 0 (the real id is only known at the copy).
 *
 * Neither table is read by any query of the map, nor sealed: nothing here is a record until the copy, and a staged
 * import that never finishes leaves no trace in the chain.
 */
export const m035MapImportStaging: Migration = {
  id: 35,
  name: 'map_import_staging',
  up(db) {
    db.exec(`
      CREATE TABLE map_imports (
        id         TEXT PRIMARY KEY,
        pid        INTEGER NOT NULL,
        started_at TEXT NOT NULL
      ) STRICT;
      CREATE TABLE map_import_rows (
        import_id  TEXT NOT NULL,
        add_no     INTEGER NOT NULL,
        layer      TEXT NOT NULL,
        name       TEXT NOT NULL,
        kind       TEXT,
        properties TEXT NOT NULL,
        geometry   TEXT NOT NULL,
        geom_type  TEXT NOT NULL,
        lng        REAL NOT NULL,
        lat        REAL NOT NULL,
        min_lng    REAL NOT NULL,
        min_lat    REAL NOT NULL,
        max_lng    REAL NOT NULL,
        max_lat    REAL NOT NULL,
        after      TEXT NOT NULL,
        PRIMARY KEY (import_id, add_no)
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
