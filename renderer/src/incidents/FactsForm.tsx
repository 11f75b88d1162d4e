import { useState, type FormEvent, type ReactNode } from 'react';
import { AppError } from '../../../shared/api/errors';
import { grade, type FactDef, type GradeResult, type Plan } from '../../../shared/engine';
import { useLocale, useT } from '../i18n';
import { api } from '../api/client';
import { DraftBar, useDraft } from '../components/Draft';
import { levelClass, useErrorInfo } from './util';

/** What the officer has typed, per fact: numbers stay text until graded, so "" and "3." can be typed. */
export type FactDraft = Record<string, string | boolean>;

export function emptyDraft(plan: Plan, from?: Record<string, unknown>): FactDraft {
  const d: FactDraft = {};
  for (const f of plan.facts) {
    const v = from?.[f.name];
    if (f.kind === 'boolean') d[f.name] = typeof v === 'boolean' ? v : f.default;
    else if (f.kind === 'enum') d[f.name] = typeof v === 'string' ? v : f.default;
    else if (f.kind === 'text') d[f.name] = typeof v === 'string' ? v : '';
    else d[f.name] = typeof v === 'number' ? String(v) : '';
  }
  return d;
}

/** The draft as facts for the engine: empty counts are omitted (they default to 0), text numbers become numbers. */
export function draftFacts(plan: Plan, d: FactDraft): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of plan.facts) {
    const v = d[f.name];
    if (f.kind === 'count' || f.kind === 'number') {
      const s = String(v ?? '').trim();
      if (s !== '') out[f.name] = /^-?\d+(\.\d+)?$/.test(s) ? Number(s) : s;
    } else if (f.kind === 'text') {
      if (typeof v === 'string' && v.trim()) out[f.name] = v;
    } else out[f.name] = v;
  }
  return out;
}

export interface Graded {
  result: GradeResult | null;
  error: { field?: string; message: string } | null;
}

/** grade() from shared/engine, in the renderer, on every keystroke. */
export function gradeDraft(plan: Plan, d: FactDraft, en: boolean): Graded {
  try {
    return { result: grade(plan, draftFacts(plan, d)), error: null };
  } catch (e) {
    if (e instanceof AppError) return { result: null, error: { field: e.body.field, message: en ? e.body.messageEn : e.body.message } };
    return { result: null, error: { message: String(e) } };
  }
}

/**
 * Updating an incident's facts on record (any plan): the draft graded live, only the changed facts sent, a written
 * reason required, one `facts-updated` event through the core; a refusal is shown at the field it names and the form
 * keeps what was typed. `messages` are the caller's own (already translated) texts for the two local refusals.
 * What is typed is a draft (components/Draft.tsx) per incident, kept across tabs, screens and reloads until saved or
 * discarded: only the facts typed differently from the record and the reason, laid over the facts on record as they
 * are when the form opens (a fact someone else changed meanwhile is not put back by an old draft).
 */
export function useFactsUpdate(plan: Plan, incidentId: string, current: Record<string, unknown>, onDone: () => unknown, messages: { unchanged: string; reasonRequired: string }) {
  const en = useLocale((s) => s.locale) === 'en';
  const toError = useErrorInfo();
  const base = emptyDraft(plan, current);
  const [kept, setKept, draftState] = useDraft(`facts:${incidentId}`, () => ({ changes: {} as FactDraft, reason: '' }));
  const draft: FactDraft = { ...base, ...kept.changes };
  const setDraft = (d: FactDraft) => setKept((k) => ({ ...k, changes: Object.fromEntries(Object.entries(d).filter(([n, v]) => v !== base[n])) }));
  const reason = kept.reason;
  const setReason = (r: string) => setKept((k) => ({ ...k, reason: r }));
  const [error, setError] = useState<{ field?: string; message: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const graded = gradeDraft(plan, draft, en);
  const changed = Object.fromEntries(Object.entries(draftFacts(plan, draft)).filter(([k, val]) => current[k] !== val));

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    if (graded.error) return setError(graded.error);
    if (Object.keys(changed).length === 0) return setError({ message: messages.unchanged });
    if (!reason.trim()) return setError({ field: 'reason', message: messages.reasonRequired });
    setBusy(true);
    try {
      await api().invoke('console.act', { incidentId, type: 'facts-updated', payload: { facts: changed, reason: reason.trim() } });
      // Filed: the form starts again from the facts on record, once they have been read again (discarded before, the
      // fields showed the old facts until the incident came back).
      await Promise.resolve(onDone()).catch(() => undefined);
      draftState.discard();
    } catch (err) {
      const info = toError(err);
      setError({ field: info.field?.replace(/^payload\.facts\./, ''), message: info.message });
    } finally {
      setBusy(false);
    }
  }
  return { draft, setDraft, reason, setReason, error, busy, graded, submit, draftState };
}

