/**
 * The incident life cycle: a pure fold of the incident's events through its plan.
 * `state = events.reduce((s, e) => apply(plan, s, e), initialState(plan))`. Illegal events throw AppError:
 * `conflict` for a rule of the plan (wrong state, guard refused), `forbidden` for who may trigger / must approve /
 * 谁启动谁终止, `invalid-input` for malformed payloads; every refusal names the clause.
 */
import { AppError, fieldError } from '../base/errors';
import { EVENT_LABELS, validateEvent, type AnyIncidentEvent, type EventPayload, type EventType } from './events';
import { parseFacts, type Facts } from './facts';
import { levelName, levelOf } from './grade';
import { guardImpl, unitName, type Refusal } from './guards';
import { levelRank } from './levels';
import { LEVEL_IDS, type Guard, type LevelId, type Plan, type Transition } from './schema';

export interface EventRef {
  seq: number;
  occurredAt: string;
  recordedAt: string;
  payload: Record<string, unknown>;
}

export interface FiledReport {
  seq: number;
  kind: string;
  by: string;
  channel: string;
  written: boolean;
  recipients: string[];
  occurredAt: string;
  recordedAt: string;
  correctsReportSeq?: number;
  classification?: { level: string; period: string };
  /** The life-cycle state the incident was in when the report was filed (a rhythm's lateness depends on it). */
  inState?: string;
}

export interface IncidentState {
  plan: string;
  planVersion: string;
  /** The life-cycle state id. */
  state: string;
  /** The response level in force (null outside a response). */
  level: LevelId | null;
  /** The level the facts on record give. */
  factsLevel: LevelId | null;
  facts: Facts;
  /** Body that started the current response (谁启动谁终止, 6.4). */
  startedBy: string | null;
  responseStartedAt: string | null;
  /** seq of the event that last set the response level (start or change). */
  levelSetSeq: number | null;
  levelHistory: Array<{ seq: number; level: LevelId | null; at: string; reason?: string }>;
  assessment: { seq: number; level: LevelId | null; by: string; at: string } | null;
  evaluation: { seq: number; by: string; recommendsTermination: boolean; assessedLevel?: LevelId | null | undefined; at: string } | null;
  proposal: { seq: number; by: string; at: string } | null;
  terminatedBy: string | null;
  terminatedAt: string | null;
  reports: FiledReport[];
  checklistDone: Record<string, { seq: number; by: string; unit: string; at: string }>;
  /** First and last event of each type (for due times and timers). */
  events: Partial<Record<EventType, { first: EventRef; last: EventRef }>>;
  corrections: number;
  notes: number;
  lastSeq: number;
  lastOccurredAt: string | null;
  /** Every state the incident has been in, in order of first entry (earlier checklists stay visible while open). */
  visited: string[];
}

