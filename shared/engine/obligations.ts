/**
 * Obligations (reports and their deadlines), timers and checklists, computed from the folded state and `now`.
 * Due times are absolute UTC ISO times counted from the events' times (never held in memory only, ARCHITECTURE);
 * `formatShanghai` renders them for the duty officer in Asia/Shanghai.
 */
import { chineseNumber } from '../base/numerals';
import { addDays, formatShanghai, shanghaiAt, shanghaiDate } from '../base/time';
import { evalCondition, gradeParsed, type GradeResult, type RaisedFlag } from './grade';
import { legalActions, ruleClause, type EventRef, type IncidentState, type LegalAction } from './machine';
import { appliedBefore, appliesNow } from './checklist';
import { levelRank } from './levels';
import type { Anchor, Duration, LevelId, Obligation, Plan } from './schema';

export { formatShanghai } from '../base/time';

export function durationMs(d: Duration): number {
  return (((d.days ?? 0) * 24 + (d.hours ?? 0)) * 60 + (d.minutes ?? 0)) * 60_000;
}

/** "1小时" / "14天" / "2小时30分钟" */
export function durationText(d: Duration): string {
  return [d.days ? `${d.days}天` : '', d.hours ? `${d.hours}小时` : '', d.minutes ? `${d.minutes}分钟` : ''].join('') || '0分钟';
}

/** The moment an anchor names, from the log; null while its event has not happened. */
export function anchorTime(state: IncidentState, anchor: Anchor): string | null {
  const refs = state.events[anchor.event as keyof IncidentState['events']];
  if (!refs) return null;
  const ref: EventRef = anchor.occurrence === 'last' ? refs.last : refs.first;
  if (anchor.payloadField) {
    const v = ref.payload[anchor.payloadField];
    if (typeof v === 'string' && Number.isFinite(Date.parse(v))) return new Date(Date.parse(v)).toISOString();
  }
  return anchor.time === 'recordedAt' ? ref.recordedAt : ref.occurredAt;
}

export type ObligationStatus = 'not-started' | 'pending' | 'filed' | 'overdue';

export interface ObligationView {
  id: string;
  kind: string;
  label: string;
  clause: string;
  /** When the obligation began (its anchor / startsWith event). */
  startsAt: string | null;
  dueAt: string | null;
  dueAtShanghai: string | null;
  dueText: string | null;
  status: ObligationStatus;
  /** Filed after the deadline. */
  late: boolean;
  /** With a `numbered` obligation, each report's number and title in filing order (续报一、续报二…). */
  filed: Array<{ seq: number; at: string; channel: string; written: boolean; corrects?: number; number?: number; title?: string }>;
  /** Phone first: the obligation's `dueAt` is met by a phone report too, the written one is due at `writtenDueAt`. */
  phoneFirst: { text: string; countyDecision: boolean } | null;
  /** The number and title the next report of a numbered obligation takes (续报三). */
  nextNumber: { n: number; title: string; clause: string } | null;
  recipients: string[];
  /** Recipients no report of this kind has gone to yet. */
  missingRecipients: string[];
  /** Only a phone report has been made: the written report must follow (5.3). */
  writtenPending: boolean;
  /** When the written report is due after a phone report (the plan's writtenFollowUp), and whether it is late. */
  writtenDueAt: string | null;
  writtenStatus: 'none' | 'pending' | 'overdue' | 'filed';
  writtenLate: boolean;
  /** The time limit is the county's own (县定). */
  countyDecision: boolean;
  /** A rhythm obligation (`every`): the next report is due at `dueAt` while the incident is in its states. */
  rhythm: string | null;
  requiredFields: Array<{ id: string; label: string }>;
  repeatable: boolean;
  /** Milliseconds until due (negative when past), relative to `now`. */
  msLeft: number | null;
}

/**
 * The written report's clock. With the obligation's own `writtenDue` (phone first, 电话先报): from the same anchor as
 * the obligation, running from the start, so both clocks show before anything is filed. Otherwise the plan's
 * `writtenFollowUp`: due `after` from the first phone report of the kind (疫苗预案 5.3: 先电话口头报告，再补报文字报告).
 */
