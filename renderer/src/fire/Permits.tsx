import { useState, type FormEvent } from 'react';
import type { CommandOutput } from '../../../shared/api';
import { PERMIT_KIND_DEFS, PERMIT_KINDS, PERMIT_STATE_LABELS, PERMIT_STATES, permitWarnings, type PermitAction, type PermitKind, type PermitState } from '../../../shared/fire/permits';
import { api } from '../api/client';
import { formatBeijing, useLocale, useT, type MessageKey } from '../i18n';
import { Dialog, Field } from '../incidents/Dialog';
import { fromShanghaiInput, loadOfficer, saveOfficer, toShanghaiInput, useErrorInfo, type ErrorInfo } from '../incidents/util';
import { MapWidget, type MapPoint } from '../map/MapWidget';
import { useMapData } from '../map/store';
import { useCommand } from '../query/client';
import { parseCoord } from './location';

type Permit = CommandOutput<'fire.permits.get'>;

const ACTION_KEYS: Record<PermitAction, MessageKey> = { approve: 'fire.pm.act.approve', refuse: 'fire.pm.act.refuse', activate: 'fire.pm.act.activate', close: 'fire.pm.act.close' };

/** The map draws active permits from fire.permits.list; refresh it when one starts or ends. */
function refreshMap(): void {
  const m = useMapData.getState();
  if (m.status !== 'idle') void m.reload();
}

