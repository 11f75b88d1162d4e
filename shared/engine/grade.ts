/**
 * Grading: the level is the highest level any one criterion reaches (疫苗预案 4: "符合下列情况之一的"), never below
 * the plan's minimum level; with no criterion met and no minimum, the facts make no graded incident and `nearest`
 * names the closest threshold not yet reached ("再有1人死亡即为II级").
 */
import { parseFacts, type FactValue, type Facts } from './facts';
import { levelFromRank, levelRank } from './levels';
import type { Condition, Criterion, FactDef, LevelId, Plan, Range } from './schema';

export interface FiredCriterion {
  id: string;
  clause: string;
  level: LevelId;
  fact: string;
  value: FactValue | null;
  text: string;
  /** The criterion's number is not (fully) verified against its source (shown beside it). */
  verified?: 'verbatim' | 'partial' | 'unverified';
}

export interface Nearest {
  fact: string;
  label: string;
  value: number;
  /** The value at which the criterion fires. */
  threshold: number;
  /** How much more is needed (threshold − value). */
  needed: number;
  wouldBe: LevelId;
  wouldBeName: string;
  clause: string;
  criterion: string;
  text: string;
  textEn: string;
}

export interface BlockedCriterion {
  id: string;
  clause: string;
  level: LevelId;
  fact: string;
  value: FactValue | null;
  /** The precondition that is not met, in the plan's words. */
  requires: string;
}

export interface RaisedFlag {
  id: string;
  clause: string;
  text: string;
  /** Must be reported to the higher level at once (the flag's `reportUp` in the plan). */
  reportUp: boolean;
}

/** The clauses of the raised must-report-up flags, in the plan's order (e.g. ["32(3)", "32(5)"]). */
export function reportUpClauses(flags: readonly RaisedFlag[]): string[] {
  return flags.filter((f) => f.reportUp).map((f) => f.clause);
}

export interface GradeResult {
  plan: string;
  planVersion: string;
  level: LevelId | null;
  levelName: string | null;
  levelColour: string | null;
  criteria: FiredCriterion[];
  nearest: Nearest | null;
  /** Criteria whose numbers are met but whose precondition is not (e.g. not suspected quality-related). */
  blocked: BlockedCriterion[];
  flags: RaisedFlag[];
  /** The plan's minimum level, when it set the level. */
  minimum: { level: LevelId; clause: string; text: string } | null;
  /** false when the facts make no graded incident (below every threshold, or e.g. 第四十七条 不统计为火灾). */
  counted: boolean;
  /** What no level means under this plan, with its clause (null when graded). */
  notGraded: { text: string; clause: string | null } | null;
  /** One line for people. */
  summary: string;
  facts: Facts;
}

/** The classification the CLI and other tools read (`ercon classify`): the grade, the rules it used, report-up clauses. */
export interface Classification {
  plan: string;
  planVersion: string;
  effectiveFrom: string;
  effectiveUntil: string | null;
  level: LevelId | null;
  levelName: string | null;
  counted: boolean;
  notGraded: GradeResult['notGraded'];
  criteria: Array<{ clause: string; level: LevelId; fact: string; value: FactValue | null; text: string }>;
  nearest: Nearest | null;
  flags: RaisedFlag[];
  /** The clause ids of the must-report-up flags that hold, in the plan's order (e.g. ["35(2)", "35(5)"]). */
  reportUpFlags: string[];
}

export function classify(plan: Plan, factsInput: unknown): Classification {
  const r = grade(plan, factsInput);
  return {
    plan: r.plan,
    planVersion: r.planVersion,
    effectiveFrom: plan.effectiveFrom,
    effectiveUntil: plan.effectiveUntil ?? null,
    level: r.level,
    levelName: r.levelName,
    counted: r.counted,
    notGraded: r.notGraded,
    criteria: r.criteria.map((c) => ({ clause: c.clause, level: c.level, fact: c.fact, value: c.value, text: c.text })),
    nearest: r.nearest,
    flags: r.flags,
    reportUpFlags: reportUpClauses(r.flags),
  };
}

