import type { Database } from 'better-sqlite3';
import type { Geometry } from 'geojson';
import { AppError } from '../../../shared/api/errors';
import type { PointColumns } from '../../../shared/api/map';
import { idsIn } from './rtree';
import { bboxOf, checkGeometry, isLayerName, LAYERS, normalizeGeometry, representativePoint, type BBox, type LayerName } from '../../../shared/geo';

/** A stored map feature. Geometry is GeoJSON in WGS84 (= CGCS2000 for our purposes, see shared/geo/datum.ts). */
export interface FeatureRecord {
  id: number;
  layer: LayerName;
  name: string;
  kind: string | null;
  properties: Record<string, unknown>;
  geometry: Geometry;
  /** Representative point: the point itself for point layers, the middle of the bbox otherwise. */
  lng: number;
  lat: number;
  bbox: BBox;
  version: number;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
}

export interface FeatureDraft {
  layer: LayerName;
  name: string;
  kind?: string | null;
  properties?: Record<string, unknown>;
  geometry: Geometry;
}

export interface FeaturePatch {
  name?: string;
  kind?: string | null;
  properties?: Record<string, unknown>;
  geometry?: Geometry;
}

export type FeatureChange =
  | { op: 'add'; draft: FeatureDraft }
  | { op: 'update'; id: number; patch: FeaturePatch; expectedVersion?: number }
  | { op: 'delete'; id: number; expectedVersion?: number };

/** Who makes a change, when (from the injected clock), and in which import batch if any. */
export interface ChangeMeta {
  actor: string;
  transport: string;
  at: Date;
  batch?: string;
  reason?: string;
}

export type MapAction = 'add' | 'update' | 'move' | 'delete';

export interface MapEvent {
  seq: number;
  featureId: number;
  layer: LayerName;
  action: MapAction;
  actor: string;
  transport: string;
  recordedAt: string;
  batch: string | null;
  reason: string | null;
  before: FeatureRecord | null;
  after: FeatureRecord | null;
}

interface Row {
  id: number;
  layer: string;
  name: string;
  kind: string | null;
  properties: string;
  geometry: string;
  lng: number;
  lat: number;
  min_lng: number;
  min_lat: number;
  max_lng: number;
  max_lat: number;
  version: number;
  created_at: string;
  created_by: string;
  updated_at: string;
  updated_by: string;
}

export function rowToRecord(r: Row): FeatureRecord {
  return {
    id: r.id,
    layer: r.layer as LayerName,
    name: r.name,
    kind: r.kind,
    properties: JSON.parse(r.properties) as Record<string, unknown>,
    geometry: JSON.parse(r.geometry) as Geometry,
    lng: r.lng,
    lat: r.lat,
    bbox: [r.min_lng, r.min_lat, r.max_lng, r.max_lat],
    version: r.version,
    createdAt: r.created_at,
    createdBy: r.created_by,
    updatedAt: r.updated_at,
    updatedBy: r.updated_by,
  };
}

function invalid(field: string, rule: string, zh: string, en: string): AppError {
  return new AppError({ code: 'invalid-input', message: zh, messageEn: en, field, rule });
}

/** Validate and tidy a geometry for a layer; throws invalid-input naming the field and the rule. */
export function prepareGeometry(g: unknown, layer: LayerName, field = 'geometry'): Geometry {
  let tidy: unknown = g;
  try {
    if (g && typeof g === 'object' && 'type' in g) tidy = normalizeGeometry(g as Geometry);
  } catch {
    tidy = g; // malformed coordinates: let checkGeometry name the problem
  }
  const problems = checkGeometry(tidy, layer);
  if (problems.length) {
    const p = problems[0]!;
    throw invalid(field, p.code, `字段 ${field}：${p.message}`, `field ${field}: ${p.messageEn}`);
  }
  return tidy as Geometry;
}

function prepareName(name: unknown): string {
  const n = typeof name === 'string' ? name.trim() : '';
  if (!n) throw invalid('name', 'required', '字段 name：名称不能为空', 'field name: a name is required');
  if ([...n].length > 200) throw invalid('name', 'too_big', '字段 name：名称不能超过 200 字', 'field name: at most 200 characters');
  return n;
}

function getRow(db: Database, id: number): Row | undefined {
  return db.prepare('SELECT * FROM map_features WHERE id = ?').get(id) as Row | undefined;
}

export function getFeature(db: Database, id: number): FeatureRecord | null {
  const r = getRow(db, id);
  return r ? rowToRecord(r) : null;
}

function notFound(id: number): AppError {
  return new AppError({ code: 'not-found', message: `没有编号为 ${id} 的地图要素`, messageEn: `no map feature with id ${id}`, field: 'id' });
}

