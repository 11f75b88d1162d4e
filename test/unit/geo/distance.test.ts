import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bboxAround, bboxContainsPoint, distanceM, EARTH_RADIUS_M, expandBBox } from '../../../shared/geo';

/** Destination on the sphere from a start, bearing and distance (aviation formulary), written here independently. */
function destination(lng: number, lat: number, bearingDeg: number, d: number): [number, number] {
  const rad = Math.PI / 180;
  const δ = d / 6_371_008.8;
  const θ = bearingDeg * rad;
  const φ1 = lat * rad;
  const λ1 = lng * rad;
  const φ2 = Math.asin(Math.sin(φ1) * Math.cos(δ) + Math.cos(φ1) * Math.sin(δ) * Math.cos(θ));
  const λ2 = λ1 + Math.atan2(Math.sin(θ) * Math.sin(δ) * Math.cos(φ1), Math.cos(δ) - Math.sin(φ1) * Math.sin(φ2));
  return [λ2 / rad, φ2 / rad];
}

describe('great-circle distance (WGS84 mean radius)', () => {
  it('uses the WGS84 mean radius R1 = 6 371 008.8 m', () => {
    expect(EARTH_RADIUS_M).toBe(6_371_008.8);
  });

  it('one degree of latitude is about 111.2 km, anywhere', () => {
    expect(distanceM([112, 37], [112, 38]) / 1000).toBeCloseTo(111.195, 2);
    expect(distanceM([0, -0.5], [0, 0.5]) / 1000).toBeCloseTo(111.195, 2);
  });

  it('one degree of longitude shrinks with the cosine of the latitude (half at 60°)', () => {
    const eq = distanceM([0, 0], [1, 0]);
    const at60 = distanceM([0, 60], [1, 60]);
    expect(at60 / eq).toBeCloseTo(0.5, 3);
  });

  it('Beijing to Shanghai is about 1 067 km', () => {
    const d = distanceM([116.4074, 39.9042], [121.4737, 31.2304]);
    expect(d / 1000).toBeGreaterThan(1062);
    expect(d / 1000).toBeLessThan(1072);
  });

  it('is 0 for the same point and symmetric', () => {
    expect(distanceM([112.15, 37.55], [112.15, 37.55])).toBe(0);
    expect(distanceM([112.15, 37.55], [112.2, 37.6])).toBeCloseTo(distanceM([112.2, 37.6], [112.15, 37.55]), 9);
  });

  it('points 2999 m and 3001 m away by the independent destination formula measure the same', () => {
    for (const bearing of [0, 45, 90, 180, 270]) {
      expect(distanceM([112.15, 37.58], destination(112.15, 37.58, bearing, 2999))).toBeCloseTo(2999, 3);
      expect(distanceM([112.15, 37.58], destination(112.15, 37.58, bearing, 3001))).toBeCloseTo(3001, 3);
    }
  });
});

describe('bboxAround: the R*Tree prefilter box', () => {
  it('holds every point of the circle, in every direction, at any latitude up to 80°', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -179, max: 179, noNaN: true }),
        fc.double({ min: -80, max: 80, noNaN: true }),
        fc.double({ min: 1, max: 200_000, noNaN: true }),
        fc.double({ min: 0, max: 360, noNaN: true }),
        (lng, lat, r, bearing) => {
          const box = bboxAround([lng, lat], r);
          const p = destination(lng, lat, bearing, r);
          return bboxContainsPoint(box, p);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('is tight: no more than 0.2 % wider than the circle in latitude', () => {
    const box = bboxAround([112.15, 37.58], 3000);
    const halfLatM = ((box[3] - box[1]) / 2) * ((Math.PI * 6_371_008.8) / 180);
    expect(halfLatM).toBeGreaterThanOrEqual(3000);
    expect(halfLatM).toBeLessThan(3006);
  });

  it('takes every longitude when the circle reaches a pole', () => {
    const box = bboxAround([10, 89.99], 5000);
    expect(box[0]).toBe(-180);
    expect(box[2]).toBe(180);
  });

  it('expandBBox grows a box by at least the distance on every side', () => {
    const b = expandBBox([112, 37.5, 112.2, 37.7], 1000);
    for (const [lng, lat, brg] of [
      [112, 37.5, 180],
      [112, 37.5, 270],
      [112.2, 37.7, 0],
      [112.2, 37.7, 90],
    ] as const) {
      expect(bboxContainsPoint(b, destination(lng, lat, brg, 1000))).toBe(true);
    }
  });
});

