import type { Database, Statement } from 'better-sqlite3';
import type { BBox, LayerName } from '../../../shared/geo';

/**
 * The layer dimension of map_features_rtree (migrations 33, 34): layer n occupies the slot [n, n + 1] and a search
 * for it asks for the point n + 0.5. Never renumber: stored in every database.
 */
export const LAYER_NO: Record<LayerName, number> = { zones: 1, checkpoints: 2, water: 3, teams: 4, towers: 5, roads: 6, posts: 7 };
const slotMiddle = (layer: LayerName) => LAYER_NO[layer] + 0.5;

// The hot statement of every nearest search, prepared once per open database.
const boxStatements = new WeakMap<Database, Statement>();

export interface BoxRow {
  id: number;
  min_lng: number;
  max_lng: number;
  min_lat: number;
  max_lat: number;
}

/**
 * Ids and (32-bit, outward-rounded) boxes of the features of `layer` whose box meets `box`, read from the R*Tree alone.
 * The boxes always contain the exact ones; a point's box is within one float32 step (≤ 1.7 m) of the point.
 */
export function boxesIn(db: Database, layer: LayerName, box: BBox): BoxRow[] {
  let stmt = boxStatements.get(db);
  if (!stmt) {
    stmt = db.prepare(
      `SELECT id, min_lng, max_lng, min_lat, max_lat FROM map_features_rtree
       WHERE max_lng >= ? AND min_lng <= ? AND max_lat >= ? AND min_lat <= ? AND min_layer <= ? AND max_layer >= ?`,
    );
    boxStatements.set(db, stmt);
  }
  return stmt.all(box[0], box[2], box[1], box[3], slotMiddle(layer), slotMiddle(layer)) as BoxRow[];
}

/** Ids of the features of `layer` (or of every layer) whose box meets `box`. */
export function idsIn(db: Database, box: BBox, layer?: LayerName): number[] {
  const lo = layer ? slotMiddle(layer) : 0;
  const hi = layer ? slotMiddle(layer) : 1000;
  return (
    db
      .prepare(
        `SELECT id FROM map_features_rtree WHERE max_lng >= ? AND min_lng <= ? AND max_lat >= ? AND min_lat <= ? AND min_layer <= ? AND max_layer >= ?`,
      )
      .all(box[0], box[2], box[1], box[3], hi, lo) as { id: number }[]
  ).map((r) => r.id);
}