export function inRange(v: number, r: Range): boolean {
  if (r.gte !== undefined && !(v >= r.gte)) return false;
  if (r.gt !== undefined && !(v > r.gt)) return false;
  if (r.lte !== undefined && !(v <= r.lte)) return false;
  if (r.lt !== undefined && !(v < r.lt)) return false;
  return true;
}

/** Evaluate a plan condition against the facts and (for level tests) the grade. */
export function evalCondition(c: Condition, facts: Facts, level: LevelId | null): boolean {
  if ('fact' in c) {
    const v = facts[c.fact];
    if (c.range) return typeof v === 'number' && inRange(v, c.range);
    return v === c.equals;
  }
  if ('level' in c) {
    const t = c.level;
    if (t.none !== undefined && t.none !== (level === null)) return false;
    if (t.gte !== undefined && levelRank(level) < levelRank(t.gte)) return false;
    if (t.in !== undefined && (level === null || !t.in.includes(level))) return false;
    return true;
  }
  if ('all' in c) return c.all.every((x) => evalCondition(x, facts, level));
  if ('any' in c) return c.any.some((x) => evalCondition(x, facts, level));
  return !evalCondition(c.not, facts, level);
}

function criterionValueMet(c: Criterion, facts: Facts): boolean {
  const v = facts[c.fact];
  if (c.range) return typeof v === 'number' && inRange(v, c.range);
  return v === c.equals;
}

export function levelName(plan: Plan, level: LevelId | null): string | null {
  return level ? (plan.levels.find((l) => l.id === level)?.name ?? level) : null;
}

/** The smallest value ≥ current that satisfies a range's lower bound, or null when the range is not above `v`. */
function lowerTarget(def: FactDef, r: Range, v: number): number | null {
  let t: number | null = null;
  if (r.gte !== undefined) t = r.gte;
  else if (r.gt !== undefined) t = def.kind === 'count' ? Math.floor(r.gt) + 1 : r.gt;
  if (t === null || t <= v) return null;
  if (!inRange(t, { ...r, gt: undefined, gte: undefined })) return null;
  return t;
}

function fmt(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Math.round(n * 1000) / 1000);
}

function nearestOf(plan: Plan, facts: Facts, level: LevelId | null): Nearest | null {
  const current = levelRank(level);
  let best: { n: Nearest; rank: number; order: number } | null = null;
  plan.criteria.forEach((c, order) => {
    if (!c.range || levelRank(c.level) <= current) return;
    const def = plan.facts.find((f) => f.name === c.fact);
    const v = facts[c.fact];
    if (!def || (def.kind !== 'count' && def.kind !== 'number') || typeof v !== 'number') return;
    if (c.requires && !evalCondition(c.requires.when, facts, level)) return;
    const t = lowerTarget(def, c.range, v);
    if (t === null) return;
    const needed = t - v;
    const rank = levelRank(c.level);
    if (best && (rank > best.rank || (rank === best.rank && needed >= best.n.needed))) return;
    const name = levelName(plan, c.level) ?? c.level;
    const strict = def.kind === 'number' && c.range.gt !== undefined && c.range.gte === undefined;
    const unit = 'unit' in def && def.unit ? def.unit : '';
    const step = 'step' in def && def.step ? def.step : undefined;
    const zhHead = strict
      ? `${def.label}超过${fmt(t)}${unit}`
      : step
        ? step.zh.replaceAll('{n}', fmt(needed))
        : `${def.label}再增加${fmt(needed)}${unit}`;
    const enHead = strict ? `${def.name} above ${fmt(t)}` : step?.en ? step.en.replaceAll('{n}', fmt(needed)) : `${fmt(needed)} more ${def.name}`;
    best = {
      rank,
      order,
      n: {
        fact: c.fact,
        label: def.label,
        value: v,
        threshold: t,
        needed,
        wouldBe: c.level,
        wouldBeName: name,
        clause: c.clause,
        criterion: c.id,
        text: `${zhHead}即为${c.level}级（${name}，${c.clause}）`,
        textEn: `${enHead} would make it level ${c.level} (${c.clause})`,
      },
    };
  });
  return (best as { n: Nearest } | null)?.n ?? null;
}