function label(f: FactDef, en: boolean): string {
  return en && f.labelEn ? f.labelEn : f.label;
}

/** The plan's fact definitions as inputs, in the plan's own words; the reason field appears with a judgement. */
export function FactsFields({ plan, draft, onChange, error, idPrefix }: { plan: Plan; draft: FactDraft; onChange(d: FactDraft): void; error: { field?: string; message: string } | null; idPrefix: string }) {
  const t = useT();
  const en = useLocale((s) => s.locale) === 'en';
  const set = (name: string, v: string | boolean) => onChange({ ...draft, [name]: v });
  const reasonOf = new Map(plan.facts.flatMap((f) => (f.kind === 'enum' && f.requiresReason ? [[f.requiresReason.fact, f] as const] : [])));
  return (
    <div className="facts-form">
      {plan.facts.map((f) => {
        const id = `${idPrefix}-${f.name}`;
        const owner = reasonOf.get(f.name);
        if (owner && (draft[owner.name] === undefined || (owner.kind === 'enum' && owner.requiresReason?.except.includes(String(draft[owner.name]))))) return null;
        const err = error?.field === f.name || error?.field?.endsWith(`.${f.name}`) ? error.message : null;
        const errId = err ? `${id}-err` : undefined;
        const common = { id, 'aria-invalid': err ? true : undefined, 'aria-describedby': errId } as const;
        return (
          <div key={f.name} className={`fact fact-${f.kind}`}>
            {f.kind === 'boolean' ? (
              <label className="check" htmlFor={id}>
                <input type="checkbox" {...common} checked={draft[f.name] === true} onChange={(e) => set(f.name, e.target.checked)} />
                {label(f, en)} <span className="clause">（{f.clause}）</span>
              </label>
            ) : (
              <>
                <label htmlFor={id}>
                  {label(f, en)} <span className="clause">（{f.clause}）</span>
                  {owner && <span className="req"> {t('inc.required')}</span>}
                </label>
                {f.kind === 'enum' ? (
                  <select {...common} value={String(draft[f.name])} onChange={(e) => set(f.name, e.target.value)}>
                    {f.values.map((v) => (
                      <option key={v.value} value={v.value}>
                        {en && v.labelEn ? v.labelEn : v.label}
                      </option>
                    ))}
                  </select>
                ) : f.kind === 'text' ? (
                  <textarea {...common} rows={2} maxLength={f.maxLength} required={!!owner} value={String(draft[f.name] ?? '')} onChange={(e) => set(f.name, e.target.value)} />
                ) : (
                  <div className="num">
                    <input {...common} type="text" inputMode="numeric" placeholder={f.kind === 'number' && f.optional ? t('inc.fact.unknown') : '0'} value={String(draft[f.name] ?? '')} onChange={(e) => set(f.name, e.target.value)} />
                    {'unit' in f && f.unit && <span className="unit">{f.unit}</span>}
                  </div>
                )}
              </>
            )}
            {err && (
              <p id={errId} className="field-error" role="alert">
                {err}
              </p>
            )}
          </div>
        );
      })}
      {error && !plan.facts.some((f) => error.field === f.name || error.field?.endsWith(`.${f.name}`)) && (
        <p className="field-error" role="alert">
          {error.message}
        </p>
      )}
    </div>
  );
}

