import { useState, type FormEvent } from 'react';
import type { HandoverContent, HandoverView as Sheet } from '../../../shared/api';
import { api } from '../api/client';
import { PrintOverlay } from '../components/PrintOverlay';
import { PasswordConfirm, type Credentials } from '../components/PasswordConfirm';
import { formatBeijing, useT } from '../i18n';
import { Field } from '../incidents/Dialog';
import { useErrorInfo, type ErrorInfo } from '../incidents/util';
import { useActorLabel } from '../people/SignIn';
import { useCommand } from '../query/client';

/** 交接班: the sheet drafted from the log, the outgoing officer's signature, the incoming one's, and the signed sheets. */
export function HandoverView() {
  const t = useT();
  const list = useCommand('handover.list', {});
  const waiting = list.data?.handovers.find((h) => h.status === 'awaiting-incoming') ?? null;
  const signed = list.data?.handovers.filter((h) => h.status === 'signed') ?? [];
  const [printing, setPrinting] = useState<Sheet | null>(null);
  return (
    <section aria-labelledby="ho-h" className="handover">
      <h1 id="ho-h" tabIndex={-1}>
        {t('ho.heading')}
      </h1>
      {waiting ? <Accept sheet={waiting} onPrint={() => setPrinting(waiting)} /> : <Start />}
      <h2>{t('ho.history')}</h2>
      <ul data-testid="ho-history">
        {signed.map((h) => (
          <li key={h.id}>
            <SignedLine h={h} />{' '}
            <button type="button" className="secondary" onClick={() => setPrinting(h)}>
              {t('ho.print')}
            </button>
          </li>
        ))}
      </ul>
      {printing && <PrintSheet sheet={printing} onClose={() => setPrinting(null)} />}
    </section>
  );
}

function SignedLine({ h }: { h: Sheet }) {
  const t = useT();
  const who = useActorLabel();
  return <span>{t('ho.signed', { id: h.id, out: who(h.outgoing), outAt: formatBeijing(h.outgoingAt, false), inc: who(h.incoming ?? ''), incAt: formatBeijing(h.incomingAt ?? h.outgoingAt, false) })}</span>;
}

function Signature({ prefix, value, onChange, errAt }: { prefix: 'outgoing' | 'incoming'; value: Credentials; onChange(v: Credentials): void; errAt(f: string): string | null }) {
  const t = useT();
  return <PasswordConfirm id={`ho-${prefix}`} field={prefix} testId={`ho-${prefix}`} legend={t(prefix === 'outgoing' ? 'ho.outgoing' : 'ho.incoming')} loginLabel={t('ho.login')} passwordLabel={t('ho.password')} value={value} onChange={onChange} errAt={errAt} />;
}

function useSign(): { error: ErrorInfo | null; busy: boolean; run(fn: () => Promise<unknown>, clear: () => void): Promise<void>; errAt(f: string): string | null; general: string | null } {
  const toError = useErrorInfo();
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [busy, setBusy] = useState(false);
  async function run(fn: () => Promise<unknown>, clear: () => void) {
    setError(null);
    setBusy(true);
    try {
      await fn();
    } catch (e) {
      clear(); // a password is never kept after a refusal
      setError(toError(e));
    } finally {
      setBusy(false);
    }
  }
  const errAt = (f: string) => (error?.field === f ? error.message : null);
  const general = error && !/^(outgoing|incoming)\./.test(error.field ?? '') ? error.message : null;
  return { error, busy, run, errAt, general };
}

function Start() {
  const t = useT();
  const draft = useCommand('handover.draft', {});
  const [notes, setNotes] = useState('');
  const [sig, setSig] = useState({ login: '', password: '' });
  const s = useSign();
  function submit(e: FormEvent) {
    e.preventDefault();
    void s.run(
      () => api().invoke('handover.start', { notes, outgoing: sig }).then(() => setNotes('')),
      () => setSig({ ...sig, password: '' }),
    );
  }
  return (
    <form className="card" onSubmit={submit} noValidate data-testid="ho-start">
      <h2>{t('ho.draft')}</h2>
      {draft.data && <Contents c={draft.data} />}
      <Field id="ho-notes" label={t('ho.notes')}>
        <textarea id="ho-notes" rows={3} value={notes} maxLength={5000} onChange={(e) => setNotes(e.target.value)} />
      </Field>
      <Signature prefix="outgoing" value={sig} onChange={setSig} errAt={s.errAt} />
      {s.general && (
        <p className="field-error" role="alert">
          {s.general}
        </p>
      )}
      <button type="submit" className="primary" disabled={s.busy}>
        {t('ho.start')}
      </button>
    </form>
  );
}

