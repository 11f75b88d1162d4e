import { useMe } from '../people/SignIn';
import { useEffect, useMemo, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { AppError } from '../../../shared/api/errors';
import { uiPlans } from '../plans';
import { FOREIGN_FIELD, FOREIGN_NO, FOREIGN_YES, SECRECY_LEVELS, UNCLASSIFIED, validateReportDraft, type FiledReportView, type Prefill, type ReportKindDef, type ReportsView } from '../../../shared/reports';
import { DraftBar, fieldSetter, useDraft } from '../components/Draft';
import { api } from '../api/client';
import { useT } from '../i18n';

export interface ReportFormProps {
  view: ReportsView;
  kind: string;
  /** The filed report this one corrects (5.1: a correction is a new report pointing at it). */
  correcting?: FiledReportView | undefined;
  onFiled(seq: number): void;
  onCancel(): void;
}

/** The draft key of a report form: incident, kind, and the report it corrects. */
export function reportDraftKey(incidentId: string, kind: string, correctsSeq?: number): string {
  return `report:${incidentId}:${kind}${correctsSeq !== undefined ? `:corrects-${correctsSeq}` : ''}`;
}

interface FormDraft {
  channel: string;
  by: string;
  recipients: string[];
  secrecy: string;
  period: string;
  issuedBy: string;
  occurredAt: string;
  fields: Record<string, string>;
}

/** `fields.victims`, `draft.fields.victims`, `payload.fields.victims` → `fields.victims`. */
function normaliseField(f: string | undefined): string {
  return (f ?? '').replace(/^(draft|payload)\./, '');
}

/** Next to the field the “字段 fields.x：” prefix says nothing the officer does not see. */
function bare(message: string): string {
  return message.replace(/^字段 [\w.]+：/, '').replace(/^field [\w.]+: /, '');
}

function errorText(e: unknown): { field: string; message: string } {
  if (e instanceof AppError) return { field: normaliseField(e.body.field), message: bare(e.body.message) };
  const b = (e as { body?: { message?: string; field?: string } }).body;
  return { field: normaliseField(b?.field), message: bare(b?.message ?? (e as Error).message ?? String(e)) };
}

/**
 * One report form: the plan's content items for the kind (疫苗预案 5.2), channel (5.3), recipients, 密级/保密期限 (5.1).
 * The same validator as the core runs before anything is sent; a confirmation step precedes the irreversible filing;
 * on a refusal the form keeps everything typed and shows the error next to the field.
 */
export function ReportForm({ view, kind, correcting, onFiled, onCancel }: ReportFormProps) {
  const t = useT();
  const defs = correcting ? view.correctionKinds : view.kinds;
  const def = defs.find((k) => k.kind === kind) as ReportKindDef;
  const plan = useMemo(() => uiPlans().get(view.planId, view.planVersion), [view.planId, view.planVersion]);
  const firstWritten = def.channels.find((c) => c.written && !c.confidential) ?? def.channels[0]!;
  // The 5.1 涉外 answer starts from the intake's; a correction from the report it corrects; a new report from the
  // latest report's fields, else the intake's (view.prefill, shared/reports/prefill.ts). Each such field is marked.
  const prefill = useMemo<Record<string, Prefill>>(() => {
    if (!correcting) return view.prefill?.[kind] ?? {};
    const { corrections: _c, ...rest } = correcting.fields;
    return Object.fromEntries(Object.entries(rest).map(([id, value]) => [id, { value, from: 'report' as const, seq: correcting.seq, label: correcting.label }]));
  }, [view.prefill, kind, correcting]);
  // The form is a draft (components/Draft.tsx), kept across navigation, a reload or a crash until filed or discarded.
  const [d, setD, draftState] = useDraft<FormDraft>(reportDraftKey(view.incidentId, kind, correcting?.seq), () => {
    const intake = view.unitedFront.atIntake;
    const fields = Object.fromEntries(Object.entries(prefill).map(([id, p]) => [id, p.value]));
    if (!correcting && def.fields.some((f) => f.input === 'yesno') && intake !== null) fields[FOREIGN_FIELD] = intake ? FOREIGN_YES : FOREIGN_NO;
    return {
      channel: correcting?.channel ?? firstWritten.id,
      by: correcting?.by ?? 'office',
      recipients: correcting ? correcting.recipients.map((r) => r.id) : def.recipients.map((r) => r.id),
      secrecy: correcting?.classification?.level ?? UNCLASSIFIED,
      period: correcting?.classification?.period ?? '',
      // 签发人 (GB/T 9704 7.2.6, printed on a report to a higher body): typed each time until accounts exist (issue 15)
      issuedBy: '',
      occurredAt: '',
      fields,
    };
  });
  const { channel, by, recipients, secrecy, period, issuedBy, occurredAt, fields } = d;
  const put = fieldSetter(setD);
  const setChannel = put('channel');
  const setBy = put('by');
  const setRecipients = put('recipients');
  const setSecrecy = put('secrecy');
  const setPeriod = put('period');
  // 签发 (never part of the draft): the signed-in duty leader themselves, or a leader's own sign-in name and password.
  const { me } = useMe();
  // A duty leader filing signs it themselves unless they untick it (and another leader confirms below).
  const [selfChoice, setSelfSign] = useState<boolean | null>(null);
  const selfSign = selfChoice ?? !!me?.roles.includes('duty-leader');
  const [signLogin, setSignLogin] = useState('');
  const [signPassword, setSignPassword] = useState('');
  const setOccurredAt = put('occurredAt');
  const setFields = put('fields');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [step, setStep] = useState<'edit' | 'confirm' | 'discard' | 'saving'>('edit');
  const dirty = draftState.savedAt !== null;
  const formRef = useRef<HTMLFormElement>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);

  const ch = def.channels.find((c) => c.id === channel);
  const written = ch?.written !== false;
  const classified = secrecy !== UNCLASSIFIED;

  useEffect(() => {
    if (step === 'confirm') confirmRef.current?.focus();
  }, [step]);
  useEffect(() => {
    formRef.current?.querySelector<HTMLElement>('select, input, textarea')?.focus();
  }, []);

  function draft() {
    return {
      kind,
      by,
      channel,
      recipients,
      fields,
      secrecy,
      secrecyPeriod: classified ? period : '',
      issuedBy,
      ...(correcting ? { corrects: correcting.seq } : {}),
    };
  }

  function showError(field: string, message: string) {
    setErrors({ [field]: message });
    const el = formRef.current?.querySelector<HTMLElement>(`[data-field="${CSS.escape(field)}"]`);
    el?.focus();
    if (!el) setGeneral(message);
  }

  function submit(ev?: FormEvent) {
    ev?.preventDefault();
    setErrors({});
    setGeneral(null);
    try {
      validateReportDraft(plan, draft());
    } catch (e) {
      const { field, message } = errorText(e);
      showError(field, message);
      return;
    }
    setStep('confirm');
  }

  async function file() {
    setStep('saving');
    try {
      const at = occurredAt ? `${occurredAt.length === 16 ? `${occurredAt}:00` : occurredAt}+08:00` : undefined;
      const signOff = signLogin.trim() && signPassword ? { signOff: { login: signLogin.trim(), password: signPassword } } : {};
      const r = await api().invoke('reports.file', { incidentId: view.incidentId, draft: { ...draft(), issuedBy: signOff.signOff ? '' : selfSign && me ? me.name : '' }, ...signOff, ...(at ? { occurredAt: at } : {}) });
      draftState.clear();
      onFiled(r.seq);
    } catch (e) {
      const { field, message } = errorText(e);
      setSignPassword('');
      setStep('edit');
      setGeneral(t('rep.form.error', { message }));
      if (field) setErrors({ [field]: message });
    }
  }

  function onKeyDown(e: KeyboardEvent) {
    if (e.key === 'Escape') {
      e.preventDefault();
      if (step === 'confirm' || step === 'discard') setStep('edit');
      else if (dirty) setStep('discard');
      else onCancel();
    } else if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && step === 'edit') {
      e.preventDefault();
      submit();
    }
  }

  const setField = (id: string, v: string) => {
    setErrors((es) => (es[`fields.${id}`] ? {} : es));
    setFields((f) => ({ ...f, [id]: v }));
  };
  const err = (id: string) =>
    errors[id] ? (
      <p className="rep-err" id={`rep-err-${id}`} role="alert">
        {errors[id]}
      </p>
    ) : null;
  const aria = (id: string) => ({ 'data-field': id, 'aria-invalid': errors[id] ? true : undefined, 'aria-describedby': errors[id] ? `rep-err-${id}` : undefined });
  // A field still holding the value it was pre-filled with says where that came from.
  const prefilledMark = (id: string) => {
    const p = prefill[id];
    if (!p || fields[id] !== p.value) return null;
    return (
      <span className="prefill-tag" data-testid={`prefilled-${id}`}>
        {t('draft.prefilled', { from: p.from === 'intake' ? t('draft.from.intake') : t('draft.from.report', { label: p.label, seq: p.seq }) })}
      </span>
    );
  };
  const heading = correcting ? t('rep.form.correction', { seq: correcting.seq, label: def.label }) : t('rep.form.new', { label: def.label });
  const recipientNames = recipients.map((r) => view.units.find((u) => u.id === r)?.name ?? r).join('、');

  return (
    <form ref={formRef} className="rep-form" aria-labelledby="rep-form-h" onSubmit={submit} onKeyDown={onKeyDown} noValidate data-testid="report-form">
      <h3 id="rep-form-h">
        {heading} <span className="clause">（{def.clause}）</span>
      </h3>
      {correcting && <p className="rep-note">{t('rep.form.correctionNote')}</p>}
      <DraftBar draft={draftState} id="report" />
      {general && (
        <div role="alert" className="alert alert-error" data-testid="report-form-error">
          {general}
        </div>
      )}
      <fieldset className="rep-meta" disabled={step !== 'edit'}>
        <label>
          <span>{t('rep.form.channel')}</span>
          <select value={channel} onChange={(e) => setChannel(e.target.value)} {...aria('channel')}>
            {def.channels.map((c) => (
              <option key={c.id} value={c.id}>
                {c.label}
              </option>
            ))}
          </select>
          {err('channel')}
        </label>
        <label>
          <span>{t('rep.form.by')}</span>
          <select value={by} onChange={(e) => setBy(e.target.value)} {...aria('by')}>
            {view.units.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
          {err('by')}
        </label>
        <label>
          <span>{t('rep.form.occurredAt')}</span>
          <input type="datetime-local" value={occurredAt} onChange={(e) => setOccurredAt(e.target.value)} {...aria('occurredAt')} />
          {err('occurredAt')}
        </label>
        <label>
          <span>{t('rep.form.secrecy')}</span>
          <select
            value={secrecy}
            onChange={(e) => {
              setSecrecy(e.target.value);
              // 5.3: 涉密 → 机要渠道; pick it for the officer.
              const conf = def.channels.find((c) => c.confidential);
              if (e.target.value !== UNCLASSIFIED && conf) setChannel(conf.id);
            }}
            {...aria('secrecy')}
          >
            {[UNCLASSIFIED, ...SECRECY_LEVELS].map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
          {err('secrecy')}
        </label>
        {classified && (
          <label>
            <span>
              {t('rep.form.secrecyPeriod')} <span className="req">{t('rep.form.required')}</span>
            </span>
            <input value={period} placeholder="10年" onChange={(e) => setPeriod(e.target.value)} {...aria('secrecyPeriod')} />
            {err('secrecyPeriod')}
          </label>
        )}
        {/* 签发: by the duty leader themselves (signed in here), or with their own password on this screen; never a typed name. */}
        <fieldset className="leader-confirm" data-testid="report-signoff" {...aria('issuedBy')}>
          <legend>{t('rep.form.issuedBy')}</legend>
          {me?.roles.includes('duty-leader') && (
            <label className="check">
              <input type="checkbox" checked={selfSign} onChange={(e) => setSelfSign(e.target.checked)} /> {t('rep.form.signSelf', { name: me.name })}
            </label>
          )}
          {!selfSign && (
            <div className="grid2">
              <label>
                <span>{t('inc.act.leaderLogin')}</span>
                <input value={signLogin} maxLength={40} autoComplete="off" onChange={(e) => setSignLogin(e.target.value)} {...aria('signOff.login')} />
                {err('signOff.login')}
              </label>
              <label>
                <span>{t('inc.act.leaderPassword')}</span>
                <input type="password" value={signPassword} maxLength={200} autoComplete="off" onChange={(e) => setSignPassword(e.target.value)} {...aria('signOff.password')} />
                {err('signOff.password')}
              </label>
            </div>
          )}
          {err('issuedBy')}
        </fieldset>
        <fieldset className="rep-recipients" {...aria('recipients')}>
          <legend>{t('rep.form.recipients')}</legend>
          {def.recipients.map((r) => (
            <label key={r.id} className="check">
              <input
                type="checkbox"
                checked={recipients.includes(r.id)}
                onChange={(e) => {
                  setRecipients((xs) => (e.target.checked ? [...xs, r.id] : xs.filter((x) => x !== r.id)));
                }}
              />
              {r.name}
            </label>
          ))}
          {err('recipients')}
        </fieldset>
      </fieldset>
      {classified && <p className="rep-hint">{t('rep.form.secrecyHint')}</p>}
      {!written && <p className="rep-hint rep-hint-warn">{t('rep.form.phoneHint')}</p>}
      <fieldset className="rep-fields" disabled={step !== 'edit'}>
        {def.fields.map((f, i) => {
          const id = `fields.${f.id}`;
          const req = f.required ? <span className="req">{written ? t('rep.form.required') : t('rep.form.requiredWritten')}</span> : null;
          if (f.input === 'yesno')
            return (
              <fieldset key={f.id} className="rep-yesno" {...aria(id)} tabIndex={-1}>
                <legend>
                  {f.label} {req} <span className="clause">（{f.clause}）</span>
                </legend>
                {[FOREIGN_YES, FOREIGN_NO].map((v) => (
                  <label key={v} className="check">
                    <input type="radio" name={`rep-${f.id}`} value={v} checked={fields[f.id] === v} onChange={() => setField(f.id, v)} />
                    {v === FOREIGN_YES ? t('rep.form.yes') : t('rep.form.no')}
                  </label>
                ))}
                {!correcting && view.unitedFront.atIntake !== null && <span className="muted small">{t('rep.form.atIntake', { answer: view.unitedFront.atIntake ? t('rep.form.yes') : t('rep.form.no') })}</span>}
                {fields[f.id] === FOREIGN_YES && view.unitedFront.applies && (
                  <p className="rep-unitedfront" role="note" data-testid="united-front-prompt">
                    {view.unitedFront.text}（{view.unitedFront.clause}）
                  </p>
                )}
                {err(id)}
              </fieldset>
            );
          return (
            <label key={f.id} className="rep-field">
              <span>
                {correcting ? '' : `${i + 1}. `}
                {f.label} {req}
                {prefilledMark(f.id)}
              </span>
              <textarea rows={f.id === 'corrections' ? 3 : 2} value={fields[f.id] ?? ''} onChange={(e) => setField(f.id, e.target.value)} {...aria(id)} />
              {err(id)}
            </label>
          );
        })}
      </fieldset>
      {step === 'confirm' || step === 'saving' ? (
        <div className="rep-confirm" role="alertdialog" aria-labelledby="rep-confirm-h" aria-describedby="rep-confirm-d">
          <h4 id="rep-confirm-h">{t('rep.form.confirmTitle')}</h4>
          <p id="rep-confirm-d">{t('rep.form.confirmText', { channel: ch?.label ?? channel, recipients: recipientNames })}</p>
          <div className="rep-actions">
            <button type="button" ref={confirmRef} onClick={() => void file()} disabled={step === 'saving'}>
              {step === 'saving' ? t('rep.form.saving') : t('rep.form.confirm')}
            </button>
            <button type="button" className="secondary" onClick={() => setStep('edit')} disabled={step === 'saving'}>
              {t('rep.form.back')}
            </button>
          </div>
        </div>
      ) : step === 'discard' ? (
        <div className="rep-confirm" role="alertdialog" aria-label={t('rep.form.discard')}>
          <p>{t('rep.form.discard')}</p>
          <div className="rep-actions">
            <button type="button" className="danger" onClick={() => (draftState.clear(), onCancel())} autoFocus>
              {t('rep.form.discardYes')}
            </button>
            <button type="button" className="secondary" onClick={() => setStep('edit')}>
              {t('rep.form.discardNo')}
            </button>
          </div>
        </div>
      ) : (
        <div className="rep-actions">
          <button type="submit">{t('rep.form.submit')}</button>
          <button type="button" className="secondary" onClick={() => (dirty ? setStep('discard') : onCancel())}>
            {t('rep.form.cancel')}
          </button>
          <span className="muted small">{t('rep.form.ctrlEnter')}</span>
        </div>
      )}
    </form>
  );
}
