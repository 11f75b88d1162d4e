import turfBuffer from '@turf/buffer';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';

/**
 * Buffers and bands around areas.
 *
 * 交政发〔2024〕7号 3(1): "庞泉沟风景区重点管控区域为辖区边界外 1 公里区域内" — the control zone is the 1 km band OUTSIDE the
 * boundary of the reserve. Decision: the band excludes the reserve's interior (the text says "边界外", outside the
 * boundary); the reserve itself is kept as its own feature in the zones layer (kind `reserve`), so a point inside the
 * reserve still answers "庞泉沟自然保护区", and a point within 1 km outside it answers the control zone. The band is
 * derived, never drawn by hand: replace the reserve boundary and derive the band again.
 *
 * @turf/buffer projects to an azimuthal-equidistant plane centred on the feature and buffers with JSTS; with 16 steps
 * per quadrant a convex corner is approximated by chords, at most 1000·(1−cos(π/64)) ≈ 1.2 m inside the true 1 km
 * arc; along straight edges the band is exact to the projection's error (centimetres at this size).
 */
export const BUFFER_STEPS = 16;

/** The area within `metres` of a polygon (the polygon included). */
export function bufferPolygon(area: Polygon | MultiPolygon, metres: number): Polygon | MultiPolygon {
  const out = turfBuffer({ type: 'Feature', properties: {}, geometry: area } as Feature<Polygon | MultiPolygon>, metres, {
    units: 'meters',
    steps: BUFFER_STEPS,
  }) as Feature<Polygon | MultiPolygon> | FeatureCollection<Polygon | MultiPolygon> | undefined;
  const g = out && 'geometry' in out ? out.geometry : undefined;
  if (!g || (g.type !== 'Polygon' && g.type !== 'MultiPolygon')) throw new Error('buffer produced no polygon');
  return g;
}

/** Exterior rings of an area, each as a ring. Holes (enclaves) of the reserve are ignored: see bandOutside. */
function exteriors(area: Polygon | MultiPolygon): Position[][] {
  return area.type === 'Polygon' ? [area.coordinates[0]!] : area.coordinates.map((p) => p[0]!);
}

function ringContains(ring: Position[], p: Position): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[i]!;
    const b = ring[j]!;
    if (a[1]! > p[1]! !== b[1]! > p[1]! && p[0]! < ((b[0]! - a[0]!) * (p[1]! - a[1]!)) / (b[1]! - a[1]!) + a[0]!) inside = !inside;
  }
  return inside;
}

/**
 * The band between the area's boundary and `metres` outside it: buffer(area, metres) minus the area, built as the
 * buffer's polygon(s) with the area's exterior ring(s) as holes. Exact for areas without holes (the buffer of an
 * area always contains it). An enclave (hole) inside the reserve is treated as part of the reserve.
 */
export function bandOutside(area: Polygon | MultiPolygon, metres: number): Polygon | MultiPolygon {
  if (!(metres > 0)) throw new Error('band width must be positive');
  const buffered = bufferPolygon(area, metres);
  const outerPolys: Position[][][] = buffered.type === 'Polygon' ? [buffered.coordinates] : buffered.coordinates;
  const holes = exteriors(area);
  const result: Position[][][] = outerPolys.map((poly) => {
    const shell = poly[0]!;
    const mine = holes.filter((h) => ringContains(shell, h[0]!));
    // A hole of the buffer itself stays a hole unless it lies inside the reserve (an enclave, counted as reserve).
    const own = poly.slice(1).filter((bh) => !mine.some((h) => ringContains(h, bh[0]!)));
    return [shell, ...own, ...mine.map((h) => [...h].reverse())];
  });
  return result.length === 1 ? { type: 'Polygon', coordinates: result[0]! } : { type: 'MultiPolygon', coordinates: result };
}
