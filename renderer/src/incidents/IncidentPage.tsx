import { ExerciseBanner } from '../components/ExerciseMark';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { RoundsTab } from '../contacts/Rounds';
import type { CommandOutput } from '../../../shared/api';
import { planFlowchartSvg, type Plan } from '../../../shared/engine';
import { formatBeijing, useLocale, useT, type MessageKey } from '../i18n';
import { useCommand, useRefetchAt } from '../query/client';
import { useUi } from '../store';
import { ActionsPanel } from './Actions';
import { ChecklistPanel } from './Checklist';
import { Deadline } from './Deadline';
import { FactsTab } from './FactsForm';
import { INCIDENTS_VIEW } from './ids';
import { incidentRoute } from './route';
import { ReportsSlot } from './ReportsSlot';
import { Timeline } from './Timeline';
import { basisText, planFor, planShortName, planTexts } from '../plans';
import { levelClass, useErrorInfo, useNow } from './util';

type Data = CommandOutput<'console.incident'>;
const TABS = ['act', 'facts', 'flow', 'timeline', 'reports', 'rounds'] as const;
type Tab = (typeof TABS)[number];
const TAB_KEYS: Record<Tab, MessageKey> = { act: 'inc.tab.act', facts: 'inc.tab.facts', flow: 'inc.tab.flow', timeline: 'inc.tab.timeline', reports: 'inc.tab.reports', rounds: 'inc.tab.rounds' };

/** One incident: where it stands, what may happen next, what is due, and everything that happened. */
export function IncidentPage({ id }: { id: string }) {
  const t = useT();
  const en = useLocale((s) => s.locale) === 'en';
  const go = useUi((s) => s.go);
  const redirect = useUi((s) => s.redirect);
  const toError = useErrorInfo();
  const incident = useCommand('console.incident', { id });
  const data: Data | null = incident.data ?? null;
  const error = incident.error ? toError(incident.error).message : null;
  const load = incident.refetch;
  useRefetchAt(incident, [...(data?.view.obligations.map((o) => o.dueAt) ?? []), ...(data?.view.timers.map((x) => x.dueAt) ?? [])]);
  const [tab, setTab] = useState<Tab>('act');
  const now = useNow();

  const plan = useMemo(() => (data ? planFor(data.incident.planId, data.incident.planVersion) : null), [data]);

  // Reached with only an id (deadline banner, search hit, reloaded address): hand plans with a screen of their own
  // (forest fire) over to it.
  const planId = data?.incident.planId;
  const route = planId ? incidentRoute(id, planId) : null;
  const handOver = !!route && route[0] !== INCIDENTS_VIEW;
  useEffect(() => {
    if (planId && handOver) redirect(...incidentRoute(id, planId));
  }, [planId, handOver, id, redirect]);

  if (error && !data)
    return (
      <section className="panel">
        <p className="alert alert-error" role="alert">
          {error}
        </p>
        <button type="button" onClick={() => go(INCIDENTS_VIEW)}>
          {t('inc.back')}
        </button>
      </section>
    );
  if (!data || handOver) return <p role="status">{t('inc.loading')}</p>;
  if (!plan)
    return (
      <p className="alert alert-error" role="alert">
        {t('inc.page.unknownPlan', { plan: `${data.incident.planId}@${data.incident.planVersion}` })}
      </p>
    );

  const v = data.view;
  const s = v.state;
  const levelDef = s.level ? plan.levels.find((l) => l.id === s.level) : null;
  const tx = planTexts(plan, en);
  // Open deadlines: each report due and not met, and each written report still owed after a phone one (its own clock).
  const deadlines = [
    ...v.obligations
      .filter((o) => o.dueAt && (o.status === 'pending' || o.status === 'overdue'))
      .map((o) => ({ id: o.id, label: o.phoneFirst ? t('inc.dl.phone', { label: tx.obligation(o.id, o.label) }) : tx.obligation(o.id, o.label), dueAt: o.dueAt!, clause: o.clause, county: o.countyDecision })),
    ...v.obligations
      .filter((o) => o.writtenDueAt && (o.writtenStatus === 'pending' || o.writtenStatus === 'overdue'))
      .map((o) => ({ id: `${o.id}:written`, label: t('inc.dl.written', { label: o.label }), dueAt: o.writtenDueAt!, clause: o.phoneFirst ? o.clause : (plan.writtenFollowUp?.clause ?? o.clause), county: true })),
  ];
  const terminal = plan.states.find((x) => x.id === s.state)?.kind === 'terminal';
  const can = (event: string) => plan.transitions.some((tr) => tr.event === event && tr.from.includes(s.state));

  function onTabKey(e: KeyboardEvent<HTMLDivElement>) {
    if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
    const i = TABS.indexOf(tab);
    const next = TABS[(i + (e.key === 'ArrowRight' ? 1 : TABS.length - 1)) % TABS.length]!;
    setTab(next);
    document.getElementById(`tab-${next}`)?.focus();
  }

  return (
    <div className="incident-page" data-testid="incident-page" data-state={s.state} data-level={s.level ?? ''}>
      <ExerciseBanner exercise={data.incident.exercise} />
      <header className="inc-head">
        <button type="button" className="secondary back" onClick={() => go(INCIDENTS_VIEW)}>
          ← {t('inc.back')} <kbd className="hotkey">Alt+1</kbd>
        </button>
        <h1>
          <span className="mono small">{data.incident.id}</span> {data.incident.title}
        </h1>
        <div className="inc-status">
          <span className="muted" title={basisText(plan, en)} data-testid="incident-plan">
            {planShortName(plan, en)} · {plan.version}
          </span>
          <span className={levelClass(s.level)} data-testid="incident-level">
            {s.level ? t('inc.levelBadge', { level: s.level, name: (en ? levelDef?.nameEn : levelDef?.name) ?? '' }) : t(s.terminatedAt ? 'inc.page.terminated' : 'inc.page.noResponse')}
          </span>
          <span className="state-label" data-testid="incident-state">
            {t('inc.page.state', { state: tx.state(s.state, v.stateLabel) })}
          </span>
          <span className="muted">{t('inc.page.factsLevel', { level: s.factsLevel ? `${s.factsLevel}` : t('inc.grade.none') })}</span>
          <span className="muted">{t('inc.page.received', { at: s.events.reported ? formatBeijing(s.events.reported.first.occurredAt, false) : '—' })}</span>
        </div>
        {deadlines.length > 0 && (
          <div className="inc-deadlines" data-testid="incident-deadlines">
            {deadlines.map((o) => (
              <Deadline key={o.id} label={o.label} dueAt={o.dueAt} now={now} clause={o.clause} county={o.county} />
            ))}
          </div>
        )}
        {en && !tx.english && (
          <p className="plan-no-english small" data-testid="plan-no-english">
            {t('inc.page.noEnglish')}
          </p>
        )}
        <p className="inc-basis small muted" data-testid="incident-basis">
          {t('inc.page.basis')}：{basisText(plan, en)}
        </p>
      </header>
      {(v.warnings.length > 0 || data.problems.length > 0) && (
        <ul className="warnings" data-testid="warnings">
          {v.warnings
            .filter((w) => !w.id.startsWith('overdue:'))
            .map((w) => (
              <li key={w.id} className={plan.warnings.some((pw) => pw.id === w.id) ? 'uf' : undefined} data-testid={`warning-${w.id}`}>
                ⚠ {w.text}（{w.clause}）
              </li>
            ))}
          {data.problems.map((p) => (
            <li key={p.seq} className="problem">
              {t('inc.page.problem', { seq: p.seq, message: en ? p.messageEn : p.message })}
            </li>
          ))}
        </ul>
      )}
      {v.flags.length > 0 && !terminal && !s.terminatedAt && (
        <ul className="flags">
          {v.flags.map((f) => (
            <li key={f.id}>
              ⚑ {f.text}（{f.clause}）
            </li>
          ))}
        </ul>
      )}
      <div className="tabs" role="tablist" aria-label={t('inc.tabs')} onKeyDown={onTabKey}>
        {TABS.map((k) => (
          <button key={k} id={`tab-${k}`} type="button" role="tab" aria-selected={tab === k} aria-controls={`panel-${k}`} tabIndex={tab === k ? 0 : -1} className={tab === k ? 'tab on' : 'tab'} onClick={() => setTab(k)}>
            {t(TAB_KEYS[k])}
            {k === 'timeline' && <span className="count">{data.events.length}</span>}
          </button>
        ))}
      </div>
      <div className="tab-panel" role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
        {tab === 'act' && (
          <div className="act-cols">
            <ActionsPanel plan={plan} view={v} incidentId={id} onDone={() => void load()} />
            <ChecklistPanel plan={plan} view={v} incidentId={id} events={data.events} onDone={() => void load()} />
          </div>
        )}
        {tab === 'facts' && <IncidentFactsTab plan={plan} data={data} canUpdate={can('facts-updated')} onDone={load} />}
        {tab === 'flow' && <Flowchart plan={plan} state={s.state} level={s.level} />}
        {tab === 'timeline' && <Timeline plan={plan} events={data.events} incidentId={id} canNote={can('note')} canCorrect={can('correction')} onDone={() => void load()} />}
        {tab === 'reports' && <ReportsSlot view={v} incidentId={id} now={now} onFiled={() => void load()} />}
        {tab === 'rounds' && <RoundsTab incidentId={id} />}
      </div>
    </div>
  );
}

