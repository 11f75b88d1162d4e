import { ExercisePick } from '../components/ExerciseMark';
import { useState, type FormEvent, type SetStateAction } from 'react';
import { durationMs, evalCondition, gradeParsed, parseFacts, type Plan } from '../../../shared/engine';
import { api } from '../api/client';
import { formatBeijing, useLocale, useT } from '../i18n';
import { useUi } from '../store';
import { DraftBar, useDraft, type DraftState } from '../components/Draft';
import { draftFacts, emptyDraft, FactsFields, GradePanel, gradeDraft, type FactDraft } from './FactsForm';
import { INCIDENTS_VIEW } from './ids';
import { plansInForce, planShortName } from '../plans';
import { clockText, fromShanghaiInput, toShanghaiInput, useErrorInfo, useNow, type ErrorInfo } from './util';

interface Form {
  title: string;
  receivedAt: string;
  source: string;
  reporter: string;
  place: string;
  summary: string;
  startedAt: string;
}

const PAYLOAD_FIELDS: Record<string, keyof Form> = {
  title: 'title',
  receivedAt: 'receivedAt',
  occurredAt: 'receivedAt',
  'payload.source': 'source',
  'payload.summary': 'summary',
  'payload.place': 'place',
  'payload.reporter': 'reporter',
  'payload.incidentStartedAt': 'startedAt',
};

/** New incident (Alt+2): the phone call, written down in the plan's words, graded as it is typed. */
export function NewIncident() {
  const t = useT();
  const en = useLocale((s) => s.locale) === 'en';
  const go = useUi((s) => s.go);
  const toError = useErrorInfo();
  // The whole intake is a draft (components/Draft.tsx): kept across Alt+digit, a reload or a crash until filed or discarded.
  const [kept, setKept, draftState] = useDraft<IntakeDraft>('intake:incident', () => ({
    form: { title: '', receivedAt: toShanghaiInput(Date.now()), source: '', reporter: '', place: '', summary: '', startedAt: '' },
    planId: '',
    facts: {},
  }));
  const { form, facts: drafts } = kept;
  const setForm = (u: SetStateAction<Form>) => setKept((k) => ({ ...k, form: typeof u === 'function' ? u(k.form) : u }));
  const setDrafts = (u: SetStateAction<Record<string, FactDraft>>) => setKept((k) => ({ ...k, facts: typeof u === 'function' ? u(k.facts) : u }));
  const setPlanId = (planId: string) => setKept((k) => ({ ...k, planId }));
  const setExercise = (exercise: boolean) => setKept((k) => ({ ...k, exercise }));
  // The rules in force when the incident occurred (its start if known, else when HQ received the report), by plan data.
  const occurredAt = (form.startedAt ? fromShanghaiInput(form.startedAt) : null) ?? fromShanghaiInput(form.receivedAt) ?? new Date().toISOString();
  const plans = plansInForce('incident', occurredAt);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [busy, setBusy] = useState(false);
  const now = useNow();
  const plan: Plan | undefined = plans.find((p) => p.id === kept.planId) ?? plans[0];
  if (!plan)
    return (
      <section className="panel wide">
        <p className="alert alert-error" role="alert">
          {t('inc.new.noPlan', { day: occurredAt.slice(0, 10) })}
        </p>
      </section>
    );
  return <NewIncidentForm {...{ plan, plans, setPlanId, exercise: kept.exercise === true, setExercise, drafts, setDrafts, form, setForm, draftState, error, setError, busy, setBusy, now, t, en, go, toError }} />;
}

interface IntakeDraft {
  form: Form;
  /** '' = the first plan in force. */
  planId: string;
  /** The facts typed, per plan (switching plans keeps what was typed for each). */
  facts: Record<string, FactDraft>;
  /** Opened as an exercise (演练). */
  exercise?: boolean;
}

