import type { Migration } from './types';

/**
 * The R*Tree of migration 30 filtered layers through an auxiliary column, which SQLite reads from a shadow table row
 * by row: with 100 000 features that cost more than the spatial search itself. This makes the layer a third
 * dimension of the index (a small integer, exact in the R*Tree's 32-bit floats), so "water sources in this box" is
 * answered from the index pages alone. Layer numbers are fixed here and in electron/core/map/rtree.ts (LAYER_NO):
 *   1 zones, 2 checkpoints, 3 water, 4 teams, 5 towers, 6 roads, 7 posts.
 */
export const LAYER_NO_SQL = (col: string) =>
  `CASE ${col} WHEN 'zones' THEN 1 WHEN 'checkpoints' THEN 2 WHEN 'water' THEN 3 WHEN 'teams' THEN 4 WHEN 'towers' THEN 5 WHEN 'roads' THEN 6 WHEN 'posts' THEN 7 END`;

export const m033MapRtreeLayers: Migration = {
  id: 33,
  name: 'map_rtree_layers',
  up(db) {
    db.exec(`
      DROP TRIGGER map_features_ai;
      DROP TRIGGER map_features_au;
      DROP TRIGGER map_features_ad;
      DROP TABLE map_features_rtree;

      CREATE VIRTUAL TABLE map_features_rtree USING rtree(id, min_lng, max_lng, min_lat, max_lat, min_layer, max_layer);
      INSERT INTO map_features_rtree (id, min_lng, max_lng, min_lat, max_lat, min_layer, max_layer)
        SELECT id, min_lng, max_lng, min_lat, max_lat, ${LAYER_NO_SQL('layer')}, ${LAYER_NO_SQL('layer')} FROM map_features;

      CREATE TRIGGER map_features_ai AFTER INSERT ON map_features BEGIN
        INSERT INTO map_features_rtree (id, min_lng, max_lng, min_lat, max_lat, min_layer, max_layer)
        VALUES (new.id, new.min_lng, new.max_lng, new.min_lat, new.max_lat, ${LAYER_NO_SQL('new.layer')}, ${LAYER_NO_SQL('new.layer')});
      END;
      CREATE TRIGGER map_features_au AFTER UPDATE OF min_lng, max_lng, min_lat, max_lat, layer ON map_features BEGIN
        UPDATE map_features_rtree SET min_lng = new.min_lng, max_lng = new.max_lng, min_lat = new.min_lat, max_lat = new.max_lat,
          min_layer = ${LAYER_NO_SQL('new.layer')}, max_layer = ${LAYER_NO_SQL('new.layer')} WHERE id = new.id;
      END;
      CREATE TRIGGER map_features_ad AFTER DELETE ON map_features BEGIN
        DELETE FROM map_features_rtree WHERE id = old.id;
      END;
    `);
  },
};
