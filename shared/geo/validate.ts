import type { Geometry, Position } from 'geojson';
import { fitsLayer, LAYER_INFO, type LayerName } from './layers';

export type GeometryProblemCode =
  | 'missing-geometry'
  | 'missing-coordinates'
  | 'not-a-number'
  | 'out-of-range'
  | 'too-few-points'
  | 'ring-not-closed'
  | 'self-intersection'
  | 'unsupported-geometry'
  | 'wrong-geometry-for-layer';

export interface GeometryProblem {
  code: GeometryProblemCode;
  message: string;
  messageEn: string;
}

const P = (code: GeometryProblemCode, message: string, messageEn: string): GeometryProblem => ({ code, message, messageEn });

/** Rings with more vertices than this are not checked for self-intersection (the check is quadratic). */
export const SELF_INTERSECTION_MAX_VERTICES = 2000;

function checkPosition(p: unknown, out: GeometryProblem[]): p is Position {
  if (!Array.isArray(p) || p.length < 2) {
    out.push(P('missing-coordinates', '缺少坐标', 'missing coordinates'));
    return false;
  }
  const [x, y] = p as unknown[];
  if (typeof x !== 'number' || typeof y !== 'number' || !Number.isFinite(x) || !Number.isFinite(y)) {
    out.push(P('not-a-number', '坐标不是有效数字', 'a coordinate is not a finite number'));
    return false;
  }
  if (x < -180 || x > 180 || y < -90 || y > 90) {
    out.push(
      P('out-of-range', `坐标超出范围：经度 ${x}、纬度 ${y}（经度须在 −180…180，纬度须在 −90…90；是否把经纬度写反了？）`, `coordinate out of range: lng ${x}, lat ${y} (lng −180…180, lat −90…90; swapped?)`),
    );
    return false;
  }
  return true;
}

function orient(a: Position, b: Position, c: Position): number {
  const v = (b[0]! - a[0]!) * (c[1]! - a[1]!) - (b[1]! - a[1]!) * (c[0]! - a[0]!);
  return v > 0 ? 1 : v < 0 ? -1 : 0;
}

function onSegment(a: Position, b: Position, p: Position): boolean {
  return Math.min(a[0]!, b[0]!) <= p[0]! && p[0]! <= Math.max(a[0]!, b[0]!) && Math.min(a[1]!, b[1]!) <= p[1]! && p[1]! <= Math.max(a[1]!, b[1]!);
}

function segmentsIntersect(a: Position, b: Position, c: Position, d: Position): boolean {
  const o1 = orient(a, b, c);
  const o2 = orient(a, b, d);
  const o3 = orient(c, d, a);
  const o4 = orient(c, d, b);
  if (o1 !== o2 && o3 !== o4) return true;
  return (o1 === 0 && onSegment(a, b, c)) || (o2 === 0 && onSegment(a, b, d)) || (o3 === 0 && onSegment(c, d, a)) || (o4 === 0 && onSegment(c, d, b));
}

/** Whether a closed ring crosses or touches itself (non-adjacent segments meeting). Quadratic; small rings only. */
export function ringSelfIntersects(ring: Position[]): boolean {
  const n = ring.length - 1; // segments of a closed ring
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      if (j === i + 1 || (i === 0 && j === n - 1)) continue; // neighbours share a vertex
      if (segmentsIntersect(ring[i]!, ring[i + 1]!, ring[j]!, ring[j + 1]!)) return true;
    }
  }
  return false;
}

function checkLine(line: unknown, min: number, out: GeometryProblem[]): boolean {
  if (!Array.isArray(line)) {
    out.push(P('missing-coordinates', '缺少坐标', 'missing coordinates'));
    return false;
  }
  let ok = true;
  for (const p of line) if (!checkPosition(p, out)) ok = false;
  if (!ok) return false;
  if (line.length < min) {
    out.push(P('too-few-points', `点数太少（至少 ${min} 个）`, `too few positions (at least ${min})`));
    return false;
  }
  return true;
}

function checkRing(ring: unknown, out: GeometryProblem[]): void {
  if (!checkLine(ring, 4, out)) return;
  const r = ring as Position[];
  const a = r[0]!;
  const z = r[r.length - 1]!;
  if (a[0] !== z[0] || a[1] !== z[1]) {
    out.push(P('ring-not-closed', '面的边界没有闭合（首尾坐标不同）', 'polygon ring is not closed (first and last positions differ)'));
    return;
  }
  if (r.length <= SELF_INTERSECTION_MAX_VERTICES && ringSelfIntersects(r)) {
    out.push(P('self-intersection', '面的边界自相交', 'polygon ring intersects itself'));
  }
}

/**
 * Problems of a GeoJSON geometry as it came from a file or a form: missing or non-numeric coordinates, values out of
 * range (often swapped lng/lat), too few points, open rings, self-intersecting rings (rings up to 2000 vertices),
 * unsupported types. With `layer`, also whether the geometry fits that layer. An empty list means usable.
 */