function writtenFollowUp(plan: Plan, o: Obligation, anchorAt: string | null, reports: IncidentState['reports'], now: Date): Pick<ObligationView, 'writtenDueAt' | 'writtenStatus' | 'writtenLate'> {
  const byTime = [...reports].sort((a, b) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt));
  let due: number;
  let written: IncidentState['reports'][number] | undefined;
  if (o.writtenDue) {
    if (!anchorAt) return { writtenDueAt: null, writtenStatus: 'none', writtenLate: false };
    due = Date.parse(anchorAt) + durationMs(o.writtenDue.after);
    written = byTime.find((r) => r.written);
  } else {
    const phone = byTime.find((r) => !r.written);
    if (!phone || !plan.writtenFollowUp) return { writtenDueAt: null, writtenStatus: 'none', writtenLate: false };
    due = Date.parse(phone.occurredAt) + durationMs(plan.writtenFollowUp.after);
    written = byTime.find((r) => r.written && Date.parse(r.occurredAt) >= Date.parse(phone.occurredAt));
  }
  const writtenDueAt = new Date(due).toISOString();
  if (written) return { writtenDueAt, writtenStatus: 'filed', writtenLate: Date.parse(written.occurredAt) > due };
  return { writtenDueAt, writtenStatus: now.getTime() > due ? 'overdue' : 'pending', writtenLate: false };
}

/** The first of a daily report's Beijing times strictly after `t`. */
function slotAfter(at: readonly string[], t: number): number {
  const day = shanghaiDate(t);
  for (let d = 0; d < 3; d++) {
    for (const hhmm of [...at].sort()) {
      const x = shanghaiAt(addDays(day, d), hhmm);
      if (x > t) return x;
    }
  }
  throw new Error('unreachable: a daily time within three days');
}

/**
 * A rhythm's deadlines: the one each report (times in filing order) was due by, and the next. Every `after` (a fire's
 * progress every 2 hours): `after` from the start, then from the latest report. At times of day (`at`, a daily report
 * by 08:00 and 17:00): the first of them at least `graceFromStart` after the start; a report on time meets that one
 * and the next is the following time; a late one meets the one it was late for, and the next is the first time after it.
 */
export function rhythmSchedule(every: NonNullable<Obligation['every']>, start: number, times: readonly number[]): { dues: number[]; next: number } {
  const dues: number[] = [];
  if (every.after) {
    const step = durationMs(every.after);
    let prev = start;
    for (const t of times) {
      dues.push(prev + step);
      prev = Math.max(prev, t);
    }
    return { dues, next: prev + step };
  }
  let due = slotAfter(every.at!, start + (every.graceFromStart ? durationMs(every.graceFromStart) : 0));
  for (const t of times) {
    dues.push(due);
    due = slotAfter(every.at!, Math.max(t, due));
  }
  return { dues, next: due };
}

/** A rhythm (`every`): while in its states, when the next report of the kind is due. */
function rhythmDue(o: Obligation, state: IncidentState, startsAt: string | null, filed: IncidentState['reports']): string | null {
  if (!o.every || !startsAt || !o.every.whileStates.includes(state.state)) return null;
  const times = filed.map((r) => Date.parse(r.occurredAt)).sort((a, b) => a - b);
  return new Date(rhythmSchedule(o.every, Date.parse(startsAt), times).next).toISOString();
}

/** Each report's number in filing order (log seq), for a `numbered` obligation; a correction takes the number of the report it corrects. */
function reportNumbers(filed: IncidentState['reports']): Map<number, number> {
  const out = new Map<number, number>();
  let n = 0;
  for (const r of [...filed].sort((a, b) => a.seq - b.seq)) out.set(r.seq, r.correctsReportSeq && out.has(r.correctsReportSeq) ? out.get(r.correctsReportSeq)! : ++n);
  return out;
}

