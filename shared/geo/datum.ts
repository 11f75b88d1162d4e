import gcoord from 'gcoord';
import type { Geometry, Position } from 'geojson';

/**
 * Datums the console accepts. WGS84 and CGCS2000 (China Geodetic Coordinate System 2000, the national datum that
 * surveyed boundaries and 奥维/北斗 devices use) differ by a few centimetres on the ground — far below anything a
 * duty officer measures — so they are treated as one: `wgs84`. GCJ-02 is the obfuscated datum of 高德/腾讯 maps and of
 * most Chinese web map exports, offset by several hundred metres; it is converted to WGS84 on import with gcoord
 * (maintained, published conversion; GCJ-02 → WGS84 is iterative, good to centimetres inside China).
 * Everything stored in the console is WGS84.
 */
export type Datum = 'wgs84' | 'gcj02';
export const DATUMS: readonly Datum[] = ['wgs84', 'gcj02'];

/** Accepts the spellings people write: wgs84, WGS-84, cgcs2000, 国家2000, gcj02, GCJ-02, 火星坐标, amap, 高德. */
export function parseDatum(text: string): Datum | null {
  const t = text.trim().toLowerCase().replace(/[\s_-]/g, '');
  if (['wgs84', 'wgs1984', 'epsg4326', 'cgcs2000', 'cgcs', '国家2000', 'gps'].includes(t)) return 'wgs84';
  if (['gcj02', 'gcj', 'amap', '高德', '火星', '火星坐标', 'tencent', '腾讯', 'mars'].includes(t)) return 'gcj02';
  return null;
}

export function gcj02ToWgs84(p: readonly [number, number] | Position): [number, number] {
  const r = gcoord.transform([p[0]!, p[1]!], gcoord.GCJ02, gcoord.WGS84);
  return [r[0]!, r[1]!];
}

export function wgs84ToGcj02(p: readonly [number, number] | Position): [number, number] {
  const r = gcoord.transform([p[0]!, p[1]!], gcoord.WGS84, gcoord.GCJ02);
  return [r[0]!, r[1]!];
}

/** A new geometry with every position mapped by `fn` (extra ordinates such as altitude are dropped). */
export function mapPositions<G extends Geometry>(g: G, fn: (p: Position) => Position): G {
  const line = (ps: Position[]): Position[] => ps.map(fn);
  switch (g.type) {
    case 'Point':
      return { ...g, coordinates: fn(g.coordinates) };
    case 'MultiPoint':
    case 'LineString':
      return { ...g, coordinates: line(g.coordinates) };
    case 'MultiLineString':
    case 'Polygon':
      return { ...g, coordinates: g.coordinates.map(line) };
    case 'MultiPolygon':
      return { ...g, coordinates: g.coordinates.map((poly) => poly.map(line)) };
    case 'GeometryCollection':
      return { ...g, geometries: g.geometries.map((s) => mapPositions(s, fn)) };
  }
  return g;
}

/**
 * Convert a geometry between datums (identity for wgs84 → wgs84). One gcoord call for the whole (copied) geometry,
 * which converts its positions in place with the same function as gcj02ToWgs84 / wgs84ToGcj02: the same numbers, without
 * the argument checks gcoord makes at every call (a message built from the position each time), which were most of
 * the time of converting the county boundaries (8,110 positions) at the map's first opening (issue 17 item 4).
 */
export function convertGeometry<G extends Geometry>(g: G, from: Datum, to: Datum = 'wgs84'): G {
  const copy = mapPositions(g, (p) => [p[0]!, p[1]!]);
  if (from === to) return copy;
  return gcoord.transform(copy as never, from === 'gcj02' ? gcoord.GCJ02 : gcoord.WGS84, from === 'gcj02' ? gcoord.WGS84 : gcoord.GCJ02) as unknown as G;
}