export function initialState(plan: Plan): IncidentState {
  const initial = plan.states.find((s) => s.kind === 'initial')!;
  const facts = parseFacts(plan, {});
  return {
    plan: plan.id,
    planVersion: plan.version,
    state: initial.id,
    level: null,
    factsLevel: levelOf(plan, facts),
    facts,
    startedBy: null,
    responseStartedAt: null,
    levelSetSeq: null,
    levelHistory: [],
    assessment: null,
    evaluation: null,
    proposal: null,
    terminatedBy: null,
    terminatedAt: null,
    reports: [],
    checklistDone: {},
    events: {},
    corrections: 0,
    notes: 0,
    lastSeq: 0,
    lastOccurredAt: null,
    visited: [initial.id],
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Guards (implementations registered by name in ./guards)

function stateLabel(plan: Plan, id: string): string {
  return plan.states.find((s) => s.id === id)?.label ?? id;
}

type Params = Record<string, unknown>;

/** The level a transition aims at (response-started level / level-changed to / assessed level). */
function targetLevel(type: string, p: Params): LevelId | null | undefined {
  if (type === 'response-started' || type === 'assessed') return p.level as LevelId | null;
  if (type === 'level-changed') return p.to as LevelId;
  return undefined;
}

function checkGuard(plan: Plan, s: IncidentState, t: Transition, g: Guard, type: string, p: Params): Refusal | null {
  const impl = guardImpl(g.guard);
  // loadPlan refuses unknown guard names; a plan object built around it is refused here rather than allowed.
  if (!impl) return { code: 'conflict', clause: g.clause, text: `${g.text}（未定义的规则 ${g.guard}）`, textEn: `unknown guard ${g.guard}` };
  return impl({
    plan,
    state: s,
    transition: t,
    guard: g,
    type,
    payload: p,
    target: targetLevel(type, p),
    refuse: (en, extra = {}) => ({ code: 'conflict', clause: g.clause, text: g.text, textEn: g.textEn ?? en, ...extra }),
  });
}

/** Who may trigger / must approve. */
function checkBodies(plan: Plan, t: Transition, p: Params): Refusal | null {
  if (t.triggeredBy && !t.triggeredBy.includes(String(p.by ?? '')))
    return {
      code: 'forbidden',
      clause: t.clause,
      field: 'payload.by',
      text: `“${t.label}”须由${t.triggeredBy.map((u) => unitName(plan, u)).join('或')}作出（收到：${unitName(plan, String(p.by ?? '未注明'))}）`,
      textEn: `"${t.id}" may be triggered only by ${t.triggeredBy.join(' or ')} (got ${String(p.by ?? 'none')})`,
    };
  if (t.approvedBy && !t.approvedBy.includes(String(p.approvedBy ?? '')))
    return {
      code: 'forbidden',
      clause: t.clause,
      field: 'payload.approvedBy',
      text: `“${t.label}”须经${t.approvedBy.map((u) => unitName(plan, u)).join('或')}批准（收到：${p.approvedBy ? unitName(plan, String(p.approvedBy)) : '未注明'}）`,
      textEn: `"${t.id}" must be approved by ${t.approvedBy.join(' or ')} (got ${String(p.approvedBy ?? 'none')})`,
    };
  return null;
}

function candidates(plan: Plan, s: IncidentState, type: string, p: Params): Transition[] {
  return plan.transitions.filter(
    (t) =>
      t.event === type &&
      t.from.includes(s.state) &&
      (type !== 'transition' || t.id === p.transition) &&
      (type !== 'level-changed' || t.direction === p.direction),
  );
}

function refusalError(r: Refusal): AppError {
  return new AppError({
    code: r.code,
    message: `${r.text}（${r.clause}）`,
    messageEn: `${r.textEn} (${r.clause})`,
    field: r.field,
    rule: r.clause,
  });
}

/** Check every rule of the transition; the first refusal, or null. */
function refusalOf(plan: Plan, s: IncidentState, t: Transition, type: string, p: Params, opts: { skipBodies?: boolean } = {}): Refusal | null {
  if (!opts.skipBodies) {
    const b = checkBodies(plan, t, p);
    if (b) return b;
  }
  for (const g of t.guards) {
    const r = checkGuard(plan, s, t, g, type, p);
    if (r) return r;
  }
  return null;
}

/** The transition an event would take, or the refusal explaining why it cannot happen. */
function choose(plan: Plan, s: IncidentState, type: string, p: Params): Transition {
  const cands = candidates(plan, s, type, p);
  if (cands.length === 0) {
    const elsewhere = plan.transitions.filter((t) => t.event === type && (type !== 'transition' || t.id === p.transition));
    const where = [...new Set(elsewhere.flatMap((t) => t.from))].map((x) => stateLabel(plan, x));
    const clause = elsewhere[0]?.clause ?? plan.states.find((x) => x.id === s.state)?.clause ?? '';
    const label = type === 'transition' ? `阶段变更 ${String(p.transition)}` : (EVENT_LABELS[type as EventType] ?? type);
    throw new AppError({
      code: 'conflict',
      message: `当前状态“${stateLabel(plan, s.state)}”下不能${label}${where.length ? `（只能在：${where.join('、')}）` : '（本预案无此操作）'}${clause ? `（${clause}）` : ''}`,
      messageEn: `cannot ${type}${type === 'transition' ? ` ${String(p.transition)}` : ''} in state ${s.state}${where.length ? ` (only in: ${elsewhere.flatMap((t) => t.from).join(', ')})` : ' (not in this plan)'}`,
      field: 'type',
      rule: clause || 'life-cycle',
    });
  }
  let first: Refusal | null = null;
  for (const t of cands) {
    const r = refusalOf(plan, s, t, type, p);
    if (!r) return t;
    first ??= r;
  }
  throw refusalError(first!);
}

// ---------------------------------------------------------------------------------------------------------------
// apply / fold

function invalid(field: string, zh: string, en: string, rule: string): AppError {
  return fieldError(field, rule, zh, en);
}

function mergeFacts(plan: Plan, s: IncidentState, input: Record<string, unknown>): { facts: Facts; factsLevel: LevelId | null } {
  // Only facts the officer entered are merged; a bad one is refused (field = fact name, rule = the fact's rule).
  let facts: Facts;
  try {
    facts = parseFacts(plan, { ...stripUndefined(s.facts), ...input });
  } catch (e) {
    if (e instanceof AppError && e.body.field && e.body.field !== 'facts') {
      throw new AppError({ ...e.body, field: `payload.facts.${e.body.field}` });
    }
    throw e;
  }
  return { facts, factsLevel: levelOf(plan, facts) };
}

function stripUndefined(f: Facts): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(f)) if (v !== undefined) out[k] = v;
  return out;
}

