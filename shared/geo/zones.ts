import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import type { Geometry, MultiPolygon, Polygon, Position } from 'geojson';
import type { LngLat } from './distance';

export function isAreal(g: Geometry): g is Polygon | MultiPolygon {
  return g.type === 'Polygon' || g.type === 'MultiPolygon';
}

/**
 * Whether a point lies in a Polygon or MultiPolygon, holes excluded, the boundary itself counting as inside
 * (a fire on the line of a control zone belongs to it). @turf/boolean-point-in-polygon (ray casting, bbox prefilter).
 */
export function pointInPolygon(p: LngLat | Position, g: Polygon | MultiPolygon): boolean {
  return booleanPointInPolygon([p[0]!, p[1]!], g, { ignoreBoundary: false });
}
