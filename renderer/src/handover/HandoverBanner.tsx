import { formatBeijing, useT } from '../i18n';
import { useActorLabel } from '../people/SignIn';
import { useCommand } from '../query/client';
import { useUi } from '../store';

/** The banner every screen shows while a sheet waits for its incoming signature. */
export function HandoverBanner() {
  const t = useT();
  const who = useActorLabel();
  const go = useUi((s) => s.go);
  const list = useCommand('handover.list', {}, { afterStart: true });
  const waiting = list.data?.handovers.find((h) => h.status === 'awaiting-incoming');
  if (!waiting) return null;
  return (
    <div className="alert alert-warn handover-banner" role="status" data-testid="handover-banner">
      {t('ho.waiting', { id: waiting.id, who: who(waiting.outgoing), at: formatBeijing(waiting.outgoingAt, false) })}{' '}
      <button type="button" className="secondary" onClick={() => go('handover')}>
        {t('ho.accept')}
      </button>
    </div>
  );
}