/** The clause a plan gives for one of the engine's common rules, or 县定 (the county's own decision) when it names none. */
export function ruleClause(plan: Plan, rule: keyof Plan['ruleClauses']): string {
  return plan.ruleClauses[rule] ?? '县定';
}

function checkReport(plan: Plan, s: IncidentState, p: EventPayload<'report-filed'>): { written: boolean } {
  const corrClause = ruleClause(plan, 'corrections');
  const confClause = ruleClause(plan, 'confidential');
  const ob = plan.obligations.find((o) => o.kind === p.kind);
  if (!ob) throw invalid('payload.kind', `本预案没有“${p.kind}”类报告（可选：${plan.obligations.map((o) => `${o.kind} ${o.label}`).join('、')}）`, `no report kind ${p.kind} in this plan`, 'report-kind');
  const ch = plan.reportChannels.find((c) => c.id === p.channel);
  if (plan.reportChannels.length && !ch) throw invalid('payload.channel', `未知的报送渠道 ${p.channel}（可选：${plan.reportChannels.map((c) => `${c.id} ${c.label}`).join('、')}）`, `unknown channel ${p.channel}`, 'report-channel');
  if (ob.channels && !ob.channels.includes(p.channel)) {
    throw new AppError({
      code: 'conflict',
      message: `${ob.label}不能经“${ch?.label ?? p.channel}”报送（可用：${ob.channels.map((c) => plan.reportChannels.find((x) => x.id === c)?.label ?? c).join('、')}）（${ch?.clause ?? ob.clause}）`,
      messageEn: `a ${ob.kind} report cannot go by ${p.channel} (allowed: ${ob.channels.join(', ')})`,
      field: 'payload.channel',
      rule: ch?.clause ?? ob.clause,
    });
  }
  // e.g. 疫苗预案 5.1: 报告涉密的，需标注密级和保密期限，通过机要渠道报送
  if (p.classification && ch && !ch.confidential) {
    throw new AppError({
      code: 'conflict',
      message: `涉密报告（${p.classification.level}，${p.classification.period}）须通过机要渠道报送（${confClause}）`,
      messageEn: `a classified report must go through the confidential channel (${confClause})`,
      field: 'payload.channel',
      rule: confClause,
    });
  }
  for (const r of p.recipients) if (!plan.units.some((u) => u.id === r)) throw invalid('payload.recipients', `未知的报送对象 ${r}`, `unknown recipient ${r}`, 'known-unit');
  if (!plan.units.some((u) => u.id === p.by)) throw invalid('payload.by', `未知的报告单位 ${p.by}`, `unknown unit ${p.by}`, 'known-unit');
  for (const k of Object.keys(p.fields)) {
    if (!ob.requiredFields.some((f) => f.id === k) && k !== 'corrections' && k !== 'other')
      throw invalid(`payload.fields.${k}`, `${ob.label}没有“${k}”一项（可填：${ob.requiredFields.map((f) => `${f.id} ${f.label}`).join('、')}，及 corrections、other）`, `${ob.kind} report has no field ${k}`, 'report-field');
  }
  const written = ch ? ch.written : true;
  // 报告内容 — a written report carries every item the plan lists; a phone report may come first (e.g. 疫苗预案 5.2, 5.3).
  if (written) {
    const missing = ob.requiredFields.find((f) => !(p.fields[f.id] ?? '').trim());
    if (missing) throw invalid(`payload.fields.${missing.id}`, `${ob.label}须包括“${missing.label}”（${ob.clause}）`, `a ${ob.kind} report must include ${missing.id} (${ob.clause})`, ob.clause);
  }
  if (p.correctsReportSeq !== undefined && !s.reports.some((r) => r.seq === p.correctsReportSeq)) {
    throw new AppError({ code: 'conflict', message: `更正所指的第${p.correctsReportSeq}号事件不是已报送的报告（${corrClause}）`, messageEn: `event ${p.correctsReportSeq} is not a filed report`, field: 'payload.correctsReportSeq', rule: corrClause });
  }
  return { written };
}

