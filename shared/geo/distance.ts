import turfDistance from '@turf/distance';
import type { Position } from 'geojson';

/**
 * Great-circle distances on a sphere of the WGS84 mean radius.
 *
 * We use @turf/distance (haversine, earth radius 6 371 008.8 m = the IUGG mean radius R1 of WGS84) rather than a
 * hand-written formula: it is the same formula every turf helper (buffer, point-in-polygon) of this project is
 * consistent with. On the sphere the error against the WGS84 ellipsoid is below 0.5 %, far below the accuracy of the
 * sample boundaries; the 3 km radii of 交政发〔2024〕7号 5(2) are straight-line radii, so a spherical distance is the
 * faithful reading.
 */
export const EARTH_RADIUS_M = 6_371_008.8;
/** Metres per degree of latitude (and of longitude at the equator) on that sphere: 111 195.08 m. */
export const METRES_PER_DEGREE = (EARTH_RADIUS_M * Math.PI) / 180;

export type LngLat = readonly [lng: number, lat: number];

/** Great-circle distance in metres between two [lng, lat] positions (WGS84 degrees). */
export function distanceM(a: LngLat | Position, b: LngLat | Position): number {
  return turfDistance([a[0]!, a[1]!], [b[0]!, b[1]!], { units: 'meters' });
}

/** Local planar projection (equirectangular around `origin`), in metres: good to < 0.1 % within ~20 km. */
export function project(origin: LngLat, p: LngLat | Position): [number, number] {
  const k = Math.cos((origin[1] * Math.PI) / 180);
  return [(p[0]! - origin[0]) * METRES_PER_DEGREE * k, (p[1]! - origin[1]) * METRES_PER_DEGREE];
}

export function unproject(origin: LngLat, xy: readonly [number, number]): [number, number] {
  const k = Math.cos((origin[1] * Math.PI) / 180);
  return [origin[0] + xy[0] / (METRES_PER_DEGREE * k), origin[1] + xy[1] / METRES_PER_DEGREE];
}
