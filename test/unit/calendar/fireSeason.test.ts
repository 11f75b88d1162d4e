import { describe, expect, it } from 'vitest';
import {
  addDays,
  CalendarInputError,
  fireCalendar,
  chunjieDate,
  focusPeriodsOfYear,
  focusPeriodsOn,
  hanyiDate,
  highRiskDayOn,
  highRiskWindowOn,
  isInSpecialPeriod,
  nextHighRiskDay,
  parseIsoDate,
  qingmingDate,
  qingmingMoment,
  shanghaiDate,
  shanghaiDaysTouched,
} from '../../../shared/calendar';

/*
 * Independent sources for the lunar and solar-term dates (not the library under test):
 *  - 寒衣节 2024–2028 and 清明 2025/2026 moments: DOMAIN.md §5.5 (GB/T 33661-2017 农历的编算和颁行).
 *  - 清明 2020–2030: the table "2020-2030年清明节时间" at https://www.rili.com.cn/qingmingjie/102136.html
 *    (2024 4月4日, 2027 4月5日, 2028 4月4日, 2029 4月4日, 2030 4月5日); 2027 also at
 *    https://m.jiusongjiankang.com/health/know/5634748.html ("节气精确时间为4月5日8:17").
 *  - 寒衣节 2029 and 2030: no almanac page for those years was found by the search tool, so they are checked against
 *    ICU's Chinese calendar (Node's Intl, an implementation independent of tyme4ts): 2029-11-06 = 己酉年十月初一,
 *    2030-10-27 = 庚戌年十月初一. The same pattern (a 寒衣节 before 1 November) is listed for 2038-10-28 and
 *    2041-10-25 at https://jieri.zzhuangli.com/jieri/hanyijie?y=2038, also checked below.
 */
const QINGMING: Record<number, string> = {
  2024: '2024-04-04',
  2025: '2025-04-04',
  2026: '2026-04-05',
  2027: '2027-04-05',
  2028: '2028-04-04',
  2029: '2029-04-04',
  2030: '2030-04-05',
};
const HANYI: Record<number, string> = {
  2024: '2024-11-01',
  2025: '2025-11-20',
  2026: '2026-11-09',
  2027: '2027-10-29',
  2028: '2028-11-16',
  2029: '2029-11-06',
  2030: '2030-10-27',
};

describe('special fire-danger period 1 Nov – 15 May (4(1)), both ends inclusive', () => {
  it.each([
    ['2025-10-31', false],
    ['2025-11-01', true],
    ['2025-12-31', true],
    ['2026-01-01', true],
    ['2026-02-28', true],
    ['2024-02-29', true],
    ['2026-05-15', true],
    ['2026-05-16', false],
    ['2026-07-01', false],
  ])('%s → %s', (d, inside) => {
    expect(isInSpecialPeriod(d)).toBe(inside);
    expect(fireCalendar(d).inSpecialPeriod).toBe(inside);
  });

  it('names the season that contains the date, or the next one', () => {
    expect(fireCalendar('2026-01-10').specialPeriod).toMatchObject({ start: '2025-11-01', end: '2026-05-15' });
    expect(fireCalendar('2025-11-01').specialPeriod).toMatchObject({ start: '2025-11-01', end: '2026-05-15', daysUntilStart: 0 });
    expect(fireCalendar('2026-05-16').specialPeriod).toMatchObject({ start: '2026-11-01', end: '2027-05-15' });
    expect(fireCalendar('2026-10-31').specialPeriod.daysUntilStart).toBe(1);
  });
});

