/**
 * Reports of an incident (疫苗预案 5.1–5.3) over the incident log. Filing a report appends one `report-filed` event
 * through the log (hash-chained, one IMMEDIATE transaction, folded through the plan before commit); nothing here
 * updates or deletes: a correction is a new report whose payload `correctsReportSeq` (and so the log's `corrects`
 * column) holds the per-incident seq of the report it corrects (5.1: 不得瞒报、缓报、谎报、漏报).
 */
import type { Database } from 'better-sqlite3';
import { AppError } from '../../../shared/api/errors';
import { incidentView, lateReports, obligations, type IncidentState, type ObligationView, type Plan, type PlanRegistry } from '../../../shared/engine';
import { deadlineViews } from '../../../shared/reports/deadlines';
import { FOREIGN_FIELD, FOREIGN_YES, channelDefs, hasUnitedFront, reportKinds, unitName } from '../../../shared/reports/fields';
import { lateNote, reportLayout, type ReportLayout } from '../../../shared/reports/layout';
import { reportPrefill, type IntakeRecord } from '../../../shared/reports/prefill';
import type { FiledReportView, ReportsView } from '../../../shared/reports/types';
import { validateReportDraft } from '../../../shared/reports/validate';
import type { Clock } from '../clock';
import { logFor, type LogEngine, type LoggedEvent } from '../log';
import { headOf } from '../log/witness';

export const REPORT_FILED = 'report-filed';

interface Services {
  db: Database;
  clock: Clock;
  /** The core's plan versions; an incident is read with the version it is pinned to, never regraded under another. */
  plans: PlanRegistry;
  logEngine: LogEngine;
}

interface Loaded {
  incident: { id: string; title: string; planId: string; planVersion: string; exercise: boolean };
  plan: Plan;
  events: LoggedEvent[];
  state: IncidentState;
}

/** The incident, its plan and its state: the log's fold through the plan engine (electron/core/log/planEngine.ts). */
function load(s: Services, incidentId: string): Loaded {
  const { incident, state, events } = logFor(s.db, s.clock, s.logEngine).get(incidentId);
  return { incident, plan: s.plans.get(incident.planId, incident.planVersion), events, state: state as IncidentState };
}

/**
 * The report's number in its issuer's register (发文顺序号, GB/T 9704 7.2.5): reports filed by the same unit under the
 * same plan in the same Beijing year, counted in the order the log recorded them over every incident. The log is
 * append-only, so a number never changes once given.
 */
function registerSerial(db: Database, planId: string, by: string, incidentId: string, seq: number): number {
  const r = db
    .prepare(
      `WITH me AS (SELECT pos, substr(datetime(occurred_at, '+8 hours'), 1, 4) AS year FROM events WHERE incident_id = ? AND seq = ?)
       SELECT COUNT(*) AS n FROM me, events e INDEXED BY events_report_filed
       WHERE e.type = 'report-filed' AND e.pos <= me.pos
         AND e.incident_id IN (SELECT id FROM incidents WHERE plan_id = ?) AND json_extract(e.payload, '$.by') = ?
         AND substr(datetime(e.occurred_at, '+8 hours'), 1, 4) = me.year`,
    )
    .get(incidentId, seq, planId, by) as { n: number };
  return Math.max(1, r.n);
}

/**
 * The filed reports as the reports area shows and prints them, from the incident's obligations at `now` (computed once
 * by the caller): which were late (the same rule as the board's and the incident page's 超时报送) and, for a numbered
 * obligation, each report's number (续报二).
 */
