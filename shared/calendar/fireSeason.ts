/**
 * Fire-season calendar of 交城县 (交政发〔2024〕7号《全面加强新形势下森林防灭火工作的实施意见》, docs/rules/fire-county-2024.md):
 * the special fire-danger period, the special high-risk days, the window around them, and the inspection focus
 * periods. Pure: a date in, facts out; lunar dates come from tyme4ts (see ./lunar).
 */
import { addDays, daysBetween, formatYmd, parseIsoDate, type IsoDate } from './date';
import { MAX_WINDOW_DAYS } from './window';
import { chunjieDate, hanyiDate, lunarToSolar, MAX_YEAR, MIN_YEAR, qingmingDate } from './lunar';

export type HighRiskDayName = '清明' | '寒衣节';

export interface HighRiskDay {
  name: HighRiskDayName;
  date: IsoDate;
}

export interface WindowConfig {
  /** Days before a high-risk day that count as its window (default 3). */
  daysBefore: number;
  /** Days after a high-risk day that count as its window (default 1). */
  daysAfter: number;
}

/**
 * [decision] The window around a high-risk day: 3(2) says townships "视情况提高火险等级，必要时封闭进山道路" on those
 * days; closing roads and raising the level must be arranged before the day, and sacrifices spill into the next day,
 * so by default the window runs from 3 days before to 1 day after. Configurable per call (0–30 each side).
 */
export const DEFAULT_WINDOW: WindowConfig = { daysBefore: 3, daysAfter: 1 };

export type FocusPeriodName = '春节' | '清明' | '五一' | '国庆' | '十月初一';

export interface FocusPeriod {
  name: FocusPeriodName;
  start: IsoDate;
  end: IsoDate;
  /** How the range was chosen (6(7) names the periods but not their length). */
  basis: string;
}

/** The special fire-danger period that contains `date`, or else the next one. */
export interface SpecialPeriod {
  start: IsoDate;
  end: IsoDate;
}

export interface FireCalendarDay {
  date: IsoDate;
  /** 防火特险期 11月1日至次年5月15日, both ends inclusive (4(1)). */
  inSpecialPeriod: boolean;
  specialPeriod: SpecialPeriod & { daysUntilStart: number; daysUntilEnd: number };
  /** Named only on the day itself (3(2)). */
  highRiskDay: HighRiskDayName | null;
  /** The first high-risk day on or after `date` (daysAway 0 on the day itself). */
  nextHighRiskDay: HighRiskDay & { daysAway: number };
  /** Inside the configurable window around a high-risk day: offsetDays = date − that day (negative before it). */
  inHighRiskWindow: (HighRiskDay & { offsetDays: number }) | null;
  window: WindowConfig;
  /** Inspection focus periods (6(7)) containing `date`. */
  focusPeriods: FocusPeriod[];
}

export class CalendarInputError extends Error {
  constructor(
    readonly field: string,
    readonly rule: string,
    readonly zh: string,
    en: string,
  ) {
    super(en);
    this.name = 'CalendarInputError';
  }
}

function checkDate(date: string, field = 'date'): { year: number; month: number; day: number } {
  const p = parseIsoDate(date);
  if (!p) {
    throw new CalendarInputError(field, 'date', `${field} 必须是真实存在的日期，格式 YYYY-MM-DD：${String(date)}`, `${field} must be a real date as YYYY-MM-DD: ${String(date)}`);
  }
  // one year of margin on each side for "next" and window look-ups
  if (p.year < MIN_YEAR + 1 || p.year > MAX_YEAR - 1) {
    throw new CalendarInputError(field, 'year-range', `${field} 的年份必须在 ${MIN_YEAR + 1}–${MAX_YEAR - 1} 之间`, `${field} year must be within ${MIN_YEAR + 1}–${MAX_YEAR - 1}`);
  }
  return p;
}

function checkWindow(w: Partial<WindowConfig> | undefined): WindowConfig {
  const out = { ...DEFAULT_WINDOW, ...(w ?? {}) };
  for (const k of ['daysBefore', 'daysAfter'] as const) {
    const v = out[k];
    if (!Number.isInteger(v) || v < 0 || v > MAX_WINDOW_DAYS) {
      throw new CalendarInputError(`window.${k}`, 'int-0-30', `window.${k} 必须是 0–${MAX_WINDOW_DAYS} 的整数`, `window.${k} must be an integer 0–${MAX_WINDOW_DAYS}`);
    }
  }
  return out;
}

/** 4(1): "防火特险期调整为11月1日至次年5月15日" — both ends inclusive. */
export function isInSpecialPeriod(date: IsoDate): boolean {
  const { month, day } = checkDate(date);
  return month >= 11 || month <= 4 || (month === 5 && day <= 15);
}

