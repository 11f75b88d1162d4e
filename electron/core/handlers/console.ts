/**
 * The duty officer's console commands (shared/api/console.ts). They fold an incident's logged events through the
 * plan it is pinned to (shared/engine) and write through the incident log with a plan engine attached, so an event
 * is committed only when the plan accepts it in the incident's state (the log folds inside the write transaction).
 *
 * Numbering: the engine counts each incident's plan events 1, 2, 3… (`n`); the opening record `incident.opened` is
 * the log's own and is not a plan event. Payload references to earlier events (`correctsSeq`, `correctsReportSeq`)
 * use `n`; the envelope's `corrects` uses the log's `seq` (the log numbers per incident too, so the two agree).
 */
import { AppError } from '../../../shared/api/errors';
import type { DueItem } from '../../../shared/api/console';
import { apply, EVENT_LABELS, initialState, incidentSummary, incidentView, lateReports, type IncidentState, type IncidentSummary, type Plan } from '../../../shared/engine';
import { logFor, type IncidentLog } from '../log';
import type { LoggedEvent } from '../log/types';
import type { CallContext, CoreServices, HandlerTable, ParsedInput } from './types';
import type { PersonView } from '../../../shared/api';
import { actorOf, confirmPerson } from '../people/store';
import { roundsDue } from './rounds';

const OPENED = 'incident.opened';

export interface Problem {
  seq: number;
  message: string;
  messageEn: string;
}

/** Plan events of an incident, numbered as the engine counts them. */
export function planEvents(events: readonly LoggedEvent[]): Array<LoggedEvent & { n: number }> {
  return events.filter((e) => e.type !== OPENED).map((e, i) => ({ ...e, n: i + 1 }));
}

function toEngine(e: LoggedEvent & { n: number }) {
  return { seq: e.n, type: e.type, payload: e.payload, occurredAt: e.occurredAt, recordedAt: e.recordedAt, actor: e.actor };
}

/**
 * Tolerant fold (for reads): an event the plan refuses (written around the console, or under an edited plan) is
 * reported as a problem and skipped, so the screen still shows everything else.
 */
export function foldTolerant(plan: Plan, events: readonly LoggedEvent[]): { state: IncidentState; problems: Problem[] } {
  let s = initialState(plan);
  const problems: Problem[] = [];
  for (const e of planEvents(events)) {
    try {
      s = apply(plan, s, toEngine(e));
    } catch (err) {
      const b = err instanceof AppError ? err.body : { message: String(err), messageEn: String(err) };
      problems.push({ seq: e.seq, message: b.message, messageEn: b.messageEn });
      s = { ...s, lastSeq: e.n };
    }
  }
  return { state: s, problems };
}

function isTerminal(plan: Plan, state: IncidentState): boolean {
  return plan.states.find((x) => x.id === state.state)?.kind === 'terminal';
}

/** Writes go through the incident log with its plan engine (electron/core/log/planEngine.ts): it folds inside the
 * write transaction and refuses, with the plan's clause, what the plan refuses. */
function consoleLog(s: CoreServices): IncidentLog {
  return logFor(s.db, s.clock, s.logEngine);
}

type Deadline = { obligationId: string; label: string; clause: string; dueAt: string; dueText: string | null; status: 'pending' | 'overdue' };

/** Open deadlines: each obligation due and not met, and each written report still owed after a phone one (its own clock). */
function deadlinesOf(plan: Plan, view: Pick<IncidentSummary, 'obligations'>): Deadline[] {
  const out: Deadline[] = [];
  for (const o of view.obligations) {
    if (o.dueAt && (o.status === 'pending' || o.status === 'overdue'))
      out.push({ obligationId: o.id, label: o.phoneFirst ? `${o.label}（电话先报）` : o.label, clause: o.clause, dueAt: o.dueAt, dueText: o.dueText, status: o.status });
    // Phone first: the written report's own clock from the start (the obligation's clause); else the plan's
    // written-after-phone rule, from the phone report.
    if (o.writtenDueAt && (o.writtenStatus === 'pending' || o.writtenStatus === 'overdue'))
      out.push({ obligationId: `${o.id}:written`, label: `${o.label}（书面）`, clause: o.phoneFirst ? o.clause : (plan.writtenFollowUp?.clause ?? o.clause), dueAt: o.writtenDueAt, dueText: o.phoneFirst?.text ?? plan.writtenFollowUp?.text ?? null, status: o.writtenStatus });
  }
  return out.sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt));
}

