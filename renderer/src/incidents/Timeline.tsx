import { useActorLabel } from '../people/SignIn';
import { useState, type FormEvent } from 'react';
import type { ConsoleEvent } from '../../../shared/api/console';
import type { Plan } from '../../../shared/engine';
import { typeLabel } from './eventLabel';
import { api } from '../api/client';
import { formatBeijing, useLocale, useT } from '../i18n';
import { unitName, useErrorInfo } from './util';
import { DraftBar, useDraft } from '../components/Draft';


/** A fact's value in words: 是/否 for yes/no facts, the plan's label for a judgement. */
function factValue(plan: Plan | null, name: string, v: unknown): string {
  if (v === true) return '是';
  if (v === false) return '否';
  const def = plan?.facts.find((x) => x.name === name);
  if (def?.kind === 'enum') return def.values.find((x) => x.value === v)?.label ?? String(v);
  return String(v);
}

/** One line describing what an event says, from its payload. */
export function eventText(plan: Plan | null, e: ConsoleEvent): string {
  const p = (e.payload ?? {}) as Record<string, unknown>;
  const u = (x: unknown) => unitName(plan, typeof x === 'string' ? x : null);
  const parts: string[] = [];
  const s = (x: unknown) => (typeof x === 'string' && x.trim() ? x : null);
  switch (e.type) {
    case 'incident.opened':
      parts.push(String(p.title ?? ''), `${String(p.planId ?? '')}@${String(p.planVersion ?? '')}`);
      break;
    case 'reported': {
      parts.push(String(p.summary ?? ''));
      if (s(p.source)) parts.push(`来源：${String(p.source)}`);
      const f = (p.facts ?? {}) as Record<string, unknown>;
      const shown = Object.entries(f).filter(([, v]) => v !== 0 && v !== false && v !== 'none' && v !== '');
      if (shown.length) parts.push(shown.map(([k, v]) => `${plan?.facts.find((x) => x.name === k)?.label ?? k}：${factValue(plan, k, v)}`).join('；'));
      if (p.involvesForeigners) parts.push('涉及外宾、华侨、港澳同胞');
      break;
    }
    case 'facts-updated':
    case 'correction': {
      if (e.type === 'correction') parts.push(String(p.text ?? ''));
      const f = (p.facts ?? {}) as Record<string, unknown>;
      if (Object.keys(f).length) parts.push(Object.entries(f).map(([k, v]) => `${plan?.facts.find((x) => x.name === k)?.label ?? k}：${factValue(plan, k, v)}`).join('；'));
      if (s(p.reason)) parts.push(`理由：${String(p.reason)}`);
      break;
    }
    case 'assessed':
      parts.push(`${u(p.by)}：${p.level ? `${String(p.level)}级` : '未达分级标准'}`);
      if (s(p.assessor)) parts.push(String(p.assessor));
      if (s(p.summary)) parts.push(String(p.summary));
      break;
    case 'response-started':
      parts.push(`${String(p.level)}级，${u(p.by)}启动${p.approvedBy ? `，${u(p.approvedBy)}批准` : ''}`);
      if (s(p.reason)) parts.push(`理由：${String(p.reason)}`);
      break;
    case 'level-changed':
      parts.push(`${p.direction === 'escalate' ? '提升' : '降低'}至${String(p.to)}级，${u(p.by)}${p.approvedBy ? `，${u(p.approvedBy)}批准` : ''}`, `理由：${String(p.reason ?? '')}`);
      break;
    case 'expert-evaluation-recorded':
      parts.push(`${u(p.by)}；专家：${Array.isArray(p.experts) ? p.experts.join('、') : ''}`, String(p.conclusion ?? ''), p.recommendsTermination ? '建议终止应急响应' : '不建议终止');
      if (p.assessedLevel !== undefined) parts.push(`评估级别：${p.assessedLevel ? `${String(p.assessedLevel)}级` : '低于分级标准'}`);
      break;
    case 'termination-proposed':
    case 'dismissed':
      parts.push(u(p.by), String(p.reason ?? ''));
      break;
    case 'response-terminated':
      parts.push(`${u(p.by)}终止${p.approvedBy ? `，${u(p.approvedBy)}批准` : ''}`);
      if (s(p.summary)) parts.push(String(p.summary));
      break;
    case 'report-filed': {
      const ob = plan?.obligations.find((o) => o.kind === p.kind);
      const ch = plan?.reportChannels.find((c) => c.id === p.channel);
      parts.push(`${ob?.label ?? String(p.kind)}，${ch?.label ?? String(p.channel)}，报送：${Array.isArray(p.recipients) ? p.recipients.map(u).join('、') : ''}`);
      if (typeof p.correctsReportSeq === 'number') parts.push(`更正此前报告（事件内第${p.correctsReportSeq}号）`);
      break;
    }
    case 'checklist-item-done': {
      const item = plan?.checklists.flatMap((c) => c.items).find((i) => i.id === p.itemId);
      parts.push(`${item?.text ?? String(p.itemId)}`, `${String(p.by)}（${u(p.unit)}）`);
      if (s(p.note)) parts.push(String(p.note));
      break;
    }
    case 'note':
      parts.push(String(p.text ?? ''));
      break;
    default:
      for (const v of Object.values(p)) if (typeof v === 'string') parts.push(u(v));
  }
  return parts.filter(Boolean).join(' · ');
}

