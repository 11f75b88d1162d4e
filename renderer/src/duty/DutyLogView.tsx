import { useState, type FormEvent } from 'react';
import type { DutyEntryView } from '../../../shared/api';
import { api } from '../api/client';
import { PrintOverlay } from '../components/PrintOverlay';
import { formatBeijing, useLocale, useT } from '../i18n';
import { ReasonDialog } from '../components/ReasonDialog';
import { Field } from '../incidents/Dialog';
import { clockText, fromShanghaiInput, toShanghaiInput, useErrorInfo, useNow, useSave, type ErrorInfo } from '../incidents/util';
import { useActorLabel, useMe } from '../people/SignIn';
import { planShortName, plansInForce } from '../plans';
import { useCommand } from '../query/client';
import { useUi } from '../store';

const TEXT_FIELDS = ['callerUnit', 'callerName', 'callerPost', 'callerPhone', 'place'] as const;
const LONG_FIELDS = ['measures', 'trend', 'alreadyTold'] as const;

/** 值班日志: record what comes in; every open entry with its handling clocks counting down; today's log. */
export function DutyLogView() {
  const t = useT();
  const open = useCommand('duty.log.list', { open: true });
  const today = useCommand('duty.log.list', {});
  const [printing, setPrinting] = useState(false);
  return (
    <section aria-labelledby="duty-h" className="duty">
      <h1 id="duty-h" tabIndex={-1}>
        {t('duty.heading')}
      </h1>
      {/* What is still open, with its clocks, first: at a glance what is due; then the form for what comes in. */}
      <h2>{t('duty.open')}</h2>
      {open.data && !open.data.entries.length && <p className="muted">{t('duty.none')}</p>}
      <ul className="duty-list" data-testid="duty-open">
        {open.data?.entries.map((e) => <Entry key={e.id} e={e} />)}
      </ul>
      <NewEntry />
      <h2>{t('duty.today', { date: today.data?.date ?? '' })}</h2>
      {today.data && !today.data.entries.length && <p className="muted">{t('duty.todayNone')}</p>}
      {!!today.data?.entries.length && <TodayTable entries={today.data.entries} />}
      {today.data && (
        <button type="button" className="secondary" onClick={() => setPrinting(true)}>
          {t('duty.print')}
        </button>
      )}
      <TypesEditor />
      {printing && today.data && <PrintDay date={today.data.date ?? ''} entries={today.data.entries} onClose={() => setPrinting(false)} />}
    </section>
  );
}

function NewEntry() {
  const t = useT();
  const toError = useErrorInfo();
  const types = useCommand('duty.types.get', {});
  // Empty = received now (the core's clock); the field shows the minute until the officer types another time.
  const now = useNow(30_000);
  const blank = { type: 'call', receivedAt: '', content: '', callerUnit: '', callerName: '', callerPost: '', callerPhone: '', place: '', measures: '', trend: '', alreadyTold: '' };
  const [f, setF] = useState(blank);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [busy, setBusy] = useState(false);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    if (!f.content.trim()) return setError({ field: 'content', message: t('duty.err.content') });
    const receivedAt = f.receivedAt ? fromShanghaiInput(f.receivedAt) : undefined;
    setBusy(true);
    try {
      await api().invoke('duty.log.record', { ...f, ...(receivedAt ? { receivedAt } : { receivedAt: undefined }) });
      setF({ ...blank, type: f.type });
    } catch (err) {
      setError(toError(err));
    } finally {
      setBusy(false);
    }
  }
  const errAt = (k: string) => (error?.field === k ? error.message : null);
  const general = error && !['type', 'receivedAt', 'content', ...TEXT_FIELDS, ...LONG_FIELDS].includes(error.field ?? '') ? error.message : null;
  const set = (k: keyof typeof blank) => (e: { target: { value: string } }) => setF({ ...f, [k]: e.target.value });
  return (
    <form className="card duty-new" onSubmit={(e) => void submit(e)} noValidate data-testid="duty-new">
      <h2>{t('duty.new')}</h2>
      <div className="grid3">
        <Field id="duty-type" label={t('duty.type')} error={errAt('type')}>
          <select id="duty-type" value={f.type} onChange={set('type')}>
            {types.data?.types.map((x) => (
              <option key={x.id} value={x.id}>
                {x.label}
              </option>
            ))}
          </select>
        </Field>
        <Field id="duty-receivedAt" label={t('duty.receivedAt')} error={errAt('receivedAt')}>
          <input id="duty-receivedAt" type="datetime-local" value={f.receivedAt || toShanghaiInput(now)} onChange={set('receivedAt')} />
        </Field>
        {TEXT_FIELDS.map((k) => (
          <Field key={k} id={`duty-${k}`} label={t(`duty.${k}`)} error={errAt(k)}>
            <input id={`duty-${k}`} value={f[k]} maxLength={k === 'place' ? 200 : 100} onChange={set(k)} />
          </Field>
        ))}
      </div>
      <Field id="duty-content" label={t('duty.content')} error={errAt('content')}>
        <textarea id="duty-content" rows={3} value={f.content} maxLength={5000} onChange={set('content')} />
      </Field>
      <div className="grid3">
        {LONG_FIELDS.map((k) => (
          <Field key={k} id={`duty-${k}`} label={t(`duty.${k}`)} error={errAt(k)}>
            <textarea id={`duty-${k}`} rows={2} value={f[k]} maxLength={5000} onChange={set(k)} />
          </Field>
        ))}
      </div>
      {general && (
        <p className="field-error" role="alert">
          {general}
        </p>
      )}
      <button type="submit" className="primary" disabled={busy}>
        {t('duty.record')}
      </button>
    </form>
  );
}