function filedReports(db: Database, plan: Plan, incident: { id: string; title: string; exercise: boolean }, events: readonly LoggedEvent[], state: IncidentState, obs: readonly ObligationView[], now: Date): FiledReportView[] {
  const late = new Map(lateReports(plan, obs, state).map((l) => [l.seq, l]));
  const numbers = new Map(obs.flatMap((o) => o.filed.flatMap((f) => (f.title ? [[f.seq, f.title] as const] : []))));
  const channels = channelDefs(plan);
  // The log's head now, printed in each report's 版记 (a paper copy can be checked against the log, issue 13).
  const head = headOf(db);
  const logHead = head.eventsHash ? { pos: head.eventsPos, hash: head.eventsHash, at: now.toISOString() } : undefined;
  const reports = events.filter((e) => e.type === REPORT_FILED);
  const views: FiledReportView[] = [];
  // Later reports are titled with the event name the (latest) first report gave (5.2 事件名称).
  let eventName: string | undefined;
  for (const e of reports) {
    const p = e.payload as { kind: string; by: string; channel: string; recipients: string[]; fields: Record<string, string>; classification?: { level: string; period: string }; issuedBy?: string };
    const ch = channels.find((c) => c.id === p.channel);
    const label = plan.obligations.find((o) => o.kind === p.kind)?.label ?? p.kind;
    const target = e.corrects !== null ? views.find((x) => x.seq === e.corrects) : undefined;
    const l = late.get(e.seq);
    const lateness = l ? { dueAt: l.dueAt, lateMs: l.lateMs, written: l.written } : undefined;
    const layout = reportLayout(plan, {
      incidentId: incident.id,
      incidentTitle: eventName ?? incident.title,
      seq: e.seq,
      kind: p.kind,
      by: p.by,
      channel: p.channel,
      recipients: p.recipients,
      fields: p.fields,
      classification: p.classification,
      filedAt: e.occurredAt,
      corrects: target ? { seq: target.seq, filedAt: target.filedAt, label: target.label } : undefined,
      serial: registerSerial(db, plan.id, p.by, incident.id, e.seq),
      issuedBy: p.issuedBy,
      numberTitle: numbers.get(e.seq),
      exercise: incident.exercise,
      late: lateness,
      logHead,
    });
    if (p.kind === 'first' && p.fields.eventName) eventName = p.fields.eventName;
    views.push({
      seq: e.seq,
      kind: p.kind,
      label,
      by: p.by,
      byName: unitName(plan, p.by),
      channel: p.channel,
      channelLabel: ch?.label ?? p.channel,
      written: ch ? ch.written : true,
      recipients: p.recipients.map((id) => ({ id, name: unitName(plan, id) })),
      fields: p.fields,
      classification: p.classification ?? null,
      filedAt: e.occurredAt,
      recordedAt: e.recordedAt,
      actor: e.actor,
      hash: e.hash,
      corrects: e.corrects,
      correctedBy: reports.filter((x) => x.corrects === e.seq).map((x) => x.seq),
      late: lateness ? { ...lateness, text: lateNote(lateness, e.occurredAt) } : null,
      title: layout.title,
      layout,
    });
  }
  return views;
}

function intakeForeigners(events: readonly LoggedEvent[]): boolean | null {
  const r = events.filter((e) => e.type === 'reported').at(-1);
  // The plan's fact (since plans carry it as data), or the field older logs kept beside the facts.
  const p = r?.payload as { involvesForeigners?: unknown; facts?: { involvesForeigners?: unknown } } | undefined;
  const v = p?.facts?.involvesForeigners ?? p?.involvesForeigners;
  return typeof v === 'boolean' ? v : null;
}

/** What the intake (the last `reported` event) recorded, for the report forms' prefill. */
function intakeRecord(title: string, events: readonly LoggedEvent[]): IntakeRecord | null {
  const r = events.filter((e) => e.type === 'reported').at(-1);
  if (!r) return null;
  const p = r.payload as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : null);
  return { title, place: str(p.place), source: str(p.source), reporter: str(p.reporter), startedAt: str(p.incidentStartedAt) };
}