/**
 * Apply one event to the state. Pure: returns a new state; throws AppError for an illegal event.
 * The payload is validated with its type's schema (defaults filled in) before the plan's rules.
 */
export function apply(plan: Plan, s: IncidentState, event: AnyIncidentEvent | { seq: number; type: string; payload: unknown; occurredAt: string; recordedAt: string; actor: string }): IncidentState {
  if (s.plan !== plan.id) throw new AppError({ code: 'conflict', message: `事件属于预案 ${s.plan}，不能用 ${plan.id} 处理`, messageEn: `state is of plan ${s.plan}, not ${plan.id}`, field: 'plan', rule: 'plan-id' });
  const type = event.type as EventType;
  const p = validateEvent(type, event.payload) as Params;
  if (event.seq !== s.lastSeq + 1) {
    throw new AppError({ code: 'conflict', message: `事件序号应为 ${s.lastSeq + 1}，收到 ${event.seq}`, messageEn: `expected seq ${s.lastSeq + 1}, got ${event.seq}`, field: 'seq', rule: 'sequence' });
  }
  const occ = Date.parse(event.occurredAt);
  const rec = Date.parse(event.recordedAt);
  if (!Number.isFinite(occ) || !Number.isFinite(rec)) throw invalid('occurredAt', '时间格式不正确', 'not an ISO time', 'iso-datetime');
  // The officer's time may not lie in the future of the recording (5 minutes' allowance for clock drift).
  if (occ > rec + 5 * 60_000) throw invalid('occurredAt', '发生时间不能晚于记录时间', 'occurredAt may not be after recordedAt', 'not-in-future');

  if (type === 'report-filed' && !plan.obligations.some((o) => o.kind === p.kind)) {
    throw invalid('payload.kind', `本预案没有“${String(p.kind)}”类报告（可选：${plan.obligations.map((o) => `${o.kind} ${o.label}`).join('、')}）`, `no report kind ${String(p.kind)} in this plan`, 'report-kind');
  }
  const t = choose(plan, s, type, p);
  const ref: EventRef = { seq: event.seq, occurredAt: new Date(occ).toISOString(), recordedAt: new Date(rec).toISOString(), payload: p };
  const prevRef = s.events[type];
  const next: IncidentState = {
    ...s,
    state: t.to ?? s.state,
    lastSeq: event.seq,
    lastOccurredAt: ref.occurredAt,
    events: { ...s.events, [type]: { first: prevRef?.first ?? ref, last: ref } },
    visited: t.to && !s.visited.includes(t.to) ? [...s.visited, t.to] : s.visited,
  };
  const at = ref.occurredAt;

  switch (type) {
    case 'reported': {
      const pl = p as EventPayload<'reported'>;
      // Logs written before the plans carried it as a fact keep `involvesForeigners` beside the facts: it is read as the
      // fact of that name where the plan has one (疫苗预案 5.1), and ignored by plans that do not.
      const legacy = pl.involvesForeigners !== undefined && plan.facts.some((f) => f.name === 'involvesForeigners') ? { involvesForeigners: pl.involvesForeigners } : {};
      Object.assign(next, mergeFacts(plan, s, { ...legacy, ...pl.facts }));
      break;
    }
    case 'facts-updated':
      Object.assign(next, mergeFacts(plan, s, (p as EventPayload<'facts-updated'>).facts));
      break;
    case 'correction': {
      const pl = p as EventPayload<'correction'>;
      const corrClause = ruleClause(plan, 'corrections');
      if (pl.correctsSeq >= event.seq) throw new AppError({ code: 'conflict', message: `更正只能指向之前的事件（第${pl.correctsSeq}号不在此前）`, messageEn: 'a correction must point at an earlier event', field: 'payload.correctsSeq', rule: corrClause });
      if (s.reports.some((r) => r.seq === pl.correctsSeq))
        throw new AppError({ code: 'conflict', message: `报告的更正须作为新报告报送，并注明所更正的报告（${corrClause}）`, messageEn: `a report is corrected by filing a new report that points at it (${corrClause})`, field: 'payload.correctsSeq', rule: corrClause });
      if (pl.facts) Object.assign(next, mergeFacts(plan, s, pl.facts));
      next.corrections = s.corrections + 1;
      break;
    }
    case 'assessed': {
      const pl = p as EventPayload<'assessed'>;
      next.assessment = { seq: event.seq, level: pl.level, by: pl.by, at };
      break;
    }
    case 'response-started': {
      const pl = p as EventPayload<'response-started'>;
      next.level = pl.level;
      next.startedBy = pl.by;
      next.responseStartedAt = at;
      next.levelSetSeq = event.seq;
      next.evaluation = null;
      next.proposal = null;
      next.levelHistory = [...s.levelHistory, { seq: event.seq, level: pl.level, at, ...(pl.reason ? { reason: pl.reason } : {}) }];
      break;
    }
    case 'level-changed': {
      const pl = p as EventPayload<'level-changed'>;
      next.level = pl.to;
      next.levelSetSeq = event.seq;
      next.levelHistory = [...s.levelHistory, { seq: event.seq, level: pl.to, at, reason: pl.reason }];
      break;
    }
    case 'expert-evaluation-recorded': {
      const pl = p as EventPayload<'expert-evaluation-recorded'>;
      next.evaluation = { seq: event.seq, by: pl.by, recommendsTermination: pl.recommendsTermination, assessedLevel: pl.assessedLevel, at };
      break;
    }
    case 'termination-proposed':
      next.proposal = { seq: event.seq, by: (p as EventPayload<'termination-proposed'>).by, at };
      break;
    case 'response-terminated':
      next.terminatedBy = (p as EventPayload<'response-terminated'>).by;
      next.terminatedAt = at;
      next.level = null;
      next.levelHistory = [...s.levelHistory, { seq: event.seq, level: null, at }];
      break;
    case 'report-filed': {
      const pl = p as EventPayload<'report-filed'>;
      const { written } = checkReport(plan, s, pl);
      next.reports = [
        ...s.reports,
        {
          seq: event.seq,
          kind: pl.kind,
          by: pl.by,
          channel: pl.channel,
          written,
          recipients: pl.recipients,
          occurredAt: at,
          recordedAt: ref.recordedAt,
          inState: s.state,
          ...(pl.correctsReportSeq !== undefined ? { correctsReportSeq: pl.correctsReportSeq } : {}),
          ...(pl.classification ? { classification: pl.classification } : {}),
        },
      ];
      break;
    }
    case 'checklist-item-done': {
      const pl = p as EventPayload<'checklist-item-done'>;
      const item = plan.checklists.flatMap((c) => c.items).find((i) => i.id === pl.itemId);
      if (!item) throw invalid('payload.itemId', `本预案没有处置事项 ${pl.itemId}`, `no checklist item ${pl.itemId} in this plan`, 'checklist-item');
      if (!plan.units.some((u) => u.id === pl.unit)) throw invalid('payload.unit', `未知的单位 ${pl.unit}`, `unknown unit ${pl.unit}`, 'known-unit');
      if (s.checklistDone[pl.itemId])
        throw new AppError({ code: 'conflict', message: `处置事项“${item.text}”已于第${s.checklistDone[pl.itemId]!.seq}号事件记录完成`, messageEn: `item ${pl.itemId} is already done (event ${s.checklistDone[pl.itemId]!.seq})`, field: 'payload.itemId', rule: item.clause ?? 'checklist' });
      next.checklistDone = { ...s.checklistDone, [pl.itemId]: { seq: event.seq, by: pl.by, unit: pl.unit, at } };
      break;
    }
    case 'note':
      next.notes = s.notes + 1;
      break;
    case 'dismissed':
    case 'closed':
    case 'aftermath-started':
    case 'warning-issued':
    case 'transition':
      break;
  }
  return next;
}

