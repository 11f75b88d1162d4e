import type { ComponentType } from 'react';
import type { ConsoleEvent } from '../../../shared/api/console';
import type { IncidentView, Plan } from '../../../shared/engine';
import { formatBeijing, useT } from '../i18n';
import { Deadline } from './Deadline';
import { eventText } from './Timeline';

/**
 * The report forms (first / progress / final, PDF and .docx) are built by the reports area in
 * renderer/src/reports/ReportsPanel.tsx. Picked up at build time when it exists (import.meta.glob gives {} when it
 * does not); until then this slot lists the reports filed so far from the incident's events.
 */
const found = import.meta.glob<{ ReportsPanel?: ComponentType<ReportsPanelProps> }>('../reports/ReportsPanel.tsx', { eager: true });
const ReportsPanel = Object.values(found)[0]?.ReportsPanel ?? null;

export interface ReportsPanelProps {
  incidentId: string;
  /** Called after a report has been filed, so the page reloads the incident. */
  onFiled?: () => void;
}

export function ReportsSlot({ plan, view, events, incidentId, now, onFiled }: { plan: Plan | null; view: IncidentView; events: ConsoleEvent[]; incidentId: string; now: number; onFiled(): void }) {
  const t = useT();
  return (
    <section className="reports-slot" aria-labelledby="rep-h">
      <h2 id="rep-h">{t('inc.rep.heading')}</h2>
      <ul className="obligations">
        {view.obligations.map((o) => (
          <li key={o.id} data-testid={`obligation-${o.kind}`} data-status={o.status}>
            {o.dueAt ? (
              <Deadline label={o.label} dueAt={o.dueAt} now={now} clause={o.clause} filed={o.status === 'filed'} />
            ) : (
              <span>
                {o.label} <span className="muted">{o.status === 'not-started' ? t('inc.rep.notStarted') : t('inc.rep.noDeadline')}</span> <span className="clause">（{o.clause}）</span>
              </span>
            )}
            {o.status === 'not-started' && o.dueText && <span className="muted small"> {o.dueText}</span>}
            {o.writtenPending && <span className="tag tag-warn">{t('inc.rep.writtenPending')}</span>}
            {o.filed.length > 0 && <span className="muted small"> {t('inc.rep.filedCount', { n: o.filed.length })}</span>}
          </li>
        ))}
      </ul>
      {ReportsPanel ? (
        <ReportsPanel incidentId={incidentId} onFiled={onFiled} />
      ) : (
        <div className="slot" data-testid="reports-slot">
          <p className="muted">{t('inc.rep.slot')}</p>
          <ul>
            {events
              .filter((e) => e.type === 'report-filed')
              .map((e) => (
                <li key={e.seq}>
                  <span className="mono small">#{e.seq}</span> {formatBeijing(e.occurredAt, false)} {eventText(plan, e)}
                </li>
              ))}
          </ul>
        </div>
      )}
    </section>
  );
}