function Entry({ e }: { e: DutyEntryView }) {
  const t = useT();
  const locale = useLocale((s) => s.locale);
  const who = useActorLabel();
  const now = useNow(1000);
  const go = useUi((s) => s.open);
  const { error, run } = useSave();
  const [planId, setPlanId] = useState('');
  const plans = plansInForce('incident', new Date(now));
  const [closing, setClosing] = useState(false);
  const endClosing = () => setClosing(false);
  function close() {
    // With a step still open the core wants a reason: the dialog asks for it; with none open it closes at once.
    if (e.steps.some((s) => !s.doneAt)) setClosing(true);
    else void run(() => api().invoke('duty.log.close', { id: e.id, note: '' }));
  }
  // By this page's clock, not only the last answer's: a clock runs out with nothing written.
  const overdue = e.status === 'open' && e.steps.some((s) => !s.doneAt && s.dueAt !== null && now >= Date.parse(s.dueAt));
  return (
    <li className={`duty-entry${overdue ? ' overdue' : ''}`} data-testid={`duty-entry-${e.id}`} data-overdue={overdue ? 'true' : 'false'}>
      <div className="duty-entry-head">
        <strong>
          {e.typeLabel} · {formatBeijing(e.receivedAt, false)}
        </strong>{' '}
        {[e.callerUnit, e.callerName, e.callerPost, e.callerPhone].filter(Boolean).join(' ')}
        <span className="muted"> · {t('duty.recordedBy', { who: who(e.recordedBy) })}</span>
      </div>
      <p>{e.content}</p>
      <ul className="duty-steps">
        {e.steps.map((s) => {
          const due = s.dueAt ? Date.parse(s.dueAt) : null;
          let text: string;
          if (s.doneAt) text = t(s.status === 'done-late' ? 'duty.step.doneLate' : 'duty.step.done', { at: formatBeijing(s.doneAt, false) });
          else if (due === null) text = t('duty.step.noClock');
          else if (now >= due || s.status === 'overdue') text = `${t('duty.step.due', { at: formatBeijing(s.dueAt!, false) })}，${t('duty.step.overdue', { late: clockText(now - due, locale) })}`;
          else text = `${t('duty.step.due', { at: formatBeijing(s.dueAt!, false) })}，${t('duty.step.left', { left: clockText(due - now, locale) })}`;
          const late = !s.doneAt && due !== null && now >= due;
          return (
            <li key={s.stepId} data-step={s.stepId} data-status={late ? 'overdue' : s.status} className={late || s.status === 'done-late' ? 'late' : ''}>
              <span className="duty-step-label">{s.label}</span> <span className="duty-step-clock">{text}</span>
              {!s.doneAt && (
                <button type="button" className="secondary" onClick={() => void run(() => api().invoke('duty.log.step', { id: e.id, step: s.stepId }))}>
                  {t('duty.step.do')}
                </button>
              )}
            </li>
          );
        })}
      </ul>
      <p className="hint">
        {t('duty.basis')}：{e.basis}
      </p>
      <div className="row-actions">
        {e.incidentId ? (
          <button type="button" className="link" onClick={() => go(`/incidents/${e.incidentId}`)}>
            {t('duty.promoted', { id: e.incidentId })}
          </button>
        ) : (
          <>
            <label>
              {t('duty.promote.plan')}{' '}
              <select aria-label={t('duty.promote.plan')} value={planId} onChange={(x) => setPlanId(x.target.value)}>
                <option value="" />
                {plans.map((p) => (
                  <option key={p.id} value={p.id}>
                    {planShortName(p, locale === 'en')}
                  </option>
                ))}
              </select>
            </label>
            <button type="button" className="secondary" disabled={!planId} onClick={() => void run(async () => go(`/incidents/${(await api().invoke('duty.log.promote', { id: e.id, planId })).incidentId}`))}>
              {t('duty.promote')}
            </button>
          </>
        )}
        <button type="button" className="secondary" onClick={close}>
          {t('duty.close')}
        </button>
      </div>
      {error && (
        <p className="field-error" role="alert">
          {error.message}
        </p>
      )}
      {closing && <CloseDialog e={e} onClose={endClosing} />}
    </li>
  );
}