/** Every event, oldest first, with both times and who recorded it; notes and corrections are new events. */
export function Timeline({ plan, events, incidentId, canNote, canCorrect, onDone }: { plan: Plan | null; events: ConsoleEvent[]; incidentId: string; canNote: boolean; canCorrect: boolean; onDone(): void }) {
  const t = useT();
  const actorText = useActorLabel();
  const en = useLocale((s) => s.locale) === 'en';
  const toError = useErrorInfo();
  // The note being typed is a draft (components/Draft.tsx), kept until added or discarded.
  const [note, setNote, noteDraft] = useDraft(`note:${incidentId}`, () => '');
  const [error, setError] = useState<string | null>(null);
  const [correcting, setCorrecting] = useState<ConsoleEvent | null>(null);
  const [corrText, setCorrText] = useState('');
  const [corrError, setCorrError] = useState<string | null>(null);
  const correctedBy = new Map<number, number[]>();
  for (const e of events) if (e.corrects !== null) correctedBy.set(e.corrects, [...(correctedBy.get(e.corrects) ?? []), e.seq]);

  async function addNote(ev: FormEvent) {
    ev.preventDefault();
    if (!note.trim()) return setError(t('inc.tl.err.note'));
    try {
      await api().invoke('console.act', { incidentId, type: 'note', payload: { text: note.trim() } });
      noteDraft.discard();
      setError(null);
      onDone();
    } catch (e) {
      setError(toError(e).message);
    }
  }

  async function correct(ev: FormEvent) {
    ev.preventDefault();
    if (!correcting || correcting.n === null) return;
    if (!corrText.trim()) return setCorrError(t('inc.tl.err.correction'));
    try {
      await api().invoke('console.act', { incidentId, type: 'correction', payload: { correctsSeq: correcting.n, text: corrText.trim() }, corrects: correcting.seq });
      setCorrecting(null);
      setCorrText('');
      setCorrError(null);
      onDone();
    } catch (e) {
      setCorrError(toError(e).message);
    }
  }

  return (
    <section className="timeline" aria-labelledby="tl-h">
      <h2 id="tl-h">{t('inc.tl.heading', { n: events.length })}</h2>
      {canNote && (
        <form className="note-form" onSubmit={(e) => void addNote(e)}>
          <label htmlFor="note-text">{t('inc.tl.note')}</label>
          <div className="row">
            <input id="note-text" value={note} maxLength={20000} placeholder={t('inc.tl.note.ph')} onChange={(e) => setNote(e.target.value)} />
            <button type="submit">{t('inc.tl.addNote')}</button>
          </div>
          <DraftBar draft={noteDraft} id="note" />
          {error && (
            <p className="field-error" role="alert">
              {error}
            </p>
          )}
        </form>
      )}
      <ol className="events" data-testid="timeline">
        {events.map((e) => (
          <li key={e.seq} className={`ev ev-${e.type.replace('.', '-')}`} data-testid="timeline-event" data-type={e.type}>
            <div className="ev-head">
              <span className="mono small">#{e.seq}</span> <strong>{typeLabel(e.type, en)}</strong>
              <span className="times">
                {t('inc.tl.occurred')} {formatBeijing(e.occurredAt)} · {t('inc.tl.recorded')} {formatBeijing(e.recordedAt)} · {actorText(e.actor)}
              </span>
            </div>
            <p className="ev-text">{eventText(plan, e)}</p>
            {e.corrects !== null && <p className="corr-ref">{t('inc.tl.corrects', { seq: e.corrects })}</p>}
            {correctedBy.has(e.seq) && <p className="corr-by">{t('inc.tl.correctedBy', { seqs: correctedBy.get(e.seq)!.map((x) => `#${x}`).join('、') })}</p>}
            {canCorrect && e.n !== null && e.type !== 'report-filed' && correcting?.seq !== e.seq && (
              <button type="button" className="small-btn secondary" onClick={() => setCorrecting(e)} aria-label={t('inc.tl.correctAria', { seq: e.seq })}>
                {t('inc.tl.correct')}
              </button>
            )}
            {correcting?.seq === e.seq && (
              <form className="corr-form" onSubmit={(x) => void correct(x)}>
                <label htmlFor="corr-text">{t('inc.tl.correctWhat', { seq: e.seq })}</label>
                <div className="row">
                  <input id="corr-text" autoFocus value={corrText} maxLength={10000} onChange={(x) => setCorrText(x.target.value)} onKeyDown={(x) => x.key === 'Escape' && setCorrecting(null)} />
                  <button type="submit">{t('inc.tl.correctSave')}</button>
                  <button type="button" className="secondary" onClick={() => setCorrecting(null)}>
                    {t('inc.cancel')}
                  </button>
                </div>
                {corrError && (
                  <p className="field-error" role="alert">
                    {corrError}
                  </p>
                )}
              </form>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
