import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from '../../../electron/core/db/database';
import { near, nextRadius, pointInfo, zonesAt } from '../../../electron/core/map/query';
import { applyFeatureChange } from '../../../electron/core/map/store';
import { distanceM } from '../../../shared/geo';
import { meta, tempDb } from './helpers';

let db: Database;
afterEach(() => db?.close());

const R = 6_371_008.8;
/** A point `m` metres due north / east of `p` on the sphere (independent of the code under test). */
const north = (p: [number, number], m: number): [number, number] => [p[0], p[1] + ((m / R) * 180) / Math.PI];
const east = (p: [number, number], m: number): [number, number] => [p[0] + ((m / (R * Math.cos((p[1] * Math.PI) / 180))) * 180) / Math.PI, p[1]];

const fire: [number, number] = [112.15, 37.58];

function addPoint(layer: 'water' | 'checkpoints' | 'teams' | 'towers', name: string, at: [number, number]): number {
  return applyFeatureChange(db, { op: 'add', draft: { layer, name, geometry: { type: 'Point', coordinates: at } } }, meta())!.id;
}

describe('water within the 3 km water-taking radius (交政发〔2024〕7号 5(2))', () => {
  it('2999 m → inside; 3001 m → outside; exactly 3000 m → inside; sorted nearest first', () => {
    ({ db } = tempDb());
    addPoint('water', '北 2999 m', north(fire, 2999));
    addPoint('water', '东 3001 m', east(fire, 3001));
    addPoint('water', '东 3000 m', east(fire, 3000));
    addPoint('water', '北 500 m', north(fire, 500));
    addPoint('water', '南 3001 m', north(fire, -3001));
    const hits = near(db, fire, 'water', { withinM: 3000, limit: 50 });
    expect(hits.map((h) => h.name)).toEqual(['北 500 m', '北 2999 m', '东 3000 m']);
    expect(hits[0]!.distanceM).toBeCloseTo(500, 0);
    expect(hits[1]!.distanceM).toBeCloseTo(2999, 0);
  });

  it('the same answer on both sides of the threshold at the latitude of 庞泉沟 and in every direction', () => {
    ({ db } = tempDb());
    const c: [number, number] = [111.5, 37.85];
    for (const [i, b] of [0, 1, 2, 3].entries()) {
      const inside = b % 2 === 0 ? north(c, b < 2 ? 2999 : -2999) : east(c, b < 2 ? 2999 : -2999);
      const outside = b % 2 === 0 ? north(c, b < 2 ? 3001 : -3001) : east(c, b < 2 ? 3001 : -3001);
      addPoint('water', `in${i}`, inside);
      addPoint('water', `out${i}`, outside);
    }
    const names = near(db, c, 'water', { withinM: 3000, limit: 50 }).map((h) => h.name).sort();
    expect(names).toEqual(['in0', 'in1', 'in2', 'in3']);
  });

  it('limit cuts the sorted list', () => {
    ({ db } = tempDb());
    for (const m of [100, 200, 300, 400]) addPoint('water', `w${m}`, north(fire, m));
    expect(near(db, fire, 'water', { withinM: 3000, limit: 2 }).map((h) => h.name)).toEqual(['w100', 'w200']);
  });
});