describe('high-risk days 清明 and 寒衣节 (3(2)), 2024–2030 against independent sources', () => {
  for (const y of Object.keys(QINGMING).map(Number)) {
    it(`清明 ${y} = ${QINGMING[y]}`, () => {
      expect(qingmingDate(y)).toBe(QINGMING[y]);
      expect(highRiskDayOn(QINGMING[y]!)).toBe('清明');
      expect(highRiskDayOn(addDays(QINGMING[y]!, -1))).toBeNull();
      expect(highRiskDayOn(addDays(QINGMING[y]!, 1))).toBeNull();
    });
  }
  for (const y of Object.keys(HANYI).map(Number)) {
    it(`寒衣节 ${y} = ${HANYI[y]}`, () => {
      expect(hanyiDate(y)).toBe(HANYI[y]);
      expect(highRiskDayOn(HANYI[y]!)).toBe('寒衣节');
      expect(highRiskDayOn(addDays(HANYI[y]!, -1))).toBeNull();
      expect(highRiskDayOn(addDays(HANYI[y]!, 1))).toBeNull();
    });
  }

  it('清明 moments match DOMAIN.md §5.5 to the minute (Beijing time)', () => {
    expect(qingmingMoment(2025).slice(0, 16)).toBe('2025-04-04 20:48');
    expect(qingmingMoment(2026).slice(0, 16)).toBe('2026-04-05 02:40');
    expect(qingmingMoment(2027).slice(0, 16)).toBe('2027-04-05 08:17');
  });

  it('寒衣节 before 1 November is OUTSIDE the special period but still a high-risk day (2027-10-29, 2030-10-27)', () => {
    for (const d of ['2027-10-29', '2030-10-27']) {
      const c = fireCalendar(d);
      expect(c.highRiskDay).toBe('寒衣节');
      expect(c.inSpecialPeriod).toBe(false);
      expect(c.nextHighRiskDay).toEqual({ name: '寒衣节', date: d, daysAway: 0 });
    }
    // and the 2024 one falls on the first day of the period
    expect(fireCalendar('2024-11-01')).toMatchObject({ highRiskDay: '寒衣节', inSpecialPeriod: true });
  });

  it('寒衣节 agrees with ICU\'s Chinese calendar for 2020–2050 (independent implementation)', () => {
    const f = new Intl.DateTimeFormat('zh-CN-u-ca-chinese', { timeZone: 'Asia/Shanghai', month: 'long', day: 'numeric' });
    for (let y = 2020; y <= 2050; y++) {
      const d = hanyiDate(y);
      const parts = f.formatToParts(new Date(`${d}T04:00:00Z`));
      expect(parts.find((p) => p.type === 'month')?.value, `${y}`).toBe('十月');
      expect(parts.find((p) => p.type === 'day')?.value, `${y}`).toBe('1');
      // and the day before is not 十月初一 (so it is the FIRST day of the month)
      const prev = f.formatToParts(new Date(`${addDays(d, -1)}T04:00:00Z`));
      expect(prev.find((p) => p.type === 'month')?.value).not.toBe('十月');
    }
    expect(hanyiDate(2038)).toBe('2038-10-28');
    expect(hanyiDate(2041)).toBe('2041-10-25');
  });
});

describe('next high-risk day and days away', () => {
  it('counts down to the day and names it on the day (daysAway 0)', () => {
    expect(nextHighRiskDay('2026-04-04')).toEqual({ name: '清明', date: '2026-04-05', daysAway: 1 });
    expect(nextHighRiskDay('2026-04-05')).toEqual({ name: '清明', date: '2026-04-05', daysAway: 0 });
    expect(nextHighRiskDay('2026-04-06')).toEqual({ name: '寒衣节', date: '2026-11-09', daysAway: 217 });
  });
  it('crosses the year end', () => {
    expect(nextHighRiskDay('2025-11-21')).toEqual({ name: '清明', date: '2026-04-05', daysAway: 135 });
    expect(nextHighRiskDay('2027-12-31')).toEqual({ name: '清明', date: '2028-04-04', daysAway: 95 });
  });
});

describe('window around a high-risk day (default 3 before, 1 after), reported apart from highRiskDay', () => {
  it('default window edges on both sides', () => {
    // 清明 2026-04-05: window 04-02 .. 04-06
    expect(highRiskWindowOn('2026-04-01')).toBeNull();
    expect(highRiskWindowOn('2026-04-02')).toEqual({ name: '清明', date: '2026-04-05', offsetDays: -3 });
    expect(highRiskWindowOn('2026-04-05')).toEqual({ name: '清明', date: '2026-04-05', offsetDays: 0 });
    expect(highRiskWindowOn('2026-04-06')).toEqual({ name: '清明', date: '2026-04-05', offsetDays: 1 });
    expect(highRiskWindowOn('2026-04-07')).toBeNull();
    const c = fireCalendar('2026-04-03');
    expect(c.highRiskDay).toBeNull();
    expect(c.inHighRiskWindow).toEqual({ name: '清明', date: '2026-04-05', offsetDays: -2 });
  });
  it('is configurable', () => {
    expect(highRiskWindowOn('2027-10-22', { daysBefore: 7 })).toEqual({ name: '寒衣节', date: '2027-10-29', offsetDays: -7 });
    expect(highRiskWindowOn('2027-10-21', { daysBefore: 7 })).toBeNull();
    expect(highRiskWindowOn('2027-10-29', { daysBefore: 0, daysAfter: 0 })).toEqual({ name: '寒衣节', date: '2027-10-29', offsetDays: 0 });
    expect(highRiskWindowOn('2027-10-30', { daysBefore: 0, daysAfter: 0 })).toBeNull();
    expect(() => highRiskWindowOn('2027-10-30', { daysBefore: 31 })).toThrow(CalendarInputError);
    expect(() => highRiskWindowOn('2027-10-30', { daysAfter: -1 })).toThrow(CalendarInputError);
    expect(() => highRiskWindowOn('2027-10-30', { daysAfter: 1.5 })).toThrow(CalendarInputError);
  });
});

