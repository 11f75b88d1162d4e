import { ExerciseBanner } from '../components/ExerciseMark';
import { useMemo, useState, type KeyboardEvent } from 'react';
import type { CommandOutput } from '../../../shared/api';
import type { Plan } from '../../../shared/engine';
import { burningTimerDef } from '../../../shared/fire/incident';
import { formatBeijing, useLocale, useT, type MessageKey } from '../i18n';
import { ChecklistPanel } from '../incidents/Checklist';
import { draftFacts, FactsTab } from '../incidents/FactsForm';
import { ReportsSlot } from '../incidents/ReportsSlot';
import { Timeline } from '../incidents/Timeline';
import { levelClass, useErrorInfo, useNow } from '../incidents/util';
import { planFor } from '../plans';
import { basisText, planTexts } from '../plans';
import { useCommand, useRefetchAt } from '../query/client';
import { useUi } from '../store';
import { FireActions } from './FireActions';
import { BurningTimer, raisedFlags, ReportUpFlags } from './FireFlags';
import { FIRE_VIEW } from './fires';
import { decodePlace, type FirePoint } from './location';
import { PlaceAnswers } from './PlaceAnswers';
import { FireRewards } from './Rewards';
import { TeamTiers } from './TeamTiers';

type Data = CommandOutput<'console.incident'>;
const TABS = ['act', 'facts', 'place', 'rewards', 'reports', 'timeline'] as const;
type Tab = (typeof TABS)[number];
const TAB_KEYS: Record<Tab, MessageKey> = { act: 'fire.tab.act', facts: 'fire.tab.facts', place: 'fire.tab.place', rewards: 'fire.tab.rewards', reports: 'fire.tab.reports', timeline: 'fire.tab.timeline' };
const STOP_STATES = new Set(['extinguished', 'guarded', 'withdrawn', 'closed']);

/** When the open fire was put out (the last step into 明火扑灭 while the fire is still out), for the 32(5) timer. */
function extinguishedAt(d: Data): string | null {
  if (!STOP_STATES.has(d.view.state.state)) return null;
  const ev = [...d.events].reverse().find((e) => e.type === 'transition' && (e.payload as { transition?: string }).transition === 'extinguish');
  return ev?.occurredAt ?? null;
}

