import { formatBeijing, useT } from '../i18n';
import { useCommand, useRefetchAt } from '../query/client';

/** The header's line: who is on duty now, the duty leader and their phone, and the next handover. */
export function OnDutyBadge() {
  const t = useT();
  const q = useCommand('roster.now', {}, { afterStart: true });
  // The shift changes with nothing written: read again when the clock passes the handover time.
  useRefetchAt(q, [q.data?.nextHandoverAt]);
  const cur = q.data?.current;
  if (!q.data) return null;
  return (
    <div className="on-duty" data-testid="on-duty">
      {cur ? (
        <>
          {t('roster.onDuty', { names: cur.officers.map((p) => p.name).join('、'), leader: cur.leader.name, phone: cur.leader.phone || '—' })}
          {q.data.nextHandoverAt && <span className="muted"> · {t('roster.nextHandover', { at: formatBeijing(q.data.nextHandoverAt, false).slice(11) })}</span>}
        </>
      ) : (
        <span className="muted">{t('roster.nobody')}</span>
      )}
    </div>
  );
}