export function checkGeometry(g: unknown, layer?: LayerName): GeometryProblem[] {
  const out: GeometryProblem[] = [];
  if (!g || typeof g !== 'object' || !('type' in g)) {
    out.push(P('missing-geometry', '没有几何图形（坐标）', 'no geometry'));
    return out;
  }
  const geom = g as { type: unknown; coordinates?: unknown; geometries?: unknown };
  const c = geom.coordinates;
  const arr = (x: unknown): unknown[] => (Array.isArray(x) ? x : []);
  switch (geom.type) {
    case 'Point':
      checkPosition(c, out);
      break;
    case 'MultiPoint':
      if (!arr(c).length) out.push(P('missing-coordinates', '缺少坐标', 'missing coordinates'));
      for (const p of arr(c)) checkPosition(p, out);
      break;
    case 'LineString':
      checkLine(c, 2, out);
      break;
    case 'MultiLineString':
      if (!arr(c).length) out.push(P('missing-coordinates', '缺少坐标', 'missing coordinates'));
      for (const l of arr(c)) checkLine(l, 2, out);
      break;
    case 'Polygon':
      if (!arr(c).length) out.push(P('missing-coordinates', '缺少坐标', 'missing coordinates'));
      for (const r of arr(c)) checkRing(r, out);
      break;
    case 'MultiPolygon':
      if (!arr(c).length) out.push(P('missing-coordinates', '缺少坐标', 'missing coordinates'));
      for (const poly of arr(c)) {
        if (!arr(poly).length) out.push(P('missing-coordinates', '缺少坐标', 'missing coordinates'));
        for (const r of arr(poly)) checkRing(r, out);
      }
      break;
    default:
      out.push(P('unsupported-geometry', `不支持的几何类型：${String(geom.type)}`, `unsupported geometry type: ${String(geom.type)}`));
  }
  if (!out.length && layer && !fitsLayer(g as Geometry, layer)) {
    const want = { point: '点', line: '线', area: '面' }[LAYER_INFO[layer].geometry];
    out.push(
      P(
        'wrong-geometry-for-layer',
        `图层“${LAYER_INFO[layer].zh}”只接受${want}，这是 ${String(geom.type)}`,
        `layer ${layer} takes ${LAYER_INFO[layer].geometry} geometries, not ${String(geom.type)}`,
      ),
    );
  }
  return out;
}

/**
 * Tidy a geometry from a file: drop altitude (2D only), turn a GeometryCollection whose members are all of one kind
 * into the Multi* geometry (KML MultiGeometry), and a one-point MultiPoint into a Point. Other shapes pass unchanged.
 */
export function normalizeGeometry(g: Geometry): Geometry {
  const two = (p: Position): Position => [p[0]!, p[1]!];
  switch (g.type) {
    case 'Point':
      return { type: 'Point', coordinates: two(g.coordinates) };
    case 'MultiPoint':
      return g.coordinates.length === 1 ? { type: 'Point', coordinates: two(g.coordinates[0]!) } : { type: 'MultiPoint', coordinates: g.coordinates.map(two) };
    case 'LineString':
      return { type: 'LineString', coordinates: g.coordinates.map(two) };
    case 'MultiLineString':
      return { type: 'MultiLineString', coordinates: g.coordinates.map((l) => l.map(two)) };
    case 'Polygon':
      return { type: 'Polygon', coordinates: g.coordinates.map((r) => r.map(two)) };
    case 'MultiPolygon':
      return { type: 'MultiPolygon', coordinates: g.coordinates.map((p) => p.map((r) => r.map(two))) };
    case 'GeometryCollection': {
      const parts = g.geometries.map(normalizeGeometry);
      if (parts.length === 1) return parts[0]!;
      if (parts.length && parts.every((p) => p.type === 'Point' || p.type === 'MultiPoint')) {
        return { type: 'MultiPoint', coordinates: parts.flatMap((p) => (p.type === 'Point' ? [p.coordinates] : p.type === 'MultiPoint' ? p.coordinates : [])) };
      }
      if (parts.length && parts.every((p) => p.type === 'LineString' || p.type === 'MultiLineString')) {
        return { type: 'MultiLineString', coordinates: parts.flatMap((p) => (p.type === 'LineString' ? [p.coordinates] : p.type === 'MultiLineString' ? p.coordinates : [])) };
      }
      if (parts.length && parts.every((p) => p.type === 'Polygon' || p.type === 'MultiPolygon')) {
        return { type: 'MultiPolygon', coordinates: parts.flatMap((p) => (p.type === 'Polygon' ? [p.coordinates] : p.type === 'MultiPolygon' ? p.coordinates : [])) };
      }
      return { type: 'GeometryCollection', geometries: parts };
    }
  }
}
