import { useConnection } from '../api/connection';
import { formatBeijing, useT } from '../i18n';

/** The connection to the core in the header: 已连接 / 正在连接 / 未连接, always visible (api/connection.ts). */
export function ConnectionIndicator() {
  const t = useT();
  const state = useConnection((s) => s.state);
  return (
    <span className={`conn conn-${state}`} data-testid="connection" data-state={state} role="status" aria-live="polite">
      <span className="conn-dot" aria-hidden="true">
        ●
      </span>{' '}
      {t(`conn.${state}`)}
    </span>
  );
}

/** While the core cannot be reached: a red line on every screen saying what that means for the officer. */
export function ConnectionBanner() {
  const t = useT();
  const { state, since } = useConnection();
  if (state !== 'offline') return null;
  return (
    <div className="conn-banner" role="alert" data-testid="connection-banner">
      {t('conn.banner', { at: formatBeijing(new Date(since)).slice(11) })}
    </div>
  );
}
