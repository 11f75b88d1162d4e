/**
 * Guards, registered by name (as XState's `setup({ guards })` names its implementations). A plan's transition lists
 * the guards that apply to it with the clause of its own paper; the engine supplies what each name means. `loadPlan`
 * refuses a plan that names a guard no implementation is registered under, so a typo never silently allows a step.
 * A new kind of rule is one `defineGuard` call; a new plan that uses the existing rules needs no code at all.
 */
import { levelName } from './grade';
import { levelRank } from './levels';
import type { Guard, LevelId, Plan, Transition } from './schema';
import type { IncidentState } from './machine';
import { openChecklistItems } from './checklist';

export interface Refusal {
  code: 'conflict' | 'forbidden';
  clause: string;
  text: string;
  textEn: string;
  field?: string;
  /** Refused only because a written reason is missing (legalActions shows it as "allowed with a reason"). */
  needsReason?: boolean;
}

export interface GuardContext {
  plan: Plan;
  state: IncidentState;
  transition: Transition;
  guard: Guard;
  /** The event type and its payload (validated). */
  type: string;
  payload: Record<string, unknown>;
  /** The level the event aims at (response-started / assessed level, level-changed `to`); undefined for others. */
  target: LevelId | null | undefined;
  /** A refusal citing the guard's clause and words; `en` is used when the plan has no English text. */
  refuse(en: string, extra?: Partial<Refusal>): Refusal;
}

export type GuardImpl = (ctx: GuardContext) => Refusal | null;

export function unitName(plan: Plan, id: string | null | undefined): string {
  if (!id) return '';
  return plan.units.find((u) => u.id === id)?.name ?? id;
}

const registry = new Map<string, GuardImpl>();

/** Register a guard implementation under a name plans can use. Names are unique: registering one twice is an error. */
export function defineGuard(name: string, impl: GuardImpl): void {
  if (registry.has(name)) throw new Error(`guard ${name} is already defined`);
  registry.set(name, impl);
}

export function guardImpl(name: string): GuardImpl | undefined {
  return registry.get(name);
}

export function guardNames(): string[] {
  return [...registry.keys()];
}

// ---------------------------------------------------------------------------------------------------------------
// The built-in guards (their meaning; the clause is the plan's).

defineGuard('level-not-below-facts', ({ plan, state: s, target, guard: g, refuse }) =>
  target !== undefined && levelRank(target) < levelRank(s.factsLevel)
    ? refuse(`the level may not be below what the facts give (${s.factsLevel})`, {
        text: `${g.text}：事实对应${s.factsLevel}级（${levelName(plan, s.factsLevel)}），不能按${target ?? '无'}级处置`,
      })
    : null,
);

defineGuard('reason-if-above-facts', ({ state: s, target, payload: p, refuse }) => {
  const reason = typeof p.reason === 'string' ? p.reason.trim() : '';
  return target && levelRank(target) > levelRank(s.factsLevel) && !reason
    ? refuse(`a level above the facts (${s.factsLevel ?? 'none'}) needs a written reason`, { field: 'payload.reason', needsReason: true })
    : null;
});

defineGuard('escalate-up', ({ state: s, target, refuse }) =>
  !target || levelRank(target) <= levelRank(s.level) ? refuse(`escalation must raise the level (now ${s.level})`, { field: 'payload.to' }) : null,
);

defineGuard('de-escalate-one-step', ({ state: s, target, refuse }) =>
  !target || levelRank(target) !== levelRank(s.level) - 1 ? refuse(`de-escalation goes one level at a time (now ${s.level})`, { field: 'payload.to' }) : null,
);

defineGuard('facts-below-current', ({ state: s, refuse }) =>
  levelRank(s.factsLevel) >= levelRank(s.level) ? refuse(`the facts (${s.factsLevel ?? 'none'}) are not below the current level ${s.level}`) : null,
);

defineGuard('expert-evaluation', ({ state: s, type, target, refuse }) => {
  const ev = s.evaluation;
  const since = s.levelSetSeq ?? 0;
  const termination = type === 'termination-proposed' || type === 'response-terminated';
  if (!ev || ev.seq < since) return refuse('an expert evaluation organised by the office must be on record since the last level change');
  if (termination && !ev.recommendsTermination) return refuse('the expert evaluation on record does not recommend terminating the response');
  if (type === 'level-changed' && target && ev.assessedLevel !== undefined && levelRank(ev.assessedLevel) > levelRank(target))
    return refuse(`the expert evaluation assessed level ${ev.assessedLevel}, above ${target}`);
  return null;
});

defineGuard('termination-proposed', ({ state: s, refuse }) =>
  !s.proposal || !s.evaluation || s.proposal.seq < s.evaluation.seq || s.proposal.seq < (s.levelSetSeq ?? 0)
    ? refuse('the office must propose termination after the expert evaluation')
    : null,
);

defineGuard('same-body-as-start', ({ plan, state: s, payload: p, guard: g, refuse }) =>
  p.by !== s.startedBy
    ? refuse(`only the body that started the response (${s.startedBy}) may end it`, {
        code: 'forbidden',
        field: 'payload.by',
        text: `${g.text}：本次响应由${unitName(plan, s.startedBy)}启动，须由其终止`,
      })
    : null,
);

defineGuard('assessment-recorded', ({ state: s, refuse }) => (!s.assessment ? refuse('an assessment must be on record') : null));

defineGuard('assessment-matches-facts', ({ state: s, target, guard: g, refuse }) =>
  (target ?? null) !== s.factsLevel
    ? refuse(`the assessed level (${target ?? 'none'}) differs from the facts' grade (${s.factsLevel ?? 'none'})`, {
        field: 'payload.level',
        text: `${g.text}：事实对应${s.factsLevel ? `${s.factsLevel}级` : '未达分级标准'}，评估为${target ? `${target}级` : '未达分级标准'}`,
      })
    : null,
);

defineGuard('facts-not-graded', ({ state: s, guard: g, refuse }) =>
  s.factsLevel !== null ? refuse(`the facts give level ${s.factsLevel}`, { text: `${g.text}（事实对应${s.factsLevel}级）` }) : null,
);

defineGuard('report-filed', ({ state: s, guard: g, refuse }) =>
  !s.reports.some((r) => r.kind === g.param && r.written) ? refuse(`a ${g.param} report must have been filed`) : null,
);

defineGuard('report-kind-allowed', ({ payload: p, guard: g, refuse }) =>
  !(g.param ?? '').split(',').includes(String(p.kind)) ? refuse(`a ${String(p.kind)} report is not allowed in this state`, { field: 'payload.kind' }) : null,
);

defineGuard('checklist-item-done', ({ state: s, guard: g, refuse }) =>
  !s.checklistDone[g.param ?? ''] ? refuse(`the checklist item ${g.param} must be recorded done first`) : null,
);

/** Closing with checklist items still open (of this stage or an earlier one) needs a written reason naming them. */
defineGuard('open-items-need-reason', ({ plan, state: s, payload: p, guard: g, refuse }) => {
  const open = openChecklistItems(plan, s);
  const reason = typeof p.reason === 'string' ? p.reason.trim() : '';
  if (!open.length || reason) return null;
  return refuse(`${open.length} checklist item(s) still open: ${open.map((i) => i.id).join(', ')}; give a reason to close anyway`, {
    field: 'payload.reason',
    needsReason: true,
    text: `${g.text}：尚有${open.length}项未完成（${open.map((i) => i.text).join('；')}）`,
  });
});
