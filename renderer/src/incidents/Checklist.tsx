import { useState, type FormEvent } from 'react';
import type { ConsoleEvent } from '../../../shared/api/console';
import type { ChecklistView, IncidentView, Plan } from '../../../shared/engine';
import { api } from '../api/client';
import { DraftBar, DraftMark, fieldSetter, hasDraft, useDraft } from '../components/Draft';
import { formatBeijing, useLocale, useT } from '../i18n';
import { planTexts, type PlanTexts } from '../plans';
import { loadOfficer, saveOfficer, useErrorInfo } from './util';

type Item = ChecklistView['items'][number];

/** Items grouped by working group (2.3) or, outside the groups, by responsible unit — in the plan's order. */
export function groupItems(items: readonly Item[]): Array<{ key: string; title: string; items: Item[] }> {
  const out: Array<{ key: string; title: string; items: Item[] }> = [];
  for (const i of items) {
    const key = i.group ? `g:${i.group}` : `u:${i.unit}`;
    const title = i.groupName ?? i.unitName;
    const g = out.find((x) => x.key === key);
    if (g) g.items.push(i);
    else out.push({ key, title, items: [i] });
  }
  return out;
}

/** The checklist for the incident's state and level; ticking an item is an event with who and when. */
export function ChecklistPanel({ plan, view, incidentId, events, onDone }: { plan: Plan; view: IncidentView; incidentId: string; events: ConsoleEvent[]; onDone(): void }) {
  const t = useT();
  const tx = planTexts(plan, useLocale((s) => s.locale) === 'en');
  const canTick = plan.transitions.some((tr) => tr.event === 'checklist-item-done' && tr.from.includes(view.state.state));
  // The current stage's lists, then lists of earlier stages with items still open (they never vanish unticked).
  const current = [...view.checklists.filter((c) => c.applies), ...view.checklists.filter((c) => c.carried)];
  const earlier = view.checklists.filter((c) => !c.applies && !c.carried && c.items.some((i) => i.done));
  const seqOf = (n: number) => events.find((e) => e.n === n)?.seq ?? n;
  return (
    <section className="checklist" aria-labelledby="cl-h">
      <h2 id="cl-h">{t('inc.cl.heading', { state: tx.state(view.state.state, view.stateLabel) })}</h2>
      {current.length === 0 && <p className="muted">{t('inc.cl.none')}</p>}
      {current.map((c) => (
        <ChecklistBlock key={c.id} c={c} tx={tx} canTick={canTick} incidentId={incidentId} onDone={onDone} seqOf={seqOf} />
      ))}
      {earlier.length > 0 && (
        <details className="earlier">
          <summary>{t('inc.cl.earlier', { n: earlier.length })}</summary>
          {earlier.map((c) => (
            <ChecklistBlock key={c.id} c={c} tx={tx} canTick={false} incidentId={incidentId} onDone={onDone} seqOf={seqOf} />
          ))}
        </details>
      )}
    </section>
  );
}

function ChecklistBlock({ c, tx, canTick, incidentId, onDone, seqOf }: { c: ChecklistView; tx: PlanTexts; canTick: boolean; incidentId: string; onDone(): void; seqOf(n: number): number }) {
  const t = useT();
  const done = c.items.filter((i) => i.done).length;
  return (
    <div className={`cl-block${c.carried ? ' carried' : ''}`} data-testid={`checklist-${c.id}`} data-carried={c.carried ? 'true' : undefined}>
      <h3>
        {tx.checklist(c.id, c.title)} <span className="clause">（{c.clause}）</span> {c.carried && <span className="tag tag-warn">{t('inc.cl.carried')}</span>}{' '}
        <span className={`count${done === c.items.length ? ' all-done' : ''}`}>{t('inc.cl.progress', { done, n: c.items.length })}</span>
      </h3>
      {groupItems(c.items).map((g) => (
        <div key={g.key} className="cl-group">
          <h4>{g.title}</h4>
          <ul>
            {g.items.map((i) => (
              <ChecklistItemRow key={i.id} item={i} text={tx.item(c.id, i.id, i.text)} canTick={canTick} incidentId={incidentId} onDone={onDone} seqOf={seqOf} />
            ))}
          </ul>
        </div>
      ))}
    </div>
  );
}

function ChecklistItemRow({ item, text, canTick, incidentId, onDone, seqOf }: { item: Item; text: string; canTick: boolean; incidentId: string; onDone(): void; seqOf(n: number): number }) {
  const t = useT();
  const toError = useErrorInfo();
  const [open, setOpen] = useState(false);
  // Who and the note are a draft (components/Draft.tsx) per incident and item, kept until ticked or discarded.
  const key = `tick:${incidentId}:${item.id}`;
  const [d, setD, draft] = useDraft(key, () => ({ who: loadOfficer(), note: '' }));
  const put = fieldSetter(setD);
  const { who, note } = d;
  const [setWho, setNote] = [put('who'), put('note')];
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = `cl-${item.id}`;

  async function tick(e: FormEvent) {
    e.preventDefault();
    if (!who.trim()) return setError(t('inc.cl.err.who'));
    setBusy(true);
    setError(null);
    try {
      await api().invoke('console.act', { incidentId, type: 'checklist-item-done', payload: { itemId: item.id, by: who.trim(), unit: item.unit, ...(note.trim() ? { note: note.trim() } : {}) } });
      saveOfficer(who);
      draft.clear();
      setOpen(false);
      onDone();
    } catch (err) {
      setError(toError(err).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <li className={item.done ? 'done' : 'todo'} data-testid={`item-${item.id}`}>
      <span className="box" aria-hidden="true">
        {item.done ? '✓' : '○'}
      </span>
      <div className="item-body">
        <span className="item-text">{text}</span> <span className="clause">（{item.clause ?? ''}）</span>
        <span className="unit-tag">{item.unitName}</span>
        {item.done && (
          <p className="done-by">
            {t('inc.cl.doneBy', { who: item.done.by, at: formatBeijing(item.done.at, false), seq: seqOf(item.done.seq) })}
          </p>
        )}
        {!item.done && canTick && !open && (
          <button type="button" className="small-btn" onClick={() => setOpen(true)} aria-label={`${t('inc.cl.tickAria', { item: text })}${hasDraft(key) ? ` ${t('draft.kept')}` : ''}`}>
            {t('inc.cl.tick')}
            <DraftMark draftKey={key} />
          </button>
        )}
        {open && (
          <form className="tick-form" onSubmit={(e) => void tick(e)} data-testid={`tick-${item.id}`}>
            <DraftBar draft={draft} id="tick" />
            <label htmlFor={`${id}-who`}>{t('inc.cl.who')}</label>
            <input id={`${id}-who`} value={who} autoFocus maxLength={500} onChange={(e) => setWho(e.target.value)} onKeyDown={(e) => e.key === 'Escape' && setOpen(false)} />
            <label htmlFor={`${id}-note`}>{t('inc.cl.note')}</label>
            <input id={`${id}-note`} value={note} maxLength={2000} onChange={(e) => setNote(e.target.value)} onKeyDown={(e) => e.key === 'Escape' && setOpen(false)} />
            <button type="submit" className="primary" disabled={busy}>
              {t('inc.cl.confirm')}
            </button>
            <button type="button" className="secondary" onClick={() => setOpen(false)}>
              {t('inc.cancel')}
            </button>
            {error && (
              <p className="field-error" role="alert">
                {error}
              </p>
            )}
          </form>
        )}
      </div>
    </li>
  );
}