/** Replay an incident's events through its plan. */
export function fold(plan: Plan, events: readonly (AnyIncidentEvent | { seq: number; type: string; payload: unknown; occurredAt: string; recordedAt: string; actor: string })[]): IncidentState {
  let s = initialState(plan);
  for (const e of events) s = apply(plan, s, e);
  return s;
}

// ---------------------------------------------------------------------------------------------------------------
// legalActions

export interface LegalAction {
  /** e.g. `start-response:II`, `escalate:I`, `file-report:first`, `terminate`. */
  id: string;
  transition: string;
  event: EventType;
  label: string;
  params: Record<string, string>;
  allowed: boolean;
  /** Allowed, but only with a written reason (a level above the facts, 6.2). */
  requiresReason: boolean;
  triggeredBy: string[];
  approvedBy: string[];
  /** 谁启动谁终止: only this body may do it. */
  mustBeBy?: string;
  to?: string;
  clause: string;
  reason?: string;
  reasonEn?: string;
}

function actionsFor(plan: Plan, s: IncidentState, t: Transition): Array<{ id: string; label: string; params: Record<string, string> }> {
  switch (t.event) {
    case 'response-started':
      return LEVEL_IDS.map((l) => ({ id: `${t.id}:${l}`, label: `${t.label}（${l}级 ${levelName(plan, l)}）`, params: { level: l } }));
    case 'level-changed':
      return LEVEL_IDS.filter((l) => (t.direction === 'escalate' ? levelRank(l) > levelRank(s.level) : levelRank(l) < levelRank(s.level) || s.level === null)).map((l) => ({
        id: `${t.id}:${l}`,
        label: `${t.label}至${l}级（${levelName(plan, l)}）`,
        params: { direction: t.direction!, to: l },
      }));
    case 'assessed': {
      const l = s.factsLevel;
      return [{ id: t.id, label: `${t.label}（事实对应：${l ? `${l}级` : '未达分级标准'}）`, params: l ? { level: l } : {} }];
    }
    case 'report-filed': {
      const kinds = t.guards.find((g) => g.guard === 'report-kind-allowed')?.param?.split(',') ?? plan.obligations.map((o) => o.kind);
      return kinds.map((k) => ({ id: `${t.id}:${k}`, label: plan.obligations.find((o) => o.kind === k)?.label ?? k, params: { kind: k } }));
    }
    case 'transition':
      return [{ id: t.id, label: t.label, params: { transition: t.id } }];
    default:
      return [{ id: t.id, label: t.label, params: {} }];
  }
}

