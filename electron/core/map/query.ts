import type { Database, Statement } from 'better-sqlite3';
import { boxesIn, idsIn } from './rtree';
import type { Geometry } from 'geojson';
import {
  bboxAround,
  distanceM,
  FIRE_ROAD_RADIUS_M,
  isAreal,
  LAYER_INFO,
  nearestOnGeometry,
  pointInPolygon,
  WATER_RADIUS_M,
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

// The statements of every nearest search, prepared once per open database (preparing costs about as much as running).
const statements = new WeakMap<Database, { byIds: Statement; ofLayer: Statement; fewOfLayer: Statement }>();
function stmts(db: Database) {
  let s = statements.get(db);
  if (!s) {
    const cols = `id, layer, name, kind, properties, geom_type, lng, lat, CASE WHEN geom_type = 'Point' THEN NULL ELSE geometry END AS geometry`;
    s = {
      byIds: db.prepare(`SELECT ${cols} FROM map_features WHERE id IN (SELECT value FROM json_each(?))`),
      ofLayer: db.prepare(`SELECT ${cols} FROM map_features WHERE layer = ?`),
      fewOfLayer: db.prepare('SELECT COUNT(*) AS n FROM (SELECT 1 FROM map_features WHERE layer = ? LIMIT ?)'),
    };
    statements.set(db, s);
  }
  return s;
}

/** Full rows for the given ids (exact coordinates; geometry only for non-point features). */
function rowsById(db: Database, ids: number[]): CandRow[] {
  if (!ids.length) return [];
  return stmts(db).byIds.all(JSON.stringify(ids)) as CandRow[];
}

function allOfLayer(db: Database, layer: LayerName): CandRow[] {
  return stmts(db).ofLayer.all(layer) as CandRow[];
}

type Measured = { row: CandRow; d: number; at: [number, number] };

function measure(p: LngLat, rows: CandRow[]): Measured[] {
  const out: Measured[] = [];
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

function toHit(m: Measured): NearHit {
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
 * Bound on the error of a distance measured to the centre of a point's R*Tree box instead of the point: the box is
 * rounded outward to 32-bit floats, at most one float step per side (2^-16 degree ≈ 1.7 m of longitude, less of
 * latitude), so 5 m is safe with margin.
 */
const BOX_EPS_M = 5;

/**
 * The true `limit` nearest features of `layer` within `r` metres of `p`, sorted (ties by id) — or, when `probe` is set
 * and fewer than `limit` features can lie within `r`, just how many candidates there were (nothing read from the
 * table: the caller will look farther).
 *
 * Point layers are answered from the R*Tree pages alone first: each candidate's distance is measured to the centre of
 * its 32-bit box (error ≤ BOX_EPS_M), and only candidates that can still be among the `limit` nearest — approximate
 * distance ≤ r + ε and ≤ (the limit-th smallest approximate distance) + 2ε — are read from the table and measured
 * exactly. (If t is the true and a the approximate distance, |a − t| ≤ ε; the limit features with the smallest a have
 * t ≤ A + ε, so the limit-th true distance is ≤ A + ε, and every true top-limit feature has a ≤ A + 2ε.)
 * Every feature truly within r has a ≤ r + ε, so fewer than `limit` such candidates means fewer than `limit` features
 * within r. Lines and areas are read with their geometry and measured exactly (their candidates: boxes meeting the
 * search box, a superset of those within r).
 */
function nearestWithin(db: Database, p: LngLat, layer: LayerName, r: number, limit: number, probe: boolean): Measured[] | { candidates: number } {
  const boxes = boxesIn(db, layer, bboxAround(p, r));
  let ids: number[];
  if (LAYER_INFO[layer].geometry === 'point') {
    const approx: Array<{ id: number; a: number }> = [];
    for (const b of boxes) {
      const a = distanceM(p, [(b.min_lng + b.max_lng) / 2, (b.min_lat + b.max_lat) / 2]);
      if (a <= r + BOX_EPS_M) approx.push({ id: b.id, a });
    }
    if (probe && approx.length < limit) return { candidates: approx.length };
    if (approx.length > limit) {
      approx.sort((x, y) => x.a - y.a);
      const cut = approx[limit - 1]!.a + 2 * BOX_EPS_M;
      ids = [];
      for (const c of approx) {
        if (c.a > cut) break;
        ids.push(c.id);
      }
    } else ids = approx.map((c) => c.id);
  } else {
    if (probe && boxes.length < limit) return { candidates: boxes.length };
    ids = boxes.map((b) => b.id);
  }
  return measure(p, rowsById(db, ids))
    .filter((m) => m.d <= r)
    .slice(0, limit);
}

/**
 * The next search radius after one that held `seen` of the `limit` features wanted: features per area are roughly
 * even at this scale, so r·√(limit/seen) with a quarter to spare; at least 1.5× (termination), at most 8× (density
 * is not even everywhere, and a huge box reads many rows).
 */
export function nextRadius(r: number, seen: number, limit: number): number {
  const f = seen > 0 ? Math.sqrt(limit / seen) * 1.25 : 4;
  return r * Math.min(8, Math.max(1.5, f));
}

/**
 * Features of `layer` nearest to `p`, sorted by great-circle distance (ties by id), at most `limit`, optionally only
 * those within `withinM` metres (inclusive: a source at exactly 3000 m is within the 3 km radius).
 * The R*Tree prefilters by a box that surely holds the radius (shared/geo bboxAround); exact distances decide.
 * The search radius starts at 500 m and grows up to `withinM` (or half the globe) until `limit` features lie within
 * it: everything not yet seen is farther than that radius, so those are the true nearest. Starting small keeps the
 * index reads proportional to `limit`, not to how crowded the layer is; radii too small to hold `limit` features are
 * told apart from the index alone, and the next radius is sized from how many they held.
 */
export function near(db: Database, p: LngLat, layer: LayerName, opts: { withinM?: number; limit?: number } = {}): NearHit[] {
  const limit = opts.limit ?? 10;
  if (limit <= 0) return [];
  const cap = opts.withinM ?? MAX_RADIUS_M;
  if (opts.withinM === undefined) {
    // Few features in the layer: measure them all (counting stops at limit + 1, never scans a big layer).
    const few = (stmts(db).fewOfLayer.get(layer, limit + 1) as { n: number }).n;
    if (few <= limit) return measure(p, allOfLayer(db, layer)).map(toHit);
  }
  for (let r = Math.min(cap, 500); ; ) {
    const res = nearestWithin(db, p, layer, r, limit, r < cap);
    if (Array.isArray(res) && (res.length >= limit || r >= cap)) return res.map(toHit);
    r = Math.min(cap, nextRadius(r, Array.isArray(res) ? res.length : res.candidates, limit));
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
      `SELECT id, name, kind, properties, geometry FROM map_features WHERE id IN (SELECT value FROM json_each(?))
       ORDER BY name, id`,
    )
    .all(JSON.stringify(idsIn(db, [p[0], p[1], p[0], p[1]], 'zones'))) as Array<{ id: number; name: string; kind: string | null; properties: string; geometry: string }>;
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