interface FormProps {
  plan: Plan;
  plans: Plan[];
  setPlanId: (id: string) => void;
  exercise: boolean;
  setExercise: (on: boolean) => void;
  drafts: Record<string, FactDraft>;
  setDrafts: (u: SetStateAction<Record<string, FactDraft>>) => void;
  form: Form;
  setForm: (u: SetStateAction<Form>) => void;
  draftState: DraftState;
  error: ErrorInfo | null;
  setError: (e: ErrorInfo | null) => void;
  busy: boolean;
  setBusy: (b: boolean) => void;
  now: number;
  t: ReturnType<typeof useT>;
  en: boolean;
  go: ReturnType<typeof useUi.getState>['go'];
  toError: ReturnType<typeof useErrorInfo>;
}

/** The form for the plan chosen (the hooks live in NewIncident so switching plans or days keeps what was typed). */
function NewIncidentForm({ plan, plans, setPlanId, exercise, setExercise, drafts, setDrafts, form, setForm, draftState, error, setError, busy, setBusy, now, t, en, go, toError }: FormProps) {
  const draft = drafts[plan.id] ?? emptyDraft(plan);
  const graded = gradeDraft(plan, draft, en);
  const set = <K extends keyof Form>(k: K, v: Form[K]) => setForm((f) => ({ ...f, [k]: v }));

  const received = fromShanghaiInput(form.receivedAt);
  const first = plan.obligations.find((o) => o.kind === 'first');
  const firstDue = received && first?.due ? Date.parse(received) + durationMs(first.due.after) : null;

  async function submit(ev: FormEvent) {
    ev.preventDefault();
    setError(null);
    if (!form.title.trim()) return setError({ field: 'title', message: t('inc.new.err.title') });
    if (!received) return setError({ field: 'receivedAt', message: t('inc.new.err.time') });
    if (!form.source.trim()) return setError({ field: 'payload.source', message: t('inc.new.err.source') });
    if (!form.summary.trim()) return setError({ field: 'payload.summary', message: t('inc.new.err.summary') });
    if (graded.error) return setError({ field: graded.error.field, message: graded.error.message });
    const started = form.startedAt ? fromShanghaiInput(form.startedAt) : null;
    setBusy(true);
    try {
      const r = await api().invoke('console.report', {
        planId: plan.id,
        title: form.title.trim(),
        receivedAt: received,
        payload: {
          source: form.source.trim(),
          summary: form.summary.trim(),
          facts: draftFacts(plan, draft),
          ...(form.place.trim() ? { place: form.place.trim() } : {}),
          ...(form.reporter.trim() ? { reporter: form.reporter.trim() } : {}),
          ...(started ? { incidentStartedAt: started } : {}),
        },
        exercise,
      });
      draftState.clear();
      go(INCIDENTS_VIEW, r.id);
    } catch (e) {
      setError(toError(e)); // the form is kept as typed
    } finally {
      setBusy(false);
    }
  }

  const errFor = (k: keyof Form) => (error && error.field && PAYLOAD_FIELDS[error.field] === k ? error.message : null);
  const field = (k: keyof Form, labelKey: Parameters<typeof t>[0], input: (p: { id: string; 'aria-invalid'?: boolean; 'aria-describedby'?: string }) => React.ReactNode, hint?: React.ReactNode) => {
    const id = `new-${k}`;
    const err = errFor(k);
    return (
      <div className="field">
        <label htmlFor={id}>{t(labelKey)}</label>
        {input({ id, 'aria-invalid': err ? true : undefined, 'aria-describedby': err ? `${id}-err` : undefined })}
        {hint}
        {err && (
          <p id={`${id}-err`} className="field-error" role="alert">
            {err}
          </p>
        )}
      </div>
    );
  };
  const factsError = error && error.field && !PAYLOAD_FIELDS[error.field] ? { field: error.field.replace(/^payload\.facts\./, ''), message: error.message } : graded.error;

  return (
    <section className="panel wide" aria-labelledby="new-h">
      <h1 id="new-h">{t('inc.new.heading')}</h1>
      <p className="muted">{t('inc.new.intro')}</p>
      <DraftBar draft={draftState} id="intake" />
      <form className="new-incident" onSubmit={(e) => void submit(e)} noValidate>
        <div className="new-cols">
          <div className="new-main">
            <fieldset className="plan-pick">
              <legend>{t('inc.new.plan')}</legend>
              {plans.map((p) => (
                <label key={p.id} className="radio">
                  <input type="radio" name="plan" value={p.id} checked={p.id === plan.id} onChange={() => setPlanId(p.id)} />
                  {planShortName(p, en)}
                </label>
              ))}
            </fieldset>
            <div className="grid2">
              {field('title', 'inc.new.title', (p) => <input {...p} value={form.title} maxLength={500} placeholder={t('inc.new.title.ph')} onChange={(e) => set('title', e.target.value)} autoFocus />)}
              {field(
                'receivedAt',
                'inc.new.receivedAt',
                (p) => <input {...p} type="datetime-local" value={form.receivedAt} onChange={(e) => set('receivedAt', e.target.value)} />,
                <p className="hint" data-testid="first-due">
                  {firstDue && first?.due
                    ? t(firstDue - now < 0 ? 'inc.new.firstDue.over' : 'inc.new.firstDue', { due: formatBeijing(new Date(firstDue), false), left: clockText(firstDue - now), clause: first.clause })
                    : t('inc.new.err.time')}
                </p>,
              )}
              {field('source', 'inc.new.source', (p) => <input {...p} value={form.source} maxLength={2000} placeholder={t('inc.new.source.ph')} onChange={(e) => set('source', e.target.value)} />)}
              {field('reporter', 'inc.new.reporter', (p) => <input {...p} value={form.reporter} maxLength={500} onChange={(e) => set('reporter', e.target.value)} />)}
              {field('place', 'inc.new.place', (p) => <input {...p} value={form.place} maxLength={1000} onChange={(e) => set('place', e.target.value)} />)}
              {field('startedAt', 'inc.new.startedAt', (p) => <input {...p} type="datetime-local" value={form.startedAt} onChange={(e) => set('startedAt', e.target.value)} />)}
            </div>
            {field('summary', 'inc.new.summary', (p) => <textarea {...p} rows={2} value={form.summary} maxLength={10000} onChange={(e) => set('summary', e.target.value)} />)}
            <fieldset className="facts-set">
              <legend>{t('inc.new.facts', { plan: plan.title })}</legend>
              <FactsFields plan={plan} draft={draft} onChange={(d) => setDrafts((all) => ({ ...all, [plan.id]: d }))} error={factsError} idPrefix="fact" />
            </fieldset>
            {liveWarnings(plan, draft).map((w) => (
              <p key={w.id} className="prompt-uf" data-testid={`warning-${w.id}`}>
                {en && w.textEn ? w.textEn : w.text}（{w.clause}）
              </p>
            ))}
          </div>
          <aside className="new-side">
            <GradePanel plan={plan} graded={graded} />
            {error && !errFor('title') && !errFor('receivedAt') && !errFor('source') && !errFor('summary') && !factsError && (
              <p className="alert alert-error" role="alert">
                {error.message}
              </p>
            )}
            <ExercisePick exercise={exercise} onChange={setExercise} />
            <button type="submit" className="primary" disabled={busy}>
              {busy ? t('inc.saving') : t('inc.new.submit')}
            </button>
            <p className="hint">{t('inc.new.submitHint')}</p>
          </aside>
        </div>
      </form>
    </section>
  );
}

/** The plan's warnings that hold for the facts as typed (e.g. 疫苗预案 5.1: 涉及外宾… → 向县委统战部通报). */
function liveWarnings(plan: Plan, draft: FactDraft): Plan['warnings'] {
  let facts;
  try {
    facts = parseFacts(plan, draftFacts(plan, draft));
  } catch {
    return [];
  }
  const level = gradeParsed(plan, facts).level;
  return plan.warnings.filter((w) => evalCondition(w.when, facts, level));
}
