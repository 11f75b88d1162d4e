import type { Geometry, Position } from 'geojson';
import { bboxOf } from './bbox';
import { distanceM, project, unproject, type LngLat } from './distance';
import { isAreal, pointInPolygon } from './zones';

export interface Nearest {
  /** Great-circle distance in metres from the query point to `at` (0 when the point is inside an area). */
  distanceM: number;
  /** The point of the geometry nearest to the query, [lng, lat]. */
  at: [number, number];
}

function segments(g: Geometry): Position[][] {
  switch (g.type) {
    case 'LineString':
      return [g.coordinates];
    case 'MultiLineString':
    case 'Polygon':
      return g.coordinates;
    case 'MultiPolygon':
      return g.coordinates.flat();
    case 'GeometryCollection':
      return g.geometries.flatMap(segments);
    default:
      return [];
  }
}

/**
 * Distance from a point to a geometry. Points: the great-circle distance. Lines and area boundaries: the nearest point
 * of each segment is found in a local equirectangular plane around the query (error < 0.1 % within ~20 km, which is
 * the scale of every question the duty room asks), then its distance is measured on the great circle. A point inside
 * an area is at distance 0 from it.
 */
export function nearestOnGeometry(p: LngLat, g: Geometry): Nearest | null {
  let best: Nearest | null = null;
  const consider = (at: [number, number]) => {
    const d = distanceM(p, at);
    if (!best || d < best.distanceM) best = { distanceM: d, at };
  };
  if (g.type === 'Point') {
    consider([g.coordinates[0]!, g.coordinates[1]!]);
    return best;
  }
  if (g.type === 'MultiPoint') {
    for (const c of g.coordinates) consider([c[0]!, c[1]!]);
    return best;
  }
  if (isAreal(g) && pointInPolygon(p, g)) return { distanceM: 0, at: [p[0], p[1]] };
  if (g.type === 'GeometryCollection') {
    for (const s of g.geometries) {
      const n = nearestOnGeometry(p, s);
      if (n && (!best || n.distanceM < (best as Nearest).distanceM)) best = n;
    }
    return best;
  }
  for (const line of segments(g)) {
    if (line.length === 1) consider([line[0]![0]!, line[0]![1]!]);
    for (let i = 1; i < line.length; i++) {
      const a = project(p, line[i - 1]!);
      const b = project(p, line[i]!);
      const dx = b[0] - a[0];
      const dy = b[1] - a[1];
      const len2 = dx * dx + dy * dy;
      const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, -(a[0] * dx + a[1] * dy) / len2));
      consider(unproject(p, [a[0] + t * dx, a[1] + t * dy]));
    }
  }
  return best;
}

/** A representative point: the point itself, or the middle of the bbox for other geometries (for labels and lists). */
export function representativePoint(g: Geometry): [number, number] | null {
  if (g.type === 'Point') return [g.coordinates[0]!, g.coordinates[1]!];
  const b = bboxOf(g);
  return b ? [(b[0] + b[2]) / 2, (b[1] + b[3]) / 2] : null;
}
