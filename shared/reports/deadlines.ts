/**
 * Report deadlines as the duty officer sees them. The due times come from the plan engine's obligations
 * (shared/engine/obligations.ts: 首次报告 1 h after HQ received the report, 疫苗预案 5.1; 结案报告 2 weeks after the
 * response was terminated, 5.2、6.4), counted from the logged events' times. This module only names the status.
 * Pure: `now` is a parameter.
 */
import type { ObligationView } from '../engine/obligations';

export type DeadlineStatus =
  /** The obligation has not begun (e.g. no termination yet for the final report). */
  | 'not-started'
  /** Begun, not yet satisfied, not past due (or no fixed due time: 进程报告). */
  | 'pending'
  /** No fixed due time (进程报告: 可多次报告，重要情况须随时上报, 5.2). */
  | 'as-needed'
  | 'filed-on-time'
  | 'filed-late'
  | 'overdue';

export interface DeadlineView {
  obligationId: string;
  kind: string;
  label: string;
  clause: string;
  dueText: string | null;
  startsAt: string | null;
  dueAt: string | null;
  status: DeadlineStatus;
  msLeft: number | null;
  /** Only a phone report so far: the written one must follow (5.3). */
  writtenPending: boolean;
  missingRecipients: string[];
  repeatable: boolean;
  filedCount: number;
}

export function deadlineStatus(o: Pick<ObligationView, 'status' | 'late' | 'dueAt'>): DeadlineStatus {
  if (o.status !== 'not-started' && o.dueAt === null) return 'as-needed';
  switch (o.status) {
    case 'not-started':
      return 'not-started';
    case 'overdue':
      return 'overdue';
    case 'filed':
      return o.late ? 'filed-late' : 'filed-on-time';
    default:
      return 'pending';
  }
}

export function deadlineViews(obs: readonly ObligationView[]): DeadlineView[] {
  return obs.map((o) => ({
    obligationId: o.id,
    kind: o.kind,
    label: o.label,
    clause: o.clause,
    dueText: o.dueText,
    startsAt: o.startsAt,
    dueAt: o.dueAt,
    status: deadlineStatus(o),
    msLeft: o.msLeft,
    writtenPending: o.writtenPending,
    missingRecipients: o.missingRecipients,
    repeatable: o.repeatable,
    filedCount: o.filed.length,
  }));
}