export interface Loaded {
  row: ReturnType<IncidentLog['incidentRow']>;
  plan: Plan;
  state: IncidentState;
  events: LoggedEvent[];
  problems: Problem[];
}

/** An incident whose pinned plan version is not in the registry (e.g. its edited file was removed). */
interface Missing {
  row: ReturnType<IncidentLog['incidentRow']>;
  missing: { message: string; messageEn: string };
  /** Another version of the same plan, if any: it says where the plan's incidents belong (e.g. the fire screen). */
  sibling: Plan | undefined;
}

/**
 * The last loadAll of a connection, by the log's head (events are append-only and every incident write appends one,
 * so the same head means the same incidents and events) and the plan versions registered: the board, the fire list
 * and the due list each load every incident, three times in a row at start-up (test/bench/startup.bench.ts).
 */
const loadedMemo = new WeakMap<CoreServices['db'], { head: number; plans: Plan[]; value: Array<Loaded | Missing> }>();

/** Every incident folded through its pinned plan; one whose plan version cannot be found is kept apart, never fatal. */
function loadAll(log: IncidentLog, s: CoreServices): Array<Loaded | Missing> {
  return drain(loadAllSteps(log, s));
}

const headOf = (s: CoreServices) => (s.db.prepare('SELECT coalesce(max(pos), 0) FROM events').pluck().get() as number) ?? 0;

/** loadAll one incident at a time (a step each): the board's handler runs it in slices (`inSlices`). */
function* loadAllSteps(log: IncidentLog, s: CoreServices): Generator<void, Array<Loaded | Missing>> {
  const head = headOf(s);
  const plans = s.plans.all().map((e) => e.plan);
  const memo = loadedMemo.get(s.db);
  if (memo && memo.head === head && memo.plans.length === plans.length && memo.plans.every((p, i) => p === plans[i])) return memo.value;
  const value: Array<Loaded | Missing> = [];
  for (const { eventCount: _c, lastSeq: _l, ...row } of log.list()) {
    value.push(loadOne(log, s, row));
    yield;
  }
  // (kept only if nothing was written meanwhile: in slices, other requests run between the steps)
  if (!s.db.inTransaction && headOf(s) === head) loadedMemo.set(s.db, { head, plans, value });
  return value;
}

function loadOne(log: IncidentLog, s: CoreServices, row: Loaded['row']): Loaded | Missing {
  const plan = s.plans.find(row.planId, row.planVersion);
  if (!plan) {
    const versions = s.plans.versions(row.planId);
    const have = versions.map((p) => p.version);
    return {
      row,
      sibling: versions[0],
      missing: {
        message: `事件所依据的预案 ${row.planId} ${row.planVersion} 版不在本机预案中${have.length ? `（现有：${have.join('、')}）` : ''}：恢复该版本的预案文件后即可显示，其他事件不受影响`,
        messageEn: `plan ${row.planId} version ${row.planVersion}, which the incident is pinned to, is not loaded${have.length ? ` (have: ${have.join(', ')})` : ''}: restore that plan file to show it; nothing else is affected`,
      },
    };
  }
  const events = log.eventsOf(row.id);
  const { state, problems } = foldTolerant(plan, events);
  return { row, plan, state, events, problems };
}

/** Runs steps to their end at once. */
function drain<T>(steps: Generator<void, T>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/**
 * Runs steps to their end, giving the event loop a turn every SLICE_MS: the serve shell answers its other requests
 * (the page, its scripts) while the board with 1,000 incidents is worked out (100–300 ms the first time in a process).
 * Steps read the database as they go; what was written meanwhile comes with its change, as for any answer.
 */
async function inSlices<T>(steps: Generator<void, T>): Promise<T> {
  let until = performance.now() + SLICE_MS;
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    if (performance.now() >= until) {
      await new Promise<void>((done) => setImmediate(done));
      until = performance.now() + SLICE_MS;
    }
  }
}

const SLICE_MS = 8;

/** Every incident whose pinned plan is loaded, folded (the statistics read them as the board does). */
export function loadedIncidents(s: CoreServices): Loaded[] {
  return loadedOnly(loadAll(consoleLog(s), s));
}