/**
 * 办结 with steps still open: the steps not done, and the reason the core requires then (shared/api/duty.ts
 * `duty.log.close`: trimmed, at most 2000 characters; electron/core/duty: not blank while a step is open).
 */
function CloseDialog({ e, onClose }: { e: DutyEntryView; onClose(): void }) {
  const t = useT();
  return (
    <ReasonDialog
      title={`${t('duty.close')}：${e.typeLabel} · ${formatBeijing(e.receivedAt, false)}`}
      label={t('duty.close.reason')}
      required={t('duty.err.reason')}
      maxLength={2000}
      submitLabel={t('duty.close')}
      testId="duty-close-dialog"
      fieldId={`duty-close-note-${e.id}`}
      send={(note) => api().invoke('duty.log.close', { id: e.id, note })}
      onClose={onClose}
    >
      <p>{e.content}</p>
      <p className="hint">{t('duty.close.openSteps')}</p>
      <ul data-testid="duty-close-open-steps">
        {e.steps
          .filter((s) => !s.doneAt)
          .map((s) => (
            <li key={s.stepId} data-step={s.stepId}>
              {s.label}
            </li>
          ))}
      </ul>
    </ReasonDialog>
  );
}

function TodayTable({ entries }: { entries: DutyEntryView[] }) {
  const t = useT();
  const who = useActorLabel();
  return (
    <table className="table" data-testid="duty-today">
      <thead>
        <tr>
          <th>{t('duty.receivedAt')}</th>
          <th>{t('duty.type')}</th>
          <th>{t('duty.callerUnit')}</th>
          <th>{t('duty.content')}</th>
          <th>{t('duty.recordedBy', { who: '' })}</th>
          <th>{t('duty.closed')}</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((e) => (
          <tr key={e.id}>
            <td>{formatBeijing(e.receivedAt, false)}</td>
            <td>{e.typeLabel}</td>
            <td>{[e.callerUnit, e.callerName].filter(Boolean).join(' ')}</td>
            <td>{e.content}</td>
            <td>{who(e.recordedBy)}</td>
            <td>{e.status === 'closed' ? `${formatBeijing(e.closedAt!, false)}${e.closeNote ? `（${e.closeNote}）` : ''}` : ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The day's duty log on paper: every entry with the call book's fields, how it was handled, and who recorded it. */
function PrintDay({ date, entries, onClose }: { date: string; entries: DutyEntryView[]; onClose(): void }) {
  const t = useT();
  const who = useActorLabel();
  return (
    <PrintOverlay testId="duty-print" printLabel={t('duty.print')} onClose={onClose}>
      <h1>{t('duty.printTitle')}</h1>
      <p>{t('duty.printDate', { date })}</p>
      <table>
        <colgroup>
          {[7, 9, 18, 30, 22, 14].map((w, k) => (
            <col key={k} style={{ width: `${w}%` }} />
          ))}
        </colgroup>
        <thead>
          <tr>
            <th>{t('duty.col.time')}</th>
            <th>{t('duty.type')}</th>
            <th>{t('duty.col.from')}</th>
            <th>{t('duty.content')}</th>
            <th>{t('duty.col.handling')}</th>
            <th>{t('duty.col.by')}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.id}>
              <td>{formatBeijing(e.receivedAt, false).slice(11)}</td>
              <td>{e.typeLabel}</td>
              <td>{[e.callerUnit, e.callerName, e.callerPost, e.callerPhone].filter(Boolean).join(' ')}</td>
              <td>
                {e.content}
                {e.place && `（${e.place}）`}
                {e.measures && `；${t('duty.measures')}：${e.measures}`}
                {e.alreadyTold && `；${t('duty.alreadyTold')}：${e.alreadyTold}`}
              </td>
              <td>
                {e.steps
                  .map((x) => `${x.label}：${x.doneAt ? `${formatBeijing(x.doneAt, false).slice(11)}${x.status === 'done-late' ? t('duty.late') : ''}` : t('duty.notDone')}`)
                  .join('；')}
                {e.status === 'closed' && `；${t('duty.closed')}${e.closeNote ? `（${e.closeNote}）` : ''}`}
                {e.incidentId && `；${t('duty.promoted', { id: e.incidentId })}`}
              </td>
              <td>{who(e.recordedBy)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </PrintOverlay>
  );
}

/** 登记类型与时限: the office edits each step's clock (minutes from the time received; empty = no clock). */
function TypesEditor() {
  const t = useT();
  const { me } = useMe();
  const q = useCommand('duty.types.get', {});
  const toError = useErrorInfo();
  const [edits, setEdits] = useState<Record<string, string>>({});
  const [msg, setMsg] = useState<ErrorInfo | null>(null);
  if (!q.data || !me?.roles.some((r) => r === 'office' || r === 'admin')) return null;
  const key = (type: string, step: string) => `${type}:${step}`;
  async function save() {
    setMsg(null);
    const types = q.data!.types.map((ty) => ({
      ...ty,
      steps: ty.steps.map((st) => {
        const v = edits[key(ty.id, st.id)];
        if (v === undefined) return st;
        const { withinMinutes: _old, ...rest } = st;
        return v.trim() === '' ? rest : { ...rest, withinMinutes: Number(v) };
      }),
    }));
    try {
      await api().invoke('duty.types.save', { types });
      setEdits({});
      setMsg({ message: t('duty.types.saved') });
    } catch (e) {
      setMsg(toError(e));
    }
  }
  return (
    <details className="card" data-testid="duty-types">
      <summary>{t('duty.types.heading')}</summary>
      <p className="hint">{t('duty.types.hint')}</p>
      <table className="table">
        <tbody>
          {q.data.types.flatMap((ty) =>
            ty.steps.map((st) => (
              <tr key={key(ty.id, st.id)}>
                <td>{ty.label}</td>
                <td>{st.label}</td>
                <td>
                  <input
                    aria-label={t('duty.types.minutes', { type: ty.label, step: st.label })}
                    inputMode="numeric"
                    size={5}
                    value={edits[key(ty.id, st.id)] ?? (st.withinMinutes === undefined ? '' : String(st.withinMinutes))}
                    onChange={(e) => setEdits({ ...edits, [key(ty.id, st.id)]: e.target.value })}
                  />{' '}
                  {t('duty.types.unit')}
                </td>
              </tr>
            )),
          )}
        </tbody>
      </table>
      <button type="button" className="primary" onClick={() => void save()}>
        {t('duty.types.save')}
      </button>
      {msg && (
        <p className={msg.field || msg.rule ? 'field-error' : 'hint'} role="status">
          {msg.message}
        </p>
      )}
    </details>
  );
}
