import { ExercisePick } from '../components/ExerciseMark';
import { useCallback, useMemo, useRef, useState, type FormEvent, type SetStateAction } from 'react';
import type L from 'leaflet';
import { api } from '../api/client';
import { useLocale, useT, type MessageKey } from '../i18n';
import { draftFacts, emptyDraft, FactsFields, GradePanel, gradeDraft, type FactDraft } from '../incidents/FactsForm';
import { fromShanghaiInput, toShanghaiInput, useErrorInfo, useNow, type ErrorInfo } from '../incidents/util';
import { MapWidget, type MapPoint } from '../map/MapWidget';
import { useMapData } from '../map/store';
import { useUi } from '../store';
import { DraftBar, useDraft, type DraftState } from '../components/Draft';
import { durationMs, type Plan } from '../../../shared/engine';
import { burningTimerDef } from '../../../shared/fire/incident';
import { raisedFlags, ReportUpFlags } from './FireFlags';
import { plansInForce, planShortName } from '../plans';
import { FIRE_VIEW } from './fires';
import { encodePlace, parseCoord } from './location';

interface Form {
  placeName: string;
  lng: string;
  lat: string;
  startedAt: string;
  receivedAt: string;
  source: string;
  reporter: string;
  summary: string;
  title: string;
}

const FIELD_OF: Record<string, keyof Form> = {
  title: 'title',
  receivedAt: 'receivedAt',
  'payload.source': 'source',
  'payload.summary': 'summary',
  'payload.place': 'placeName',
  'payload.reporter': 'reporter',
  'payload.incidentStartedAt': 'startedAt',
};

/** 接报火情: where (on the map or by lng/lat), when it started, who saw it; graded and flagged as it is typed. */
export function NewFire({ onCancel }: { onCancel(): void }) {
  const t = useT();
  const en = useLocale((s) => s.locale) === 'en';
  const go = useUi((s) => s.go);
  const toError = useErrorInfo();
  const now = useNow(10_000);
  const features = useMapData((s) => s.features);
  const zones = useMemo(() => features.filter((f) => f.layer === 'zones'), [features]);
  // The whole intake is a draft (components/Draft.tsx): kept across navigation, a reload or a crash until filed or discarded.
  const [kept, setKept, draftState] = useDraft<{ form: Form; planId: string; facts: Record<string, FactDraft>; exercise?: boolean }>('intake:fire', () => ({
    form: { placeName: '', lng: '', lat: '', startedAt: toShanghaiInput(Date.now()), receivedAt: toShanghaiInput(Date.now()), source: '', reporter: '', summary: '', title: '' },
    planId: '', // '' = the first fire plan in force (registry order)
    facts: {},
  }));
  const { form, planId, facts: drafts } = kept;
  const setForm = (u: SetStateAction<Form>) => setKept((k) => ({ ...k, form: typeof u === 'function' ? u(k.form) : u }));
  const setPlanId = (id: string) => setKept((k) => ({ ...k, planId: id }));
  const exercise = kept.exercise === true;
  const setExercise = (on: boolean) => setKept((k) => ({ ...k, exercise: on }));
  // The fire is graded by the rules in force on the day it STARTED (《森林草原防灭火条例》 since 2026-01-01).
  const startedIso = fromShanghaiInput(form.startedAt);
  const plans = plansInForce('fire', startedIso ?? new Date());
  const plan: Plan | undefined = plans.find((p) => p.id === planId) ?? plans[0];
  const draftKey = plan ? `${plan.id}@${plan.version}` : '';
  const draft = drafts[draftKey] ?? (plan ? emptyDraft(plan) : {});
  const setDraft = (d: FactDraft) => setKept((k) => ({ ...k, facts: { ...k.facts, [draftKey]: d } }));
  const leaflet = useRef<L.Map | null>(null);
  const onMap = useCallback((m: L.Map) => void (leaflet.current = m), []);
  const [focus, setFocus] = useState<(MapPoint & { zoom?: number }) | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof Form>(k: K, v: Form[K]) => setForm((f) => ({ ...f, [k]: v }));
  if (!plan)
    return (
      <section className="panel wide fire-new">
        <p className="alert alert-error" role="alert">
          {t('fire.new.noPlan', { day: (startedIso ?? '').slice(0, 10) })}
        </p>
        <button type="button" className="secondary" onClick={onCancel}>
          {t('fire.cancel')}
        </button>
      </section>
    );
  return <NewFireForm {...{ plan, plans, setPlanId, exercise, setExercise, draft, setDraft, form, setForm, draftState, set, zones, leaflet, onMap, focus, setFocus, error, setError, busy, setBusy, now, t, en, go, toError, onCancel }} />;
}

