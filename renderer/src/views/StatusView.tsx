import { useState, type FormEvent } from 'react';
import type { CommandOutput } from '../../../shared/api';
import { api } from '../api/client';
import { formatBeijing, useLocale, useT } from '../i18n';
import { DataTable } from '../components/DataTable';
import { useCommand } from '../query/client';

type Health = CommandOutput<'system.health'>;

function message(e: unknown): string {
  const b = (e as { body?: { message?: string } }).body;
  return b?.message ?? (e as Error).message ?? String(e);
}

export function StatusView() {
  const t = useT();
  const locale = useLocale((s) => s.locale);
  const healthQuery = useCommand('system.health', {});
  const health: Health | null = healthQuery.isFetching ? null : (healthQuery.data ?? null);
  const [echoError, setError] = useState<string | null>(null);
  const error = echoError ?? (healthQuery.error && !healthQuery.isFetching ? message(healthQuery.error) : null);
  const [text, setText] = useState('');
  const [echo, setEcho] = useState<CommandOutput<'system.echo'> | null>(null);

  const check = () => {
    setError(null);
    return healthQuery.refetch();
  };

  async function send(ev: FormEvent) {
    ev.preventDefault();
    setEcho(null);
    try {
      setEcho(await api().invoke('system.echo', { text }));
    } catch (e) {
      setError(message(e));
    }
  }

  return (
    <section aria-labelledby="status-h" className="panel">
      <h1 id="status-h">{t('status.heading')}</h1>
      <p className="muted">{t('status.intro')}</p>
      {error && (
        <div role="alert" className="alert alert-error">
          {t('status.failed')}：{error}{' '}
          <button type="button" onClick={() => void check()}>
            {t('status.retry')}
          </button>
        </div>
      )}
      {!health && !error && <p role="status">{t('status.checking')}</p>}
      {health && (
        <dl className="facts" data-testid="health">
          <dt>{t('status.connection')}</dt>
          <dd>
            <span className="badge badge-ok">{t('status.ok')}</span> {t(api().transport === 'electron' ? 'status.transport.electron' : 'status.transport.http')}
          </dd>
          <dt>{t('status.version')}</dt>
          <dd>{health.version}</dd>
          <dt>{t('status.schema')}</dt>
          <dd>{health.schemaVersion}</dd>
          <dt>{t('status.db')}</dt>
          <dd className="mono">{health.dbPath}</dd>
          <dt>{t('status.serverTime')}</dt>
          <dd>{formatBeijing(health.now)}</dd>
          <dt>{t('status.plans')}</dt>
          <dd data-testid="plan-overrides">
            {health.planOverrides.loaded.length === 0
              ? t('status.plans.builtIn')
              : t('status.plans.loaded') + health.planOverrides.loaded.map((p) => `${p.id} ${p.version}`).join('，')}
            <span className="mono muted"> {health.planOverrides.dir}</span>
          </dd>
        </dl>
      )}
      {health && health.planOverrides.refused.length > 0 && (
        <div role="alert" className="alert alert-error">
          {t('status.plans.refused')}
          <ul>
            {health.planOverrides.refused.map((r) => (
              <li key={r.file}>
                <span className="mono">{r.file}</span>：{locale === 'en' ? r.messageEn : r.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      <PlanVersions />
      <form className="echo" onSubmit={(ev) => void send(ev)}>
        <label htmlFor="echo-text">{t('status.echo.label')}</label>
        <div className="row">
          <input id="echo-text" value={text} maxLength={200} placeholder={t('status.echo.placeholder')} onChange={(e) => setText(e.target.value)} />
          <button type="submit">{t('status.echo.send')}</button>
        </div>
        {echo && (
          <p role="status" data-testid="echo-result">
            {t('status.echo.result', { text: echo.text, length: echo.length })}
          </p>
        )}
      </form>
      <ContactGaps />
    </section>
  );
}

type PlanRow = CommandOutput<'plans.list'>[number];

/** Every plan version the core holds, with the days it is in force and the documents it rests on (issue 11). */
function PlanVersions() {
  const t = useT();
  const en = useLocale((s) => s.locale) === 'en';
  const q = useCommand('plans.list', {});
  const rows: PlanRow[] | undefined = q.data;
  if (q.error) return <p className="alert alert-error">{message(q.error)}</p>;
  if (!rows) return null;
  return (
    <section aria-labelledby="plan-versions-h">
      <h2 id="plan-versions-h">{t('status.versions.heading')}</h2>
      <DataTable
        className="incidents compact"
        testId="plan-versions"
        rows={rows}
        rowKey={(r) => `${r.id}@${r.version}`}
        rowProps={(r) => ({ 'data-testid': 'plan-version', 'data-plan': r.id, 'data-version': r.version, 'data-in-force': r.inForceNow ? 'true' : 'false' })}
        columns={[
          {
            key: 'plan',
            header: t('status.versions.plan'),
            cell: (r) => (
              <>
                {(en ? r.shortNameEn : null) ?? r.shortName} <span className="mono muted small">{r.id}</span>
              </>
            ),
          },
          {
            key: 'version',
            header: t('status.versions.version'),
            cell: (r) => (
              <>
                <span className="mono">{r.version}</span> {r.inForceNow && <span className="badge badge-ok">{t('status.versions.inForce')}</span>}{' '}
                {!r.builtIn && <span className="tag">{t('status.versions.edited')}</span>}
              </>
            ),
          },
          {
            key: 'dates',
            header: t('status.versions.dates'),
            className: 'nowrap',
            cell: (r) => (r.effectiveUntil ? t('status.versions.fromUntil', { from: r.effectiveFrom, until: r.effectiveUntil }) : t('status.versions.from', { from: r.effectiveFrom })),
          },
          {
            key: 'basis',
            header: t('status.versions.basis'),
            className: 'small',
            cell: (r) =>
              r.basis.map((b) => (
                <div key={b.document}>
                  {b.document}
                  {b.number ? `（${b.number}）` : ''} {b.articles.join('、')}
                  {b.role ? <span className="muted">（{b.role}）</span> : null}
                </div>
              )),
          },
        ]}
      />
    </section>
  );
}

/** The plan units with no contact entry: whom the officer could not call at 2 a.m. (通讯录, Alt+9, fills them). */
function ContactGaps() {
  const t = useT();
  const q = useCommand('contacts.gaps', {});
  if (!q.data) return null;
  return (
    <section aria-labelledby="ct-gaps-h" data-testid="status-contact-gaps">
      <h2 id="ct-gaps-h">{t('ct.gaps')}</h2>
      {q.data.gaps.length ? <p className="alert alert-warn">{q.data.gaps.map((g) => g.name).join('、')}</p> : <p className="muted">{t('ct.gaps.none')}</p>}
    </section>
  );
}
