import { DataTable } from '../components/DataTable';
import { useState, type FormEvent } from 'react';
import type { CommandOutput } from '../../../shared/api';
import { CONFIRMER_LABELS, REWARD_KIND_LABELS, REWARD_MAX_YUAN, REWARD_MIN_YUAN, type Confirmer, type RewardKind } from '../../../shared/fire/rewards';
import { api } from '../api/client';
import { DraftMark, fieldSetter, useDraft } from '../components/Draft';
import { formatBeijing, useT } from '../i18n';
import { Dialog, Field } from '../incidents/Dialog';
import { loadOfficer, saveOfficer, useErrorInfo, type ErrorInfo } from '../incidents/util';
import { useCommand } from '../query/client';
import { useUi } from '../store';
import { FIRE_VIEW } from './fires';

type Reward = CommandOutput<'fire.rewards.list'>['rewards'][number];

const STATE_KEYS = { proposed: 'fire.rw.state.proposed', confirmed: 'fire.rw.state.confirmed', paid: 'fire.rw.state.paid', rejected: 'fire.rw.state.rejected' } as const;

function useRewards(incidentId?: string) {
  const toError = useErrorInfo();
  const q = useCommand('fire.rewards.list', incidentId ? { incidentId } : {});
  const rows: Reward[] | null = q.data?.rewards ?? null;
  const error = q.error ? toError(q.error).message : null;
  return { rows, error, load: q.refetch };
}

/** 6(8) rewards of one fire: propose (100–500 yuan), then township and HQ office confirm, then pay. */
export function FireRewards({ incidentId, reporter }: { incidentId: string; reporter: string }) {
  const t = useT();
  const { rows, error, load } = useRewards(incidentId);
  const [proposing, setProposing] = useState(false);
  return (
    <section aria-labelledby="fire-rw-h" className="fire-rewards">
      <div className="head-row">
        <h2 id="fire-rw-h">{t('fire.rw.heading')}</h2>
        <span className="clause">（6(8)）</span>
        <span className="spacer" />
        <button type="button" onClick={() => setProposing(true)}>
          {t('fire.rw.propose')}
          <DraftMark draftKey={proposeDraftKey(incidentId)} />
        </button>
      </div>
      <p className="hint">{t('fire.rw.rule', { min: REWARD_MIN_YUAN, max: REWARD_MAX_YUAN })}</p>
      {error && (
        <p className="alert alert-error" role="alert">
          {error}
        </p>
      )}
      {rows && <RewardTable rows={rows} onChanged={() => void load()} />}
      {proposing && (
        <ProposeDialog
          incidentId={incidentId}
          reporter={reporter}
          onClose={() => setProposing(false)}
          onDone={() => {
            setProposing(false);
            void load();
          }}
        />
      )}
    </section>
  );
}

/** Every reward, newest first, each with its fire and its confirmations (the 奖励 tab of the fire screen). */
export function RewardsList() {
  const t = useT();
  const go = useUi((s) => s.go);
  const { rows, error, load } = useRewards();
  const [filter, setFilter] = useState<'open' | 'all'>('open');
  const shown = (rows ?? []).filter((r) => filter === 'all' || r.state === 'proposed' || r.state === 'confirmed');
  return (
    <section className="panel wide" aria-labelledby="fire-rwl-h">
      <div className="head-row">
        <h2 id="fire-rwl-h">{t('fire.rw.listHeading')}</h2>
        <span className="spacer" />
        <label className="radio">
          <input type="radio" name="rw-filter" checked={filter === 'open'} onChange={() => setFilter('open')} />
          {t('fire.rw.filter.open')}
        </label>
        <label className="radio">
          <input type="radio" name="rw-filter" checked={filter === 'all'} onChange={() => setFilter('all')} />
          {t('fire.rw.filter.all')}
        </label>
      </div>
      <p className="hint">{t('fire.rw.rule', { min: REWARD_MIN_YUAN, max: REWARD_MAX_YUAN })}</p>
      {error && (
        <p className="alert alert-error" role="alert">
          {error}
        </p>
      )}
      {rows && <RewardTable rows={shown} onChanged={() => void load()} onFire={(id) => go(FIRE_VIEW, `fire/${id}`)} />}
    </section>
  );
}

