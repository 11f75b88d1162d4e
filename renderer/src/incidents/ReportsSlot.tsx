import type { IncidentView } from '../../../shared/engine';
import { useT } from '../i18n';
import { ReportsPanel } from '../reports/ReportsPanel';
import { Deadline } from './Deadline';

/** The deadlines of the incident's reports, then the reports area's panel (forms, filing, print, PDF, .docx). */
export function ReportsSlot({ view, incidentId, now, onFiled }: { view: IncidentView; incidentId: string; now: number; onFiled(): void }) {
  const t = useT();
  return (
    <section className="reports-slot" aria-labelledby="rep-h">
      <h2 id="rep-h">{t('inc.rep.heading')}</h2>
      <ul className="obligations">
        {view.obligations.map((o) => (
          <li key={o.id} data-testid={`obligation-${o.kind}`} data-status={o.status}>
            {o.dueAt ? (
              <Deadline label={o.phoneFirst ? t('inc.dl.phone', { label: o.label }) : o.label} dueAt={o.dueAt} now={now} clause={o.clause} filed={o.status === 'filed'} late={o.late} county={o.countyDecision} />
            ) : (
              <span>
                {o.label} <span className="muted">{o.status === 'not-started' ? t('inc.rep.notStarted') : t('inc.rep.noDeadline')}</span> <span className="clause">（{o.clause}）</span>
              </span>
            )}
            {o.status === 'not-started' && o.dueText && <span className="muted small"> {o.dueText}</span>}
            {o.writtenPending && <span className="tag tag-warn">{t('inc.rep.writtenPending')}</span>}
            {o.writtenDueAt && (
              <div data-testid={`obligation-${o.kind}-written`} data-status={o.writtenStatus}>
                <Deadline label={t('inc.dl.written', { label: o.label })} dueAt={o.writtenDueAt} now={now} filed={o.writtenStatus === 'filed'} late={o.writtenLate} county />
              </div>
            )}
            {o.filed.length > 0 && <span className="muted small"> {t('inc.rep.filedCount', { n: o.filed.length })}</span>}
            {o.nextNumber && (
              <span className="muted small" data-testid={`obligation-${o.kind}-next`}>
                {' '}
                {t('inc.rep.next', { title: o.nextNumber.title })}
              </span>
            )}
          </li>
        ))}
      </ul>
      <ReportsPanel incidentId={incidentId} onFiled={onFiled} hideDeadlines />
    </section>
  );
}