describe('inspection focus periods (6(7))', () => {
  const names = (d: string) => focusPeriodsOn(d).map((p) => p.name);
  it('春节 from 小年 (腊月二十三) to 元宵 (正月十五); 2026 春节 = 02-17', () => {
    // 2026: 腊月二十三 = 2026-02-10 (北方小年), 正月十五 = 2026-03-03
    expect(names('2026-02-09')).not.toContain('春节');
    expect(names('2026-02-10')).toContain('春节');
    expect(names('2026-03-03')).toContain('春节');
    expect(names('2026-03-04')).not.toContain('春节');
  });
  it('春节 range ends agree with ICU\'s Chinese calendar (腊月廿三 .. 正月十五), 2024–2030', () => {
    const f = new Intl.DateTimeFormat('zh-CN-u-ca-chinese', { timeZone: 'Asia/Shanghai', month: 'long', day: 'numeric' });
    const md = (d: string) => {
      const parts = f.formatToParts(new Date(`${d}T04:00:00Z`));
      return `${parts.find((p) => p.type === 'month')?.value}${parts.find((p) => p.type === 'day')?.value}`;
    };
    // 2027 and 2030 are left out of the ICU comparison: the new moon that starts 正月 falls within minutes of
    // midnight Beijing time (2027-02-06 23:56, 2030-02-03 00:07), where ICU's approximate Chinese calendar is a day
    // off (it says 02-07 and 02-02). GB/T 33661-2017 counts the Beijing day that contains the new moon, so 春节 is
    // 2027-02-06 and 2030-02-03, as tyme4ts says (checked in the next test).
    for (const y of [2024, 2025, 2026, 2028, 2029]) {
      const p = focusPeriodsOfYear(y).find((x) => x.name === '春节')!;
      expect(md(p.start), `${y}`).toBe('腊月23');
      expect(md(p.end), `${y}`).toBe('正月15');
    }
  });
  it('春节 near a midnight new moon follows GB/T 33661 (Beijing day of the new moon): 2027-02-06, 2030-02-03', () => {
    expect(chunjieDate(2027)).toBe('2027-02-06');
    expect(focusPeriodsOfYear(2027).find((x) => x.name === '春节')!.end).toBe('2027-02-20');
    expect(chunjieDate(2030)).toBe('2030-02-03');
    expect(focusPeriodsOfYear(2030).find((x) => x.name === '春节')!.end).toBe('2030-02-17');
  });
  it('五一 05-01..05-05 and 国庆 10-01..10-07', () => {
    expect(names('2026-04-30')).not.toContain('五一');
    expect(names('2026-05-01')).toContain('五一');
    expect(names('2026-05-05')).toContain('五一');
    expect(names('2026-05-06')).not.toContain('五一');
    expect(names('2026-09-30')).not.toContain('国庆');
    expect(names('2026-10-01')).toContain('国庆');
    expect(names('2026-10-07')).toContain('国庆');
    expect(names('2026-10-08')).not.toContain('国庆');
  });
  it('清明 −7..+3 and 十月初一 −7..+1', () => {
    expect(names('2026-03-28')).toEqual([]);
    expect(names('2026-03-29')).toEqual(['清明']);
    expect(names('2026-04-08')).toEqual(['清明']);
    expect(names('2026-04-09')).toEqual([]);
    expect(names('2027-10-21')).toEqual([]);
    expect(names('2027-10-22')).toEqual(['十月初一']);
    expect(names('2027-10-30')).toEqual(['十月初一']);
    expect(names('2027-10-31')).toEqual([]);
  });
  it('each period states its basis', () => {
    for (const p of focusPeriodsOn('2026-10-03')) expect(p.basis).toMatch(/决定/);
  });
});

describe('dates', () => {
  it('rejects malformed and impossible dates', () => {
    for (const bad of ['2025-02-29', '2025-13-01', '2025-1-01', '20250101', '2025-04-31', '', 'x']) {
      expect(parseIsoDate(bad)).toBeNull();
      expect(() => fireCalendar(bad)).toThrow(CalendarInputError);
    }
    expect(parseIsoDate('2024-02-29')).toEqual({ year: 2024, month: 2, day: 29 });
    expect(() => fireCalendar('1800-01-01')).toThrow(/year/);
  });
  it('uses the Asia/Shanghai day', () => {
    expect(shanghaiDate('2026-04-04T15:59:59Z')).toBe('2026-04-04');
    expect(shanghaiDate('2026-04-04T16:00:00Z')).toBe('2026-04-05');
    expect(shanghaiDaysTouched('2026-04-04T15:00:00Z', '2026-04-05T17:00:00Z')).toEqual(['2026-04-04', '2026-04-05', '2026-04-06']);
  });
});
