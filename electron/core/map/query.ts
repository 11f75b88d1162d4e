import type { Database } from 'better-sqlite3';
import type { Geometry } from 'geojson';
import {
  bboxAround,
  distanceM,
  FIRE_ROAD_RADIUS_M,
  isAreal,
  nearestOnGeometry,
  pointInPolygon,
  WATER_RADIUS_M,
  type BBox,
  type LayerName,
  type LngLat,
} from '../../../shared/geo';

/** One answer of a "near" question: the feature, its straight-line (great-circle) distance and where it is. */
export interface NearHit {
  id: number;
  layer: LayerName;
  name: string;
  kind: string | null;
  /** Great-circle distance in metres, rounded to 0.1 m. */
  distanceM: number;
  /** The feature's point nearest to the query (the point itself for point layers). */
  lng: number;
  lat: number;
  properties: Record<string, unknown>;
}

interface CandRow {
  id: number;
  layer: string;
  name: string;
  kind: string | null;
  properties: string;
  geometry: string;
  geom_type: string;
  lng: number;
  lat: number;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/** Candidates whose bbox meets `box` (R*Tree), of one layer. */
function candidates(db: Database, layer: LayerName, box: BBox): CandRow[] {
  return db
    .prepare(
      `SELECT f.id, f.layer, f.name, f.kind, f.properties, f.geom_type, f.lng, f.lat,
              CASE WHEN f.geom_type = 'Point' THEN NULL ELSE f.geometry END AS geometry
       FROM map_features_rtree r JOIN map_features f ON f.id = r.id
       WHERE r.max_lng >= ? AND r.min_lng <= ? AND r.max_lat >= ? AND r.min_lat <= ? AND r.layer = ?`,
    )
    .all(box[0], box[2], box[1], box[3], layer) as CandRow[];
}

function allOfLayer(db: Database, layer: LayerName): CandRow[] {
  return db
    .prepare(
      `SELECT id, layer, name, kind, properties, geom_type, lng, lat,
              CASE WHEN geom_type = 'Point' THEN NULL ELSE geometry END AS geometry
       FROM map_features WHERE layer = ?`,
    )
    .all(layer) as CandRow[];
}

function measure(p: LngLat, rows: CandRow[]): Array<{ row: CandRow; d: number; at: [number, number] }> {
  const out: Array<{ row: CandRow; d: number; at: [number, number] }> = [];
  for (const row of rows) {
    if (row.geom_type === 'Point') {
      out.push({ row, d: distanceM(p, [row.lng, row.lat]), at: [row.lng, row.lat] });
    } else {
      const n = nearestOnGeometry(p, JSON.parse(row.geometry) as Geometry);
      if (n) out.push({ row, d: n.distanceM, at: n.at });
    }
  }
  out.sort((a, b) => a.d - b.d || a.row.id - b.row.id);
  return out;
}

function toHit(m: { row: CandRow; d: number; at: [number, number] }): NearHit {
  return {
    id: m.row.id,
    layer: m.row.layer as LayerName,
    name: m.row.name,
    kind: m.row.kind,
    distanceM: round1(m.d),
    lng: m.at[0],
    lat: m.at[1],
    properties: JSON.parse(m.row.properties) as Record<string, unknown>,
  };
}

/** Half the circumference: no two points on the sphere are farther apart. */
const MAX_RADIUS_M = 20_100_000;

/**
 * Features of `layer` nearest to `p`, sorted by great-circle distance (ties by id), at most `limit`, optionally only
 * those within `withinM` metres (inclusive: a source at exactly 3000 m is within the 3 km radius).
 * The R*Tree prefilters by a box that surely holds the radius (shared/geo bboxAround); exact distances decide.
 * Without a radius the search box grows ×4 from 2 km until `limit` hits lie inside the searched radius.
 */
export function near(db: Database, p: LngLat, layer: LayerName, opts: { withinM?: number; limit?: number } = {}): NearHit[] {
  const limit = opts.limit ?? 10;
  if (limit <= 0) return [];
  if (opts.withinM !== undefined) {
    const r = opts.withinM;
    return measure(p, candidates(db, layer, bboxAround(p, r)))
      .filter((m) => m.d <= r)
      .slice(0, limit)
      .map(toHit);
  }
  const total = (db.prepare('SELECT COUNT(*) AS n FROM map_features WHERE layer = ?').get(layer) as { n: number }).n;
  if (total <= limit) return measure(p, allOfLayer(db, layer)).map(toHit);
  for (let r = 2000; ; r *= 4) {
    if (r >= MAX_RADIUS_M) return measure(p, allOfLayer(db, layer)).slice(0, limit).map(toHit);
    const inside = measure(p, candidates(db, layer, bboxAround(p, r))).filter((m) => m.d <= r);
    // Everything not yet seen is farther than r, so the first `limit` inside r are the true nearest.
    if (inside.length >= limit) return inside.slice(0, limit).map(toHit);
  }
}

export interface ZoneHit {
  id: number;
  name: string;
  kind: string | null;
  properties: Record<string, unknown>;
}

/**
 * The zones (交政发〔2024〕7号 3(1) control zones, and reserve boundaries) containing `p`, boundary included, by name.
 * The R*Tree finds the zones whose bbox holds the point; the exact point-in-polygon test (holes respected) decides.
 */
export function zonesAt(db: Database, p: LngLat): ZoneHit[] {
  const rows = db
    .prepare(
      `SELECT f.id, f.name, f.kind, f.properties, f.geometry FROM map_features_rtree r JOIN map_features f ON f.id = r.id
       WHERE r.min_lng <= ? AND r.max_lng >= ? AND r.min_lat <= ? AND r.max_lat >= ? AND r.layer = 'zones'
       ORDER BY f.name, f.id`,
    )
    .all(p[0], p[0], p[1], p[1]) as Array<{ id: number; name: string; kind: string | null; properties: string; geometry: string }>;
  const out: ZoneHit[] = [];
  for (const r of rows) {
    const g = JSON.parse(r.geometry) as Geometry;
    if (isAreal(g) && pointInPolygon(p, g)) {
      out.push({ id: r.id, name: r.name, kind: r.kind, properties: JSON.parse(r.properties) as Record<string, unknown> });
    }
  }
  return out;
}

export interface PointInfo {
  lng: number;
  lat: number;
  /** 3(1): the control zones (and reserves) containing the point. */
  zones: ZoneHit[];
  /** 5(2): water sources within the 3 km water-taking radius, nearest first. */
  water: NearHit[];
  waterRadiusM: number;
  /** 4(2), 6(5), 5(2): the nearest checkpoints, teams and lookout towers, whatever the distance. */
  checkpoints: NearHit[];
  teams: NearHit[];
  towers: NearHit[];
  /** 5(2): the nearest fire road and whether it lies within the 3 km walking radius. */
  road: NearHit | null;
  roadWithinWalkingRadius: boolean;
}

/** Everything the duty officer needs to know about a point (a reported fire, a click) in one answer (DOMAIN 3.4). */
export function pointInfo(db: Database, p: LngLat, opts: { nearest?: number; waterLimit?: number } = {}): PointInfo {
  const k = opts.nearest ?? 3;
  const road = near(db, p, 'roads', { limit: 1 })[0] ?? null;
  return {
    lng: p[0],
    lat: p[1],
    zones: zonesAt(db, p),
    water: near(db, p, 'water', { withinM: WATER_RADIUS_M, limit: opts.waterLimit ?? 50 }),
    waterRadiusM: WATER_RADIUS_M,
    checkpoints: near(db, p, 'checkpoints', { limit: k }),
    teams: near(db, p, 'teams', { limit: k }),
    towers: near(db, p, 'towers', { limit: k }),
    road,
    roadWithinWalkingRadius: road !== null && road.distanceM <= FIRE_ROAD_RADIUS_M,
  };
}
