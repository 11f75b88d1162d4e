import type { Geometry, Position } from 'geojson';
import { EARTH_RADIUS_M, type LngLat } from './distance';

/** [minLng, minLat, maxLng, maxLat] in WGS84 degrees. */
export type BBox = [minLng: number, minLat: number, maxLng: number, maxLat: number];

/** Every position of a geometry, in order (GeometryCollection included). */
export function* positions(g: Geometry): Generator<Position> {
  switch (g.type) {
    case 'Point':
      yield g.coordinates;
      return;
    case 'MultiPoint':
    case 'LineString':
      yield* g.coordinates;
      return;
    case 'MultiLineString':
    case 'Polygon':
      for (const line of g.coordinates) yield* line;
      return;
    case 'MultiPolygon':
      for (const poly of g.coordinates) for (const ring of poly) yield* ring;
      return;
    case 'GeometryCollection':
      for (const sub of g.geometries) yield* positions(sub);
      return;
  }
}

/** The bounding box of a geometry, or null when it has no position. */
export function bboxOf(g: Geometry): BBox | null {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const p of positions(g)) {
    const x = p[0]!;
    const y = p[1]!;
    if (x < minX) minX = x;
    if (y < minY) minY = y;
    if (x > maxX) maxX = x;
    if (y > maxY) maxY = y;
  }
  return minX === Infinity ? null : [minX, minY, maxX, maxY];
}

export function unionBBox(a: BBox | null, b: BBox | null): BBox | null {
  if (!a) return b;
  if (!b) return a;
  return [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])];
}

export function bboxContainsPoint(b: BBox, p: LngLat | Position): boolean {
  return p[0]! >= b[0] && p[0]! <= b[2] && p[1]! >= b[1] && p[1]! <= b[3];
}

/**
 * A box that surely contains every point within `radiusM` metres (great-circle) of `center`, plus 0.1 % margin.
 * On the sphere the cap of angular radius δ around latitude φ0 spans φ0 ± δ in latitude and ± asin(sin δ / cos φ0)
 * in longitude; when the cap reaches a pole the box takes all longitudes. Used to prefilter the R*Tree before exact
 * distances.
 */
export function bboxAround(center: LngLat, radiusM: number): BBox {
  const delta = (Math.max(0, radiusM) * 1.001) / EARTH_RADIUS_M; // radians
  const dLat = (delta * 180) / Math.PI;
  const minLat = Math.max(-90, center[1] - dLat);
  const maxLat = Math.min(90, center[1] + dLat);
  if (Math.abs(center[1]) + dLat >= 90) return [-180, minLat, 180, maxLat];
  const s = Math.sin(delta) / Math.cos((center[1] * Math.PI) / 180);
  if (s >= 1) return [-180, minLat, 180, maxLat];
  const dLng = (Math.asin(s) * 180) / Math.PI;
  return [center[0] - dLng, minLat, center[0] + dLng, maxLat];
}

/** Grow a box by `m` metres on every side (conservative: the wider longitude margin of its two latitude edges). */
export function expandBBox(b: BBox, m: number): BBox {
  const lo = bboxAround([b[0], b[1]], m);
  const hi = bboxAround([b[2], b[3]], m);
  const dLng = Math.max(b[0] - lo[0], hi[2] - b[2]);
  return [Math.max(-180, b[0] - dLng), lo[1], Math.min(180, b[2] + dLng), hi[3]];
}
