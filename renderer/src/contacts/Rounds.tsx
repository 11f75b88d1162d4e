import { useState } from 'react';
import type { Round } from '../../../shared/api';
import { CHANNELS } from '../../../shared/api/rounds';
import { ExerciseBanner } from '../components/ExerciseMark';
import { api } from '../api/client';
import { formatBeijing, useLocale, useT } from '../i18n';
import { ReasonDialog } from '../components/ReasonDialog';
import { clockText, useNow, useSave } from '../incidents/util';
import { useCommand } from '../query/client';

const OUTCOMES = ['reached', 'no-answer', 'busy', 'receipt'] as const;

/** The incident's notification rounds: the ones its plan asks for, and each recipient called and its outcome. */
export function RoundsTab({ incidentId }: { incidentId: string }) {
  const t = useT();
  const q = useCommand('rounds.list', { incidentId });
  const { error, run } = useSave();
  // An exercise's rounds reach nobody real unless the officer ticks this before opening one.
  const [realContacts, setRealContacts] = useState(false);
  if (!q.data) return null;
  return (
    <section data-testid="rounds">
      {error && (
        <p className="field-error" role="alert">
          {error.message}
        </p>
      )}
      <ExerciseBanner exercise={q.data.exercise} />
      {q.data.exercise && q.data.due.length > 0 && (
        <label>
          <input type="checkbox" checked={realContacts} onChange={(e) => setRealContacts(e.target.checked)} data-testid="round-real" /> {t('rd.exercise.real')}
        </label>
      )}
      {q.data.due.map((d) => (
        <div key={`${d.ruleId}:${d.triggerSeq}`} className="alert alert-warn" data-testid={`round-due-${d.ruleId}`}>
          {t('rd.due', { label: d.label, clause: d.clause, n: d.units.length })}{' '}
          <button type="button" className="primary" onClick={() => void run(() => api().invoke('rounds.open', { incidentId, ruleId: d.ruleId, triggerSeq: d.triggerSeq, realContacts }))}>
            {t('rd.open')}
          </button>
        </div>
      ))}
      {!q.data.due.length && !q.data.rounds.length && <p className="muted">{t('rd.none')}</p>}
      {q.data.rounds.map((r) => (
        <RoundCard key={r.id} r={r} run={run} />
      ))}
    </section>
  );
}

function RoundCard({ r, run }: { r: Round; run(fn: () => Promise<unknown>): Promise<unknown> }) {
  const t = useT();
  const locale = useLocale((s) => s.locale);
  const now = useNow(1000);
  const pending = r.recipients.filter((x) => x.status === 'pending').length;
  const [channel, setChannel] = useState<Channel>('phone');
  const [givingUp, setGivingUp] = useState<Recipient | null>(null);
  const endGivingUp = () => setGivingUp(null);
  return (
    <article className="card" data-testid={`round-${r.id}`}>
      <h3>
        {r.label}（{r.clause}） · {r.completedAt ? t('rd.complete', { at: formatBeijing(r.completedAt, false) }) : t('rd.pending', { n: pending, total: r.recipients.length })}
      </h3>
      <p className="hint" data-testid="round-text">
        {t('rd.text')}：{r.text}
      </p>
      {pending > 0 && (
        <label className="round-channel">
          {t('rd.channel')}{' '}
          <select value={channel} onChange={(e) => setChannel(e.target.value as typeof channel)} data-testid="round-channel">
            {CHANNELS.map((c) => (
              <option key={c} value={c}>
                {t(`rd.channel.${c}`)}
              </option>
            ))}
          </select>
        </label>
      )}
      <table className="table">
        <tbody>
          {r.recipients.map((x) => {
            const callAt = x.callAt ? Date.parse(x.callAt) : null;
            const recall = x.status === 'pending' && x.attempts.length > 0 && callAt !== null;
            const late = recall && now >= callAt!;
            return (
              <tr key={x.id} data-recipient={x.name} data-status={late ? 'recall' : x.status} className={late ? 'late' : ''}>
                <td>{x.name}</td>
                <td>{x.number ? <a href={`tel:${x.number}`}>{x.number}</a> : r.exercise ? <span className="muted">{t('rd.exercise.noNumber')}</span> : <span className="field-error">{t('rd.noNumber')}</span>}</td>
                <td>
                  {x.status === 'reached' && `${t(`rd.outcome.${x.attempts.at(-1)!.outcome}`)}（${t(`rd.channel.${x.attempts.at(-1)!.channel}`)}，${formatBeijing(x.attempts.at(-1)!.at, false)}）`}
                  {x.status === 'given-up' && `${t('rd.gaveUp')}：${x.attempts.at(-1)?.note ?? ''}`}
                  {x.status === 'pending' && x.attempts.length > 0 && `${t(`rd.outcome.${x.attempts.at(-1)!.outcome}`)} · ${late ? t('rd.recallNow') : t('rd.recallIn', { left: clockText(callAt! - now, locale) })}`}
                </td>
                <td className="row-actions">
                  {x.status === 'pending' &&
                    OUTCOMES.map((o) => (
                      <button key={o} type="button" className="secondary" onClick={() => void run(() => api().invoke('rounds.record', { recipientId: x.id, channel, outcome: o }))}>
                        {t(`rd.outcome.${o}`)}
                      </button>
                    ))}
                  {x.status === 'pending' && (
                    <button
                      type="button"
                      className="secondary"
                      onClick={() => setGivingUp(x)}
                    >
                      {t('rd.giveUp')}
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {givingUp && <GiveUpDialog recipient={givingUp} channel={channel} onClose={endGivingUp} />}
    </article>
  );
}

type Recipient = Round['recipients'][number];
type Channel = Recipient['attempts'][number]['channel'];

/** 放弃 a recipient: the reason the core requires (shared/api/rounds.ts: trimmed, at most 1000; not blank when given up). */
function GiveUpDialog({ recipient, channel, onClose }: { recipient: Recipient; channel: Channel; onClose(): void }) {
  const t = useT();
  return (
    <ReasonDialog
      title={t('rd.giveUp.title', { name: recipient.name })}
      label={t('rd.giveUpWhy')}
      required={t('rd.err.giveUpWhy')}
      maxLength={1000}
      submitLabel={t('rd.giveUp.submit')}
      testId="round-give-up-dialog"
      fieldId="round-give-up-note"
      send={(note) => api().invoke('rounds.record', { recipientId: recipient.id, channel, outcome: 'given-up', note })}
      onClose={onClose}
    />
  );
}
