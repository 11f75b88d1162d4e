import { describe, expect, it } from 'vitest';
import { checkGeometry, fitsLayer, normalizeGeometry } from '../../../shared/geo';

const codes = (g: unknown, layer?: Parameters<typeof checkGeometry>[1]) => checkGeometry(g, layer).map((p) => p.code);

describe('geometry problems', () => {
  it('a good point for a point layer has none', () => {
    expect(codes({ type: 'Point', coordinates: [112.15, 37.55] }, 'water')).toEqual([]);
  });
  it('missing geometry, missing or non-numeric coordinates', () => {
    expect(codes(null)).toEqual(['missing-geometry']);
    expect(codes({ type: 'Point' })).toEqual(['missing-coordinates']);
    expect(codes({ type: 'Point', coordinates: ['112', 37] })).toEqual(['not-a-number']);
  });
  it('out of range: latitude beyond 90 (swapped lng/lat) and longitude beyond 180', () => {
    expect(codes({ type: 'Point', coordinates: [37.55, 112.15] })).toEqual(['out-of-range']);
    expect(codes({ type: 'Point', coordinates: [180.5, 37] })).toEqual(['out-of-range']);
    expect(codes({ type: 'Point', coordinates: [180, 90] })).toEqual([]);
  });
  it('open ring, too few points, self-intersecting ring (bow tie)', () => {
    expect(codes({ type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 1]]] })).toEqual(['ring-not-closed']);
    expect(codes({ type: 'Polygon', coordinates: [[[0, 0], [1, 0], [0, 0]]] })).toEqual(['too-few-points']);
    expect(codes({ type: 'Polygon', coordinates: [[[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]] })).toEqual(['self-intersection']);
    expect(codes({ type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]] })).toEqual([]);
  });
  it('unsupported types and the wrong geometry for the layer', () => {
    expect(codes({ type: 'Circle', coordinates: [0, 0] })).toEqual(['unsupported-geometry']);
    expect(codes({ type: 'LineString', coordinates: [[112, 37], [112.1, 37.1]] }, 'water')).toEqual(['wrong-geometry-for-layer']);
    expect(codes({ type: 'Point', coordinates: [112, 37] }, 'zones')).toEqual(['wrong-geometry-for-layer']);
    expect(fitsLayer({ type: 'MultiLineString', coordinates: [[[112, 37], [112.1, 37.1]]] }, 'roads')).toBe(true);
  });
  it('messages name the problem in Chinese and English', () => {
    const [p] = checkGeometry({ type: 'Point', coordinates: [37.55, 112.15] });
    expect(p!.message).toContain('经纬度写反');
    expect(p!.messageEn).toContain('swapped');
  });
});

describe('normalizeGeometry', () => {
  it('drops altitude and turns a one-point MultiPoint into a Point', () => {
    expect(normalizeGeometry({ type: 'MultiPoint', coordinates: [[112, 37, 800]] })).toEqual({ type: 'Point', coordinates: [112, 37] });
  });
  it('turns a KML MultiGeometry of polygons into a MultiPolygon', () => {
    const sq = [[0, 0], [1, 0], [1, 1], [0, 0]];
    const g = normalizeGeometry({ type: 'GeometryCollection', geometries: [{ type: 'Polygon', coordinates: [sq] }, { type: 'Polygon', coordinates: [sq] }] });
    expect(g.type).toBe('MultiPolygon');
  });
  it('keeps a mixed collection as a GeometryCollection (then refused as unsupported)', () => {
    const g = normalizeGeometry({ type: 'GeometryCollection', geometries: [{ type: 'Point', coordinates: [0, 0] }, { type: 'LineString', coordinates: [[0, 0], [1, 1]] }] });
    expect(g.type).toBe('GeometryCollection');
    expect(codes(g)).toEqual(['unsupported-geometry']);
  });
});
