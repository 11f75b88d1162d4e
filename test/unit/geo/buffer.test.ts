import type { Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { distanceM, pointInPolygon } from '../../../shared/geo';
import { bandOutside, bufferPolygon } from '../../../shared/geo/buffer';

// Move a point due north/east by metres on the sphere (R = 6 371 008.8 m), independently of the code under test.
const R = 6_371_008.8;
const north = (p: [number, number], m: number): [number, number] => [p[0], p[1] + ((m / R) * 180) / Math.PI];
const east = (p: [number, number], m: number): [number, number] => [p[0] + ((m / (R * Math.cos((p[1] * Math.PI) / 180))) * 180) / Math.PI, p[1]];

describe('庞泉沟: the 1 km band outside the reserve (交政发〔2024〕7号 3(1))', () => {
  // A 10 km × 10 km sample reserve.
  const reserve: Polygon = {
    type: 'Polygon',
    coordinates: [[[111.45, 37.8], [111.5633, 37.8], [111.5633, 37.89], [111.45, 37.89], [111.45, 37.8]]],
  };
  const band = bandOutside(reserve, 1000);
  const northEdgeMid: [number, number] = [111.50665, 37.89];
  const eastEdgeMid: [number, number] = [111.5633, 37.845];

  it('990 m outside the boundary → in the band; 1010 m → not', () => {
    expect(pointInPolygon(north(northEdgeMid, 990), band)).toBe(true);
    expect(pointInPolygon(north(northEdgeMid, 1010), band)).toBe(false);
    expect(pointInPolygon(east(eastEdgeMid, 990), band)).toBe(true);
    expect(pointInPolygon(east(eastEdgeMid, 1010), band)).toBe(false);
  });

  it('the reserve interior is NOT in the band (the text says 边界外, outside the boundary)', () => {
    expect(pointInPolygon([111.5, 37.845], band)).toBe(false);
    expect(pointInPolygon(north(northEdgeMid, -10), band)).toBe(false);
    expect(pointInPolygon(north(northEdgeMid, 10), band)).toBe(true);
  });

  it('at a corner the band follows the 1 km arc (within the 1.2 m chord error of 16 steps per quadrant)', () => {
    const corner: [number, number] = [111.5633, 37.89];
    const diag = (m: number) => north(east(corner, m / Math.SQRT2), m / Math.SQRT2);
    expect(distanceM(corner, diag(990))).toBeCloseTo(990, 0);
    expect(pointInPolygon(diag(990), band)).toBe(true);
    expect(pointInPolygon(diag(1010), band)).toBe(false);
  });

  it('the buffer includes the reserve; the band is the buffer with the reserve as a hole', () => {
    const buf = bufferPolygon(reserve, 1000);
    expect(pointInPolygon([111.5, 37.845], buf)).toBe(true);
    expect(band.type).toBe('Polygon');
    expect((band as Polygon).coordinates.length).toBe(2);
  });

  it('refuses a zero or negative width', () => {
    expect(() => bandOutside(reserve, 0)).toThrow();
  });
});
