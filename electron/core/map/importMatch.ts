/**
 * Re-import without silent duplicates (issue 12 item 7): before a file is written, each of its features is matched
 * against the layer as it is. A feature is already present when
 *  - it carries the same source id (`sourceId`: the KML Placemark id, the GeoJSON id, a CSV 编号) as a stored
 *    feature of the layer, or
 *  - it has the same name (trimmed) and lies within DUPLICATE_RADIUS_M of a stored feature of the layer (its point,
 *    or the centre of its bounding box for a line or an area).
 * The officer then chooses: skip those features, or update the stored ones from the file. Nothing is written
 * before that choice (commitImport refuses with rule `duplicate-features`).
 */
import type { Database } from 'better-sqlite3';
import type { Geometry } from 'geojson';
import { bboxOf, distanceM, METRES_PER_DEGREE, type LayerName } from '../../../shared/geo';
import type { ImportPlan } from './import';
import { idsIn } from './rtree';

/** [decision] "A few metres": a GPS fix taken twice at the same pool differs by about that much. */
export const DUPLICATE_RADIUS_M = 5;

export interface DuplicateHit {
  /** Index of the feature in the file. */
  index: number;
  name: string;
  existingId: number;
  existingName: string;
  by: 'source-id' | 'name-place';
  /** Distance between the two in metres (rounded to 0.1 m). */
  distanceM: number;
}

function anchor(g: Geometry): [number, number] | null {
  if (g.type === 'Point') return [g.coordinates[0]!, g.coordinates[1]!];
  const b = bboxOf(g);
  return b ? [(b[0] + b[2]) / 2, (b[1] + b[3]) / 2] : null;
}

const norm = (s: string) => s.trim().replace(/\s+/g, ' ');

/** The features of a plan that are already in its layer, each with the stored feature it matches. */
export function findDuplicates(db: Database, plan: ImportPlan): DuplicateHit[] {
  const layer: LayerName = plan.layer;
  const bySource = new Map<string, { id: number; name: string; geometry: string }>();
  for (const r of db
    .prepare(`SELECT id, name, geometry, json_extract(properties, '$.sourceId') AS sid FROM map_features WHERE layer = ? AND json_extract(properties, '$.sourceId') IS NOT NULL`)
    .all(layer) as Array<{ id: number; name: string; geometry: string; sid: unknown }>) {
    bySource.set(String(r.sid), r);
  }
  const byId = db.prepare('SELECT id, name, geometry FROM map_features WHERE id = ?');
  const out: DuplicateHit[] = [];
  const dist = (a: [number, number] | null, g: string) => {
    const b = anchor(JSON.parse(g) as Geometry);
    return a && b ? Math.round(distanceM(a, b) * 10) / 10 : 0;
  };
  for (const c of plan.candidates) {
    if (!c.ok || !c.geometry) continue;
    const at = anchor(c.geometry);
    const sid = c.properties.sourceId;
    const same = sid !== undefined ? bySource.get(String(sid)) : undefined;
    if (same) {
      out.push({ index: c.index, name: c.name, existingId: same.id, existingName: same.name, by: 'source-id', distanceM: dist(at, same.geometry) });
      continue;
    }
    if (!at) continue;
    const dLat = DUPLICATE_RADIUS_M / METRES_PER_DEGREE;
    const dLng = dLat / Math.max(0.01, Math.cos((at[1] * Math.PI) / 180));
    let best: DuplicateHit | null = null;
    for (const id of idsIn(db, [at[0] - dLng, at[1] - dLat, at[0] + dLng, at[1] + dLat], layer)) {
      const r = byId.get(id) as { id: number; name: string; geometry: string } | undefined;
      if (!r || norm(r.name) !== norm(c.name)) continue;
      const d = dist(at, r.geometry);
      if (d <= DUPLICATE_RADIUS_M && (!best || d < best.distanceM)) best = { index: c.index, name: c.name, existingId: r.id, existingName: r.name, by: 'name-place', distanceM: d };
    }
    if (best) out.push(best);
  }
  return out;
}