export function obligations(plan: Plan, state: IncidentState, now: Date): ObligationView[] {
  return plan.obligations.map((o) => {
    const startEvent = o.startsWith ?? o.due?.anchor.event ?? 'reported';
    const startsAt = o.due && !o.startsWith ? anchorTime(state, o.due.anchor) : anchorTime(state, { event: startEvent, occurrence: 'first', time: 'occurredAt' });
    const dueAt = o.due && startsAt !== null ? anchorTime(state, o.due.anchor) : null;
    const filedReports = state.reports.filter((r) => r.kind === o.kind);
    const rhythm = rhythmDue(o, state, startsAt, filedReports);
    const numbers = o.numbered ? reportNumbers(filedReports) : null;
    const nextN = numbers ? Math.max(0, ...numbers.values()) + 1 : 0;
    const dueIso = rhythm ?? (dueAt ? new Date(Date.parse(dueAt) + durationMs(o.due!.after)).toISOString() : null);
    const covered = new Set(filedReports.flatMap((r) => r.recipients));
    const missingRecipients = o.recipients.filter((r) => !covered.has(r));
    // Satisfied when every recipient has had a report of this kind (a phone report counts for the deadline, 5.3).
    const complete = filedReports.length > 0 && missingRecipients.length === 0;
    const completedAt = complete ? completionTime(filedReports, o.recipients) : null;
    let status: ObligationStatus;
    if (startsAt === null) status = 'not-started';
    else if (rhythm) status = now.getTime() > Date.parse(rhythm) ? 'overdue' : 'pending';
    else if (complete) status = 'filed';
    else if (dueIso && now.getTime() > Date.parse(dueIso)) status = 'overdue';
    else status = 'pending';
    return {
      id: o.id,
      kind: o.kind,
      label: o.label,
      clause: o.clause,
      startsAt,
      dueAt: dueIso,
      dueAtShanghai: dueIso ? formatShanghai(dueIso) : null,
      dueText: (rhythm ? o.every?.text : o.due?.text) ?? null,
      status,
      late: !rhythm && !!(completedAt && dueIso && Date.parse(completedAt) > Date.parse(dueIso)),
      filed: filedReports.map((r) => ({
        seq: r.seq,
        at: r.occurredAt,
        channel: r.channel,
        written: r.written,
        ...(r.correctsReportSeq ? { corrects: r.correctsReportSeq } : {}),
        ...(numbers ? { number: numbers.get(r.seq)!, title: `${o.numbered!.prefix}${chineseNumber(numbers.get(r.seq)!)}` } : {}),
      })),
      recipients: o.recipients,
      missingRecipients,
      writtenPending: filedReports.length > 0 && !filedReports.some((r) => r.written),
      ...writtenFollowUp(plan, o, dueAt ?? startsAt, filedReports, now),
      phoneFirst: o.writtenDue ? { text: o.writtenDue.text, countyDecision: o.writtenDue.countyDecision } : null,
      nextNumber: numbers && o.numbered ? { n: nextN, title: `${o.numbered.prefix}${chineseNumber(nextN)}`, clause: o.numbered.clause } : null,
      countyDecision: (rhythm ? o.every?.countyDecision : o.due?.countyDecision) ?? false,
      rhythm: o.every ? o.every.text : null,
      requiredFields: o.requiredFields.map((f) => ({ id: f.id, label: f.label })),
      repeatable: o.repeatable,
      msLeft: dueIso ? Date.parse(dueIso) - now.getTime() : null,
    };
  });
}

/** The moment the last still-missing recipient was covered. */
function completionTime(reports: IncidentState['reports'], recipients: string[]): string {
  return completingReport(reports, recipients).occurredAt;
}

/** The report that covered the last still-missing recipient. */
function completingReport(reports: IncidentState['reports'], recipients: readonly string[]): IncidentState['reports'][number] {
  const left = new Set(recipients);
  const sorted = [...reports].sort((a, b) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt));
  for (const r of sorted) {
    for (const x of r.recipients) left.delete(x);
    if (left.size === 0) return r;
  }
  return sorted[sorted.length - 1]!;
}

/** A report filed after its deadline: how late, against which due time. */
export interface LateReport {
  /** The report's log seq. */
  seq: number;
  obligationId: string;
  /** The written report that followed a phone report after its own clock (5.3), not the first deadline. */
  written: boolean;
  dueAt: string;
  lateMs: number;
}

/**
 * The reports that made an obligation late: the one that completed an obligation after its due time, and the written
 * report that came after a phone report's written-report clock ran out — the same rule as `late` / `writtenLate`
 * above, named per report, so a print or a count says late where the board and the incident page do. A rhythm's
 * report (a burning fire's progress every 2 hours) is late when it was filed while the rhythm ran (the incident in one
 * of its states) after the time the previous report (or the start) set; one filed after the rhythm stopped is not
 * judged (the state at its due time is not kept).
 */