interface FormProps {
  plan: Plan;
  plans: Plan[];
  setPlanId(id: string): void;
  exercise: boolean;
  setExercise(on: boolean): void;
  draft: FactDraft;
  setDraft(d: FactDraft): void;
  form: Form;
  setForm: (u: SetStateAction<Form>) => void;
  draftState: DraftState;
  set<K extends keyof Form>(k: K, v: Form[K]): void;
  zones: ReturnType<typeof useMapData.getState>['features'];
  leaflet: React.RefObject<L.Map | null>;
  onMap(m: L.Map): void;
  focus: (MapPoint & { zoom?: number }) | null;
  setFocus(f: (MapPoint & { zoom?: number }) | null): void;
  error: ErrorInfo | null;
  setError(e: ErrorInfo | null): void;
  busy: boolean;
  setBusy(b: boolean): void;
  now: number;
  t: ReturnType<typeof useT>;
  en: boolean;
  go: ReturnType<typeof useUi.getState>['go'];
  toError: ReturnType<typeof useErrorInfo>;
  onCancel(): void;
}

/** The form under the plan chosen (state lives in NewFire, so a change of start day or kind keeps what was typed). */
function NewFireForm({ plan, plans, setPlanId, exercise, setExercise, draft, setDraft, form, setForm, draftState, set, zones, leaflet, onMap, focus, setFocus, error, setError, busy, setBusy, now, t, en, go, toError, onCancel }: FormProps) {
  const graded = gradeDraft(plan, draft, en);
  const lng = parseCoord(form.lng, 'lng');
  const lat = parseCoord(form.lat, 'lat');
  const point = lng !== null && lat !== null ? { lng, lat } : null;
  const started = fromShanghaiInput(form.startedAt);
  const timerDef = burningTimerDef(plan);
  const timerRaised = !!started && !!timerDef && now - Date.parse(started) >= durationMs(timerDef.after);
  const raised = raisedFlags(plan, graded.result ? draftFacts(plan, draft) : {}, timerRaised);

  function pick(p: MapPoint) {
    setForm((f) => ({ ...f, lng: p.lng.toFixed(6), lat: p.lat.toFixed(6) }));
  }
  function locateZone(id: string) {
    const z = zones.find((x) => String(x.id) === id);
    // Jump (no animation): the whole zone in view, ready for a click on the fire.
    // (`focus` also keeps the widget from fitting the whole county when its boundaries arrive later.)
    const m = leaflet.current;
    if (!z || !m) return;
    const jump = () => m.fitBounds([[z.bbox[1], z.bbox[0]], [z.bbox[3], z.bbox[2]]], { animate: false, padding: [8, 8] });
    jump();
    // A zoom animation still running (the first fit to the county) would end on its own target: jump again after it.
    if ((m as L.Map & { _animatingZoom?: boolean })._animatingZoom) m.once('zoomend', jump);
    // The focus is where the jump ended: the widget has nowhere to fly (a flight zooms out and back in meanwhile).
    const c = m.getCenter();
    setFocus({ lng: c.lng, lat: c.lat, zoom: m.getZoom() });
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    if (!form.placeName.trim() && !point) return setError({ field: 'payload.place', message: t('fire.new.err.place') });
    if ((form.lng.trim() || form.lat.trim()) && !point) return setError({ field: lng === null ? 'lng' : 'lat', message: t('fire.new.err.coord') });
    if (!started) return setError({ field: 'payload.incidentStartedAt', message: t('fire.new.err.time') });
    const received = fromShanghaiInput(form.receivedAt);
    if (!received) return setError({ field: 'receivedAt', message: t('fire.new.err.time') });
    if (Date.parse(started) > Date.parse(received)) return setError({ field: 'payload.incidentStartedAt', message: t('fire.new.err.startAfterReceived') });
    if (!form.source.trim()) return setError({ field: 'payload.source', message: t('fire.new.err.source') });
    if (!form.summary.trim()) return setError({ field: 'payload.summary', message: t('fire.new.err.summary') });
    if (graded.error) return setError(graded.error);
    const placeName = form.placeName.trim() || t('fire.new.unnamedPlace');
    setBusy(true);
    try {
      const r = await api().invoke('console.report', {
        planId: plan.id,
        occurredAt: started,
        title: form.title.trim() || t('fire.new.defaultTitle', { place: placeName }),
        receivedAt: received,
        payload: {
          source: form.source.trim(),
          summary: form.summary.trim(),
          facts: draftFacts(plan, draft),
          place: encodePlace(placeName, point),
          incidentStartedAt: started,
          ...(form.reporter.trim() ? { reporter: form.reporter.trim() } : {}),
        },
        exercise,
      });
      draftState.clear();
      go(FIRE_VIEW, `fire/${r.id}`);
    } catch (err) {
      setError(toError(err)); // the form stays as typed
    } finally {
      setBusy(false);
    }
  }

  const errFor = (k: keyof Form | 'lng' | 'lat') => (error?.field && (FIELD_OF[error.field] === k || error.field === k) ? error.message : null);
  const input = (k: keyof Form, label: MessageKey, props: Record<string, unknown> = {}) => {
    const id = `nf-${k}`;
    const err = errFor(k);
    return (
      <div className="field">
        <label htmlFor={id}>{t(label)}</label>
        <input id={id} value={form[k]} aria-invalid={err ? true : undefined} aria-describedby={err ? `${id}-err` : undefined} onChange={(e) => set(k, e.target.value)} {...props} />
        {err && (
          <p id={`${id}-err`} className="field-error" role="alert">
            {err}
          </p>
        )}
      </div>
    );
  };
  const factsError = error?.field?.startsWith('payload.facts.') ? { field: error.field.slice('payload.facts.'.length), message: error.message } : graded.error;
  const shownElsewhere = error?.field && (FIELD_OF[error.field] || error.field === 'lng' || error.field === 'lat' || error.field.startsWith('payload.facts.'));

  return (
    <section className="panel wide fire-new" aria-labelledby="fire-new-h">
      <div className="head-row">
        <h2 id="fire-new-h">{t('fire.new.heading')}</h2>
        <span className="spacer" />
        <button type="button" className="secondary" onClick={onCancel}>
          {t('fire.cancel')}
        </button>
      </div>
      <DraftBar draft={draftState} id="fire-intake" />
      <form onSubmit={(e) => void submit(e)} noValidate className="fire-new-form">
        <div className="fire-new-cols">
          <div className="fire-new-main">
            <fieldset>
              <legend>{t('fire.new.where')}</legend>
              <div className="grid2">
                {input('placeName', 'fire.new.placeName', { maxLength: 300, placeholder: t('fire.new.placeName.ph'), autoFocus: true })}
                <div className="field">
                  <label htmlFor="nf-zone">{t('fire.new.locate')}</label>
                  <select id="nf-zone" defaultValue="" onChange={(e) => locateZone(e.target.value)}>
                    <option value="">{t('fire.new.locate.none')}</option>
                    {zones.map((z) => (
                      <option key={z.id} value={String(z.id)}>
                        {z.name}
                      </option>
                    ))}
                  </select>
                </div>
                {input('lng', 'fire.new.lng', { inputMode: 'decimal', placeholder: '112.150000' })}
                {input('lat', 'fire.new.lat', { inputMode: 'decimal', placeholder: '37.585000' })}
              </div>
              <p className="hint">{t('fire.new.pickHint')}</p>
              <div className="fire-pick-map" data-testid="fire-pick-map">
                <MapWidget highlight={point ? { ...point, label: form.placeName.trim() || t('fire.new.firePoint'), ringM: 3000 } : null} onPick={pick} onMap={onMap} focus={focus} height={300} popups={false} />
              </div>
            </fieldset>
            <div className="grid2">
              {input('startedAt', 'fire.new.startedAt', { type: 'datetime-local' })}
              {input('receivedAt', 'fire.new.receivedAt', { type: 'datetime-local' })}
              {input('source', 'fire.new.source', { maxLength: 2000, placeholder: t('fire.new.source.ph') })}
              {input('reporter', 'fire.new.reporter', { maxLength: 500, placeholder: t('fire.new.reporter.ph') })}
            </div>
            <div className="field">
              <label htmlFor="nf-summary">{t('fire.new.summary')}</label>
              <textarea id="nf-summary" rows={2} value={form.summary} maxLength={10000} aria-invalid={errFor('summary') ? true : undefined} onChange={(e) => set('summary', e.target.value)} />
              {errFor('summary') && (
                <p className="field-error" role="alert">
                  {errFor('summary')}
                </p>
              )}
            </div>
            {input('title', 'fire.new.title', { maxLength: 500, placeholder: t('fire.new.defaultTitle', { place: form.placeName.trim() || t('fire.new.unnamedPlace') }) })}
            {plans.length > 1 && (
              <fieldset className="plan-pick" data-testid="fire-kind">
                <legend>{t('fire.new.kind')}</legend>
                {plans.map((p) => (
                  <label key={p.id} className="radio">
                    <input type="radio" name="fire-plan" value={p.id} checked={p.id === plan.id} onChange={() => setPlanId(p.id)} />
                    {planShortName(p, en)}
                  </label>
                ))}
              </fieldset>
            )}
            <fieldset className="facts-set">
              <legend>{t('fire.new.facts')}</legend>
              <FactsFields plan={plan} draft={draft} onChange={setDraft} error={factsError} idPrefix="ff" />
            </fieldset>
          </div>
          <aside className="fire-new-side">
            <GradePanel plan={plan} graded={graded} />
            <ReportUpFlags plan={plan} id="fire-new-flags" raised={raised} timerRaised={timerRaised} />
            {error && !shownElsewhere && (
              <p className="alert alert-error" role="alert">
                {error.message}
              </p>
            )}
            <ExercisePick exercise={exercise} onChange={setExercise} />
            <button type="submit" className="primary" disabled={busy}>
              {busy ? t('fire.saving') : t('fire.new.submit')}
            </button>
          </aside>
        </div>
      </form>
    </section>
  );
}