function loadedOnly(all: Array<Loaded | Missing>): Loaded[] {
  return all.filter((x): x is Loaded => 'plan' in x);
}

/**
 * Which deadlines a desktop notification should announce now: each open incident's pending obligation due within
 * `soonMinutes` (phase `soon`), and each overdue one (phase `overdue`). The key names incident, obligation and
 * phase, so a shell announces each once (疫苗预案 5.1: first report within 1 h; 5.2/6.4: final report within 2 weeks).
 */
export function dueItems(all: readonly Loaded[], now: Date, soonMinutes: number): DueItem[] {
  const out: DueItem[] = [];
  for (const x of all) {
    // An exercise's deadlines stay on its own page; the banner and the desktop notifications are for real incidents.
    if (isTerminal(x.plan, x.state) || x.row.exercise) continue;
    for (const d of deadlinesOf(x.plan, incidentSummary(x.plan, x.state, now))) {
      const msLeft = Date.parse(d.dueAt) - now.getTime();
      const phase = d.status === 'overdue' ? 'overdue' : msLeft <= soonMinutes * 60_000 ? 'soon' : null;
      if (!phase) continue;
      out.push({ key: `${x.row.id}:${d.obligationId}:${phase}`, incidentId: x.row.id, title: x.row.title, obligationId: d.obligationId, label: d.label, clause: d.clause, dueAt: d.dueAt, phase, msLeft });
    }
  }
  return out.sort((a, b) => a.msLeft - b.msLeft);
}

/** The plan version in force at `at`; a refusal names the field (occurredAt) and the versions with their dates. */
export function pinnedPlan(s: CoreServices, planId: string, at: string): Plan {
  if (!Number.isFinite(Date.parse(at))) {
    throw new AppError({ code: 'invalid-input', message: `字段 occurredAt：不是有效的时间（${at.slice(0, 40)}）`, messageEn: `field occurredAt: not a valid time (${at.slice(0, 40)})`, field: 'occurredAt', rule: 'iso-datetime' });
  }
  try {
    return s.plans.inForce(planId, at);
  } catch (e) {
    if (e instanceof AppError && e.body.rule === 'plan-in-force') throw new AppError({ ...e.body, field: 'occurredAt' });
    if (e instanceof AppError) throw new AppError({ ...e.body, field: 'planId' });
    throw e;
  }
}

/** The board's rows (console.board); `only`: the incidents to row (console.fires wants the fire screen's only). */
function boardOf(status: 'open' | 'closed' | 'all', s: CoreServices, only: (x: Loaded | Missing) => boolean = () => true) {
  return drain(boardSteps(status, s, only));
}

/** boardOf a step per incident (its fold, then its row): console.board runs it in slices. */
function* boardSteps(status: 'open' | 'closed' | 'all', s: CoreServices, only: (x: Loaded | Missing) => boolean = () => true) {
  const now = s.clock.now();
  // The status is decided before the view is built: the closed list need not build the open incidents' views.
  const wanted = (terminal: boolean) => status === 'all' || (status === 'closed') === terminal;
  const incidents: Array<ReturnType<typeof boardRow>> = [];
  for (const x of yield* loadAllSteps(consoleLog(s), s)) {
    if (!only(x) || !wanted('plan' in x && isTerminal(x.plan, x.state))) continue;
    incidents.push(boardRow(x, now));
    yield;
  }
  return { now: now.toISOString(), incidents };
}

