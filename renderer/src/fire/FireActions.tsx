import { useState, type FormEvent } from 'react';
import { openChecklistItems, type IncidentView, type Plan } from '../../../shared/engine';
import { api } from '../api/client';
import { useLocale, useT } from '../i18n';
import { planTexts } from '../plans';
import { actionGroups, type ActionGroup } from '../incidents/Actions';
import { Dialog, Field } from '../incidents/Dialog';
import { actionDraftKey, DraftMark, fieldSetter, useDraft } from '../components/Draft';
import { fromShanghaiInput, toShanghaiInput, unitName, useErrorInfo, type ErrorInfo } from '../incidents/util';

/** The life-cycle steps of the fire plan (facts, reports, checklist, notes have their own places on the page). */
const LIFE_EVENTS = new Set(['transition', 'closed', 'dismissed']);

export function lifeCycleGroups(plan: Plan, view: IncidentView): ActionGroup[] {
  return actionGroups(plan, view).filter((g) => LIFE_EVENTS.has(g.event));
}

/** Only the legal next steps as buttons; a refused one says why, with its clause. */
export function FireActions({ plan, view, incidentId, onDone }: { plan: Plan; view: IncidentView; incidentId: string; onDone(): void }) {
  const t = useT();
  const tx = planTexts(plan, useLocale((s) => s.locale) === 'en');
  const [open, setOpen] = useState<ActionGroup | null>(null);
  const groups = lifeCycleGroups(plan, view);
  const here = groups.filter((g) => g.inState);
  const later = groups.filter((g) => !g.inState);
  return (
    <section className="actions" aria-labelledby="fire-act-h">
      <h2 id="fire-act-h">{t('fire.act.heading', { state: tx.state(view.state.state, view.stateLabel) })}</h2>
      <ol className="fire-stages" aria-label={t('fire.act.stages')}>
        {plan.states
          .filter((s) => s.kind !== 'initial')
          .map((s) => (
            <li key={s.id} className={s.id === view.state.state ? 'on' : undefined} aria-current={s.id === view.state.state ? 'step' : undefined}>
              {tx.state(s.id, s.label)}
            </li>
          ))}
      </ol>
      {here.length === 0 && <p className="muted">{t('fire.act.none')}</p>}
      <ul className="action-list">
        {here.map((g) => (
          <li key={g.transition} className={g.allowed ? 'allowed' : 'refused'} data-testid={`fire-action-${g.transition}`}>
            <button type="button" className={g.allowed ? (g.event === 'closed' || g.event === 'dismissed' ? 'danger' : 'primary') : 'secondary'} disabled={!g.allowed} aria-describedby={g.allowed ? undefined : `fwhy-${g.transition}`} onClick={() => setOpen(g)}>
              {tx.transition(g.transition, g.label)}
              {g.allowed && <DraftMark draftKey={actionDraftKey(incidentId, g.transition)} />}
            </button>
            <span className="clause">（{g.variants[0]?.clause}）</span>
            {!g.allowed && (
              <p className="why" id={`fwhy-${g.transition}`}>
                {t('fire.act.refused')}
                {tx.reason(g.variants.find((v) => v.reason) ?? {})}
              </p>
            )}
          </li>
        ))}
      </ul>
      {later.length > 0 && (
        <details className="other-actions">
          <summary>{t('fire.act.later', { n: later.length })}</summary>
          <ul>
            {later.map((g) => (
              <li key={g.transition} data-testid={`fire-later-${g.transition}`}>
                {tx.transition(g.transition, g.label)}：<span className="muted">{tx.reason(g.variants[0] ?? {})}</span>
              </li>
            ))}
          </ul>
        </details>
      )}
      {open && (
        <StepDialog
          plan={plan}
          view={view}
          group={open}
          incidentId={incidentId}
          onClose={() => setOpen(null)}
          onDone={() => {
            setOpen(null);
            onDone();
          }}
        />
      )}
    </section>
  );
}