export function reportsView(s: Services, incidentId: string): ReportsView {
  const { incident, plan, events, state } = load(s, incidentId);
  const now = s.clock.now();
  const view = incidentView(plan, state, now);
  const canFile: ReportsView['canFile'] = {};
  for (const o of plan.obligations) {
    const acts = view.actions.filter((a) => a.event === REPORT_FILED && a.params.kind === o.kind);
    const ok = acts.find((a) => a.allowed);
    const no = acts.find((a) => !a.allowed);
    canFile[o.kind] = ok ? { allowed: true } : { allowed: false, ...(no?.reason ? { reason: no.reason } : {}), ...(no?.reasonEn ? { reasonEn: no.reasonEn } : {}) };
  }
  const reports = filedReports(s.db, plan, incident, events, state, view.obligations, now);
  const kinds = reportKinds(plan);
  // 疫苗预案 5.1: 涉及外宾、华侨、港澳同胞 → 县指挥部办公室应及时向县委统战部等部门通报.
  const involved = state.facts.involvesForeigners === true || reports.some((r) => r.kind === 'first' && r.fields[FOREIGN_FIELD] === FOREIGN_YES);
  return {
    incidentId: incident.id,
    incidentTitle: incident.title,
    exercise: incident.exercise,
    planId: plan.id,
    planVersion: plan.version,
    planTitle: plan.title,
    state: state.state,
    stateLabel: view.stateLabel,
    now: now.toISOString(),
    kinds,
    correctionKinds: reportKinds(plan, { correcting: true }),
    canFile,
    deadlines: deadlineViews(view.obligations),
    reports,
    unitedFront: {
      applies: hasUnitedFront(plan),
      involved,
      notified: !!state.checklistDone['notify-united-front'],
      atIntake: intakeForeigners(events),
      text: '涉及外宾、华侨、港澳同胞时，县指挥部办公室应及时向县委统战部等部门通报',
      clause: '5.1',
    },
    units: plan.units.map((u) => ({ id: u.id, name: u.name })),
    prefill: reportPrefill(kinds, reports, intakeRecord(incident.title, events)),
  };
}

export interface FileReportInput {
  incidentId: string;
  occurredAt?: string | undefined;
  draft: unknown;
}

/** Validate, then append one report-filed event; answers after the commit. */
export function fileReport(s: Services, actor: string, input: FileReportInput) {
  const { incident, plan, events } = load(s, input.incidentId);
  const v = validateReportDraft(plan, input.draft);
  let correctsReportSeq: number | undefined;
  if (v.corrects !== undefined) {
    // 5.1: a correction is a new report pointing at a filed report of this incident, of the same kind.
    const target = events.find((e) => e.seq === v.corrects);
    if (!target || target.type !== REPORT_FILED) {
      throw new AppError({ code: 'invalid-input', message: `字段 corrects：记录号 ${v.corrects} 不是本事件已报送的报告（5.1）`, messageEn: `field corrects: seq ${v.corrects} is not a filed report of incident ${incident.id}`, field: 'corrects', rule: '5.1' });
    }
    const tk = (target.payload as { kind: string }).kind;
    if (tk !== v.payload.kind) {
      throw new AppError({ code: 'invalid-input', message: `字段 kind：更正报告须与被更正的报告同类（被更正的是${plan.obligations.find((o) => o.kind === tk)?.label ?? tk}）`, messageEn: `field kind: a correction is of the same kind as the report it corrects (${tk})`, field: 'kind', rule: '5.1' });
    }
    correctsReportSeq = target.seq;
  }
  // The log sets its `corrects` column from payload.correctsReportSeq (per-incident seq), so both point at the target.
  const payload = { ...v.payload, ...(correctsReportSeq !== undefined ? { correctsReportSeq } : {}) };
  return logFor(s.db, s.clock, s.logEngine).append(
    { incidentId: incident.id, type: REPORT_FILED, payload, occurredAt: input.occurredAt },
    actor,
  );
}

/** The GB/T 9704 layout model of one filed report. */
export function reportLayoutOf(s: Services, incidentId: string, seq: number): { layout: ReportLayout; report: FiledReportView } {
  const { incident, plan, events, state } = load(s, incidentId);
  const now = s.clock.now();
  const r = filedReports(s.db, plan, incident, events, state, obligations(plan, state, now), now).find((x) => x.seq === seq);
  if (!r) throw new AppError({ code: 'not-found', message: `事件 ${incident.id} 没有记录号为 ${seq} 的报告`, messageEn: `incident ${incident.id} has no report with seq ${seq}`, field: 'seq' });
  return { layout: r.layout, report: r };
}

export type ExportFormat = 'pdf' | 'docx';

export async function renderReport(s: Services, incidentId: string, seq: number, format: ExportFormat): Promise<{ fileName: string; mime: string; bytes: Buffer }> {
  const { layout, report } = reportLayoutOf(s, incidentId, seq);
  // pdfkit (with fontkit) and docx are loaded on first export: importing them slowed every start of the console.
  const bytes = format === 'pdf' ? await (await import('./pdf')).renderPdf(layout) : await (await import('./docx')).renderDocx(layout);
  const mime = format === 'pdf' ? 'application/pdf' : 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
  return { fileName: `${incidentId}-${seq}-${report.label}${report.corrects !== null ? '（更正）' : ''}.${format}`, mime, bytes };
}