describe('nearest without a radius: same answer as brute force over every feature', () => {
  it('random layers and random queries (R*Tree expanding search vs measuring all)', () => {
    ({ db } = tempDb());
    const pts: Array<{ id: number; at: [number, number] }> = [];
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.double({ min: 111.4, max: 112.3, noNaN: true }), fc.double({ min: 37.4, max: 37.9, noNaN: true })), { minLength: 300, maxLength: 300 }), (list) => {
        db.transaction(() => {
          for (const [i, p] of list.entries()) pts.push({ id: addPoint('teams', `t${i}`, p), at: p });
        })();
        return true;
      }),
      { numRuns: 1 },
    );
    fc.assert(
      fc.property(fc.double({ min: 110.5, max: 113.5, noNaN: true }), fc.double({ min: 37, max: 38.5, noNaN: true }), fc.integer({ min: 1, max: 7 }), (lng, lat, k) => {
        const brute = pts
          .map((p) => ({ id: p.id, d: distanceM([lng, lat], p.at) }))
          .sort((a, b) => a.d - b.d || a.id - b.id)
          .slice(0, k)
          .map((x) => x.id);
        return JSON.stringify(near(db, [lng, lat], 'teams', { limit: k }).map((h) => h.id)) === JSON.stringify(brute);
      }),
      { numRuns: 60 },
    );
  });

  it('tightly clustered points (metres apart, where the 32-bit index boxes blur): within a radius, same as brute force', () => {
    ({ db } = tempDb());
    const c: [number, number] = [112.15, 37.58];
    const pts: Array<{ id: number; at: [number, number] }> = [];
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.double({ min: -200, max: 200, noNaN: true }), fc.double({ min: -200, max: 200, noNaN: true })), { minLength: 400, maxLength: 400 }), (list) => {
        db.transaction(() => {
          for (const [i, [dx, dy]] of list.entries()) {
            const at = north(east(c, dx), dy);
            pts.push({ id: addPoint('water', `w${i}`, at), at });
          }
        })();
        return true;
      }),
      { numRuns: 1 },
    );
    fc.assert(
      fc.property(fc.double({ min: -250, max: 250, noNaN: true }), fc.double({ min: -250, max: 250, noNaN: true }), fc.integer({ min: 1, max: 60 }), fc.double({ min: 5, max: 300, noNaN: true }), (dx, dy, k, r) => {
        const q = north(east(c, dx), dy);
        const brute = pts
          .map((p) => ({ id: p.id, d: distanceM(q, p.at) }))
          .filter((x) => x.d <= r)
          .sort((a, b) => a.d - b.d || a.id - b.id)
          .slice(0, k)
          .map((x) => x.id);
        return JSON.stringify(near(db, q, 'water', { withinM: r, limit: k }).map((h) => h.id)) === JSON.stringify(brute);
      }),
      { numRuns: 150 },
    );
  });

  it('layers mixed in one index: the nearest of one layer never includes another (same as brute force per layer)', () => {
    ({ db } = tempDb());
    const layers = ['checkpoints', 'water', 'teams', 'towers'] as const; // R*Tree layer slots 2, 3, 4, 5: neighbours
    const pts: Array<{ id: number; layer: (typeof layers)[number]; at: [number, number] }> = [];
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.double({ min: 111.9, max: 112.4, noNaN: true }), fc.double({ min: 37.4, max: 37.7, noNaN: true }), fc.integer({ min: 0, max: 3 })), { minLength: 400, maxLength: 400 }), (list) => {
        db.transaction(() => {
          for (const [i, [lng, lat, l]] of list.entries()) pts.push({ id: addPoint(layers[l]!, `p${i}`, [lng, lat]), layer: layers[l]!, at: [lng, lat] });
        })();
        return true;
      }),
      { numRuns: 1 },
    );
    fc.assert(
      fc.property(fc.double({ min: 111.8, max: 112.5, noNaN: true }), fc.double({ min: 37.3, max: 37.8, noNaN: true }), fc.integer({ min: 0, max: 3 }), fc.integer({ min: 1, max: 12 }), fc.boolean(), (lng, lat, l, k, within) => {
        const layer = layers[l]!;
        const r = within ? 3000 : Infinity;
        const brute = pts
          .filter((p) => p.layer === layer)
          .map((p) => ({ id: p.id, d: distanceM([lng, lat], p.at) }))
          .filter((x) => x.d <= r)
          .sort((a, b) => a.d - b.d || a.id - b.id)
          .slice(0, k)
          .map((x) => x.id);
        const got = near(db, [lng, lat], layer, within ? { withinM: 3000, limit: k } : { limit: k }).map((h) => h.id);
        return JSON.stringify(got) === JSON.stringify(brute);
      }),
      { numRuns: 120 },
    );
  });

  it('a layer with fewer features than the limit returns them all, sorted', () => {
    ({ db } = tempDb());
    addPoint('towers', '远', north(fire, 50_000));
    addPoint('towers', '近', north(fire, 5_000));
    expect(near(db, fire, 'towers', { limit: 10 }).map((h) => h.name)).toEqual(['近', '远']);
  });
});

