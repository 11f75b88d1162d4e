import { PasswordConfirm, type Credentials } from '../components/PasswordConfirm';
import { useMe } from '../people/SignIn';
import { useState, type FormEvent } from 'react';
import { openChecklistItems, type IncidentView, type LegalAction, type Plan } from '../../../shared/engine';
import { api } from '../api/client';
import { useLocale, useT } from '../i18n';
import { Dialog, Field } from './Dialog';
import { actionDraftKey, DraftMark, fieldSetter, useDraft } from '../components/Draft';
import { fromShanghaiInput, loadOfficer, toShanghaiInput, unitName, useErrorInfo, type ErrorInfo } from './util';
import { planTexts, type PlanTexts } from '../plans';

/** Transitions that have their own place on the page (facts, checklist, notes, corrections; reports by their event). */
const ELSEWHERE = new Set(['update-facts', 'checklist', 'note', 'correct']);

export interface ActionGroup {
  transition: string;
  event: string;
  label: string;
  /** The transition may happen in the current state (it may still be refused by a rule). */
  inState: boolean;
  variants: LegalAction[];
  allowed: boolean;
}

/** The plan's actions, one group per transition, in the plan's order. */
export function actionGroups(plan: Plan, view: IncidentView): ActionGroup[] {
  const out: ActionGroup[] = [];
  for (const tr of plan.transitions) {
    if (ELSEWHERE.has(tr.id) || tr.event === 'report-filed') continue;
    let variants = view.actions.filter((a) => a.transition === tr.id);
    const inState = tr.from.includes(view.state.state);
    if (!variants.length) {
      if (!inState) continue;
      // No target at all (e.g. de-escalating from IV, 6.4: IV级只能终止响应): still shown, refused with the rule's words.
      const g = tr.guards[0];
      variants = [
        { id: tr.id, transition: tr.id, event: tr.event as LegalAction['event'], label: tr.label, params: {}, allowed: false, requiresReason: false, triggeredBy: tr.triggeredBy ?? [], approvedBy: tr.approvedBy ?? [], clause: g?.clause ?? tr.clause, reason: g?.text ?? tr.label, ...(g?.textEn ? { reasonEn: g.textEn } : {}) },
      ];
    }
    out.push({ transition: tr.id, event: tr.event, label: tr.label, inState, variants, allowed: variants.some((v) => v.allowed) });
  }
  return out;
}