function StepDialog({ plan, view, group, incidentId, onClose, onDone }: { plan: Plan; view: IncidentView; group: ActionGroup; incidentId: string; onClose(): void; onDone(): void }) {
  const t = useT();
  const toError = useErrorInfo();
  const v = group.variants.find((x) => x.allowed) ?? group.variants[0]!;
  const bodies = v.mustBeBy ? [v.mustBeBy] : v.triggeredBy.length ? v.triggeredBy : ['hq', 'township', 'office'];
  // What is typed is a draft (components/Draft.tsx), kept until confirmed or discarded; the time only when typed.
  const [opened] = useState(() => toShanghaiInput(Date.now()));
  const [d, setD, draft] = useDraft(actionDraftKey(incidentId, group.transition), () => ({ by: bodies[0]!, at: '', reason: '' }));
  const put = fieldSetter(setD);
  const { by, reason } = d;
  const at = d.at || opened;
  const [setBy, setAt, setReason] = [put('by'), put('at'), put('reason')];
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [busy, setBusy] = useState(false);
  const final = group.event === 'closed' || group.event === 'dismissed';
  const actionLabel = planTexts(plan, useLocale((s) => s.locale) === 'en').transition(group.transition, group.label);
  // Closing with checklist items still open needs a written reason (the plan's open-items-need-reason guard).
  const openItems = group.event === 'closed' && v.requiresReason ? openChecklistItems(plan, view.state) : [];
  const reasonRequired = group.event === 'dismissed' || openItems.length > 0;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    const occurredAt = fromShanghaiInput(at);
    if (!occurredAt) return setError({ field: 'occurredAt', message: t('fire.new.err.time') });
    if (reasonRequired && !reason.trim()) return setError({ field: 'payload.reason', message: t('fire.act.err.reason') });
    const r = reason.trim();
    const payload =
      group.event === 'transition'
        ? { transition: group.transition, by, ...(r ? { reason: r } : {}) }
        : group.event === 'dismissed'
          ? { by, reason: r }
          : { by, ...(r ? { summary: r } : {}), ...(r && openItems.length ? { reason: r } : {}) };
    setBusy(true);
    try {
      await api().invoke('console.act', { incidentId, type: group.event, payload, occurredAt });
      draft.clear();
      onDone();
    } catch (err) {
      setError(toError(err)); // keep what was typed
    } finally {
      setBusy(false);
    }
  }
  const errAt = (...f: string[]) => (error?.field && f.includes(error.field) ? error.message : null);
  const general = error && !errAt('occurredAt', 'payload.reason', 'payload.summary', 'payload.by') ? error.message : null;
  return (
    <Dialog title={actionLabel} onClose={onClose} onSubmit={(e) => void submit(e)} submitLabel={t('fire.act.confirm', { action: actionLabel })} busy={busy} danger={final} testId="fire-step-dialog" draft={draft}>
      {general && (
        <p className="alert alert-error" role="alert">
          {general}
        </p>
      )}
      {final && <p className="alert alert-error">{t('fire.act.finalWarn')}</p>}
      {openItems.length > 0 && (
        <div className="alert alert-warn" data-testid="fire-close-open-items">
          {t('fire.act.openItems', { n: openItems.length })}
          <ul>
            {openItems.map((i) => (
              <li key={i.id}>
                {i.text} <span className="muted small">（{i.checklist}）</span>
              </li>
            ))}
          </ul>
        </div>
      )}
      <div className="grid2">
        <Field id="fs-by" label={t('fire.act.by')} error={errAt('payload.by')}>
          <select id="fs-by" value={by} onChange={(e) => setBy(e.target.value)} disabled={!!v.mustBeBy}>
            {bodies.map((u) => (
              <option key={u} value={u}>
                {unitName(plan, u)}
              </option>
            ))}
          </select>
        </Field>
        <Field id="fs-at" label={t('fire.act.at')} error={errAt('occurredAt')}>
          <input id="fs-at" type="datetime-local" value={at} onChange={(e) => setAt(e.target.value)} />
        </Field>
      </div>
      <Field
        id="fs-reason"
        label={
          <>
            {t(openItems.length ? 'fire.act.openItemsReason' : group.event === 'closed' ? 'fire.act.summary' : 'fire.act.reason')}
            {reasonRequired && <span className="req"> {t('fire.required')}</span>}
          </>
        }
        error={errAt('payload.reason', 'payload.summary')}
      >
        <textarea id="fs-reason" rows={3} value={reason} maxLength={10000} onChange={(e) => setReason(e.target.value)} />
      </Field>
    </Dialog>
  );
}