export function specialPeriodFor(date: IsoDate): SpecialPeriod {
  const { year, month, day } = checkDate(date);
  if (month >= 11) return { start: formatYmd(year, 11, 1), end: formatYmd(year + 1, 5, 15) };
  if (month <= 4 || (month === 5 && day <= 15)) return { start: formatYmd(year - 1, 11, 1), end: formatYmd(year, 5, 15) };
  return { start: formatYmd(year, 11, 1), end: formatYmd(year + 1, 5, 15) };
}

/** 3(2): "清明节""农历十月初一"等特险时段 — the two named days of a calendar year, in date order. */
export function highRiskDaysOfYear(year: number): HighRiskDay[] {
  return [
    { name: '清明' as const, date: qingmingDate(year) },
    { name: '寒衣节' as const, date: hanyiDate(year) },
  ].sort((a, b) => (a.date < b.date ? -1 : 1));
}

export function highRiskDayOn(date: IsoDate): HighRiskDayName | null {
  const { year } = checkDate(date);
  return highRiskDaysOfYear(year).find((h) => h.date === date)?.name ?? null;
}

export function nextHighRiskDay(date: IsoDate): HighRiskDay & { daysAway: number } {
  const { year } = checkDate(date);
  const next = [...highRiskDaysOfYear(year), ...highRiskDaysOfYear(year + 1)].find((h) => h.date >= date)!;
  return { ...next, daysAway: daysBetween(date, next.date) };
}

export function highRiskWindowOn(date: IsoDate, window?: Partial<WindowConfig>): (HighRiskDay & { offsetDays: number }) | null {
  const { year } = checkDate(date);
  const w = checkWindow(window);
  let best: (HighRiskDay & { offsetDays: number }) | null = null;
  for (const h of [...highRiskDaysOfYear(year - 1), ...highRiskDaysOfYear(year), ...highRiskDaysOfYear(year + 1)]) {
    const offset = daysBetween(h.date, date);
    if (offset >= -w.daysBefore && offset <= w.daysAfter) {
      if (!best || Math.abs(offset) < Math.abs(best.offsetDays)) best = { ...h, offsetDays: offset };
    }
  }
  return best;
}

/**
 * Inspection focus periods of 6(7): "突出'春节''清明''五一''国庆''农历十月初一'等重要时段". The text names them without
 * dates; each range below is a [decision] stated in `basis`.
 */
export function focusPeriodsOfYear(year: number): FocusPeriod[] {
  const qm = qingmingDate(year);
  const hy = hanyiDate(year);
  return [
    {
      name: '春节',
      // lunar year `year - 1`'s 腊月二十三 (北方小年) to `year`'s 正月十五 (元宵节)
      start: lunarToSolar(year - 1, 12, 23),
      end: lunarToSolar(year, 1, 15),
      basis: '决定：北方小年（腊月二十三）至元宵节（正月十五），覆盖年前祭祖上坟和燃放烟花爆竹的时段；农历日期由 tyme4ts 计算',
    },
    {
      name: '清明',
      start: addDays(qm, -7),
      end: addDays(qm, 3),
      basis: '决定：清明节气日前 7 天至后 3 天（寒食、提前祭扫及清明假期）；节气日由 tyme4ts 计算',
    },
    {
      name: '五一',
      start: formatYmd(year, 5, 1),
      end: formatYmd(year, 5, 5),
      basis: '决定：5月1日至5月5日（劳动节假期通常的五天）',
    },
    {
      name: '国庆',
      start: formatYmd(year, 10, 1),
      end: formatYmd(year, 10, 7),
      basis: '决定：10月1日至10月7日（国庆假期）',
    },
    {
      name: '十月初一',
      start: addDays(hy, -7),
      end: addDays(hy, 1),
      basis: '决定：农历十月初一（寒衣节）前 7 天至后 1 天（提前送寒衣祭扫）；农历日期由 tyme4ts 计算',
    },
  ];
}

export function focusPeriodsOn(date: IsoDate): FocusPeriod[] {
  const { year } = checkDate(date);
  const all = [...focusPeriodsOfYear(year), ...focusPeriodsOfYear(year + 1)];
  const seen = new Set<string>();
  return all.filter((p) => {
    if (!(p.start <= date && date <= p.end)) return false;
    const key = `${p.name}@${p.start}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Everything the duty room needs to know about a date's place in the fire season. */
export function fireCalendar(date: IsoDate, window?: Partial<WindowConfig>): FireCalendarDay {
  checkDate(date);
  const w = checkWindow(window);
  const sp = specialPeriodFor(date);
  return {
    date,
    inSpecialPeriod: isInSpecialPeriod(date),
    specialPeriod: { ...sp, daysUntilStart: daysBetween(date, sp.start), daysUntilEnd: daysBetween(date, sp.end) },
    highRiskDay: highRiskDayOn(date),
    nextHighRiskDay: nextHighRiskDay(date),
    inHighRiskWindow: highRiskWindowOn(date, w),
    window: w,
    focusPeriods: focusPeriodsOn(date),
  };
}

export { chunjieDate };
