/**
 * Forest fire danger rating (docs/rules/fire-danger-and-calendar.md). Levels and colours: QX/T 77-2007 森林火险气象等级; index bands: LY/T 1172.
 * The official level is the weather bureau's forecast, entered by the duty officer (the normal case). Without it the
 * console estimates a level from the day's weather and marks it `estimated`.
 */
import { z } from 'zod';
import { DANGER_LEVELS, type DangerLevel, type DangerLevelInfo } from './dangerLevels';

export { DANGER_LEVELS, type DangerLevel, type DangerLevelInfo };

/** Index bands of LY/T 1172 (docs/rules/fire-danger-and-calendar.md): 1: ≤25, 2: 26–50, 3: 51–72, 4: 73–90, 5: ≥91. */
export const INDEX_BANDS: ReadonlyArray<{ level: DangerLevel; min: number; max: number }> = [
  { level: 1, min: 0, max: 25 },
  { level: 2, min: 26, max: 50 },
  { level: 3, min: 51, max: 72 },
  { level: 4, min: 73, max: 90 },
  { level: 5, min: 91, max: 100 },
];

/** Band an integer index 0–100 (the estimator rounds first, so every value falls in exactly one band). */
export function levelForIndex(index: number): DangerLevel {
  if (!Number.isInteger(index) || index < 0 || index > 100) throw new RangeError(`danger index must be an integer 0–100: ${index}`);
  return INDEX_BANDS.find((b) => index >= b.min && index <= b.max)!.level;
}

export const dailyWeatherSchema = z
  .object({
    /** 日最高气温 °C */
    maxTempC: z.number().min(-50).max(50),
    /** 14时空气相对湿度 % */
    humidity14Pct: z.number().min(0).max(100),
    /** 连续无有效降水日数 (days since the last day with ≥ 2 mm of rain) */
    dryDays: z.number().int().min(0).max(366),
    /** 14时平均风速 m/s */
    windMs: z.number().min(0).max(60),
  })
  .strict();
export type DailyWeather = z.infer<typeof dailyWeatherSchema>;

/**
 * [decision] The estimate's index, 0–100: four capped linear terms that each rise with danger, so the index is
 * monotone (hotter, drier air, more dry days or more wind never lowers it). Weights follow the weight LY/T 1172 style
 * indices give to fuel dryness (humidity and dry days 30 each), then temperature 25 and wind 15.
 *   temperature  25 × clamp(maxTempC / 35)              (0 at ≤ 0 °C, full at ≥ 35 °C)
 *   humidity     30 × (100 − humidity14Pct) / 100
 *   dry days     30 × min(dryDays, 15) / 15
 *   wind         15 × min(windMs, 10) / 10               (full at ≥ 10 m/s, about Beaufort 5)
 * The sum is rounded to the nearest integer and banded with INDEX_BANDS. It is an estimate for when the bureau's
 * forecast is missing, never a replacement for it.
 */
export const ESTIMATE_WEIGHTS = { temp: 25, humidity: 30, dryDays: 30, wind: 15, tempFullC: 35, dryDaysFull: 15, windFullMs: 10 } as const;

const clamp01 = (x: number) => Math.max(0, Math.min(1, x));

export function dangerIndex(w: DailyWeather): number {
  const k = ESTIMATE_WEIGHTS;
  const raw =
    k.temp * clamp01(w.maxTempC / k.tempFullC) +
    k.humidity * clamp01((100 - w.humidity14Pct) / 100) +
    k.dryDays * clamp01(w.dryDays / k.dryDaysFull) +
    k.wind * clamp01(w.windMs / k.windFullMs);
  return Math.max(0, Math.min(100, Math.round(raw)));
}

export type DangerRating =
  | { kind: 'official'; level: DangerLevel; name: string; colour: DangerLevelInfo['colour']; source: string }
  | { kind: 'estimated'; level: DangerLevel; name: string; colour: DangerLevelInfo['colour']; index: number; weather: DailyWeather };

export function estimateDanger(w: DailyWeather): Extract<DangerRating, { kind: 'estimated' }> {
  const weather = dailyWeatherSchema.parse(w);
  const index = dangerIndex(weather);
  const info = DANGER_LEVELS[levelForIndex(index)];
  return { kind: 'estimated', level: info.level, name: info.name, colour: info.colour, index, weather };
}

export function officialDanger(level: DangerLevel, source: string): Extract<DangerRating, { kind: 'official' }> {
  const info = DANGER_LEVELS[level];
  if (!info) throw new RangeError(`danger level must be 1–5: ${level}`);
  return { kind: 'official', level, name: info.name, colour: info.colour, source };
}

