import type { MultiPolygon, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { pointInPolygon } from '../../../shared/geo';

const square = (x0: number, y0: number, x1: number, y1: number) => [
  [x0, y0],
  [x1, y0],
  [x1, y1],
  [x0, y1],
  [x0, y0],
];

describe('point in polygon (holes, MultiPolygon, boundary)', () => {
  const withHole: Polygon = { type: 'Polygon', coordinates: [square(112, 37.5, 112.1, 37.6), square(112.04, 37.54, 112.06, 37.56)] };
  const two: MultiPolygon = { type: 'MultiPolygon', coordinates: [[square(112.2, 37.5, 112.25, 37.55)], [square(112.3, 37.5, 112.35, 37.55)]] };

  it('inside the shell and outside the hole → inside', () => {
    expect(pointInPolygon([112.01, 37.51], withHole)).toBe(true);
  });
  it('inside the hole → outside', () => {
    expect(pointInPolygon([112.05, 37.55], withHole)).toBe(false);
  });
  it('outside the shell → outside', () => {
    expect(pointInPolygon([112.11, 37.55], withHole)).toBe(false);
  });
  it('on the boundary counts as inside (a fire on the line belongs to the zone)', () => {
    expect(pointInPolygon([112.0, 37.55], withHole)).toBe(true);
  });
  it('either part of a MultiPolygon, but not the gap between them', () => {
    expect(pointInPolygon([112.22, 37.52], two)).toBe(true);
    expect(pointInPolygon([112.32, 37.52], two)).toBe(true);
    expect(pointInPolygon([112.28, 37.52], two)).toBe(false);
  });
});