/**
 * Every action of the plan with whether it is allowed now, and for each refused one the reason and clause.
 * Who may trigger / approve is given as information (`triggeredBy`, `approvedBy`, `mustBeBy`), not judged here.
 * `now` is accepted for the contract (time-dependent rules); the current rules do not need it.
 */
export function legalActions(plan: Plan, s: IncidentState, _now?: Date): LegalAction[] {
  const out: LegalAction[] = [];
  for (const t of plan.transitions) {
    for (const a of actionsFor(plan, s, t)) {
      const base: LegalAction = {
        id: a.id,
        transition: t.id,
        event: t.event as EventType,
        label: a.label,
        params: a.params,
        allowed: false,
        requiresReason: false,
        triggeredBy: t.triggeredBy ?? [],
        approvedBy: t.approvedBy ?? [],
        ...(t.to ? { to: t.to } : {}),
        clause: t.clause,
      };
      if (t.guards.some((g) => g.guard === 'same-body-as-start') && s.startedBy) base.mustBeBy = s.startedBy;
      if (!t.from.includes(s.state)) {
        out.push({
          ...base,
          reason: `当前状态“${stateLabel(plan, s.state)}”下不可用（可在：${t.from.map((x) => stateLabel(plan, x)).join('、')}）`,
          reasonEn: `not available in state ${s.state} (only in: ${t.from.join(', ')})`,
        });
        continue;
      }
      const params: Params = { ...a.params };
      if (base.mustBeBy) params.by = base.mustBeBy;
      let r = refusalOf(plan, s, t, t.event, params, { skipBodies: true });
      let requiresReason = false;
      if (r?.needsReason) {
        requiresReason = true;
        r = refusalOf(plan, s, t, t.event, { ...params, reason: 'x' }, { skipBodies: true });
      }
      out.push(r ? { ...base, requiresReason, clause: r.clause, reason: r.text, reasonEn: r.textEn } : { ...base, allowed: true, requiresReason });
    }
  }
  return out;
}
