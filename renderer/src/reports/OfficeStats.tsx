import { useState } from 'react';
import type { OfficeStats as Stats } from '../../../shared/api';
import { shanghaiDate } from '../../../shared/base/time';
import { api } from '../api/client';
import { DataTable } from '../components/DataTable';
import { download } from '../components/files';
import { useT } from '../i18n';
import { useErrorInfo, type ErrorInfo } from '../incidents/util';
import { useCommand } from '../query/client';

/** Horizontal bars, one per row: the on-time part and the late part side by side (an SVG drawn from the figures). */
function Bars({ rows, testId }: { rows: Array<{ label: string; parts: Array<{ n: number; className: string; title: string }> }>; testId: string }) {
  const max = Math.max(1, ...rows.map((r) => r.parts.reduce((s, p) => s + p.n, 0)));
  const W = 360;
  const H = 22;
  return (
    <svg className="stats-bars" width={W + 320} height={rows.length * H + 4} role="img" data-testid={testId}>
      {rows.map((r, k) => {
        let x = 250;
        return (
          <g key={r.label} transform={`translate(0, ${k * H})`}>
            <text x={244} y={15} textAnchor="end">
              {r.label}
            </text>
            {r.parts.map((p) => {
              const w = (p.n / max) * W;
              const rect = (
                <rect key={p.className} x={x} y={3} width={w} height={H - 6} className={p.className} data-n={p.n}>
                  <title>{p.title}</title>
                </rect>
              );
              x += w;
              return rect;
            })}
            <text x={x + 6} y={15}>
              {r.parts.map((p) => p.n).join(' / ')}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

/**
 * The office's statistics (issue 16 item 5), on the reports screen (#/reports/stats): incidents by plan, month and
 * level; reports on time and late by kind, as a table and a chart; how long notification rounds took to reach everyone;
 * the same as XLSX. Exercises (演练) are counted apart.
 */
export function OfficeStats() {
  const t = useT();
  // From 1 January of this year to today (Beijing), chosen once when the screen opens.
  const [range, setRange] = useState(() => {
    const today = shanghaiDate(Date.now());
    return { from: `${today.slice(0, 4)}-01-01`, to: today };
  });
  const q = useCommand('stats.office', range);
  const toError = useErrorInfo();
  const [error, setError] = useState<ErrorInfo | null>(null);
  const st: Stats | undefined = q.data;
  const qError = q.error ? toError(q.error) : null;
  async function exportXlsx() {
    setError(null);
    try {
      const r = await api().invoke('stats.export', range);
      download(r.fileName, r.content, true);
    } catch (e) {
      setError(toError(e));
    }
  }
  const level = (l: string | null) => (l ? t('st.level', { level: l }) : t('st.notGraded'));
  return (
    <section className="office-stats" aria-labelledby="st-h" data-testid="office-stats">
      <h2 id="st-h">{t('st.heading')}</h2>
      <div className="st-range">
        <label>
          {t('st.from')} <input type="date" value={range.from} onChange={(e) => setRange((r) => ({ ...r, from: e.target.value }))} data-testid="st-from" />
        </label>
        <label>
          {t('st.to')} <input type="date" value={range.to} onChange={(e) => setRange((r) => ({ ...r, to: e.target.value }))} data-testid="st-to" />
        </label>
        <button type="button" className="secondary" onClick={() => void exportXlsx()} data-testid="st-export">
          {t('st.export')}
        </button>
      </div>
      {(qError ?? error) && (
        <p className="field-error" role="alert">
          {(qError ?? error)!.message}
        </p>
      )}
      {st && (
        <>
          <p data-testid="st-total">{t('st.total', { n: st.incidentsTotal, ex: st.exercises })}</p>
          <h3>{t('st.incidents')}</h3>
          {st.incidents.length === 0 && <p className="muted">{t('st.none')}</p>}
          <DataTable
            className="table"
            testId="st-incidents"
            rows={st.incidents}
            rowKey={(r) => `${r.planId}|${r.month}|${r.level ?? ''}`}
            columns={[
              { key: 'plan', header: t('st.col.plan'), cell: (r) => r.plan },
              { key: 'month', header: t('st.col.month'), cell: (r) => r.month },
              { key: 'level', header: t('st.col.level'), cell: (r) => level(r.level) },
              { key: 'count', header: t('st.col.count'), cell: (r) => r.count },
            ]}
          />
          <h3>{t('st.reports')}</h3>
          {st.reports.length === 0 && <p className="muted">{t('st.none')}</p>}
          <DataTable
            className="table"
            testId="st-reports"
            rows={st.reports}
            rowKey={(r) => `${r.planId}|${r.kind}`}
            columns={[
              { key: 'plan', header: t('st.col.plan'), cell: (r) => r.plan },
              { key: 'label', header: t('st.col.report'), cell: (r) => r.label },
              { key: 'total', header: t('st.col.total'), cell: (r) => r.total },
              { key: 'onTime', header: t('st.col.onTime'), cell: (r) => r.onTime },
              { key: 'late', header: t('st.col.late'), cell: (r) => (r.late ? <strong className="late">{r.late}</strong> : 0) },
            ]}
          />
          {st.reports.length > 0 && (
            <Bars
              testId="st-chart"
              rows={st.reports.map((r) => ({
                label: `${r.plan} ${r.label}`,
                parts: [
                  { n: r.onTime, className: 'bar-ok', title: t('st.col.onTime') },
                  { n: r.late, className: 'bar-late', title: t('st.col.late') },
                ],
              }))}
            />
          )}
          <h3>{t('st.rounds')}</h3>
          {st.rounds.length === 0 && <p className="muted">{t('st.none')}</p>}
          <DataTable
            className="table"
            testId="st-rounds"
            rows={st.rounds}
            rowKey={(r) => `${r.planId}|${r.ruleId}`}
            columns={[
              { key: 'plan', header: t('st.col.plan'), cell: (r) => r.plan },
              { key: 'label', header: t('st.col.round'), cell: (r) => `${r.label}（${r.clause}）` },
              { key: 'total', header: t('st.col.total'), cell: (r) => r.total },
              { key: 'completed', header: t('st.col.completed'), cell: (r) => r.completed },
              { key: 'median', header: t('st.col.median'), cell: (r) => r.medianMinutes ?? '—' },
              { key: 'max', header: t('st.col.max'), cell: (r) => r.maxMinutes ?? '—' },
            ]}
          />
        </>
      )}
    </section>
  );
}
