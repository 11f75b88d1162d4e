import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dangerIndex, DANGER_LEVELS, estimateDanger, levelForIndex, officialDanger } from '../../../shared/fire/danger';

describe('index bands (LY/T 1172 as DOMAIN §5.4): 1 ≤25, 2 26–50, 3 51–72, 4 73–90, 5 ≥91', () => {
  it.each([
    [0, 1],
    [25, 1],
    [26, 2],
    [50, 2],
    [51, 3],
    [72, 3],
    [73, 4],
    [90, 4],
    [91, 5],
    [100, 5],
  ])('index %i → level %i', (i, l) => expect(levelForIndex(i)).toBe(l));
  it('rejects indices outside 0–100 or not integers', () => {
    expect(() => levelForIndex(-1)).toThrow();
    expect(() => levelForIndex(101)).toThrow();
    expect(() => levelForIndex(50.5)).toThrow();
  });
});

describe('estimate from daily weather [decision: documented formula]', () => {
  it('hand-computed examples', () => {
    // 25·(35/35) + 30·(100−0)/100 + 30·15/15 + 15·10/10 = 100
    expect(dangerIndex({ maxTempC: 35, humidity14Pct: 0, dryDays: 15, windMs: 10 })).toBe(100);
    // 0 + 30·(0) + 0 + 0
    expect(dangerIndex({ maxTempC: -5, humidity14Pct: 100, dryDays: 0, windMs: 0 })).toBe(0);
    // 25·14/35 = 10; 30·0.8 = 24; 30·5/15 = 10; 15·0.4 = 6 → 50
    expect(dangerIndex({ maxTempC: 14, humidity14Pct: 20, dryDays: 5, windMs: 4 })).toBe(50);
    // one more dry day: 30·6/15 = 12 → 52 → level 3
    expect(dangerIndex({ maxTempC: 14, humidity14Pct: 20, dryDays: 6, windMs: 4 })).toBe(52);
  });
  it('is monotone: hotter, drier, more dry days or more wind never lowers it', () => {
    const w = fc.record({
      maxTempC: fc.double({ min: -50, max: 50, noNaN: true }),
      humidity14Pct: fc.double({ min: 0, max: 100, noNaN: true }),
      dryDays: fc.integer({ min: 0, max: 366 }),
      windMs: fc.double({ min: 0, max: 60, noNaN: true }),
    });
    fc.assert(
      fc.property(w, fc.double({ min: 0, max: 20, noNaN: true }), fc.integer({ min: 0, max: 20 }), (x, d, n) => {
        const base = dangerIndex(x);
        expect(dangerIndex({ ...x, maxTempC: Math.min(50, x.maxTempC + d) })).toBeGreaterThanOrEqual(base);
        expect(dangerIndex({ ...x, humidity14Pct: Math.max(0, x.humidity14Pct - d) })).toBeGreaterThanOrEqual(base);
        expect(dangerIndex({ ...x, dryDays: Math.min(366, x.dryDays + n) })).toBeGreaterThanOrEqual(base);
        expect(dangerIndex({ ...x, windMs: Math.min(60, x.windMs + d) })).toBeGreaterThanOrEqual(base);
        const i = dangerIndex(x);
        expect(i).toBeGreaterThanOrEqual(0);
        expect(i).toBeLessThanOrEqual(100);
      }),
    );
  });
  it('marks the computed level as estimated and the bureau level as official', () => {
    const e = estimateDanger({ maxTempC: 30, humidity14Pct: 15, dryDays: 20, windMs: 8 });
    expect(e.kind).toBe('estimated');
    // 25·30/35=21.43 + 25.5 + 30 + 12 = 88.9 → 89 → 4
    expect(e.index).toBe(89);
    expect(e.level).toBe(4);
    const o = officialDanger(5, '交城县气象局');
    expect(o).toMatchObject({ kind: 'official', level: 5, name: '极高火险', colour: 'red' });
    expect(DANGER_LEVELS[5].meaning).toMatch(/严禁/);
  });
  it('rejects impossible weather', () => {
    expect(() => estimateDanger({ maxTempC: 30, humidity14Pct: 120, dryDays: 1, windMs: 1 })).toThrow();
    expect(() => estimateDanger({ maxTempC: 30, humidity14Pct: 20, dryDays: -1, windMs: 1 })).toThrow();
  });
});
