/**
 * Fire helpers on top of the plan engine, for whichever fire plan version an incident is pinned to (no plan is
 * imported here): the report-up flags a plan declares, and the burning clock of its timer counted from the fire's
 * start (《森林防火条例》32(5) before 2026: a flag at 24 h; 《森林草原防灭火条例》35(5) since: a prompt to decide).
 */
import { classify, type Classification } from '../engine/grade';
import type { FlagDef, Plan, Timer } from '../engine/schema';
import { durationMs } from '../engine/obligations';

/** The must-report-up items of the plan, in its order (第三十二条 (1)–(8), or 第三十五条 (1)–(5)), each once by clause. */
export function reportUpItems(plan: Plan): Array<Pick<FlagDef, 'id' | 'clause' | 'text' | 'textEn'>> {
  const out = new Map<string, Pick<FlagDef, 'id' | 'clause' | 'text' | 'textEn'>>();
  for (const f of plan.flags) if (f.reportUp && !out.has(f.clause)) out.set(f.clause, { id: f.id, clause: f.clause, text: f.text, ...(f.textEn ? { textEn: f.textEn } : {}) });
  for (const t of plan.timers) if (t.flag && t.reportUp && !out.has(t.clause)) out.set(t.clause, { id: t.id, clause: t.clause, text: t.text, ...(t.textEn ? { textEn: t.textEn } : {}) });
  return [...out.values()];
}

/** Grade a fire's facts with its plan and list the report-up clauses that hold (null when the facts are invalid). */
export function classifyFire(plan: Plan, facts: unknown): Classification | null {
  try {
    return classify(plan, facts);
  } catch {
    return null;
  }
}

/** The plan's clock that runs from the fire's start (the `reported` event's `incidentStartedAt`), if it has one. */
export function burningTimerDef(plan: Plan): Timer | undefined {
  return plan.timers.find((t) => t.anchor.event === 'reported' && t.anchor.payloadField === 'incidentStartedAt');
}

export interface BurningTimer {
  clause: string;
  /** `flag`: raised as a must-report-up flag once elapsed (2008, 32(5)); `prompt`: a prompt to decide (2026, 35(5)). */
  mode: 'flag' | 'prompt';
  startedAt: string;
  dueAt: string;
  /** Milliseconds until the mark (negative once passed). */
  remainingMs: number;
  elapsed: boolean;
  /** Stopped: the open fire was put out before the mark (明火扑灭). */
  stopped: boolean;
  /** Still burning at or after the mark. */
  raised: boolean;
}

/** The burning clock, counted from the fire's start, not from the report. */
export function burningTimer(def: Timer, startedAt: string, now: Date, extinguishedAt?: string | null): BurningTimer {
  const start = Date.parse(startedAt);
  if (!Number.isFinite(start)) throw new RangeError(`startedAt is not a time: ${startedAt}`);
  const due = start + durationMs(def.after);
  const out = extinguishedAt ? Date.parse(extinguishedAt) : NaN;
  const stopped = Number.isFinite(out) && out < due && out <= now.getTime();
  const elapsed = now.getTime() >= due;
  return {
    clause: def.clause,
    mode: def.prompt ? 'prompt' : 'flag',
    startedAt: new Date(start).toISOString(),
    dueAt: new Date(due).toISOString(),
    remainingMs: due - now.getTime(),
    elapsed,
    stopped,
    raised: elapsed && !stopped,
  };
}