/** One forest fire: grade, report-up flags and the 24-hour timer on top; steps, facts, place, rewards, reports, record. */
export function FirePage({ id }: { id: string }) {
  const t = useT();
  const en = useLocale((s) => s.locale) === 'en';
  const go = useUi((s) => s.go);
  const toError = useErrorInfo();
  const now = useNow();
  const incident = useCommand('console.incident', { id });
  const data: Data | null = incident.data ?? null;
  const error = incident.error ? toError(incident.error).message : null;
  const load = incident.refetch;
  useRefetchAt(incident, [...(data?.view.obligations.map((o) => o.dueAt) ?? []), ...(data?.view.timers.map((x) => x.dueAt) ?? [])]);
  const [tab, setTab] = useState<Tab>('act');
  const reloadAll = () => void load(); // the fires on the map follow the change stream (fires.ts)

  const plan = useMemo(() => (data ? planFor(data.incident.planId, data.incident.planVersion) : null), [data]);
  const reported = data?.events.find((e) => e.type === 'reported');
  const rp = (reported?.payload ?? {}) as { place?: string; incidentStartedAt?: string; source?: string; reporter?: string; summary?: string };
  const place = decodePlace(rp.place);
  const startedAt = rp.incidentStartedAt ?? reported?.occurredAt ?? null;

  if (error && !data)
    return (
      <section className="panel">
        <p className="alert alert-error" role="alert">
          {error}
        </p>
        <button type="button" onClick={() => go(FIRE_VIEW, 'fires')}>
          {t('fire.back')}
        </button>
      </section>
    );
  if (!data || !plan) return <p role="status">{t('fire.loading')}</p>;
  if (plan.presentation.screen !== 'fire')
    return (
      <p className="alert alert-error" role="alert">
        {t('fire.page.notFire')}
      </p>
    );

  const v = data.view;
  const s = v.state;
  const level = s.factsLevel;
  const levelDef = level ? plan.levels.find((l) => l.id === level) : null;
  const out = extinguishedAt(data);
  const timerDef = burningTimerDef(plan);
  const timerRaised = !!timerDef && v.timers.some((x) => x.id === timerDef.id && x.status === 'elapsed');
  // The core's view: the plan's report-up flags that hold, with a flag timer that has run out (2008 rules, 32(5)).
  const raised = new Set(v.flags.filter((f) => f.reportUp).map((f) => f.clause));
  const terminal = s.state === 'closed';
  const can = (event: string) => plan.transitions.some((tr) => tr.event === event && tr.from.includes(s.state));

  function onTabKey(e: KeyboardEvent<HTMLDivElement>) {
    if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
    const i = TABS.indexOf(tab);
    const next = TABS[(i + (e.key === 'ArrowRight' ? 1 : TABS.length - 1)) % TABS.length]!;
    setTab(next);
    document.getElementById(`ftab-${next}`)?.focus();
  }

  return (
    <div className="fire-page" data-testid="fire-page" data-state={s.state} data-level={level ?? ''}>
      <ExerciseBanner exercise={data.incident.exercise} />
      <header className="inc-head">
        <button type="button" className="secondary back" onClick={() => go(FIRE_VIEW, 'fires')}>
          ← {t('fire.back')}
        </button>
        <h1>
          <span className="mono small">{data.incident.id}</span> {data.incident.title}
        </h1>
        <div className="inc-status">
          <span className={levelClass(level)} data-testid="fire-level">
            {level ? t('fire.levelBadge', { level, name: (en ? levelDef?.nameEn : levelDef?.name) ?? '' }) : t('fire.level.none')}
          </span>
          <span className="state-label" data-testid="fire-state">
            {t('fire.page.state', { state: planTexts(plan, en).state(s.state, v.stateLabel) })}
          </span>
          <span className="muted">{t('fire.page.place', { place: place.name || '—' })}</span>
          {place.point && <span className="muted mono small">{place.point.lng.toFixed(6)}, {place.point.lat.toFixed(6)}</span>}
          <span className="muted">{t('fire.page.received', { at: reported ? formatBeijing(reported.occurredAt, false) : '—' })}</span>
        </div>
        <p className="fire-basis small" data-testid="fire-basis">
          {t('fire.page.basis')}：{basisText(plan, en)}
          {plan.presentation.gradeNote ? <span className="muted">（{plan.presentation.gradeNote}）</span> : null}
        </p>
        {!level && v.grade.notGraded && (
          <p className="alert alert-info" data-testid="fire-not-counted">
            {v.grade.notGraded.text}
            {v.grade.notGraded.clause ? `（${v.grade.notGraded.clause}）` : ''}
          </p>
        )}
        {!terminal && <BurningTimer plan={plan} startedAt={startedAt} extinguishedAt={out} now={now} />}
      </header>
      {data.problems.length > 0 && (
        <ul className="warnings">
          {data.problems.map((p) => (
            <li key={p.seq} className="problem">
              {en ? p.messageEn : p.message}
            </li>
          ))}
        </ul>
      )}
      <ReportUpFlags plan={plan} raised={raised} timerRaised={timerRaised} closed={terminal} />
      <div className="tabs" role="tablist" aria-label={t('fire.tabs')} onKeyDown={onTabKey}>
        {TABS.map((k) => (
          <button key={k} id={`ftab-${k}`} type="button" role="tab" aria-selected={tab === k} aria-controls={`fpanel-${k}`} tabIndex={tab === k ? 0 : -1} className={tab === k ? 'tab on' : 'tab'} onClick={() => setTab(k)}>
            {t(TAB_KEYS[k])}
            {k === 'timeline' && <span className="count">{data.events.length}</span>}
          </button>
        ))}
      </div>
      <div className="tab-panel" role="tabpanel" id={`fpanel-${tab}`} aria-labelledby={`ftab-${tab}`}>
        {tab === 'act' && (
          <div className="act-cols">
            <FireActions plan={plan} view={v} incidentId={id} onDone={reloadAll} />
            <div>
              <ChecklistPanel plan={plan} view={v} incidentId={id} events={data.events} onDone={() => void load()} />
              <TeamTiers />
            </div>
          </div>
        )}
        {tab === 'facts' && <FireFactsTab plan={plan} data={data} startedAt={startedAt} out={out} now={now} canUpdate={can('facts-updated')} onDone={load} />}
        {tab === 'place' && <PlaceAnswers point={place.point as FirePoint | null} name={place.name} date={startedAt} />}
        {tab === 'rewards' && <FireRewards incidentId={id} reporter={rp.reporter ?? ''} />}
        {tab === 'reports' && <ReportsSlot view={v} incidentId={id} now={now} onFiled={() => void load()} />}
        {tab === 'timeline' && <Timeline plan={plan} events={data.events} incidentId={id} canNote={can('note')} canCorrect={can('correction')} onDone={() => void load()} />}
      </div>
    </div>
  );
}

/** The facts on record, edited and re-graded live by the incident's pinned plan, with the report-up flags they raise. */
function FireFactsTab({ plan, data, startedAt, out, now, canUpdate, onDone }: { plan: Plan; data: Data; startedAt: string | null; out: string | null; now: number; canUpdate: boolean; onDone(): unknown }) {
  const t = useT();
  const burning = startedAt ? ((out ? Date.parse(out) : now) - Date.parse(startedAt)) / 3_600_000 : null;
  return (
    <FactsTab
      plan={plan}
      incidentId={data.incident.id}
      facts={data.view.state.facts as Record<string, unknown>}
      canUpdate={canUpdate}
      onDone={onDone}
      idPrefix="fupd"
      testId="fire-facts-form"
      texts={{ heading: t('fire.facts.heading'), reason: t('fire.facts.reason'), required: t('fire.required'), save: t('fire.facts.save'), unchanged: t('fire.facts.unchanged'), reasonRequired: t('fire.facts.err.reason') }}
      hint={
        burning !== null && burning >= 0 ? (
          <p className="hint" data-testid="fire-burning-hint">
            {t(out ? 'fire.facts.burnedFor' : 'fire.facts.burningFor', { h: burning.toFixed(1) })}
          </p>
        ) : null
      }
      aside={(graded, draft) => <ReportUpFlags plan={plan} id="fire-draft-flags" title={t('fire.flags.draftHeading')} raised={raisedFlags(plan, graded.result ? draftFacts(plan, draft) : {}, false)} />}
    />
  );
}
