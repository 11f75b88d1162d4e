import { ExerciseTag } from '../components/ExerciseMark';
import { DataTable } from '../components/DataTable';
import { useState } from 'react';
import { formatBeijing, useLocale, useT, type MessageKey } from '../i18n';
import { levelClass, useErrorInfo } from '../incidents/util';
import { useUi } from '../store';
import { FirePage } from './FirePage';
import { FIRE_VIEW, useFires } from './fires';
import { LedgersPanel } from './Ledgers';
import { NewFire } from './NewFire';
import { planFor, planTexts } from '../plans';
import { DraftMark } from '../components/Draft';
import { PermitsPanel } from './Permits';
import { FirePostureCard, PosturePanel } from './Posture';
import { RewardsList } from './Rewards';

const SECTIONS = ['posture', 'fires', 'permits', 'ledgers', 'rewards'] as const;
type Section = (typeof SECTIONS)[number];
const SECTION_KEYS: Record<Section, MessageKey> = { posture: 'fire.sec.posture', fires: 'fire.sec.fires', permits: 'fire.sec.permits', ledgers: 'fire.sec.ledgers', rewards: 'fire.sec.rewards' };

/** 森林防火 (Alt+4): today's posture, fires, fire-use permits, ledgers, rewards. The section is the view's param. */
export function FireView() {
  const t = useT();
  const param = useUi((s) => s.param) ?? 'posture';
  const go = useUi((s) => s.go);
  const fireId = param.startsWith('fire/') ? param.slice(5) : null;
  const section: Section = fireId || param === 'new' ? 'fires' : ((SECTIONS as readonly string[]).includes(param) ? (param as Section) : 'posture');
  return (
    <div className="fire-view">
      <nav className="fire-sections" aria-label={t('fire.sections')}>
        <h1>{t('fire.heading')}</h1>
        {SECTIONS.map((s) => (
          <button key={s} type="button" className={s === section ? 'tab on' : 'tab'} aria-current={s === section ? 'page' : undefined} onClick={() => go(FIRE_VIEW, s)}>
            {t(SECTION_KEYS[s])}
          </button>
        ))}
        <span className="spacer" />
        <button type="button" className="danger" onClick={() => go(FIRE_VIEW, 'new')} data-testid="fire-report-button">
          {t('fire.new.open')}
          {param !== 'new' && <DraftMark draftKey="intake:fire" />}
        </button>
      </nav>
      {fireId ? (
        <FirePage key={fireId} id={fireId} />
      ) : param === 'new' ? (
        <NewFire onCancel={() => go(FIRE_VIEW, 'fires')} />
      ) : section === 'posture' ? (
        <PosturePanel />
      ) : section === 'fires' ? (
        <FireList />
      ) : section === 'permits' ? (
        <PermitsPanel />
      ) : section === 'ledgers' ? (
        <LedgersPanel />
      ) : (
        <RewardsList />
      )}
    </div>
  );
}

/** Fires in progress (and, below, closed ones): grade, stage, where, since when. */
function FireList() {
  const t = useT();
  const en = useLocale((s) => s.locale) === 'en';
  const go = useUi((s) => s.go);
  const toError = useErrorInfo();
  const [status, setStatus] = useState<'open' | 'closed'>('open');
  const fires = useFires(status);
  const rows = fires.rows;
  const error = fires.error ? toError(fires.error).message : null;
  return (
    <>
      <FirePostureCard onOpen={() => go(FIRE_VIEW, 'posture')} />
      <section className="panel wide" aria-labelledby="fire-list-h">
        <div className="head-row">
          <h2 id="fire-list-h">{t('fire.list.heading')}</h2>
          <label className="radio">
            <input type="radio" name="fl-status" checked={status === 'open'} onChange={() => setStatus('open')} />
            {t('fire.list.open')}
          </label>
          <label className="radio">
            <input type="radio" name="fl-status" checked={status === 'closed'} onChange={() => setStatus('closed')} />
            {t('fire.list.closed')}
          </label>
        </div>
        {error && (
          <p className="alert alert-error" role="alert">
            {error}
          </p>
        )}
        {!rows && !error && <p role="status">{t('fire.loading')}</p>}
        {rows && rows.length === 0 && <p className="empty">{t(status === 'open' ? 'fire.list.none' : 'fire.list.noneClosed')}</p>}
        {rows && rows.length > 0 && (
          <DataTable
            className="fire-table"
            testId="fire-list"
            rows={rows}
            rowKey={(f) => f.row.id}
            rowProps={() => ({ 'data-testid': 'fire-list-row' })}
            columns={[
              {
                key: 'fire',
                header: t('fire.list.col.fire'),
                cell: (f) => (
                  <>
                    <button type="button" className="linkish" onClick={() => go(FIRE_VIEW, `fire/${f.row.id}`)}>
                      <span className="mono small">{f.row.id}</span> {f.row.title}
                    </button>
                    <ExerciseTag exercise={f.row.exercise} />
                    {f.row.warnings > 0 && <span className="tag tag-warn">⚠ {f.row.warnings}</span>}
                    {f.row.lateReports > 0 && (
                      <span className="tag tag-warn" data-testid="tag-late">
                        {t('inc.tag.late', { n: f.row.lateReports })}
                      </span>
                    )}
                  </>
                ),
              },
              { key: 'level', header: t('fire.list.col.level'), cell: (f) => <span className={levelClass(f.row.factsLevel)}>{f.row.factsLevel ? t('fire.levelShort', { level: f.row.factsLevel }) : '—'}</span> },
              { key: 'state', header: t('fire.list.col.state'), cell: (f) => planTexts(planFor(f.row.planId, f.row.planVersion), en).state(f.row.state, f.row.stateLabel) },
              {
                key: 'place',
                header: t('fire.list.col.place'),
                cell: (f) => (
                  <>
                    {f.place}
                    {f.point && (
                      <div className="small muted mono">
                        {f.point.lng.toFixed(5)}, {f.point.lat.toFixed(5)}
                      </div>
                    )}
                  </>
                ),
              },
              { key: 'started', header: t('fire.list.col.started'), className: 'nowrap', cell: (f) => (f.startedAt ? formatBeijing(f.startedAt, false) : '—') },
            ]}
          />
        )}
      </section>
    </>
  );
}