function refusals(g: ActionGroup, tx: PlanTexts): Array<{ text: string; clause: string }> {
  const seen = new Set<string>();
  const out: Array<{ text: string; clause: string }> = [];
  for (const v of g.variants) {
    if (v.allowed || !v.reason) continue;
    const key = `${v.reason}|${v.clause}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ text: tx.reason(v), clause: v.clause });
  }
  return out;
}

/** Only the legal next actions as buttons; each refused one with the rule and clause that refuses it. */
export function ActionsPanel({ plan, view, incidentId, onDone }: { plan: Plan; view: IncidentView; incidentId: string; onDone(): void }) {
  const t = useT();
  const tx = planTexts(plan, useLocale((s) => s.locale) === 'en');
  const [open, setOpen] = useState<ActionGroup | null>(null);
  const groups = actionGroups(plan, view);
  const now = groups.filter((g) => g.inState);
  const other = groups.filter((g) => !g.inState);
  return (
    <section className="actions" aria-labelledby="act-h">
      <h2 id="act-h">{t('inc.actions.heading')}</h2>
      {now.length === 0 && <p className="muted">{t('inc.actions.none')}</p>}
      <ul className="action-list">
        {now.map((g) => (
          <li key={g.transition} className={g.allowed ? 'allowed' : 'refused'} data-testid={`action-${g.transition}`}>
            <button type="button" className={g.allowed ? 'primary' : 'secondary'} disabled={!g.allowed} aria-describedby={g.allowed ? undefined : `why-${g.transition}`} onClick={() => setOpen(g)}>
              {tx.transition(g.transition, g.label)}
              {g.allowed && <DraftMark draftKey={actionDraftKey(incidentId, g.transition)} />}
            </button>
            {!g.allowed && (
              <ul className="why" id={`why-${g.transition}`}>
                {refusals(g, tx).map((r) => (
                  <li key={r.text}>
                    {t('inc.actions.refused')}
                    {r.text}
                    <span className="clause">（{r.clause}）</span>
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
      {other.length > 0 && (
        <details className="other-actions">
          <summary>{t('inc.actions.other', { n: other.length })}</summary>
          <ul>
            {other.map((g) => (
              <li key={g.transition}>
                {tx.transition(g.transition, g.label)}：<span className="muted">{g.variants[0] ? tx.reason(g.variants[0]) : ''}</span>
              </li>
            ))}
          </ul>
        </details>
      )}
      {open && <ActionDialog plan={plan} view={view} group={open} incidentId={incidentId} onClose={() => setOpen(null)} onDone={() => { setOpen(null); onDone(); }} />}
    </section>
  );
}

/** The rule that fixes who may act (谁启动谁终止, 6.4), in the plan's words. */
function sameBodyRule(plan: Plan, transition: string): string | undefined {
  const g = plan.transitions.find((x) => x.id === transition)?.guards.find((x) => x.guard === 'same-body-as-start');
  return g ? `${g.text}（${g.clause}）` : undefined;
}

const LEVEL_EVENTS = new Set(['response-started', 'level-changed']);
const REASON_REQUIRED = new Set(['level-changed', 'expert-evaluation-recorded', 'termination-proposed', 'response-terminated', 'dismissed', 'warning-issued']);

function ActionDialog({ plan, view, group, incidentId, onClose, onDone }: { plan: Plan; view: IncidentView; group: ActionGroup; incidentId: string; onClose(): void; onDone(): void }) {
  const t = useT();
  const en = useLocale((s) => s.locale) === 'en';
  const toError = useErrorInfo();
  const first = group.variants.find((v) => v.allowed && !v.requiresReason) ?? group.variants.find((v) => v.allowed) ?? group.variants[0]!;
  const ev = group.event;
  const triggeredBy = first.mustBeBy ? [first.mustBeBy] : first.triggeredBy;
  // What is typed is a draft (components/Draft.tsx) per incident and action, kept until confirmed or discarded;
  // the time of the action is kept only when typed ('' = now, when the dialog opened).
  const [opened] = useState(() => toShanghaiInput(Date.now()));
  const [d, setD, draft] = useDraft(actionDraftKey(incidentId, group.transition), () => ({
    variantId: first.id,
    by: triggeredBy[0] ?? 'hq',
    approvedBy: first.approvedBy[0] ?? '',
    approver: '',
    at: '',
    reason: '',
    experts: '',
    recommends: true,
    assessedLevel: '',
    assessor: loadOfficer(),
  }));
  const put = fieldSetter(setD);
  const { variantId, by, approvedBy, approver, reason, experts, recommends, assessedLevel, assessor } = d;
  const at = d.at || opened;
  const [setVariantId, setBy, setApprovedBy, setApprover, setAt, setReason, setExperts, setRecommends, setAssessedLevel, setAssessor] = [put('variantId'), put('by'), put('approvedBy'), put('approver'), put('at'), put('reason'), put('experts'), put('recommends'), put('assessedLevel'), put('assessor')];
  const variant = group.variants.find((v) => v.id === variantId) ?? first;
  // The leader's sign-in name and password are never part of the draft: typed on the spot, gone with the dialog.
  const [leader, setLeader] = useState<Credentials>({ login: '', password: '' });
  // A duty leader signed in here confirms the approval themselves; anyone else needs the leader's own password.
  const { me } = useMe();
  const leaderHere = !!me?.roles.includes('duty-leader');
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [busy, setBusy] = useState(false);
  const needsApproval = first.approvedBy.length > 0;
  const tx = planTexts(plan, en);
  const actionLabel = tx.transition(group.transition, group.label);
  const reasonRequired = REASON_REQUIRED.has(ev) || variant.requiresReason;
  const levelName = (l: string) => {
    const d = plan.levels.find((x) => x.id === l);
    return (en ? d?.nameEn : d?.name) ?? l;
  };

  function payload(): Record<string, unknown> {
    const r = reason.trim();
    switch (ev) {
      case 'response-started':
        return { level: variant.params.level, by, ...(approvedBy ? { approvedBy } : {}), ...(r ? { reason: r } : {}) };
      case 'level-changed':
        return { direction: variant.params.direction, to: variant.params.to, by, ...(approvedBy ? { approvedBy } : {}), reason: r };
      case 'assessed':
        return { level: variant.params.level ?? null, by, ...(assessor.trim() ? { assessor: assessor.trim() } : {}), ...(r ? { summary: r } : {}) };
      case 'expert-evaluation-recorded':
        return {
          by,
          experts: experts.split(/[,，、;；\n]/u).map((x) => x.trim()).filter(Boolean),
          conclusion: r,
          recommendsTermination: recommends,
          ...(assessedLevel ? { assessedLevel: assessedLevel === 'none' ? null : assessedLevel } : {}),
        };
      case 'termination-proposed':
      case 'dismissed':
        return { by, reason: r };
      case 'response-terminated':
        return { by, ...(approvedBy ? { approvedBy } : {}), summary: r };
      case 'aftermath-started':
        return { by, ...(r ? { summary: r } : {}) };
      case 'closed':
        // With checklist items still open the text is also the reason the plan asks for (open-items-need-reason).
        return { by, ...(r ? { summary: r } : {}), ...(r && variant.requiresReason ? { reason: r } : {}) };
      case 'warning-issued':
        return { by, summary: r };
      case 'transition':
        return { transition: group.transition, by, ...(approvedBy ? { approvedBy } : {}), ...(r ? { reason: r } : {}) };
      default:
        return { by };
    }
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    const occurredAt = fromShanghaiInput(at);
    if (!occurredAt) return setError({ field: 'occurredAt', message: t('inc.new.err.time') });
    if (reasonRequired && !reason.trim()) return setError({ field: 'payload.reason', message: t('inc.act.err.reason') });
    if (needsApproval && !leaderHere && !leader.login.trim()) return setError({ field: 'approval.login', message: t('inc.act.err.leaderLogin') });
    if (needsApproval && !leaderHere && !leader.password) return setError({ field: 'approval.password', message: t('inc.act.err.leaderPassword') });
    if (ev === 'expert-evaluation-recorded' && !experts.trim()) return setError({ field: 'payload.experts', message: t('inc.act.err.experts') });
    setBusy(true);
    try {
      await api().invoke('console.act', {
        incidentId,
        type: ev,
        payload: payload(),
        occurredAt,
        ...(needsApproval && approvedBy
          ? { approval: { body: approvedBy, ...(approver.trim() ? { name: approver.trim() } : {}), ...(leaderHere ? {} : { login: leader.login.trim(), password: leader.password }) } }
          : {}),
      });
      draft.clear();
      onDone();
    } catch (err) {
      const info = toError(err);
      // A refused password is cleared; a refusal by the plan keeps it, so the leader standing by need not type it again.
      if (info.field?.startsWith('approval') || (err as { body?: { code?: string } })?.body?.code === 'unauthenticated') setLeader({ ...leader, password: '' });
      setError(info); // keep what was typed
    } finally {
      setBusy(false);
    }
  }

  const errAt = (...fields: string[]) => (error && error.field && fields.includes(error.field) ? error.message : null);
  const general = error && !errAt('occurredAt', 'payload.reason', 'payload.summary', 'payload.conclusion', 'approval.name', 'approval.login', 'approval.password', 'payload.experts', 'payload.to', 'payload.level', 'payload.by', 'payload.approvedBy') ? error.message : null;
  const isTerminate = ev === 'response-terminated';
  const evaluation = view.state.evaluation;

  return (
    <Dialog title={actionLabel} onClose={onClose} onSubmit={(e) => void submit(e)} submitLabel={t('inc.act.confirm', { action: actionLabel })} busy={busy} danger={isTerminate || ev === 'dismissed' || ev === 'closed'} testId="action-dialog" draft={draft}>
      {general && (
        <p className="alert alert-error" role="alert" data-testid="action-error">
          {general}
        </p>
      )}
      {LEVEL_EVENTS.has(ev) && (
        <Field id="act-level" label={ev === 'level-changed' ? t('inc.act.toLevel') : t('inc.act.level')} error={errAt('payload.to', 'payload.level')}>
          <select id="act-level" value={variantId} onChange={(e) => setVariantId(e.target.value)}>
            {group.variants.map((v) => {
              const l = v.params.level ?? v.params.to ?? '';
              return (
                <option key={v.id} value={v.id}>
                  {t('inc.levelBadge', { level: l, name: levelName(l) })}
                  {v.allowed ? (v.requiresReason ? t('inc.act.opt.reason') : '') : t('inc.act.opt.refused', { reason: v.reason ?? '' })}
                </option>
              );
            })}
          </select>
        </Field>
      )}
      {LEVEL_EVENTS.has(ev) && (
        <p className="hint">
          {t('inc.act.factsLevel', { level: view.state.factsLevel ?? t('inc.grade.none') })}
          {!variant.allowed && variant.reason && !errAt('payload.to', 'payload.level') && (
            <span className="field-error" data-testid="variant-refusal">
              {' '}
              {tx.reason(variant)}（{variant.clause}）
            </span>
          )}
        </p>
      )}
      {ev === 'assessed' && <p className="hint">{variant.label}</p>}
      {ev === 'closed' && variant.requiresReason && (
        <div className="alert alert-warn" data-testid="close-open-items">
          {t('inc.act.openItems', { n: openChecklistItems(plan, view.state).length })}
          <ul>
            {openChecklistItems(plan, view.state).map((i) => (
              <li key={i.id}>
                {i.text} <span className="muted small">（{i.checklist}）</span>
              </li>
            ))}
          </ul>
        </div>
      )}
      {isTerminate && (
        <div className="evaluation-box">
          <strong>{t('inc.act.evaluation')}</strong>{' '}
          {evaluation ? t('inc.act.evaluation.on', { seq: evaluation.seq, by: unitName(plan, evaluation.by) }) : t('inc.act.evaluation.none')}
        </div>
      )}
      <div className="grid2">
        <Field id="act-by" label={t('inc.act.by')} error={errAt('payload.by')} hint={first.mustBeBy ? sameBodyRule(plan, group.transition) : undefined}>
          <select id="act-by" value={by} onChange={(e) => setBy(e.target.value)} disabled={!!first.mustBeBy}>
            {(triggeredBy.length ? triggeredBy : plan.units.map((u) => u.id)).map((u) => (
              <option key={u} value={u}>
                {unitName(plan, u)}
              </option>
            ))}
          </select>
        </Field>
        <Field id="act-at" label={needsApproval ? t('inc.act.approvedAt') : t('inc.act.at')} error={errAt('occurredAt')}>
          <input id="act-at" type="datetime-local" value={at} onChange={(e) => setAt(e.target.value)} />
        </Field>
        {needsApproval && (
          <Field id="act-approvedBy" label={t('inc.act.approvedBy')} error={errAt('payload.approvedBy')}>
            <select id="act-approvedBy" value={approvedBy} onChange={(e) => setApprovedBy(e.target.value)}>
              {first.approvedBy.map((u) => (
                <option key={u} value={u}>
                  {unitName(plan, u)}
                </option>
              ))}
            </select>
          </Field>
        )}
        {needsApproval && (
          <Field id="act-approver" label={t('inc.act.approver')} error={errAt('approval.name')}>
            <input id="act-approver" value={approver} maxLength={200} placeholder={t('inc.act.approver.ph')} onChange={(e) => setApprover(e.target.value)} />
          </Field>
        )}
        {needsApproval && leaderHere && <p className="hint" data-testid="leader-confirms">{t('inc.act.leaderHere', { name: me!.name })}</p>}
        {needsApproval && !leaderHere && (
          <PasswordConfirm id="act-leader" field="approval" testId="leader-confirm" legend={t('inc.act.leaderConfirm')} loginLabel={t('inc.act.leaderLogin')} passwordLabel={t('inc.act.leaderPassword')} value={leader} onChange={setLeader} errAt={errAt} />
        )}
        {ev === 'assessed' && (
          <Field id="act-assessor" label={t('inc.act.assessor')}>
            <input id="act-assessor" value={assessor} maxLength={500} onChange={(e) => setAssessor(e.target.value)} />
          </Field>
        )}
      </div>
      {ev === 'expert-evaluation-recorded' && (
        <>
          <Field id="act-experts" label={t('inc.act.experts')} error={errAt('payload.experts')}>
            <input id="act-experts" value={experts} placeholder={t('inc.act.experts.ph')} onChange={(e) => setExperts(e.target.value)} />
          </Field>
          <div className="grid2">
            <Field id="act-assessedLevel" label={t('inc.act.assessedLevel')}>
              <select id="act-assessedLevel" value={assessedLevel} onChange={(e) => setAssessedLevel(e.target.value)}>
                <option value="">{t('inc.act.assessedLevel.unset')}</option>
                <option value="none">{t('inc.grade.none')}</option>
                {plan.levels.map((l) => (
                  <option key={l.id} value={l.id}>
                    {t('inc.levelBadge', { level: l.id, name: levelName(l.id) })}
                  </option>
                ))}
              </select>
            </Field>
            <label className="check">
              <input type="checkbox" checked={recommends} onChange={(e) => setRecommends(e.target.checked)} />
              {t('inc.act.recommends')}
            </label>
          </div>
        </>
      )}
      <Field
        id="act-reason"
        label={
          <>
            {t(ev === 'expert-evaluation-recorded' ? 'inc.act.conclusion' : isTerminate ? 'inc.act.terminateReason' : ev === 'assessed' || ev === 'aftermath-started' || ev === 'closed' ? 'inc.act.summary' : 'inc.act.reason')}
            {reasonRequired && <span className="req"> {t('inc.required')}</span>}
          </>
        }
        error={errAt('payload.reason', 'payload.summary', 'payload.conclusion')}
      >
        <textarea id="act-reason" rows={3} value={reason} maxLength={10000} onChange={(e) => setReason(e.target.value)} />
      </Field>
    </Dialog>
  );
}