export function lateReports(plan: Plan, obs: readonly ObligationView[], state: IncidentState): LateReport[] {
  const out = new Map<number, LateReport>();
  const put = (r: LateReport) => {
    const had = out.get(r.seq);
    if (!had || had.lateMs < r.lateMs) out.set(r.seq, r);
  };
  for (const o of obs) {
    const ofKind = state.reports.filter((r) => r.kind === o.kind).sort((a, b) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt));
    const every = plan.obligations.find((x) => x.id === o.id)?.every;
    if (every && o.startsAt) {
      const { dues } = rhythmSchedule(every, Date.parse(o.startsAt), ofKind.map((r) => Date.parse(r.occurredAt)));
      ofKind.forEach((r, i) => {
        const due = dues[i]!;
        const at = Date.parse(r.occurredAt);
        if (r.inState && every.whileStates.includes(r.inState) && at > due) put({ seq: r.seq, obligationId: o.id, written: false, dueAt: new Date(due).toISOString(), lateMs: at - due });
      });
    }
    if (o.late && o.dueAt) {
      const done = completingReport(ofKind, o.recipients);
      put({ seq: done.seq, obligationId: o.id, written: false, dueAt: o.dueAt, lateMs: Date.parse(done.occurredAt) - Date.parse(o.dueAt) });
    }
    if (o.writtenLate && o.writtenDueAt) {
      const phone = ofKind.find((r) => !r.written);
      const written = o.phoneFirst ? ofKind.find((r) => r.written) : phone && ofKind.find((r) => r.written && Date.parse(r.occurredAt) >= Date.parse(phone.occurredAt));
      if (written) put({ seq: written.seq, obligationId: o.id, written: true, dueAt: o.writtenDueAt, lateMs: Date.parse(written.occurredAt) - Date.parse(o.writtenDueAt) });
    }
  }
  return [...out.values()].sort((a, b) => a.seq - b.seq);
}

/** "1小时27分钟" late (whole minutes, at least one). */
export function lateText(ms: number): string {
  const min = Math.max(1, Math.floor(ms / 60_000));
  return durationText({ days: Math.floor(min / 1440), hours: Math.floor((min % 1440) / 60), minutes: min % 60 });
}

export interface TimerView {
  id: string;
  clause: string;
  text: string;
  startsAt: string | null;
  dueAt: string | null;
  dueAtShanghai: string | null;
  status: 'not-started' | 'running' | 'elapsed' | 'stopped';
  msLeft: number | null;
}

export function timers(plan: Plan, state: IncidentState, now: Date): TimerView[] {
  return plan.timers.map((t) => {
    const startsAt = anchorTime(state, t.anchor);
    const dueAt = startsAt ? new Date(Date.parse(startsAt) + durationMs(t.after)).toISOString() : null;
    const stopped = t.stopStates.includes(state.state) || t.stopEvents.some((e) => state.events[e as keyof IncidentState['events']]);
    const status: TimerView['status'] = !dueAt ? 'not-started' : stopped ? 'stopped' : now.getTime() >= Date.parse(dueAt) ? 'elapsed' : 'running';
    return {
      id: t.id,
      clause: t.clause,
      text: t.text,
      startsAt,
      dueAt,
      dueAtShanghai: dueAt ? formatShanghai(dueAt) : null,
      status,
      msLeft: dueAt ? Date.parse(dueAt) - now.getTime() : null,
    };
  });
}

export interface ChecklistView {
  id: string;
  title: string;
  clause: string;
  state: string;
  levels: LevelId[] | null;
  /** It applies to the incident now (its state, and its level if it names levels). */
  applies: boolean;
  /** It applied in an earlier stage and still has open items: it stays on screen until they are done. */
  carried: boolean;
  items: Array<{
    id: string;
    text: string;
    clause: string | null;
    unit: string;
    unitName: string;
    group: string | null;
    groupName: string | null;
    done: { seq: number; by: string; unit: string; at: string } | null;
  }>;
}

export function checklists(plan: Plan, state: IncidentState): ChecklistView[] {
  return plan.checklists.map((c) => ({
    id: c.id,
    title: c.title,
    clause: c.clause,
    state: c.state,
    levels: c.levels ?? null,
    applies: appliesNow(c, state),
    carried: !appliesNow(c, state) && appliedBefore(c, state) && c.items.some((i) => !state.checklistDone[i.id]),
    items: c.items.map((i) => ({
      id: i.id,
      text: i.text,
      clause: i.clause ?? null,
      unit: i.unit,
      unitName: plan.units.find((u) => u.id === i.unit)?.name ?? i.unit,
      group: i.group ?? null,
      groupName: i.group ? (plan.command?.groups.find((g) => g.id === i.group)?.name ?? i.group) : null,
      done: state.checklistDone[i.id] ?? null,
    })),
  }));
}

export interface IncidentView {
  state: IncidentState;
  stateLabel: string;
  grade: GradeResult;
  /** Grade flags plus elapsed flag timers. */
  flags: RaisedFlag[];
  obligations: ObligationView[];
  timers: TimerView[];
  checklists: ChecklistView[];
  actions: LegalAction[];
  warnings: Array<{ id: string; clause: string; text: string }>;
  /** The plan's board tags that hold (e.g. 涉外). */
  tags: Array<{ id: string; text: string }>;
}