function Accept({ sheet, onPrint }: { sheet: Sheet; onPrint(): void }) {
  const t = useT();
  const who = useActorLabel();
  const [sig, setSig] = useState({ login: '', password: '' });
  const s = useSign();
  function submit(e: FormEvent) {
    e.preventDefault();
    void s.run(
      () => api().invoke('handover.accept', { id: sheet.id, incoming: sig }),
      () => setSig({ ...sig, password: '' }),
    );
  }
  return (
    <form className="card" onSubmit={submit} noValidate data-testid="ho-accept">
      <h2>{t('ho.waiting', { id: sheet.id, who: who(sheet.outgoing), at: formatBeijing(sheet.outgoingAt, false) })}</h2>
      <Contents c={sheet.content} />
      {sheet.notes && (
        <p>
          <strong>{t('ho.notes')}：</strong>
          {sheet.notes}
        </p>
      )}
      <Signature prefix="incoming" value={sig} onChange={setSig} errAt={s.errAt} />
      {s.general && (
        <p className="field-error" role="alert">
          {s.general}
        </p>
      )}
      <div className="row-actions">
        <button type="submit" className="primary" disabled={s.busy}>
          {t('ho.accept')}
        </button>
        <button type="button" className="secondary" onClick={onPrint}>
          {t('ho.print')}
        </button>
      </div>
    </form>
  );
}

/** The sheet's sections, in the order the next shift needs them. */
function Contents({ c }: { c: HandoverContent }) {
  const t = useT();
  const none = <li className="muted">{t('ho.none')}</li>;
  return (
    <div className="ho-contents" data-testid="ho-contents">
      <h3>{t('ho.incidents')}</h3>
      <ul data-testid="ho-incidents">
        {c.incidents.length
          ? c.incidents.map((i) => (
              <li key={i.id}>
                <span className="mono">{i.id}</span> {i.title} · {i.plan} · {i.state}
                {i.level ? ` · ${t('ho.level', { level: i.level })}` : ''}
                {i.nextDeadline ? ` · ${i.nextDeadline.label} ${formatBeijing(i.nextDeadline.dueAt, false)}${i.nextDeadline.status === 'overdue' ? t('ho.overdue') : ''}` : ''}
              </li>
            ))
          : none}
      </ul>
      <h3>{t('ho.due')}</h3>
      <ul data-testid="ho-due">
        {c.due.length
          ? c.due.map((d) => (
              <li key={`${d.incidentId}:${d.label}`} className={d.phase === 'overdue' ? 'late' : ''}>
                {d.title}：{d.label}（{d.clause}）{formatBeijing(d.dueAt, false)}
                {d.phase === 'overdue' ? t('ho.overdue') : ''}
              </li>
            ))
          : none}
      </ul>
      <h3>{t('ho.openItems')}</h3>
      <ul data-testid="ho-items">{c.openItems.length ? c.openItems.map((x, k) => <li key={k}>{`${x.incidentId} · ${x.checklist}：${x.text}（${x.unitName}）`}</li>) : none}</ul>
      <h3>{t('ho.dutyLog')}</h3>
      <ul data-testid="ho-duty">
        {c.dutyLog.length
          ? c.dutyLog.map((e) => (
              <li key={e.id}>
                {e.typeLabel} {formatBeijing(e.receivedAt, false)}：{e.content}
                {e.openSteps.length ? `（${e.openSteps.map((s) => `${s.label}${s.dueAt ? ` ${formatBeijing(s.dueAt, false)}` : ''}${s.status === 'overdue' ? t('ho.overdue') : ''}`).join('；')}）` : ''}
              </li>
            ))
          : none}
      </ul>
      <h3>{t('ho.permits')}</h3>
      <ul>{c.permits.length ? c.permits.map((p) => <li key={p.id}>{`${p.applicant} · ${p.placeName} · ${formatBeijing(p.windowStart, false)}–${formatBeijing(p.windowEnd, false)}`}</li>) : none}</ul>
      <h3>{t('ho.posture')}</h3>
      <ul>{c.posture.length ? c.posture.map((l, k) => <li key={k}>{`${l.text}（${l.clause}）`}</li>) : none}</ul>
    </div>
  );
}

/** The sheet on paper. */
function PrintSheet({ sheet, onClose }: { sheet: Sheet; onClose(): void }) {
  const t = useT();
  const who = useActorLabel();
  const waiting = t('ho.waiting', { id: sheet.id, who: who(sheet.outgoing), at: formatBeijing(sheet.outgoingAt, false) });
  return (
    <PrintOverlay testId="ho-print" printLabel={t('ho.print')} onClose={onClose}>
      <h1>{t('ho.printTitle')}</h1>
      <p>{waiting.split('，')[0]}</p>
      <Contents c={sheet.content} />
      {sheet.notes && (
        <p>
          <strong>{t('ho.notes')}：</strong>
          {sheet.notes}
        </p>
      )}
      <p className="ho-signatures">{sheet.status === 'signed' ? <SignedLine h={sheet} /> : waiting}</p>
      <p className="hint mono">{t('ho.logHead', { pos: sheet.logHead.pos, hash: sheet.logHead.hash ?? '—' })}</p>
    </PrintOverlay>
  );
}