describe('our haversine equals @turf/distance (the maintained reference)', () => {
  it('to a micrometre on random pairs up to ~700 km apart (the scales of a county and its province)', async () => {
    const { default: turfDistance } = await import('@turf/distance');
    fc.assert(
      fc.property(
        fc.double({ min: -180, max: 180, noNaN: true }),
        fc.double({ min: -84, max: 84, noNaN: true }),
        fc.double({ min: -5, max: 5, noNaN: true }),
        fc.double({ min: -5, max: 5, noNaN: true }),
        (x1, y1, dx, dy) => Math.abs(distanceM([x1, y1], [x1 + dx, y1 + dy]) - turfDistance([x1, y1], [x1 + dx, y1 + dy], { units: 'meters' })) < 1e-6,
      ),
      { numRuns: 5000 },
    );
  });

  // Near antipodes haversine is ill-conditioned: atan2(√h, √(1−h)) turns a few ulp of rounding in 1−h into up to
  // ≈ 2R·√(2.2e-16) ≈ 0.19 m. And there rounding can push h above 1: @turf/distance 7.4 then returns NaN (seen:
  // [0, 88.99999999999254] to [-179.999975821468, -89]); ours clamps h. So globe-wide, turf is compared where it gives
  // a number, and every pair is compared with an independent formula that is well conditioned everywhere.
  it('to a metre anywhere on the globe where turf gives a number, antipodes included', async () => {
    const { default: turfDistance } = await import('@turf/distance');
    fc.assert(
      fc.property(
        fc.double({ min: -180, max: 180, noNaN: true }),
        fc.double({ min: -89, max: 89, noNaN: true }),
        fc.double({ min: -180, max: 180, noNaN: true }),
        fc.double({ min: -89, max: 89, noNaN: true }),
        (x1, y1, x2, y2) => {
          const turf = turfDistance([x1, y1], [x2, y2], { units: 'meters' });
          return Number.isNaN(turf) || Math.abs(distanceM([x1, y1], [x2, y2]) - turf) < 1;
        },
      ),
      { numRuns: 5000, examples: [[0, 88.99999232281334, 170.71382875829224, -88.99999999999996], [-23.141211877509022, 30.510821092380738, 156.85878710721332, -30.510822720561602], [0, 88.99999999999254, -179.999975821468, -89]] },
    );
  });
});

/** The great-circle distance by the spherical Vincenty formula (atan2 of the cross and dot products): well
 * conditioned at every separation, written here independently of the app's haversine. */
function vincentySphereM(a: [number, number], b: [number, number]): number {
  const rad = Math.PI / 180;
  const [f1, f2, dl] = [a[1] * rad, b[1] * rad, (b[0] - a[0]) * rad];
  const y = Math.hypot(Math.cos(f2) * Math.sin(dl), Math.cos(f1) * Math.sin(f2) - Math.sin(f1) * Math.cos(f2) * Math.cos(dl));
  const x = Math.sin(f1) * Math.sin(f2) + Math.cos(f1) * Math.cos(f2) * Math.cos(dl);
  return 6_371_008.8 * Math.atan2(y, x);
}

describe('our haversine against the well-conditioned spherical Vincenty formula', () => {
  it('within half a metre for any pair on the globe', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -180, max: 180, noNaN: true }),
        fc.double({ min: -90, max: 90, noNaN: true }),
        fc.double({ min: -180, max: 180, noNaN: true }),
        fc.double({ min: -90, max: 90, noNaN: true }),
        (x1, y1, x2, y2) => Math.abs(distanceM([x1, y1], [x2, y2]) - vincentySphereM([x1, y1], [x2, y2])) < 0.5,
      ),
      { numRuns: 5000 },
    );
  });

  it('near antipodes: never NaN, never more than half the circumference, within half a metre', () => {
    const half = Math.PI * EARTH_RADIUS_M;
    fc.assert(
      fc.property(
        fc.double({ min: -180, max: 180, noNaN: true }),
        fc.double({ min: -89.9, max: 89.9, noNaN: true }),
        fc.double({ min: -1e-5, max: 1e-5, noNaN: true }),
        fc.double({ min: -1e-5, max: 1e-5, noNaN: true }),
        (x1, y1, ex, ey) => {
          const b: [number, number] = [(x1 > 0 ? x1 - 180 : x1 + 180) + ex, -y1 + ey];
          const d = distanceM([x1, y1], b);
          return !Number.isNaN(d) && d <= half && Math.abs(d - vincentySphereM([x1, y1], b)) < 0.5;
        },
      ),
      // 20,000 runs: about 4 % of such pairs round h above 1, so an unclamped haversine fails here every time
      { numRuns: 20_000, examples: [[0, 88.99999999999254, 0.000024178532, 0]] },
    );
  });
});