/** The level the facts give, live: the badge in the plan's colour, the clauses that decided it, the nearest threshold. */
export function GradePanel({ plan, graded }: { plan: Plan; graded: Graded }) {
  const t = useT();
  const en = useLocale((s) => s.locale) === 'en';
  const g = graded.result;
  return (
    <section className="grade-panel" aria-live="polite" aria-labelledby="grade-h" data-testid="grade-panel">
      <h2 id="grade-h">{t('inc.grade.heading')}</h2>
      {!g ? (
        <p className="muted">{t('inc.grade.fixFacts')}</p>
      ) : (
        <>
          <p className="grade-level">
            <span className={levelClass(g.level)} data-testid="grade-level">
              {g.level ? t('inc.levelBadge', { level: g.level, name: en ? (plan.levels.find((l) => l.id === g.level)?.nameEn ?? g.levelName ?? '') : (g.levelName ?? '') }) : t('inc.grade.none')}
            </span>
          </p>
          {g.criteria.length > 0 && (
            <ul className="criteria" data-testid="grade-criteria">
              {g.criteria.map((c) => (
                <li key={c.id}>
                  <span className={levelClass(c.level)}>{c.level}</span> {c.text} <span className="clause">（{c.clause}）</span>
                  {c.verified === 'unverified' && (
                    <span className="tag tag-warn" title={t('inc.grade.unverifiedTitle')}>
                      {t('inc.grade.unverified')}
                    </span>
                  )}
                </li>
              ))}
            </ul>
          )}
          {!g.level && g.notGraded && (
            <p className="muted" data-testid="grade-not-graded">
              {g.notGraded.text}
              {g.notGraded.clause ? `（${g.notGraded.clause}）` : ''}
            </p>
          )}
          {plan.presentation.gradeNote && <p className="muted small">{plan.presentation.gradeNote}</p>}
          {g.nearest && (
            <p className="nearest" data-testid="grade-nearest">
              {t('inc.grade.nearest')}
              {en ? g.nearest.textEn : g.nearest.text}
            </p>
          )}
          {g.blocked.length > 0 && (
            <ul className="blocked">
              {g.blocked.map((b) => (
                <li key={b.id}>{t('inc.grade.blocked', { level: b.level, clause: b.clause, requires: b.requires })}</li>
              ))}
            </ul>
          )}
          {g.flags.map((f) => (
            <p key={f.id} className="flag">
              ⚑ {f.text}（{f.clause}）
            </p>
          ))}
        </>
      )}
    </section>
  );
}

export interface FactsTabTexts {
  heading: string;
  reason: string;
  required: string;
  save: string;
  unchanged: string;
  reasonRequired: string;
}

/**
 * The facts on record, edited and re-graded live by the incident's pinned plan, saved with a reason as a facts-updated
 * event: one component for the incident page and the fire page (`hint` above the fields, `aside` beside the grade).
 */
export function FactsTab({
  plan,
  incidentId,
  facts,
  canUpdate,
  onDone,
  texts,
  idPrefix,
  testId,
  hint,
  aside,
}: {
  plan: Plan;
  incidentId: string;
  facts: Record<string, unknown>;
  canUpdate: boolean;
  /** Reads the incident again (the draft is discarded when it resolves). */
  onDone(): unknown;
  texts: FactsTabTexts;
  idPrefix: string;
  testId?: string;
  hint?: ReactNode;
  aside?: (graded: Graded, draft: FactDraft) => ReactNode;
}) {
  const { draft, setDraft, reason, setReason, error, busy, graded, submit, draftState } = useFactsUpdate(plan, incidentId, facts, onDone, { unchanged: texts.unchanged, reasonRequired: texts.reasonRequired });
  return (
    <div className="facts-tab">
      <form onSubmit={(e) => void submit(e)} noValidate className="facts-update" data-testid={testId}>
        <h2>{texts.heading}</h2>
        {canUpdate && <DraftBar draft={draftState} id="facts" />}
        {hint}
        <FactsFields plan={plan} draft={draft} onChange={setDraft} error={error && error.field !== 'reason' ? error : graded.error} idPrefix={idPrefix} />
        {canUpdate && (
          <>
            <div className="field">
              <label htmlFor={`${idPrefix}-reason`}>
                {texts.reason} <span className="req">{texts.required}</span>
              </label>
              <textarea id={`${idPrefix}-reason`} rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />
              {error?.field === 'reason' && (
                <p className="field-error" role="alert">
                  {error.message}
                </p>
              )}
            </div>
            <button type="submit" className="primary" disabled={busy}>
              {texts.save}
            </button>
          </>
        )}
      </form>
      <div>
        <GradePanel plan={plan} graded={graded} />
        {aside?.(graded, draft)}
      </div>
    </div>
  );
}
