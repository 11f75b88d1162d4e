/**
 * Lunar and solar-term dates, from the maintained calendar library tyme4ts (6tail/tyme4ts, the successor of
 * lunar-typescript by the same author). Its solar terms are computed astronomically in Beijing time and its lunar
 * months follow GB/T 33661-2017 农历的编算和颁行 (docs/rules/fire-danger-and-calendar.md), so no date table is written by hand here.
 */
import { LunarDay, SolarTerm } from 'tyme4ts';
import { formatYmd, type IsoDate } from './date';

/** Years the calendar answers for: the range where the library's tables and our tests are meaningful. */
export const MIN_YEAR = 1901;
export const MAX_YEAR = 2099;

function iso(d: { getYear(): number; getMonth(): number; getDay(): number }): IsoDate {
  return formatYmd(d.getYear(), d.getMonth(), d.getDay());
}

/** 清明: the Beijing-time civil day on which the sun reaches ecliptic longitude 15° (GB/T 33661-2017). */
export function qingmingDate(year: number): IsoDate {
  return iso(SolarTerm.fromName(year, '清明').getSolarDay());
}

/** The exact moment of 清明 as Beijing wall-clock text `YYYY-MM-DD HH:mm:ss`. */
export function qingmingMoment(year: number): string {
  const t = SolarTerm.fromName(year, '清明').getJulianDay().getSolarTime();
  const p = (n: number) => String(n).padStart(2, '0');
  return `${formatYmd(t.getYear(), t.getMonth(), t.getDay())} ${p(t.getHour())}:${p(t.getMinute())}:${p(t.getSecond())}`;
}

/** 寒衣节 = 农历十月初一 (the ordinary tenth month, never a leap one) of the lunar year that mostly overlaps `year`. */
export function hanyiDate(year: number): IsoDate {
  return iso(LunarDay.fromYmd(year, 10, 1).getSolarDay());
}

/** A lunar month/day of lunar year `year` as a civil date (month 12 day 30 falls back to 29 when the month is short). */
export function lunarToSolar(year: number, month: number, day: number): IsoDate {
  const ld = LunarDay.fromYmd(year, month, 1);
  const count = ld.getLunarMonth().getDayCount();
  return iso(LunarDay.fromYmd(year, month, Math.min(day, count)).getSolarDay());
}

/** 春节 = 正月初一 of lunar year `year`. */
export function chunjieDate(year: number): IsoDate {
  return lunarToSolar(year, 1, 1);
}

