/**
 * The one Beijing-time module. Calendar-day arithmetic on `YYYY-MM-DD` strings, and instants shown as Beijing wall
 * time. A "day" here is always a civil day in Asia/Shanghai (UTC+8 all year, no daylight saving since 1991), which is
 * how the county's rules and the national regulations count days; storage is UTC. Nothing else adds eight hours.
 */

export type IsoDate = string;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;
/** Asia/Shanghai has been UTC+8 without daylight saving since 1991. */
export const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

export interface Ymd {
  year: number;
  month: number;
  day: number;
}

/** Parse a strict `YYYY-MM-DD` that names a real day (rejects 2025-02-30, 2025-2-3, ...); null when invalid. */
export function parseIsoDate(s: unknown): Ymd | null {
  if (typeof s !== 'string') return null;
  const m = DATE_RE.exec(s);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1) return null;
  const dim = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > dim) return null;
  return { year, month, day };
}

export function isIsoDate(s: unknown): s is IsoDate {
  return parseIsoDate(s) !== null;
}

function mustParse(s: IsoDate): Ymd {
  const p = parseIsoDate(s);
  if (!p) throw new RangeError(`not a YYYY-MM-DD date: ${String(s)}`);
  return p;
}

export function formatYmd(y: number, m: number, d: number): IsoDate {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Days since 1970-01-01 of a civil date. */
export function toEpochDay(s: IsoDate): number {
  const { year, month, day } = mustParse(s);
  return Math.round(Date.UTC(year, month - 1, day) / DAY_MS);
}

export function fromEpochDay(n: number): IsoDate {
  const d = new Date(n * DAY_MS);
  return formatYmd(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

export function addDays(s: IsoDate, n: number): IsoDate {
  return fromEpochDay(toEpochDay(s) + n);
}

/** b − a in whole days. */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return toEpochDay(b) - toEpochDay(a);
}

/** The Asia/Shanghai civil date of an instant. */
export function shanghaiDate(instant: Date | string | number): IsoDate {
  const t = new Date(instant).getTime();
  if (!Number.isFinite(t)) throw new RangeError(`not a time: ${String(instant)}`);
  return fromEpochDay(Math.floor((t + SHANGHAI_OFFSET_MS) / DAY_MS));
}

/** The instant (epoch ms) of a Beijing wall-clock time `HH:MM` on a Beijing civil date. */
export function shanghaiAt(date: IsoDate, hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return toEpochDay(date) * DAY_MS + (h * 60 + m) * 60_000 - SHANGHAI_OFFSET_MS;
}

/** Every civil day touched by the closed interval [from, to] of instants (Asia/Shanghai). */
export function shanghaiDaysTouched(from: Date | string, to: Date | string): IsoDate[] {
  const a = toEpochDay(shanghaiDate(from));
  const b = toEpochDay(shanghaiDate(to));
  const out: IsoDate[] = [];
  for (let d = a; d <= b; d++) out.push(fromEpochDay(d));
  return out;
}

/** `2026-11-24 00:30` (Beijing wall time, 24-hour clock) for an instant; with `seconds`, `…:00`. */
export function formatShanghai(iso: string | Date | number, opts: { seconds?: boolean } = {}): string {
  const t = new Date(iso).getTime();
  if (!Number.isFinite(t)) throw new RangeError(`not a time: ${String(iso)}`);
  const w = new Date(t + SHANGHAI_OFFSET_MS).toISOString();
  return `${w.slice(0, 10)} ${w.slice(11, opts.seconds ? 19 : 16)}`;
}

/** The Beijing civil date as `YYYYMMDD` (incident ids are numbered per Beijing day). */
export function shanghaiCompactDate(instant: Date | string | number): string {
  return shanghaiDate(instant).replaceAll('-', '');
}
