/**
 * Forest fire helpers on top of the plan engine: the classify result with the 第三十二条 clauses as
 * `reportUpFlags`, and the 24-hour timer of 32(5) from the fire's start.
 */
import { grade, reportUpClauses, type GradeResult } from '../engine/grade';
import { forestFirePlan } from '../plans/forest-fire';

export interface ForestFireClassification {
  plan: 'forest-fire';
  level: GradeResult['level'];
  levelName: string | null;
  criteria: Array<{ clause: string; level: string; fact: string; value: unknown; text: string }>;
  /** 第三十二条 items that hold, as clause ids `32(1)`…`32(8)`, in clause order. */
  reportUpFlags: string[];
  flags: GradeResult['flags'];
}

/** Grade a fire's facts with the forest-fire plan (《森林防火条例》第四十条) and list its report-up clauses (第三十二条). */
export function classifyForestFire(facts: unknown): ForestFireClassification {
  const r = grade(forestFirePlan, facts);
  return {
    plan: 'forest-fire',
    level: r.level,
    levelName: r.levelName,
    criteria: r.criteria.map((c) => ({ clause: c.clause, level: c.level, fact: c.fact, value: c.value, text: c.text })),
    reportUpFlags: reportUpClauses(r.flags),
    flags: r.flags,
  };
}

export const BURNING_REPORT_HOURS = 24;

export interface BurningTimer {
  clause: '32(5)';
  startedAt: string;
  dueAt: string;
  /** Milliseconds until the 24 h mark (negative once passed). */
  remainingMs: number;
  elapsed: boolean;
  /** Stopped: the open fire was put out before the mark (明火扑灭). */
  stopped: boolean;
  /** Must be reported up under 32(5): still burning at or after 24 h. */
  raised: boolean;
}

/** 32(5) "24小时尚未扑灭明火": counted from the fire's start, not from the report. */
export function burningTimer(startedAt: string, now: Date, extinguishedAt?: string | null): BurningTimer {
  const start = Date.parse(startedAt);
  if (!Number.isFinite(start)) throw new RangeError(`startedAt is not a time: ${startedAt}`);
  const due = start + BURNING_REPORT_HOURS * 3_600_000;
  const out = extinguishedAt ? Date.parse(extinguishedAt) : NaN;
  const stopped = Number.isFinite(out) && out < due && out <= now.getTime();
  const elapsed = now.getTime() >= due;
  return {
    clause: '32(5)',
    startedAt: new Date(start).toISOString(),
    dueAt: new Date(due).toISOString(),
    remainingMs: due - now.getTime(),
    elapsed,
    stopped,
    raised: elapsed && !stopped,
  };
}
