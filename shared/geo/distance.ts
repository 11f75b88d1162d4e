import type { Position } from 'geojson';

/**
 * Great-circle distances on a sphere of the WGS84 mean radius R1 = 6 371 008.8 m (haversine).
 *
 * Decision: the haversine is written here (eight lines) rather than called through @turf/distance, because it runs in
 * the inner loop of every nearest-feature search (about five times faster without turf's argument normalisation,
 * measured by test/bench/map.bench.ts); it is the same formula with the same radius as @turf/distance (turf's
 * `earthRadius`), and test/unit/geo/distance.test.ts checks the two agree to a micrometre on random points.
 * On the sphere the error against the WGS84 ellipsoid is below 0.5 %, far below the accuracy of the sample boundaries;
 * the 3 km radii of 交政发〔2024〕7号 5(2) are straight-line radii, so a great-circle distance is the faithful reading.
 */
export const EARTH_RADIUS_M = 6_371_008.8;
/** Metres per degree of latitude (and of longitude at the equator) on that sphere: 111 195.08 m. */
export const METRES_PER_DEGREE = (EARTH_RADIUS_M * Math.PI) / 180;

export type LngLat = readonly [lng: number, lat: number];

const RAD = Math.PI / 180;

/** Great-circle distance in metres between two [lng, lat] positions (WGS84 degrees). */
export function distanceM(a: LngLat | Position, b: LngLat | Position): number {
  const lat1 = a[1]! * RAD;
  const lat2 = b[1]! * RAD;
  const sLat = Math.sin((lat2 - lat1) / 2);
  const sLng = Math.sin(((b[0]! - a[0]!) * RAD) / 2);
  // Near antipodes rounding can push h a few ulp above 1 (about 4 % of near-antipodal pairs), and √(1 − h) would
  // then be NaN; h is at most 1 exactly, so clamp it (@turf/distance 7.4 returns NaN for such pairs).
  const h = Math.min(1, sLat * sLat + Math.cos(lat1) * Math.cos(lat2) * sLng * sLng);
  return 2 * EARTH_RADIUS_M * Math.atan2(Math.sqrt(h), Math.sqrt(1 - h));
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