/** 野外用火审批 (3(2)/3(3)): apply, the list with filters, and one permit's approval steps and warnings. */
export function PermitsPanel() {
  const t = useT();
  const toError = useErrorInfo();
  const [state, setState] = useState<PermitState | ''>('');
  const [kind, setKind] = useState<PermitKind | ''>('');
  const [selected, setSelected] = useState<number | null>(null);
  const [applying, setApplying] = useState(false);
  const list = useCommand('fire.permits.list', { ...(state ? { state } : {}), ...(kind ? { kind } : {}) });
  const rows: Permit[] | null = list.data?.permits ?? null;
  const error = list.error ? toError(list.error).message : null;
  const load = list.refetch;
  const current = rows?.find((p) => p.id === selected) ?? null;

  return (
    <div className="fire-permits">
      <section className="panel wide" aria-labelledby="fire-pm-h">
        <div className="head-row">
          <h2 id="fire-pm-h">{t('fire.pm.heading')}</h2>
          <span className="spacer" />
          <button type="button" className="primary" onClick={() => setApplying(true)}>
            {t('fire.pm.apply')}
          </button>
        </div>
        <div className="row fire-filters">
          <label htmlFor="pm-f-state">{t('fire.pm.filter.state')}</label>
          <select id="pm-f-state" value={state} onChange={(e) => setState(e.target.value as PermitState | '')}>
            <option value="">{t('fire.pm.filter.all')}</option>
            {PERMIT_STATES.map((s) => (
              <option key={s} value={s}>
                {PERMIT_STATE_LABELS[s]}
              </option>
            ))}
          </select>
          <label htmlFor="pm-f-kind">{t('fire.pm.filter.kind')}</label>
          <select id="pm-f-kind" value={kind} onChange={(e) => setKind(e.target.value as PermitKind | '')}>
            <option value="">{t('fire.pm.filter.all')}</option>
            {PERMIT_KINDS.map((k) => (
              <option key={k} value={k}>
                {PERMIT_KIND_DEFS[k].label}
              </option>
            ))}
          </select>
          <span className="muted">{rows ? t('fire.pm.count', { n: rows.length }) : t('fire.loading')}</span>
        </div>
        {error && (
          <p className="alert alert-error" role="alert">
            {error}
          </p>
        )}
        {rows && rows.length === 0 && <p className="empty">{t('fire.pm.empty')}</p>}
        {rows && rows.length > 0 && (
          <table className="fire-table" data-testid="fire-permits">
            <thead>
              <tr>
                <th scope="col">{t('fire.pm.col.no')}</th>
                <th scope="col">{t('fire.pm.col.kind')}</th>
                <th scope="col">{t('fire.pm.col.place')}</th>
                <th scope="col">{t('fire.pm.col.window')}</th>
                <th scope="col">{t('fire.pm.col.authority')}</th>
                <th scope="col">{t('fire.pm.col.state')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((p) => (
                <tr key={p.id} data-testid="fire-permit-row" data-state={p.state} className={selected === p.id ? 'sel' : undefined}>
                  <td>
                    <button type="button" className="linkish" onClick={() => setSelected(p.id)} aria-label={t('fire.pm.openAria', { no: p.id, place: p.placeName })}>
                      #{p.id}
                    </button>
                  </td>
                  <td>{p.kindLabel}</td>
                  <td>
                    {p.placeName}
                    <div className="small muted">{p.applicant}</div>
                  </td>
                  <td className="small nowrap">
                    {formatBeijing(p.windowStart, false)}
                    <br />— {formatBeijing(p.windowEnd, false)}
                  </td>
                  <td className="small">
                    {p.authorityName}
                    {p.assistedBy && <div className="muted">{t('fire.pm.assisted', { by: p.assistedBy })}</div>}
                  </td>
                  <td>
                    <span className={`tag pm-${p.state}`}>{p.stateLabel}</span>
                    {p.warnings.length > 0 && <span className="tag tag-warn">⚠ {t('fire.pm.warnCount', { n: p.warnings.length })}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {current && <PermitDetail p={current} onClose={() => setSelected(null)} onChanged={() => { void load(); refreshMap(); }} />}
      {applying && (
        <ApplyDialog
          onClose={() => setApplying(false)}
          onDone={(p) => {
            setApplying(false);
            setSelected(p.id);
            void load();
          }}
        />
      )}
    </div>
  );
}

function Warnings({ list }: { list: Array<{ code: string; date: string; clause: string; message: string; messageEn: string }> }) {
  const en = useLocale((s) => s.locale) === 'en';
  if (!list.length) return null;
  return (
    <ul className="warnings fire-pm-warn" data-testid="fire-permit-warnings">
      {list.map((w) => (
        <li key={`${w.code}-${w.date}`} data-code={w.code}>
          ⚠ {en ? w.messageEn : w.message}（{w.clause}）
        </li>
      ))}
    </ul>
  );
}

function PermitDetail({ p, onClose, onChanged }: { p: Permit; onClose(): void; onChanged(): void }) {
  const t = useT();
  const [acting, setActing] = useState<PermitAction | null>(null);
  return (
    <section className="panel wide fire-pm-detail" aria-labelledby="fire-pmd-h" data-testid="fire-permit-detail" data-state={p.state}>
      <div className="head-row">
        <h2 id="fire-pmd-h">
          {t('fire.pm.detail', { no: p.id })} {p.kindLabel}：{p.placeName}
        </h2>
        <span className={`tag pm-${p.state}`}>{p.stateLabel}</span>
        <span className="spacer" />
        <button type="button" className="secondary" onClick={onClose}>
          {t('fire.close')}
        </button>
      </div>
      <Warnings list={p.warnings} />
      <dl className="facts fire-pm-facts">
        <dt>{t('fire.pm.authority')}</dt>
        <dd>
          <strong>{p.authorityName}</strong>
          {p.assistedBy && t('fire.pm.assistedBy', { by: p.assistedBy })} <span className="clause">（{p.clause}）</span>
        </dd>
        <dt>{t('fire.pm.applicant')}</dt>
        <dd>
          {p.applicant} {p.applicantPhone}
        </dd>
        <dt>{t('fire.pm.purpose')}</dt>
        <dd>{p.purpose}</dd>
        <dt>{t('fire.pm.window')}</dt>
        <dd>
          {formatBeijing(p.windowStart, false)} — {formatBeijing(p.windowEnd, false)}
        </dd>
        <dt>{t('fire.pm.where')}</dt>
        <dd>
          {p.township && `${p.township} · `}
          {p.placeName} <span className="mono small">{p.lng.toFixed(6)}, {p.lat.toFixed(6)}</span>
        </dd>
        <dt>{t('fire.pm.approver')}</dt>
        <dd>{p.approver ?? '—'}</dd>
      </dl>
      <div className="row fire-pm-actions">
        {p.legalActions.length === 0 && <span className="muted">{t('fire.pm.final')}</span>}
        {p.legalActions.map((a) => (
          <button key={a} type="button" className={a === 'refuse' || a === 'close' ? 'secondary' : 'primary'} onClick={() => setActing(a)} data-testid={`fire-permit-${a}`}>
            {t(ACTION_KEYS[a])}
          </button>
        ))}
      </div>
      <ol className="events fire-pm-events">
        {p.events.map((e) => (
          <li key={e.seq} className="small">
            <span className="muted">{formatBeijing(e.recordedAt, false)}</span> {e.prevState ? `${PERMIT_STATE_LABELS[e.prevState]} → ` : ''}
            <strong>{PERMIT_STATE_LABELS[e.nextState]}</strong> {e.approver && t('fire.pm.by', { who: e.approver })} {e.note && <span className="muted">（{e.note}）</span>}
          </li>
        ))}
      </ol>
      {acting && (
        <PermitActDialog
          p={p}
          action={acting}
          onClose={() => setActing(null)}
          onDone={() => {
            setActing(null);
            onChanged();
          }}
        />
      )}
    </section>
  );
}

function PermitActDialog({ p, action, onClose, onDone }: { p: Permit; action: PermitAction; onClose(): void; onDone(): void }) {
  const t = useT();
  const toError = useErrorInfo();
  const needsApprover = action === 'approve' || action === 'refuse';
  const [approver, setApprover] = useState(loadOfficer());
  const [note, setNote] = useState('');
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [busy, setBusy] = useState(false);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    if (needsApprover && !approver.trim()) return setError({ field: 'approver', message: t('fire.pm.err.approver') });
    if (action === 'refuse' && !note.trim()) return setError({ field: 'note', message: t('fire.pm.err.refuseNote') });
    setBusy(true);
    try {
      await api().invoke('fire.permits.transition', { id: p.id, action, ...(needsApprover ? { approver: approver.trim() } : {}), ...(note.trim() ? { note: note.trim() } : {}) });
      if (needsApprover) saveOfficer(approver);
      onDone();
    } catch (err) {
      setError(toError(err));
    } finally {
      setBusy(false);
    }
  }
  const label = t(ACTION_KEYS[action]);
  return (
    <Dialog title={`${label}：#${p.id} ${p.placeName}`} onClose={onClose} onSubmit={(e) => void submit(e)} submitLabel={label} busy={busy} danger={action === 'refuse' || action === 'close'} testId="fire-permit-dialog">
      {error && !['approver', 'note'].includes(error.field ?? '') && (
        <p className="alert alert-error" role="alert">
          {error.message}
        </p>
      )}
      <Warnings list={action === 'approve' || action === 'activate' ? p.warnings : []} />
      {needsApprover && (
        <Field id="pma-approver" label={t('fire.pm.approverOf', { body: p.authorityName })} error={error?.field === 'approver' ? error.message : null}>
          <input id="pma-approver" value={approver} maxLength={200} onChange={(e) => setApprover(e.target.value)} />
        </Field>
      )}
      <Field id="pma-note" label={action === 'refuse' ? t('fire.pm.refuseNote') : t('fire.pm.note')} error={error?.field === 'note' ? error.message : null}>
        <textarea id="pma-note" rows={2} value={note} maxLength={2000} onChange={(e) => setNote(e.target.value)} />
      </Field>
    </Dialog>
  );
}

interface ApplyForm {
  kind: PermitKind;
  applicant: string;
  applicantPhone: string;
  purpose: string;
  placeName: string;
  township: string;
  lng: string;
  lat: string;
  windowStart: string;
  windowEnd: string;
}

function ApplyDialog({ onClose, onDone }: { onClose(): void; onDone(p: Permit): void }) {
  const t = useT();
  const en = useLocale((s) => s.locale) === 'en';
  const toError = useErrorInfo();
  const start = Date.now() + 3_600_000;
  const [f, setF] = useState<ApplyForm>(() => ({ kind: 'otherFireUse', applicant: '', applicantPhone: '', purpose: '', placeName: '', township: '', lng: '', lat: '', windowStart: toShanghaiInput(start), windowEnd: toShanghaiInput(start + 4 * 3_600_000) }));
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof ApplyForm>(k: K, v: ApplyForm[K]) => setF((x) => ({ ...x, [k]: v }));
  const def = PERMIT_KIND_DEFS[f.kind];
  const ws = fromShanghaiInput(f.windowStart);
  const we = fromShanghaiInput(f.windowEnd);
  const lng = parseCoord(f.lng, 'lng');
  const lat = parseCoord(f.lat, 'lat');
  // The high-risk days (3(2)) are known here; a level-5 day is added by the core from the danger levels on record.
  const preview = ws && we && Date.parse(we) > Date.parse(ws) && Date.parse(we) - Date.parse(ws) <= 90 * 86_400_000 ? permitWarnings(ws, we) : [];

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    const req: Array<[keyof ApplyForm, boolean]> = [
      ['applicant', !!f.applicant.trim()],
      ['purpose', !!f.purpose.trim()],
      ['placeName', !!f.placeName.trim()],
      ['lng', lng !== null],
      ['lat', lat !== null],
      ['windowStart', !!ws],
      ['windowEnd', !!we],
    ];
    const bad = req.find(([, ok]) => !ok);
    if (bad) return setError({ field: bad[0], message: t(bad[0] === 'lng' || bad[0] === 'lat' ? 'fire.new.err.coord' : bad[0].startsWith('window') ? 'fire.new.err.time' : 'fire.pm.err.required') });
    setBusy(true);
    try {
      const p = await api().invoke('fire.permits.apply', {
        kind: f.kind,
        applicant: f.applicant.trim(),
        ...(f.applicantPhone.trim() ? { applicantPhone: f.applicantPhone.trim() } : {}),
        purpose: f.purpose.trim(),
        placeName: f.placeName.trim(),
        ...(f.township.trim() ? { township: f.township.trim() } : {}),
        lng: lng!,
        lat: lat!,
        windowStart: ws!,
        windowEnd: we!,
      });
      onDone(p);
    } catch (err) {
      setError(toError(err)); // the form stays as typed
    } finally {
      setBusy(false);
    }
  }
  const FIELDS = ['kind', 'applicant', 'applicantPhone', 'purpose', 'placeName', 'township', 'lng', 'lat', 'windowStart', 'windowEnd'];
  const errAt = (k: string) => (error?.field === k ? error.message : null);
  const input = (k: keyof ApplyForm, label: MessageKey, props: Record<string, unknown> = {}) => (
    <Field id={`pa-${k}`} label={t(label)} error={errAt(k)}>
      <input id={`pa-${k}`} value={f[k]} aria-invalid={errAt(k) ? true : undefined} onChange={(e) => set(k, e.target.value)} {...props} />
    </Field>
  );
  return (
    <Dialog title={t('fire.pm.apply')} onClose={onClose} onSubmit={(e) => void submit(e)} submitLabel={t('fire.pm.applySubmit')} busy={busy} testId="fire-permit-apply">
      {error && !FIELDS.includes(error.field ?? '') && (
        <p className="alert alert-error" role="alert">
          {error.message}
        </p>
      )}
      <div className="fire-apply-cols">
        <div>
          <Field id="pa-kind" label={t('fire.pm.kind')} error={errAt('kind')}>
            <select id="pa-kind" value={f.kind} onChange={(e) => set('kind', e.target.value as PermitKind)}>
              {PERMIT_KINDS.map((k) => (
                <option key={k} value={k}>
                  {PERMIT_KIND_DEFS[k].label}
                </option>
              ))}
            </select>
          </Field>
          <p className="fire-authority" data-testid="fire-permit-authority">
            {t('fire.pm.approvedBy')}
            <strong>{def.authorityName}</strong>
            {def.assistedBy && t('fire.pm.assistedBy', { by: def.assistedBy })} <span className="clause">（{def.clause}）</span>
          </p>
          <div className="grid2">
            {input('applicant', 'fire.pm.applicant', { maxLength: 200 })}
            {input('applicantPhone', 'fire.pm.phone', { maxLength: 50 })}
            {input('placeName', 'fire.pm.placeName', { maxLength: 500 })}
            {input('township', 'fire.pm.township', { maxLength: 100 })}
            {input('windowStart', 'fire.pm.windowStart', { type: 'datetime-local' })}
            {input('windowEnd', 'fire.pm.windowEnd', { type: 'datetime-local' })}
          </div>
          <Field id="pa-purpose" label={t('fire.pm.purpose')} error={errAt('purpose')}>
            <textarea id="pa-purpose" rows={2} value={f.purpose} maxLength={2000} onChange={(e) => set('purpose', e.target.value)} />
          </Field>
          {preview.length > 0 && (
            <div data-testid="fire-permit-preview">
              {preview.map((w) => (
                <p key={w.date} className="alert alert-error">
                  ⚠ {en ? w.messageEn : w.message}（{w.clause}）
                </p>
              ))}
            </div>
          )}
        </div>
        <div>
          <div className="grid2">
            {input('lng', 'fire.new.lng', { inputMode: 'decimal', placeholder: '112.150000' })}
            {input('lat', 'fire.new.lat', { inputMode: 'decimal', placeholder: '37.585000' })}
          </div>
          <p className="hint">{t('fire.pm.pickHint')}</p>
          <div className="fire-apply-map">
            <MapWidget highlight={lng !== null && lat !== null ? { lng, lat, label: f.placeName || undefined } : null} onPick={(p: MapPoint) => setF((x) => ({ ...x, lng: p.lng.toFixed(6), lat: p.lat.toFixed(6) }))} height={280} statusBar={false} popups={false} />
          </div>
        </div>
      </div>
    </Dialog>
  );
}
