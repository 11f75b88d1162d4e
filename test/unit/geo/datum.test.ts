import { describe, expect, it } from 'vitest';
import { convertGeometry, distanceM, gcj02ToWgs84, parseDatum, wgs84ToGcj02 } from '../../../shared/geo';

describe('datum: GCJ-02 ↔ WGS84 (CGCS2000 taken as WGS84)', () => {
  const seatGcj: [number, number] = [112.156064, 37.551963]; // 交城县 seat as 高德 gives it

  it('GCJ-02 is offset by several hundred metres around 交城县 (the reason to convert)', () => {
    const w = gcj02ToWgs84(seatGcj);
    const d = distanceM(seatGcj, w);
    expect(d).toBeGreaterThan(300);
    expect(d).toBeLessThan(900);
    // GCJ-02 shifts to the east and north in this region: WGS84 lies west/south of it.
    expect(w[0]).toBeLessThan(seatGcj[0]);
  });

  it('round trip WGS84 → GCJ-02 → WGS84 is good to a few centimetres', () => {
    for (const p of [
      [112.15, 37.55],
      [111.45, 37.85],
      [116.39, 39.9],
    ] as [number, number][]) {
      expect(distanceM(p, gcj02ToWgs84(wgs84ToGcj02(p)))).toBeLessThan(0.05);
    }
  });

  it('outside China GCJ-02 is WGS84 (no offset)', () => {
    expect(gcj02ToWgs84([2.35, 48.85])).toEqual([2.35, 48.85]);
  });

  it('converts every position of a polygon and drops altitude', () => {
    const g = convertGeometry(
      { type: 'Polygon', coordinates: [[[112.1, 37.5, 800], [112.2, 37.5, 800], [112.2, 37.6, 800], [112.1, 37.5, 800]]] },
      'gcj02',
    );
    expect(g.coordinates[0]!.every((p) => p.length === 2)).toBe(true);
    expect(distanceM([112.1, 37.5], g.coordinates[0]![0]!)).toBeGreaterThan(300);
  });

  it('converts a whole geometry to exactly the numbers of converting each position, both ways, leaving the input as it was', () => {
    const ring = [[112.1, 37.5, 800], [112.23, 37.51], [112.2, 37.64], [2.35, 48.85], [112.1, 37.5]];
    const input = { type: 'MultiPolygon' as const, coordinates: [[ring], [ring.slice().reverse()]] };
    const before = JSON.stringify(input);
    for (const [from, to, fn] of [['gcj02', 'wgs84', gcj02ToWgs84], ['wgs84', 'gcj02', wgs84ToGcj02]] as const) {
      const g = convertGeometry(input, from, to);
      expect(g.coordinates).toEqual(input.coordinates.map((poly) => poly.map((r) => r.map((p) => fn(p)))));
    }
    expect(JSON.stringify(input)).toBe(before);
    expect(convertGeometry({ type: 'Point', coordinates: [112.1, 37.5] }, 'gcj02').coordinates).toEqual(gcj02ToWgs84([112.1, 37.5]));
  });

  it('reads the spellings officers write', () => {
    expect(parseDatum('WGS-84')).toBe('wgs84');
    expect(parseDatum('CGCS2000')).toBe('wgs84');
    expect(parseDatum('国家2000')).toBe('wgs84');
    expect(parseDatum('GCJ-02')).toBe('gcj02');
    expect(parseDatum('高德')).toBe('gcj02');
    expect(parseDatum('bd09')).toBeNull();
  });
});
