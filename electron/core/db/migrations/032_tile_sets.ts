import type { Migration } from './types';

/**
 * Offline basemaps: raster MBTiles files registered by name. `file` is the absolute path the reader opens: a copy in
 * the data folder (`tiles/<name>.mbtiles`, mode `copy`, the default) or the original (mode `reference`).
 * Bounds and zoom range are read from the file's metadata table when it is added.
 */
export const m032TileSets: Migration = {
  id: 32,
  name: 'tile_sets',
  up(db) {
    db.exec(`
      CREATE TABLE tile_sets (
        name        TEXT PRIMARY KEY CHECK (name GLOB '[A-Za-z0-9_-]*' AND length(name) BETWEEN 1 AND 64),
        title       TEXT,
        file        TEXT NOT NULL,
        mode        TEXT NOT NULL CHECK (mode IN ('copy','reference')),
        format      TEXT NOT NULL CHECK (format IN ('png','jpg','webp')),
        min_zoom    INTEGER NOT NULL,
        max_zoom    INTEGER NOT NULL,
        bounds      TEXT CHECK (bounds IS NULL OR json_valid(bounds)),
        attribution TEXT,
        bytes       INTEGER NOT NULL,
        tile_count  INTEGER NOT NULL,
        added_at    TEXT NOT NULL,
        added_by    TEXT NOT NULL,
        CHECK (min_zoom BETWEEN 0 AND 30 AND max_zoom BETWEEN min_zoom AND 30)
      ) STRICT;
    `);
  },
};
