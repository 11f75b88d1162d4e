import type { Database } from 'better-sqlite3';
import type { IsoDate } from '../../../shared/calendar/date';
import { estimateDanger, officialDanger, type DailyWeather, type DangerLevel, type DangerRating } from '../../../shared/fire/danger';

type Official = Extract<DangerRating, { kind: 'official' }>;
type Estimated = Extract<DangerRating, { kind: 'estimated' }>;

export interface DangerDay {
  date: IsoDate;
  official: Official | null;
  estimated: Estimated | null;
  effective: DangerRating | null;
}

interface Row {
  kind: 'official' | 'estimated';
  level: number;
  source: string | null;
  weather_json: string | null;
}

export function recordOfficial(db: Database, date: IsoDate, level: DangerLevel, source: string, actor: string, now: Date): void {
  db.prepare(`INSERT INTO fire_danger_entries (date, kind, level, source, actor, recorded_at) VALUES (?, 'official', ?, ?, ?, ?)`).run(date, level, source, actor, now.toISOString());
}

export function recordWeather(db: Database, date: IsoDate, weather: DailyWeather, actor: string, now: Date): void {
  const e = estimateDanger(weather);
  db.prepare(`INSERT INTO fire_danger_entries (date, kind, level, danger_index, weather_json, actor, recorded_at) VALUES (?, 'estimated', ?, ?, ?, ?, ?)`).run(
    date,
    e.level,
    e.index,
    JSON.stringify(e.weather),
    actor,
    now.toISOString(),
  );
}

/** The latest official and estimated entries of a day; the official one is in force when there is one. */
export function dangerFor(db: Database, date: IsoDate): DangerDay {
  const latest = (kind: string) => db.prepare(`SELECT kind, level, source, weather_json FROM fire_danger_entries WHERE date = ? AND kind = ? ORDER BY id DESC LIMIT 1`).get(date, kind) as Row | undefined;
  const o = latest('official');
  const e = latest('estimated');
  const official = o ? officialDanger(o.level as DangerLevel, o.source ?? '') : null;
  // re-derive from the stored weather so the index and level always follow the documented formula
  const estimated = e?.weather_json ? estimateDanger(JSON.parse(e.weather_json) as DailyWeather) : null;
  return { date, official, estimated, effective: official ?? estimated };
}

/** Effective level of every day from `from` to `to` (inclusive) that has a rating: one query for the range. */
export function dangerLevelsBetween(db: Database, from: IsoDate, to: IsoDate): Map<IsoDate, DangerLevel> {
  const rows = db
    .prepare(`SELECT date, kind, level FROM fire_danger_entries WHERE date BETWEEN ? AND ? ORDER BY id`)
    .all(from, to) as Array<{ date: string; kind: 'official' | 'estimated'; level: number }>;
  // the latest entry of each kind wins; an official level overrides any estimate of that day
  const official = new Map<IsoDate, DangerLevel>();
  const estimated = new Map<IsoDate, DangerLevel>();
  for (const r of rows) (r.kind === 'official' ? official : estimated).set(r.date, r.level as DangerLevel);
  const out = new Map<IsoDate, DangerLevel>(estimated);
  for (const [d, l] of official) out.set(d, l);
  return out;
}