function boardRow(x: Loaded | Missing, now: Date) {
  const { row } = x;
  if ('missing' in x)
    return {
      id: row.id,
      title: row.title,
      planId: row.planId,
      planVersion: row.planVersion,
      planTitle: `${row.planId} ${row.planVersion}`,
      openedAt: row.openedAt,
      state: 'unknown',
      stateLabel: '预案版本缺失',
      stateLabelEn: 'plan version missing',
      terminal: false,
      level: null,
      levelName: null,
      levelNameEn: null,
      factsLevel: null,
      nextDeadline: null,
      overdue: [],
      warnings: 0,
      lateReports: 0,
      tags: [],
      lastOccurredAt: null,
      problems: 1,
      screen: x.sibling?.presentation.screen ?? ('incident' as const),
      planShortName: x.sibling?.presentation.shortName ?? row.planId,
      planShortNameEn: x.sibling?.presentation.shortNameEn ?? null,
      planMissing: x.missing,
      exercise: row.exercise,
    };
  const { plan, state, problems } = x;
  const view = incidentSummary(plan, state, now);
  const dl = deadlinesOf(plan, view);
  const terminal = isTerminal(plan, state);
  return {
    id: row.id,
    title: row.title,
    planId: row.planId,
    planVersion: row.planVersion,
    planTitle: plan.title,
    openedAt: row.openedAt,
    state: state.state,
    stateLabel: view.stateLabel,
    stateLabelEn: plan.states.find((x) => x.id === state.state)?.labelEn ?? null,
    terminal,
    level: state.level,
    levelName: plan.levels.find((l) => l.id === state.level)?.name ?? null,
    levelNameEn: plan.levels.find((l) => l.id === state.level)?.nameEn ?? null,
    factsLevel: state.factsLevel,
    nextDeadline: terminal ? null : (dl[0] ?? null),
    overdue: terminal ? [] : dl.filter((d) => d.status === 'overdue'),
    warnings: view.warnings.length,
    lateReports: lateReports(plan, view.obligations, state).length,
    tags: view.tags,
    lastOccurredAt: state.lastOccurredAt,
    problems: problems.length,
    screen: plan.presentation.screen,
    planShortName: plan.presentation.shortName,
    planShortNameEn: plan.presentation.shortNameEn ?? null,
    planMissing: null,
    exercise: row.exercise,
  };
}

type Names = 'console.board' | 'console.fires' | 'console.incident' | 'console.report' | 'console.act' | 'console.due';

export const consoleHandlers: HandlerTable<Names> = {
  // (in slices: the serve shell answers the page and its scripts meanwhile, electron/serve/server.ts warmStart)
  'console.board': (i, _ctx, s) => inSlices(boardSteps(i.status, s)),

  // The fire list and the map's fire marks in one request: the board's rows of forest-fire incidents, each with its
  // `reported` event (where, since when), instead of one console.incident per fire.
  'console.fires': async (i, _ctx, s) => {
    // Rows for the fire screen's incidents only (plan data: presentation.screen), not the whole board.
    const board = boardOf(i.status, s, (x) => ('plan' in x ? x.plan.presentation.screen : (x.sibling?.presentation.screen ?? 'incident')) === 'fire');
    const log = consoleLog(s);
    const fires = board.incidents
      .filter((r) => r.screen === 'fire') // plan data (presentation.screen): forest and grassland fires, any version
      .map((row) => {
        const rep = log.eventsOf(row.id).find((e) => e.type === 'reported');
        return { row, reported: rep ? { payload: rep.payload, occurredAt: rep.occurredAt } : null };
      });
    return { now: board.now, fires };
  },

  'console.incident': (i, _ctx, s) => {
    const log = consoleLog(s);
    const row = log.incidentRow(i.id);
    const plan = s.plans.get(row.planId, row.planVersion);
    const events = log.eventsOf(row.id);
    const { state, problems } = foldTolerant(plan, events);
    const numbered = new Map(planEvents(events).map((e) => [e.seq, e.n]));
    const now = s.clock.now();
    return {
      now: now.toISOString(),
      incident: { id: row.id, title: row.title, planId: row.planId, planVersion: row.planVersion, openedAt: row.openedAt, openedBy: row.openedBy, exercise: row.exercise },
      view: incidentView(plan, state, now),
      events: events.map((e) => ({ seq: e.seq, n: numbered.get(e.seq) ?? null, type: e.type, payload: e.payload, occurredAt: e.occurredAt, recordedAt: e.recordedAt, actor: e.actor, corrects: e.corrects })),
      problems,
    };
  },

  'console.report': (i, ctx, s) => {
    const log = consoleLog(s);
    // One transaction: the incident and its `reported` event are both written, or neither (the log's own
    // transactions nest as savepoints). The plan checks the facts when the event is folded.
    // The version in force when the incident occurred (a fire: when it started), not when it was recorded.
    const started = typeof i.payload.incidentStartedAt === 'string' ? i.payload.incidentStartedAt : undefined;
    const occurred = i.occurredAt ?? started ?? i.receivedAt ?? s.clock.now().toISOString();
    const pinned = pinnedPlan(s, i.planId, occurred);
    const tx = s.db.transaction(() => {
      const opened = log.openIncident({ planId: i.planId, planVersion: pinned.version, title: i.title, occurredAt: i.receivedAt, exercise: i.exercise }, ctx.actor);
      const rep = log.append({ incidentId: opened.incidentId, type: 'reported', payload: i.payload, occurredAt: i.receivedAt }, ctx.actor);
      return { ...rep, id: opened.incidentId, reportedSeq: rep.seq };
    });
    return tx.immediate();
  },

  'console.act': async (i, ctx, s) => {
    const log = consoleLog(s);
    const approver = await approverOf(i, ctx, s);
    const tx = s.db.transaction(() => {
      const ev = log.append({ incidentId: i.incidentId, type: i.type, payload: i.payload, occurredAt: i.occurredAt, corrects: i.corrects }, ctx.actor);
      if (i.approval && approver) {
        const row = log.incidentRow(i.incidentId);
        const plan = s.plans.get(row.planId, row.planVersion);
        const body = plan.units.find((u) => u.id === i.approval!.body)?.name ?? i.approval.body;
        // The event's payload names the approving body (approvedBy); the approval is the duty leader's own record,
        // in the same commit, right after it: its actor is the leader who confirmed, not the officer at the keyboard.
        const told = i.approval.name ? `（${i.approval.name}）` : '';
        log.append({ incidentId: i.incidentId, type: 'note', payload: { text: `批准记录（第${ev.seq}号记录）：${body}批准${told}；带班领导${approver.name}确认` }, occurredAt: i.occurredAt }, approver.actor);
      }
      return ev;
    });
    return tx.immediate();
  },

  'console.due': (i, _ctx, s) => {
    const now = s.clock.now();
    const items = [...dueItems(loadedOnly(loadAll(consoleLog(s), s)), now, i.soonMinutes), ...roundsDue(s, now, i.soonMinutes)];
    return { now: now.toISOString(), items: items.sort((a, b) => a.msLeft - b.msLeft) };
  },
};