function checkVersion(cur: FeatureRecord, expected: number | undefined): void {
  if (expected !== undefined && expected !== cur.version) {
    throw new AppError({
      code: 'conflict',
      message: `要素“${cur.name}”已被他人修改（当前版本 ${cur.version}，你看到的是 ${expected}），请刷新后再改`,
      messageEn: `feature ${cur.id} was changed meanwhile (version ${cur.version}, you saw ${expected}); reload and retry`,
      field: 'expectedVersion',
      rule: 'version',
    });
  }
}

function geometryColumns(g: Geometry) {
  const b = bboxOf(g)!;
  const rp = representativePoint(g)!;
  return { geometry: JSON.stringify(g), geom_type: g.type, lng: rp[0], lat: rp[1], min_lng: b[0], min_lat: b[1], max_lng: b[2], max_lat: b[3] };
}

function appendEvent(db: Database, featureId: number, layer: LayerName, action: MapAction, meta: ChangeMeta, before: FeatureRecord | null, after: FeatureRecord | null): void {
  db.prepare(
    `INSERT INTO map_events (feature_id, layer, action, actor, transport, recorded_at, batch, reason, before, after)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    featureId,
    layer,
    action,
    meta.actor,
    meta.transport,
    meta.at.toISOString(),
    meta.batch ?? null,
    meta.reason ?? null,
    before ? JSON.stringify(before) : null,
    after ? JSON.stringify(after) : null,
  );
}

/**
 * The stored columns of a new feature, validated (layer, name, geometry for the layer) and tidied; throws invalid-input
 * naming the field. Shared by a single add and by the chunks of an import (importStaging.ts), so both refuse the same.
 */
export function addColumns(d: FeatureDraft) {
  if (!isLayerName(d.layer)) throw invalid('layer', 'enum', `字段 layer：图层必须是 ${LAYERS.join('、')} 之一`, `field layer: must be one of ${LAYERS.join(', ')}`);
  const name = prepareName(d.name);
  const g = prepareGeometry(d.geometry, d.layer);
  return { layer: d.layer, name, kind: d.kind ?? null, properties: JSON.stringify(d.properties ?? {}), ...geometryColumns(g) };
}

/**
 * The one way a map feature changes: validates, writes the feature (the R*Tree follows by trigger) and appends its
 * event with actor, time, before and after — all in one transaction, so a change without its event (or the reverse)
 * cannot exist. Nested inside an import's transaction it becomes a savepoint. Returns the feature after the change
 * (null for a delete).
 */
export function applyFeatureChange(db: Database, change: FeatureChange, meta: ChangeMeta): FeatureRecord | null {
  return db.transaction((): FeatureRecord | null => {
    const at = meta.at.toISOString();
    if (change.op === 'add') {
      const info = db
        .prepare(
          `INSERT INTO map_features (layer, name, kind, properties, geometry, geom_type, lng, lat, min_lng, min_lat, max_lng, max_lat,
             version, created_at, created_by, updated_at, updated_by)
           VALUES (@layer, @name, @kind, @properties, @geometry, @geom_type, @lng, @lat, @min_lng, @min_lat, @max_lng, @max_lat,
             1, @at, @actor, @at, @actor)`,
        )
        .run({ ...addColumns(change.draft), at, actor: meta.actor });
      const after = getFeature(db, Number(info.lastInsertRowid))!;
      appendEvent(db, after.id, after.layer, 'add', meta, null, after);
      return after;
    }
    const before = getFeature(db, change.id);
    if (!before) throw notFound(change.id);
    checkVersion(before, change.expectedVersion);
    if (change.op === 'delete') {
      db.prepare('DELETE FROM map_features WHERE id = ?').run(change.id);
      appendEvent(db, before.id, before.layer, 'delete', meta, before, null);
      return null;
    }
    const p = change.patch;
    const name = p.name !== undefined ? prepareName(p.name) : before.name;
    const g = p.geometry !== undefined ? prepareGeometry(p.geometry, before.layer) : before.geometry;
    const c = geometryColumns(g);
    db.prepare(
      `UPDATE map_features SET name = @name, kind = @kind, properties = @properties, geometry = @geometry, geom_type = @geom_type,
         lng = @lng, lat = @lat, min_lng = @min_lng, min_lat = @min_lat, max_lng = @max_lng, max_lat = @max_lat,
         version = version + 1, updated_at = @at, updated_by = @actor WHERE id = @id`,
    ).run({
      id: before.id,
      name,
      kind: p.kind !== undefined ? p.kind : before.kind,
      properties: JSON.stringify(p.properties ?? before.properties),
      ...c,
      at,
      actor: meta.actor,
    });
    const after = getFeature(db, before.id)!;
    const onlyGeometry = p.geometry !== undefined && p.name === undefined && p.kind === undefined && p.properties === undefined;
    appendEvent(db, after.id, after.layer, onlyGeometry && g.type === 'Point' ? 'move' : 'update', meta, before, after);
    return after;
  }).immediate();
}

/** The events of one feature (or of all features), oldest first. */
export function listMapEvents(db: Database, opts: { featureId?: number; batch?: string; limit?: number } = {}): MapEvent[] {
  const where: string[] = [];
  const args: unknown[] = [];
  if (opts.featureId !== undefined) {
    where.push('feature_id = ?');
    args.push(opts.featureId);
  }
  if (opts.batch !== undefined) {
    where.push('batch = ?');
    args.push(opts.batch);
  }
  const rows = db
    .prepare(`SELECT * FROM map_events ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY seq LIMIT ?`)
    .all(...args, opts.limit ?? 1000) as Array<Record<string, unknown>>;
  return rows.map((r) => ({
    seq: r.seq as number,
    featureId: r.feature_id as number,
    layer: r.layer as LayerName,
    action: r.action as MapAction,
    actor: r.actor as string,
    transport: r.transport as string,
    recordedAt: r.recorded_at as string,
    batch: (r.batch as string | null) ?? null,
    reason: (r.reason as string | null) ?? null,
    before: r.before ? (JSON.parse(r.before as string) as FeatureRecord) : null,
    after: r.after ? (JSON.parse(r.after as string) as FeatureRecord) : null,
  }));
}

/** Features of a layer (or all), optionally only those whose bbox meets `bbox` (R*Tree). Ordered by layer, name. */
export function listFeatures(db: Database, opts: { layer?: LayerName; bbox?: BBox; limit?: number } = {}): FeatureRecord[] {
  const args: unknown[] = [];
  let sql: string;
  if (opts.bbox) {
    sql = 'SELECT f.* FROM map_features f WHERE f.id IN (SELECT value FROM json_each(?))';
    args.push(JSON.stringify(idsIn(db, opts.bbox, opts.layer)));
  } else {
    sql = 'SELECT f.* FROM map_features f';
    if (opts.layer) {
      sql += ' WHERE f.layer = ?';
      args.push(opts.layer);
    }
  }
  sql += ' ORDER BY f.layer, f.name, f.id LIMIT ?';
  args.push(opts.limit ?? 100_000);
  return (db.prepare(sql).all(...args) as Row[]).map(rowToRecord);
}

/**
 * Every feature for the map screen (map.features.compact): points as columns, lines and areas as features, without the
 * audit fields; in the order of listFeatures within each. A point's geometry is not parsed or sent (lng/lat are it).
 */
export function listFeaturesCompact(db: Database, limit: number): { points: PointColumns; others: Array<Omit<FeatureRecord, 'createdAt' | 'createdBy' | 'updatedAt' | 'updatedBy'>>; truncated: boolean } {
  const rows = db
    .prepare(
      `SELECT id, layer, name, kind, CASE WHEN properties = '{}' THEN NULL ELSE properties END AS properties,
              CASE WHEN geom_type = 'Point' THEN NULL ELSE geometry END AS geometry,
              lng, lat, min_lng, min_lat, max_lng, max_lat, version
       FROM map_features ORDER BY layer, name, id LIMIT ?`,
    )
    .raw()
    .all(limit + 1) as Array<[number, LayerName, string, string | null, string | null, string | null, number, number, number, number, number, number, number]>;
  const truncated = rows.length > limit;
  const points: PointColumns = { id: [], layer: [], name: [], kind: [], lng: [], lat: [], version: [], properties: [] };
  const others: Array<Omit<FeatureRecord, 'createdAt' | 'createdBy' | 'updatedAt' | 'updatedBy'>> = [];
  for (const [id, layer, name, kind, props, geometry, lng, lat, w, so, e, n, version] of truncated ? rows.slice(0, limit) : rows) {
    const properties = props === null ? null : (JSON.parse(props) as Record<string, unknown>);
    if (geometry === null) {
      points.id.push(id);
      points.layer.push(layer);
      points.name.push(name);
      points.kind.push(kind);
      points.lng.push(lng);
      points.lat.push(lat);
      points.version.push(version);
      points.properties.push(properties);
    } else {
      others.push({ id, layer, name, kind, properties: properties ?? {}, geometry: JSON.parse(geometry) as Geometry, lng, lat, bbox: [w, so, e, n], version });
    }
  }
  return { points, others, truncated };
}

export function layerCounts(db: Database): Record<LayerName, number> {
  const out = Object.fromEntries(LAYERS.map((l) => [l, 0])) as Record<LayerName, number>;
  for (const r of db.prepare('SELECT layer, COUNT(*) AS n FROM map_features GROUP BY layer').all() as { layer: LayerName; n: number }[]) out[r.layer] = r.n;
  return out;
}