/**
 * What a list of incidents reads of each one (the board, the deadline banner and its notifications): the state's label,
 * the obligations and timers, the warnings and the plan's tags. The incident page's view (incidentView) is this plus the
 * grading's detail, the flags, the checklists and the legal actions, which a list of 1,000 incidents never shows and
 * which were most of its cost (grading with the nearest criterion and the summary text ~0.03 ms an incident, the
 * actions' guards ~0.05 ms). The level the warnings and tags read is the fold's `factsLevel`: the same grading of the
 * same facts (grade.ts levelOf, kept by every event that changes the facts), so a list says what the page says
 * (test/unit/engine/view-summary.test.ts).
 */
export type IncidentSummary = Pick<IncidentView, 'state' | 'stateLabel' | 'obligations' | 'timers' | 'warnings' | 'tags'>;

export function incidentSummary(plan: Plan, state: IncidentState, now: Date): IncidentSummary {
  return summaryOf(plan, state, now, state.factsLevel);
}

/** Everything the UI shows for an incident, from its folded state and `now`. */
export function incidentView(plan: Plan, state: IncidentState, now: Date): IncidentView {
  const g = gradeParsed(plan, state.facts);
  const sum = summaryOf(plan, state, now, g.level);
  const flags = [...g.flags];
  for (const t of plan.timers) if (t.flag && sum.timers.find((x) => x.id === t.id)?.status === 'elapsed') flags.push({ id: t.id, clause: t.clause, text: t.text, reportUp: t.reportUp });
  return {
    state,
    stateLabel: sum.stateLabel,
    grade: g,
    flags,
    obligations: sum.obligations,
    timers: sum.timers,
    checklists: checklists(plan, state),
    actions: legalActions(plan, state, now),
    warnings: sum.warnings,
    tags: sum.tags,
  };
}

/** The summary, with the level of the facts (`level`) that the plan's own warnings and tags are read against. */
function summaryOf(plan: Plan, state: IncidentState, now: Date, level: LevelId | null): IncidentSummary {
  const ts = timers(plan, state, now);
  const obs = obligations(plan, state, now);
  const warnings: IncidentView['warnings'] = [];
  const responding = plan.states.find((s) => s.id === state.state)?.kind === 'responding';
  if (responding && levelRank(state.factsLevel) > levelRank(state.level))
    warnings.push({ id: 'level-below-facts', clause: ruleClause(plan, 'levelBelowFacts'), text: `事实已对应${state.factsLevel}级，高于当前${state.level}级响应：应及时评估并提升响应级别` });
  for (const o of obs) if (o.status === 'overdue') warnings.push({ id: `overdue:${o.id}`, clause: o.clause, text: `${o.label}已超过时限（${o.dueText}，应于 ${o.dueAtShanghai} 前报送）` });
  for (const o of obs)
    if (o.writtenPending)
      warnings.push({
        id: `written-pending:${o.id}`,
        clause: plan.writtenFollowUp?.clause ?? ruleClause(plan, 'writtenAfterPhone'),
        text: `${o.label}仅作电话口头报告，须补报书面报告${o.writtenDueAt ? `（${plan.writtenFollowUp!.text}，应于 ${formatShanghai(o.writtenDueAt)} 前${o.writtenStatus === 'overdue' ? '，已超时' : ''}）` : ''}`,
      });
  // Phone first, nothing written yet and the written report's own clock has run out (with only a phone report, the
  // warning above says so).
  for (const o of obs)
    if (o.phoneFirst && o.writtenStatus === 'overdue' && !o.writtenPending)
      warnings.push({ id: `written-overdue:${o.id}`, clause: o.clause, text: `${o.label}的书面报告已超过时限（${o.phoneFirst.text}，应于 ${formatShanghai(o.writtenDueAt!)} 前报送）` });
  // Timers that prompt a decision once elapsed (e.g. 起火24小时仍未扑灭：研判是否依第三十五条第五项上报).
  for (const t of plan.timers) if (t.prompt && ts.find((x) => x.id === t.id)?.status === 'elapsed') warnings.push({ id: `prompt:${t.id}`, clause: t.clause, text: t.text });
  // The plan's own warnings (e.g. 疫苗预案 5.1: 涉及外宾…及时向县委统战部通报, until that checklist item is done).
  for (const w of plan.warnings) if (evalCondition(w.when, state.facts, level) && !(w.unlessDone && state.checklistDone[w.unlessDone])) warnings.push({ id: w.id, clause: w.clause, text: w.text });
  return {
    state,
    stateLabel: plan.states.find((s) => s.id === state.state)?.label ?? state.state,
    obligations: obs,
    timers: ts,
    warnings,
    tags: plan.tags.filter((t) => evalCondition(t.when, state.facts, level)).map((t) => ({ id: t.id, text: t.text })),
  };
}