function RewardTable({ rows, onChanged, onFire }: { rows: Reward[]; onChanged(): void; onFire?(id: string): void }) {
  const t = useT();
  const [acting, setActing] = useState<{ r: Reward; action: 'confirm' | 'reject' | 'pay'; by?: Confirmer } | null>(null);
  if (!rows.length) return <p className="empty">{t('fire.rw.empty')}</p>;
  return (
    <>
      <DataTable
        className="fire-table"
        testId="fire-rewards"
        rows={rows}
        rowKey={(r) => r.id}
        rowProps={(r) => ({ 'data-testid': 'fire-reward-row', 'data-state': r.state })}
        columns={[
          ...(onFire
            ? [
                {
                  key: 'fire',
                  header: t('fire.rw.col.fire'),
                  cell: (r: Reward) => (
                    <button type="button" className="linkish mono small" onClick={() => onFire(r.incidentId)}>
                      {r.incidentId}
                    </button>
                  ),
                },
              ]
            : []),
          {
            key: 'who',
            header: t('fire.rw.col.who'),
            cell: (r: Reward) => (
              <>
                <strong>{r.recipientName}</strong>
                {r.recipientPhone && <div className="small muted">{r.recipientPhone}</div>}
              </>
            ),
          },
          {
            key: 'kind',
            header: t('fire.rw.col.kind'),
            className: 'small',
            cell: (r: Reward) => (
              <>
                {r.kindLabel}
                <div className="muted">{r.reason}</div>
              </>
            ),
          },
          { key: 'amount', header: t('fire.rw.col.amount'), className: 'nowrap', cell: (r: Reward) => t('fire.rw.yuan', { n: r.amountYuan }) },
          {
            key: 'confirm',
            header: t('fire.rw.col.confirm'),
            className: 'small',
            cell: (r: Reward) =>
              (['township', 'hq-office'] as const).map((c) => (
                <div key={c} data-testid={`rw-confirm-${c}`}>
                  {r.confirmedBy[c] ? `✓ ${CONFIRMER_LABELS[c]}：${r.confirmedBy[c]!.name}（${formatBeijing(r.confirmedBy[c]!.at, false)}）` : `○ ${CONFIRMER_LABELS[c]}：${t('fire.rw.notYet')}`}
                </div>
              )),
          },
          { key: 'state', header: t('fire.rw.col.state'), cell: (r: Reward) => <span className={`tag rw-${r.state}`}>{t(STATE_KEYS[r.state])}</span> },
          {
            key: 'actions',
            header: t('fire.rw.col.actions'),
            className: 'fire-row-actions',
            cell: (r: Reward) => {
              const open = r.state === 'proposed' || r.state === 'confirmed';
              return (
                <>
                  {open &&
                    (['township', 'hq-office'] as const)
                      .filter((c) => !r.confirmedBy[c])
                      .map((c) => (
                        <button key={c} type="button" className="small-btn" onClick={() => setActing({ r, action: 'confirm', by: c })}>
                          {t('fire.rw.confirmBy', { by: CONFIRMER_LABELS[c] })}
                          <DraftMark draftKey={actDraftKey(r, 'confirm', c)} />
                        </button>
                      ))}
                  {r.state === 'confirmed' && (
                    <button type="button" className="small-btn primary" onClick={() => setActing({ r, action: 'pay' })}>
                      {t('fire.rw.pay')}
                      <DraftMark draftKey={actDraftKey(r, 'pay')} />
                    </button>
                  )}
                  {open && (
                    <button type="button" className="small-btn secondary" onClick={() => setActing({ r, action: 'reject', by: 'hq-office' })}>
                      {t('fire.rw.reject')}
                      <DraftMark draftKey={actDraftKey(r, 'reject', 'hq-office')} />
                    </button>
                  )}
                </>
              );
            },
          },
        ]}
      />
      {acting && (
        <ActDialog
          {...acting}
          onClose={() => setActing(null)}
          onDone={() => {
            setActing(null);
            onChanged();
          }}
        />
      )}
    </>
  );
}

/** The draft keys (components/Draft.tsx) of the reward dialogs: a proposal per fire, a step per reward and button. */
const proposeDraftKey = (incidentId: string) => `reward:propose:${incidentId}`;
const actDraftKey = (r: Reward, action: 'confirm' | 'reject' | 'pay', by?: Confirmer) => `reward:${r.id}:${action}${by ? `:${by}` : ''}`;

function ActDialog({ r, action, by: initialBy, onClose, onDone }: { r: Reward; action: 'confirm' | 'reject' | 'pay'; by?: Confirmer; onClose(): void; onDone(): void }) {
  const t = useT();
  const toError = useErrorInfo();
  const [d, setD, draft] = useDraft(actDraftKey(r, action, initialBy), () => ({ by: initialBy ?? ('township' as Confirmer), name: loadOfficer(), note: '' }));
  const put = fieldSetter(setD);
  const { by, name, note } = d;
  const [setBy, setName, setNote] = [put('by'), put('name'), put('note')];
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [busy, setBusy] = useState(false);
  const title = action === 'confirm' ? t('fire.rw.confirmBy', { by: CONFIRMER_LABELS[by] }) : action === 'pay' ? t('fire.rw.pay') : t('fire.rw.reject');
  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    if (action !== 'pay' && !name.trim()) return setError({ field: 'name', message: t('fire.rw.err.name') });
    setBusy(true);
    try {
      await api().invoke('fire.rewards.act', { id: r.id, action, ...(action !== 'pay' ? { by, name: name.trim() } : {}), ...(note.trim() ? { note: note.trim() } : {}) });
      if (name.trim()) saveOfficer(name);
      draft.clear();
      onDone();
    } catch (err) {
      setError(toError(err));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Dialog title={title} onClose={onClose} onSubmit={(e) => void submit(e)} submitLabel={title} busy={busy} danger={action === 'reject'} testId="fire-reward-dialog" draft={draft}>
      <p>
        {t('fire.rw.for', { who: r.recipientName, n: r.amountYuan })} <span className="muted small">{r.kindLabel}</span>
      </p>
      {error && !['name', 'by'].includes(error.field ?? '') && (
        <p className="alert alert-error" role="alert">
          {error.message}
        </p>
      )}
      {action !== 'pay' && (
        <div className="grid2">
          <Field id="rwa-by" label={t('fire.rw.by')} error={error?.field === 'by' ? error.message : null}>
            <select id="rwa-by" value={by} onChange={(e) => setBy(e.target.value as Confirmer)}>
              {(['township', 'hq-office'] as const).map((c) => (
                <option key={c} value={c}>
                  {CONFIRMER_LABELS[c]}
                </option>
              ))}
            </select>
          </Field>
          <Field id="rwa-name" label={t('fire.rw.name')} error={error?.field === 'name' ? error.message : null}>
            <input id="rwa-name" value={name} maxLength={100} onChange={(e) => setName(e.target.value)} />
          </Field>
        </div>
      )}
      <Field id="rwa-note" label={t('fire.rw.note')}>
        <input id="rwa-note" value={note} maxLength={2000} onChange={(e) => setNote(e.target.value)} />
      </Field>
    </Dialog>
  );
}

