/** What `reports.view` answers: everything the reports panel shows for one incident. Pure types. */
import type { DeadlineView } from './deadlines';
import type { ReportKindDef } from './fields';
import type { ReportLayout } from './layout';
import type { Prefill } from './prefill';

export interface FiledReportView {
  /** The log seq of the report-filed event (global, hash-chained). */
  seq: number;
  kind: string;
  label: string;
  by: string;
  byName: string;
  channel: string;
  channelLabel: string;
  /** false: a phone report (5.3), the written report must follow. */
  written: boolean;
  recipients: Array<{ id: string; name: string }>;
  fields: Record<string, string>;
  classification: { level: string; period: string } | null;
  /** When it was sent (the event's occurredAt, UTC ISO). */
  filedAt: string;
  recordedAt: string;
  actor: string;
  hash: string;
  /** The seq of the report this one corrects. */
  corrects: number | null;
  /** Later reports that correct this one. */
  correctedBy: number[];
  /** Filed after its deadline: the due time, how late, and the 超时报送 sentence the print carries. */
  late: { dueAt: string; lateMs: number; written: boolean; text: string } | null;
  title: string;
  /** The GB/T 9704 layout model the PDF, the .docx and the print view all draw. */
  layout: ReportLayout;
}

export interface ReportsView {
  incidentId: string;
  incidentTitle: string;
  /** Opened as an exercise (演练). */
  exercise: boolean;
  planId: string;
  planVersion: string;
  planTitle: string;
  state: string;
  stateLabel: string;
  now: string;
  kinds: ReportKindDef[];
  /** Correction forms (the same kinds with 更正说明 first). */
  correctionKinds: ReportKindDef[];
  /** Whether a report of each kind may be filed in the incident's state, and why not. */
  canFile: Record<string, { allowed: boolean; reason?: string; reasonEn?: string }>;
  deadlines: DeadlineView[];
  reports: FiledReportView[];
  unitedFront: {
    applies: boolean;
    involved: boolean;
    notified: boolean;
    /** What the intake (the `reported` event) recorded, if it said: prefills the first report's 5.1 question. */
    atIntake: boolean | null;
    text: string;
    clause: string;
  };
  units: Array<{ id: string; name: string }>;
  /** Per kind, per field: what a new report starts with (the latest report's value, else the intake's) and from where. */
  prefill: Record<string, Record<string, Prefill>>;
}
