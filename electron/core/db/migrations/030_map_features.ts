import type { Migration } from './types';

/**
 * Map layers (交政发〔2024〕7号 3(1), 4(2), 5(2), 6(2), 6(5)): one row per feature, its GeoJSON geometry (WGS84) and its
 * bounding box, and an R*Tree over the boxes kept in step by triggers, so that "what is near this point" reads a few
 * index pages instead of every row.
 *
 * - `layer` is one of the layers of shared/geo/layers.ts; `kind` a layer-specific sort (fixed / temporary checkpoint …).
 * - `properties` is a JSON object (capacity, staffed_by, hours, tier, size, base, sample, approximate, source …).
 * - `lng`/`lat` is a representative point (the point itself for point layers), for lists and labels.
 * - `version` counts edits, for optimistic concurrency (an edit names the version it saw).
 * - The R*Tree stores 32-bit floats; SQLite rounds each box outward, so the index never misses a feature; exact
 *   geometry tests follow every index query.
 */
export const m030MapFeatures: Migration = {
  id: 30,
  name: 'map_features',
  up(db) {
    db.exec(`
      CREATE TABLE map_features (
        id          INTEGER PRIMARY KEY,
        layer       TEXT NOT NULL CHECK (layer IN ('zones','checkpoints','water','teams','towers','roads','posts')),
        name        TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        kind        TEXT,
        properties  TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(properties) AND json_type(properties) = 'object'),
        geometry    TEXT NOT NULL CHECK (json_valid(geometry)),
        geom_type   TEXT NOT NULL CHECK (geom_type IN ('Point','MultiPoint','LineString','MultiLineString','Polygon','MultiPolygon')),
        lng         REAL NOT NULL,
        lat         REAL NOT NULL,
        min_lng     REAL NOT NULL,
        min_lat     REAL NOT NULL,
        max_lng     REAL NOT NULL,
        max_lat     REAL NOT NULL,
        version     INTEGER NOT NULL DEFAULT 1,
        created_at  TEXT NOT NULL,
        created_by  TEXT NOT NULL,
        updated_at  TEXT NOT NULL,
        updated_by  TEXT NOT NULL,
        CHECK (min_lng <= max_lng AND min_lat <= max_lat)
      ) STRICT;
      CREATE INDEX map_features_layer ON map_features(layer, name);

      CREATE VIRTUAL TABLE map_features_rtree USING rtree(id, min_lng, max_lng, min_lat, max_lat, +layer TEXT);

      CREATE TRIGGER map_features_ai AFTER INSERT ON map_features BEGIN
        INSERT INTO map_features_rtree (id, min_lng, max_lng, min_lat, max_lat, layer)
        VALUES (new.id, new.min_lng, new.max_lng, new.min_lat, new.max_lat, new.layer);
      END;
      CREATE TRIGGER map_features_au AFTER UPDATE OF min_lng, max_lng, min_lat, max_lat, layer ON map_features BEGIN
        UPDATE map_features_rtree SET min_lng = new.min_lng, max_lng = new.max_lng, min_lat = new.min_lat,
          max_lat = new.max_lat, layer = new.layer WHERE id = new.id;
      END;
      CREATE TRIGGER map_features_ad AFTER DELETE ON map_features BEGIN
        DELETE FROM map_features_rtree WHERE id = old.id;
      END;
    `);
  },
};