describe('nextRadius: how far the nearest search looks next', () => {
  it('sizes the next radius from how many of the wanted features the last one held (area grows with r²)', () => {
    // 5 of 20 found: √4 × 1.25 = 2.5×
    expect(nextRadius(1000, 5, 20)).toBeCloseTo(2500, 6);
    // 3 of 5 found: √(5/3) × 1.25 ≈ 1.61× (above the 1.5× floor)
    expect(nextRadius(1000, 3, 5)).toBeCloseTo(1000 * Math.sqrt(5 / 3) * 1.25, 6);
  });
  it('grows at least 1.5× (so the search ends) and at most 8× (a sparse spot does not read a huge box)', () => {
    // 4 of 5 found: √1.25 × 1.25 ≈ 1.40 → floor 1.5
    expect(nextRadius(1000, 4, 5)).toBe(1500);
    // 1 of 100 found: √100 × 1.25 = 12.5 → cap 8
    expect(nextRadius(1000, 1, 100)).toBe(8000);
    // 2 of 100 found: √50 × 1.25 ≈ 8.84 → cap 8; 3 of 100: √33.3 × 1.25 ≈ 7.22 → under the cap
    expect(nextRadius(1000, 2, 100)).toBe(8000);
    expect(nextRadius(1000, 3, 100)).toBeCloseTo(1000 * Math.sqrt(100 / 3) * 1.25, 6);
  });
  it('nothing found: four times the radius', () => {
    expect(nextRadius(500, 0, 10)).toBe(2000);
  });
});

describe('fire roads: distance to the nearest point of the line', () => {
  it('measures to the segment, not to its vertices', () => {
    ({ db } = tempDb());
    const a = east(north(fire, 1000), -5000);
    const b = east(north(fire, 1000), 5000);
    applyFeatureChange(db, { op: 'add', draft: { layer: 'roads', name: '东西向通道', geometry: { type: 'LineString', coordinates: [a, b] } } }, meta());
    const [hit] = near(db, fire, 'roads', { limit: 1 });
    expect(hit!.distanceM).toBeGreaterThan(995);
    expect(hit!.distanceM).toBeLessThan(1005);
    expect(hit!.lng).toBeCloseTo(fire[0], 3);
  });
});

describe('zones containing a point', () => {
  it('respects holes and MultiPolygons, sorted by name', () => {
    ({ db } = tempDb());
    const sq = (x0: number, y0: number, x1: number, y1: number) => [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]];
    applyFeatureChange(db, { op: 'add', draft: { layer: 'zones', name: '乙区', geometry: { type: 'Polygon', coordinates: [sq(112, 37.5, 112.1, 37.6), sq(112.04, 37.54, 112.06, 37.56)] } } }, meta());
    applyFeatureChange(db, { op: 'add', draft: { layer: 'zones', name: '甲区', geometry: { type: 'MultiPolygon', coordinates: [[sq(111.9, 37.4, 112.02, 37.52)], [sq(112.3, 37.5, 112.4, 37.6)]] } } }, meta());
    expect(zonesAt(db, [112.01, 37.51]).map((z) => z.name)).toEqual(['乙区', '甲区'].sort());
    expect(zonesAt(db, [112.05, 37.55]).map((z) => z.name)).toEqual([]);
    expect(zonesAt(db, [112.35, 37.55]).map((z) => z.name)).toEqual(['甲区']);
    expect(zonesAt(db, [112.2, 37.55])).toEqual([]);
  });
});

describe('pointInfo: one answer for a fire', () => {
  it('zones, water within 3 km, nearest checkpoints/teams/towers and the fire road', () => {
    ({ db } = tempDb());
    applyFeatureChange(db, { op: 'add', draft: { layer: 'zones', name: '区', geometry: { type: 'Polygon', coordinates: [[[112.1, 37.55], [112.2, 37.55], [112.2, 37.6], [112.1, 37.6], [112.1, 37.55]]] } } }, meta());
    addPoint('water', '近水', north(fire, 2999));
    addPoint('water', '远水', north(fire, 3001));
    addPoint('checkpoints', '卡口', east(fire, 4000));
    addPoint('teams', '专业队', east(fire, 20_000));
    addPoint('towers', '瞭望台', east(fire, 1500));
    applyFeatureChange(db, { op: 'add', draft: { layer: 'roads', name: '通道', geometry: { type: 'LineString', coordinates: [north(fire, 3001), east(north(fire, 3001), 100)] } } }, meta());
    const info = pointInfo(db, fire);
    expect(info.zones.map((z) => z.name)).toEqual(['区']);
    expect(info.water.map((w) => w.name)).toEqual(['近水']);
    expect(info.checkpoints[0]!.distanceM).toBeCloseTo(4000, 0);
    expect(info.teams[0]!.name).toBe('专业队');
    expect(info.towers[0]!.name).toBe('瞭望台');
    expect(info.road!.distanceM).toBeCloseTo(3001, 0);
    expect(info.roadWithinWalkingRadius).toBe(false);
  });
});
