import { describe, expect, it } from 'vitest';
import { fmtDeg, fmtDistance, fmtDms, parseDeg, toDms } from '../../../../renderer/src/map/format';

describe('coordinates under the cursor', () => {
  it('shows decimal degrees with 6 places', () => {
    expect(fmtDeg(112.1234564)).toBe('112.123456');
    expect(fmtDeg(37)).toBe('37.000000');
  });

  it('shows 度分秒 with hemisphere, carrying 60″ into the minute', () => {
    // 112° + 7/60 + 24.45/3600
    expect(fmtDms(112 + 7 / 60 + 24.45 / 3600, 'lng')).toBe('112°07′24.45″E');
    expect(fmtDms(37.5, 'lat')).toBe('37°30′00.00″N');
    expect(fmtDms(-0.5, 'lat')).toBe('0°30′00.00″S');
    expect(fmtDms(-73.25, 'lng')).toBe('73°15′00.00″W');
    // 59.999″ rounds to 60.00″ → carried: 10°01′00.00″, never 10°00′60.00″
    expect(fmtDms(10 + 59.999 / 3600, 'lat')).toBe('10°01′00.00″N');
    expect(toDms(10 + 59 / 60 + 59.999 / 3600)).toEqual({ deg: 11, min: 0, sec: 0, negative: false });
  });

  it('round-trips typed 度分秒 and decimal degrees', () => {
    expect(parseDeg('112.160000')).toBeCloseTo(112.16, 9);
    expect(parseDeg("112°07′24.45″E")).toBeCloseTo(112 + 7 / 60 + 24.45 / 3600, 9);
    expect(parseDeg('37度30分0秒')).toBeCloseTo(37.5, 9);
    expect(parseDeg('73 15 0 W')).toBeCloseTo(-73.25, 9);
    expect(parseDeg('37°60′')).toBeNull();
    expect(parseDeg('abc')).toBeNull();
    expect(parseDeg('')).toBeNull();
    for (const x of [112.123456, 37.654321, 0.000123]) expect(parseDeg(fmtDms(x, 'lng'))).toBeCloseTo(x, 5);
  });

  it('shows metres below 1 km and kilometres from 1 km', () => {
    expect(fmtDistance(999.4)).toEqual({ value: '999', unit: 'm' });
    expect(fmtDistance(1000)).toEqual({ value: '1.00', unit: 'km' });
    expect(fmtDistance(2345.6)).toEqual({ value: '2.35', unit: 'km' });
  });
});
