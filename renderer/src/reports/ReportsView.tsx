import type { CommandOutput } from '../../../shared/api';
import { useCommand } from '../query/client';
import { formatBeijing, useT } from '../i18n';
import { useUi } from '../store';
import { OfficeStats } from './OfficeStats';
import { ReportsPanel } from './ReportsPanel';

/** The reports screen's parameter for the statistics tab. */
const STATS = 'stats';

type Incident = CommandOutput<'incidents.list'>['incidents'][number];

/** The 信息报告 screen (Alt+5): pick an incident, then its reports. The incident page embeds the same panel. */
export function ReportsView() {
  const t = useT();
  const { param, go } = useUi();
  const list = useCommand('incidents.list', { status: 'all' });
  const incidents: Incident[] | null = list.data?.incidents ?? null;
  const e = list.error as { body?: { message?: string } } | null;
  const error = e ? (e.body?.message ?? String(e)) : null;
  // #/reports/stats: the office's statistics; otherwise the parameter is the incident shown.
  const stats = param === STATS;
  const selected = (stats ? null : param) ?? (incidents?.find((i) => i.status === 'open') ?? incidents?.[0])?.id ?? null;
  return (
    <section className="panel rep-view" aria-labelledby="rep-view-h">
      <h1 id="rep-view-h">{t('rep.view.heading')}</h1>
      <div className="tabs" role="tablist">
        <button type="button" role="tab" aria-selected={!stats} className={!stats ? 'tab on' : 'tab'} onClick={() => go('reports')}>
          {t('rep.view.tab.reports')}
        </button>
        <button type="button" role="tab" aria-selected={stats} className={stats ? 'tab on' : 'tab'} onClick={() => go('reports', STATS)} data-testid="tab-stats">
          {t('rep.view.tab.stats')}
        </button>
      </div>
      {stats ? <OfficeStats /> : <p className="muted">{t('rep.view.intro')}</p>}
      {error && (
        <div role="alert" className="alert alert-error">
          {error}
        </div>
      )}
      {!stats && incidents && incidents.length === 0 && <p>{t('rep.view.none')}</p>}
      {!stats && incidents && incidents.length > 0 && (
        <label className="rep-pick">
          <span>{t('rep.view.pick')}</span>
          <select value={selected ?? ''} onChange={(e) => go('reports', e.target.value)}>
            {incidents.map((i) => (
              <option key={i.id} value={i.id}>
                {i.id} {i.title}（{formatBeijing(i.openedAt, false)}）
              </option>
            ))}
          </select>
        </label>
      )}
      {!stats && selected && <ReportsPanel key={selected} incidentId={selected} />}
    </section>
  );
}