/**
 * Grade the facts (validated and defaulted first; AppError invalid-input on bad facts).
 * Pure: same plan and facts, same result.
 */
export function grade(plan: Plan, factsInput: unknown): GradeResult {
  return gradeParsed(plan, parseFacts(plan, factsInput));
}

/** Only the level, for facts already parsed (used when folding an incident's events). */
export function levelOf(plan: Plan, facts: Facts): LevelId | null {
  let rank = 0;
  for (const c of plan.criteria) {
    if (!criterionValueMet(c, facts)) continue;
    if (c.requires && !evalCondition(c.requires.when, facts, null)) continue;
    const r = levelRank(c.level);
    if (r > rank) rank = r;
  }
  if (plan.minimumLevel) rank = Math.max(rank, levelRank(plan.minimumLevel.level));
  return levelFromRank(rank);
}

/** grade() for facts already validated by parseFacts. */
export function gradeParsed(plan: Plan, facts: Facts): GradeResult {
  const fired: FiredCriterion[] = [];
  const blocked: BlockedCriterion[] = [];
  let rank = 0;
  for (const c of plan.criteria) {
    if (!criterionValueMet(c, facts)) continue;
    const value = facts[c.fact] ?? null;
    // A precondition over facts only (the level is not known yet): e.g. 疑似与质量相关 (疫苗预案 4.1–4.4).
    if (c.requires && !evalCondition(c.requires.when, facts, null)) {
      blocked.push({ id: c.id, clause: c.clause, level: c.level, fact: c.fact, value, requires: c.requires.text });
      continue;
    }
    fired.push({ id: c.id, clause: c.clause, level: c.level, fact: c.fact, value, text: c.text, ...(c.verified ? { verified: c.verified } : {}) });
    rank = Math.max(rank, levelRank(c.level));
  }
  // Highest level first, then plan order.
  fired.sort((a, b) => levelRank(b.level) - levelRank(a.level));
  let minimum: GradeResult['minimum'] = null;
  if (plan.minimumLevel && levelRank(plan.minimumLevel.level) > rank) {
    rank = levelRank(plan.minimumLevel.level);
    minimum = { ...plan.minimumLevel };
  }
  const level = levelFromRank(rank);
  const name = levelName(plan, level);
  const nearest = nearestOf(plan, facts, level);
  const flags = plan.flags.filter((f) => evalCondition(f.when, facts, level)).map((f) => ({ id: f.id, clause: f.clause, text: f.text, reportUp: f.reportUp }));
  const notGraded = level ? null : { text: plan.notGradedText ?? '所报事实未达到任何分级标准', clause: plan.notGradedClause ?? null };
  const summary = level
    ? `${name}（${level}级）：${(fired.length ? fired.map((f) => `${f.text}（${f.clause}）`) : [`${minimum?.text}（${minimum?.clause}）`]).join('；')}`
    : `${notGraded!.text}${notGraded!.clause ? `（${notGraded!.clause}）` : ''}${nearest ? `；${nearest.text}` : ''}`;
  return {
    plan: plan.id,
    planVersion: plan.version,
    level,
    levelName: name,
    levelColour: level ? (plan.levels.find((l) => l.id === level)?.colour ?? null) : null,
    criteria: fired,
    nearest,
    blocked,
    flags,
    minimum,
    counted: level !== null,
    notGraded,
    summary,
    facts,
  };
}