/**
 * Who confirms the approval of an event that names an approving body (`payload.approvedBy`): a duty leader, by their
 * own password on this screen, or the signed-in person when they are one. The CLI and in-process tests record the
 * approval as given. Without an approval such an event is refused: a typed name is not an approval.
 */
async function approverOf(i: ParsedInput<'console.act'>, ctx: CallContext, s: CoreServices): Promise<{ actor: string; name: string } | null> {
  const claimed = (i.payload as { approvedBy?: unknown } | null)?.approvedBy;
  const trusted = !ctx.person && (ctx.transport === 'cli' || ctx.transport === 'test');
  if (claimed === undefined || claimed === null || claimed === '') return null;
  if (!i.approval) {
    if (trusted) return null;
    throw new AppError({ code: 'forbidden', message: '字段 approval：这一步须经批准，须由带班领导在此输入本人密码确认（或由带班领导本人操作）；未写入任何内容', messageEn: 'field approval: this step needs an approval confirmed by a duty leader with their own password (or done by the duty leader); nothing was written', field: 'approval.login', rule: 'approval' });
  }
  if (i.approval.body !== claimed) {
    throw new AppError({ code: 'invalid-input', message: '字段 approval.body：批准单位与记录中的批准单位不一致', messageEn: 'field approval.body: the approving body differs from the event\'s approvedBy', field: 'approval.body', rule: 'approval' });
  }
  const what = { zh: `批准${(EVENT_LABELS as Record<string, string>)[i.type] ?? i.type}`, en: `approve ${i.type}` };
  const leader = (p: PersonView) => ({ actor: actorOf(p), name: p.name });
  if (i.approval.login && i.approval.password) return leader(await confirmPerson(s.db, i.approval.login, i.approval.password, ['duty-leader'], what, s.clock.now(), ctx.from ?? ctx.transport));
  if (ctx.person?.roles.includes('duty-leader')) return leader(ctx.person);
  if (trusted) return { actor: ctx.actor, name: ctx.actor };
  throw new AppError({ code: 'forbidden', message: `字段 approval.login：${ctx.person?.name ?? '当前人员'}不是带班领导，须由带班领导输入登录名和本人密码确认；未写入任何内容`, messageEn: 'field approval.login: the signed-in person is not a duty leader; a duty leader must confirm with their sign-in name and password. Nothing was written', field: 'approval.login', rule: 'role' });
}