/** The plan's flow chart (engine SVG: presentation attributes only, no inline style), the current state lit. */
function Flowchart({ plan, state, level }: { plan: Plan; state: string; level: Plan['levels'][number]['id'] | null }) {
  const t = useT();
  const svg = useMemo(() => planFlowchartSvg(plan, state, { level }), [plan, state, level]);
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // Bring the lit state into view: the chart is taller than the screen.
    box.current?.querySelector('g.state.current')?.scrollIntoView?.({ block: 'center', inline: 'center' });
  }, [svg]);
  return (
    <section aria-label={t('inc.tab.flow')}>
      <p className="muted">{t('inc.flow.hint')}</p>
      <div ref={box} className="flowchart" data-testid="flowchart" dangerouslySetInnerHTML={{ __html: svg }} />
    </section>
  );
}

function IncidentFactsTab({ plan, data, canUpdate, onDone }: { plan: Plan; data: Data; canUpdate: boolean; onDone(): unknown }) {
  const t = useT();
  return (
    <FactsTab
      plan={plan}
      incidentId={data.incident.id}
      facts={data.view.state.facts as Record<string, unknown>}
      canUpdate={canUpdate}
      onDone={onDone}
      idPrefix="upd"
      texts={{ heading: t('inc.facts.heading'), reason: t('inc.facts.reason'), required: t('inc.required'), save: t('inc.facts.save'), unchanged: t('inc.facts.unchanged'), reasonRequired: t('inc.act.err.reason') }}
    />
  );
}