function ProposeDialog({ incidentId, reporter, onClose, onDone }: { incidentId: string; reporter: string; onClose(): void; onDone(): void }) {
  const t = useT();
  const toError = useErrorInfo();
  const [d, setD, draft] = useDraft(proposeDraftKey(incidentId), () => ({ kind: 'first-report' as RewardKind, name: reporter.replace(/[\s,，;；].*$/u, ''), phone: '', amount: '', reason: '' }));
  const put = fieldSetter(setD);
  const { kind, name, phone, amount, reason } = d;
  const [setKind, setName, setPhone, setAmount, setReason] = [put('kind'), put('name'), put('phone'), put('amount'), put('reason')];
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [busy, setBusy] = useState(false);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    if (!name.trim()) return setError({ field: 'recipientName', message: t('fire.rw.err.name') });
    const n = Number(amount.trim());
    if (!/^\d+$/.test(amount.trim()) || n < REWARD_MIN_YUAN || n > REWARD_MAX_YUAN) return setError({ field: 'amountYuan', message: t('fire.rw.err.amount', { min: REWARD_MIN_YUAN, max: REWARD_MAX_YUAN }) });
    if (!reason.trim()) return setError({ field: 'reason', message: t('fire.rw.err.reason') });
    setBusy(true);
    try {
      await api().invoke('fire.rewards.propose', { incidentId, kind, recipientName: name.trim(), ...(phone.trim() ? { recipientPhone: phone.trim() } : {}), amountYuan: n, reason: reason.trim() });
      draft.clear();
      onDone();
    } catch (err) {
      setError(toError(err));
    } finally {
      setBusy(false);
    }
  }
  const errAt = (f: string) => (error?.field === f ? error.message : null);
  return (
    <Dialog title={t('fire.rw.propose')} onClose={onClose} onSubmit={(e) => void submit(e)} submitLabel={t('fire.rw.proposeSubmit')} busy={busy} testId="fire-propose-dialog" draft={draft}>
      {error && !['recipientName', 'recipientPhone', 'amountYuan', 'reason', 'kind'].includes(error.field ?? '') && (
        <p className="alert alert-error" role="alert">
          {error.message}
        </p>
      )}
      <Field id="rwp-kind" label={t('fire.rw.kind')} error={errAt('kind')}>
        <select id="rwp-kind" value={kind} onChange={(e) => setKind(e.target.value as RewardKind)}>
          {(Object.keys(REWARD_KIND_LABELS) as RewardKind[]).map((k) => (
            <option key={k} value={k}>
              {REWARD_KIND_LABELS[k]}
            </option>
          ))}
        </select>
      </Field>
      <div className="grid2">
        <Field id="rwp-name" label={t('fire.rw.recipient')} error={errAt('recipientName')}>
          <input id="rwp-name" value={name} maxLength={100} onChange={(e) => setName(e.target.value)} />
        </Field>
        <Field id="rwp-phone" label={t('fire.rw.phone')} error={errAt('recipientPhone')}>
          <input id="rwp-phone" value={phone} maxLength={50} onChange={(e) => setPhone(e.target.value)} />
        </Field>
        <Field id="rwp-amount" label={t('fire.rw.amount', { min: REWARD_MIN_YUAN, max: REWARD_MAX_YUAN })} error={errAt('amountYuan')}>
          <input id="rwp-amount" inputMode="numeric" value={amount} onChange={(e) => setAmount(e.target.value)} />
        </Field>
      </div>
      <Field id="rwp-reason" label={t('fire.rw.reason')} error={errAt('reason')}>
        <textarea id="rwp-reason" rows={2} value={reason} maxLength={2000} onChange={(e) => setReason(e.target.value)} />
      </Field>
    </Dialog>
  );
}
