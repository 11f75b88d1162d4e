import type { Migration } from './types';
import { LAYER_NO_SQL } from './033_map_rtree_layers';

/**
 * Migration 33 stored each feature's layer as a point on the R*Tree's third dimension: [n, n]. Every node of a tree
 * that holds one layer then has zero extent there, so every node's volume is zero, and the R*-tree's insertion
 * (which picks the child whose volume grows least) cannot tell children apart: the tree came out with overlapping
 * nodes, and a 3 km search among 100 000 water sources read about seven times the nodes it needed (0.20 ms against
 * 0.03 ms for the same points in a 2-D tree). Here each layer gets a unit slot, [n, n + 1], so volumes are areas
 * again; a search asks for the slot's middle, n + 0.5 (exact in 32-bit floats), which lies in no other layer's slot.
 * Layer numbers are those of migration 33 (electron/core/map/rtree.ts LAYER_NO).
 */
export const m034MapRtreeLayerSlots: Migration = {
  id: 34,
  name: 'map_rtree_layer_slots',
  up(db) {
    db.exec(`
      DROP TRIGGER map_features_ai;
      DROP TRIGGER map_features_au;
      DROP TRIGGER map_features_ad;
      DROP TABLE map_features_rtree;

      CREATE VIRTUAL TABLE map_features_rtree USING rtree(id, min_lng, max_lng, min_lat, max_lat, min_layer, max_layer);
      INSERT INTO map_features_rtree (id, min_lng, max_lng, min_lat, max_lat, min_layer, max_layer)
        SELECT id, min_lng, max_lng, min_lat, max_lat, ${LAYER_NO_SQL('layer')}, ${LAYER_NO_SQL('layer')} + 1 FROM map_features;

      CREATE TRIGGER map_features_ai AFTER INSERT ON map_features BEGIN
        INSERT INTO map_features_rtree (id, min_lng, max_lng, min_lat, max_lat, min_layer, max_layer)
        VALUES (new.id, new.min_lng, new.max_lng, new.min_lat, new.max_lat, ${LAYER_NO_SQL('new.layer')}, ${LAYER_NO_SQL('new.layer')} + 1);
      END;
      CREATE TRIGGER map_features_au AFTER UPDATE OF min_lng, max_lng, min_lat, max_lat, layer ON map_features BEGIN
        UPDATE map_features_rtree SET min_lng = new.min_lng, max_lng = new.max_lng, min_lat = new.min_lat, max_lat = new.max_lat,
          min_layer = ${LAYER_NO_SQL('new.layer')}, max_layer = ${LAYER_NO_SQL('new.layer')} + 1 WHERE id = new.id;
      END;
      CREATE TRIGGER map_features_ad AFTER DELETE ON map_features BEGIN
        DELETE FROM map_features_rtree WHERE id = old.id;
      END;
    `);
  },
};
