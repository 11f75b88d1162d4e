import { useState, type FormEvent } from 'react';
import type { CommandOutput } from '../../../shared/api';
import { kindRule, PERMIT_KIND_DEFS, PERMIT_KIND_EN, PERMIT_KINDS, PERMIT_STATE_LABELS, PERMIT_STATES, penaltyText, permitRegime, type PermitAction, type PermitKind, type PermitState } from '../../../shared/fire/permits';
import { permitCheck, type PermitZone } from '../../../shared/fire/permitCheck';
import { api } from '../api/client';
import { formatBeijing, useLocale, useT, type MessageKey } from '../i18n';
import { Dialog, Field } from '../incidents/Dialog';
import { fromShanghaiInput, toShanghaiInput, useErrorInfo, type ErrorInfo } from '../incidents/util';
import { DataTable } from '../components/DataTable';
import { MapWidget, type MapPoint } from '../map/MapWidget';
import { useMapData } from '../map/store';
import { useCommand } from '../query/client';
import { parseCoord } from './location';
import { DraftMark, fieldSetter, useDraft } from '../components/Draft';

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
          <DataTable
            className="fire-table"
            testId="fire-permits"
            rows={rows}
            rowKey={(p) => p.id}
            rowProps={(p) => ({ 'data-testid': 'fire-permit-row', 'data-state': p.state, className: selected === p.id ? 'sel' : undefined })}
            columns={[
              {
                key: 'no',
                header: t('fire.pm.col.no'),
                cell: (p) => (
                  <button type="button" className="linkish" onClick={() => setSelected(p.id)} aria-label={t('fire.pm.openAria', { no: p.id, place: p.placeName })}>
                    #{p.id}
                  </button>
                ),
              },
              { key: 'kind', header: t('fire.pm.col.kind'), cell: (p) => p.kindLabel },
              {
                key: 'place',
                header: t('fire.pm.col.place'),
                cell: (p) => (
                  <>
                    {p.placeName}
                    <div className="small muted">{p.applicant}</div>
                  </>
                ),
              },
              {
                key: 'window',
                header: t('fire.pm.col.window'),
                className: 'small nowrap',
                cell: (p) => (
                  <>
                    {formatBeijing(p.windowStart, false)}
                    <br />— {formatBeijing(p.windowEnd, false)}
                  </>
                ),
              },
              {
                key: 'authority',
                header: t('fire.pm.col.authority'),
                className: 'small',
                cell: (p) => (
                  <>
                    {p.authorityName}
                    {p.assistedBy && <div className="muted">{t('fire.pm.assisted', { by: p.assistedBy })}</div>}
                  </>
                ),
              },
              {
                key: 'state',
                header: t('fire.pm.col.state'),
                cell: (p) => (
                  <>
                    <span className={`tag pm-${p.state}`}>{p.stateLabel}</span>
                    {p.warnings.length > 0 && <span className="tag tag-warn">⚠ {t('fire.pm.warnCount', { n: p.warnings.length })}</span>}
                  </>
                ),
              },
            ]}
          />
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

function Blocks({ list }: { list: Permit['blocks'] }) {
  const en = useLocale((s) => s.locale) === 'en';
  if (!list.length) return null;
  return (
    <ul className="warnings fire-pm-blocks" data-testid="fire-permit-blocks">
      {list.map((b) => (
        <li key={b.code} data-code={b.code} className="alert alert-error">
          {en ? b.messageEn : b.message}（{b.clause}）
        </li>
      ))}
    </ul>
  );
}

/** Every approval a permit needs, its kind's own first, each with the article that names the body. */
function Approvals({ list, assistedBy }: { list: Pick<Permit['approvals'][number], 'id' | 'authorityName' | 'clause' | 'reason' | 'reasonEn'>[]; assistedBy: string | null }) {
  const t = useT();
  const en = useLocale((s) => s.locale) === 'en';
  return (
    <ul className="plain">
      {list.map((a) => (
        <li key={a.id} data-approval={a.id}>
          <strong>{a.authorityName}</strong>
          {a.id === 'kind' && assistedBy && t('fire.pm.assistedBy', { by: assistedBy })} <span className="clause">（{a.clause}）</span>
          {a.id !== 'kind' && <span className="small">{t('fire.pm.alsoFor', { why: en ? a.reasonEn : a.reason })}</span>}
        </li>
      ))}
    </ul>
  );
}

function Superseded({ s }: { s: Permit['supersededCounty'] }) {
  const en = useLocale((x) => x.locale) === 'en';
  if (!s) return null;
  return (
    <p className="small muted" data-testid="fire-permit-superseded">
      {en ? s.noteEn : s.note}
    </p>
  );
}

function Penalties({ list }: { list: Array<{ article: string; zh: string; en: string }> }) {
  const t = useT();
  const en = useLocale((s) => s.locale) === 'en';
  if (!list.length) return null;
  return (
    <div className="fire-pm-penalties" data-testid="fire-permit-penalties">
      <h3 className="small">{t('fire.pm.penalties')}</h3>
      <ul className="small">
        {list.map((x) => (
          <li key={x.article}>{en ? x.en : x.zh}</li>
        ))}
      </ul>
    </div>
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
      <Blocks list={p.blocks} />
      <Warnings list={p.warnings} />
      <dl className="facts fire-pm-facts">
        <dt>{t('fire.pm.basis')}</dt>
        <dd data-testid="fire-permit-basis">{p.basis}</dd>
        <dt>{t('fire.pm.authority')}</dt>
        <dd data-testid="fire-permit-approvals">
          <Approvals list={p.approvals} assistedBy={p.assistedBy} />
          <Superseded s={p.supersededCounty} />
        </dd>
        {p.zones.length > 0 && (
          <>
            <dt>{t('fire.pm.zones')}</dt>
            <dd data-testid="fire-permit-zones">{p.zones.join('、')}</dd>
          </>
        )}
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
      <Penalties list={p.penalties} />
      <div className="row fire-pm-actions">
        {p.legalActions.length === 0 && <span className="muted">{t('fire.pm.final')}</span>}
        {p.legalActions.map((a) => {
          // 开始用火 only inside the approved window; the core refuses it too (rule permit-window)
          const outside = a === 'activate' && p.windowStatus !== 'inside';
          return (
            <button key={a} type="button" className={a === 'refuse' || a === 'close' ? 'secondary' : 'primary'} onClick={() => setActing(a)} data-testid={`fire-permit-${a}`} disabled={outside} aria-describedby={outside ? 'pm-window-why' : undefined}>
              {t(ACTION_KEYS[a])}
              <DraftMark draftKey={stepDraftKey(p, a)} />
            </button>
          );
        })}
        {p.state === 'approved' && p.windowStatus !== 'inside' && (
          <span id="pm-window-why" className="muted" data-testid="fire-permit-window-why">
            {t(p.windowStatus === 'before' ? 'fire.pm.window.before' : 'fire.pm.window.after')}
          </span>
        )}
        {p.state === 'active' && p.windowStatus === 'after' && <span className="tag tag-warn">{t('fire.pm.window.overrun')}</span>}
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

/** The draft key (components/Draft.tsx) of a step on a permit: the permit and the step. */
const stepDraftKey = (p: Permit, action: PermitAction) => `permit:${p.id}:${action}`;

function PermitActDialog({ p, action, onClose, onDone }: { p: Permit; action: PermitAction; onClose(): void; onDone(): void }) {
  const t = useT();
  const toError = useErrorInfo();
  const needsApprover = action === 'approve' || action === 'refuse';
  // Typed each time and recorded with the step; never pre-filled from the last name typed (a signing person needs
  // accounts: issue 15). What is typed for this permit and step is a draft, kept until done or discarded.
  const [d, setD, draft] = useDraft(stepDraftKey(p, action), () => ({ approver: '', note: '', confirmed: [] as string[] }));
  const put = fieldSetter(setD);
  const { approver, note } = d;
  const confirmed = new Set(d.confirmed);
  const [setApprover, setNote] = [put('approver'), put('note')];
  const extra = action === 'approve' ? p.approvals.filter((a) => a.id !== 'kind') : [];
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [busy, setBusy] = useState(false);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    if (needsApprover && !approver.trim()) return setError({ field: 'approver', message: t('fire.pm.err.approver') });
    if (action === 'refuse' && !note.trim()) return setError({ field: 'note', message: t('fire.pm.err.refuseNote') });
    const missing = extra.find((a) => !confirmed.has(a.id));
    if (missing) return setError({ field: 'approvals', message: t('fire.pm.err.approvals', { body: missing.authorityName, clause: missing.clause }) });
    setBusy(true);
    try {
      await api().invoke('fire.permits.transition', {
        id: p.id,
        action,
        ...(needsApprover ? { approver: approver.trim() } : {}),
        ...(note.trim() ? { note: note.trim() } : {}),
        ...(action === 'approve' ? { approvals: ['kind' as const, ...extra.filter((a) => confirmed.has(a.id)).map((a) => a.id)] } : {}),
      });
      draft.clear();
      onDone();
    } catch (err) {
      setError(toError(err));
    } finally {
      setBusy(false);
    }
  }
  const label = t(ACTION_KEYS[action]);
  return (
    <Dialog title={`${label}：#${p.id} ${p.placeName}`} onClose={onClose} onSubmit={(e) => void submit(e)} submitLabel={label} busy={busy} danger={action === 'refuse' || action === 'close'} testId="fire-permit-dialog" draft={draft}>
      {error && !['approver', 'note', 'approvals'].includes(error.field ?? '') && (
        <p className="alert alert-error" role="alert">
          {error.message}
        </p>
      )}
      <Warnings list={action === 'approve' || action === 'activate' ? p.warnings : []} />
      {extra.length > 0 && (
        <fieldset className="fire-pm-extra" data-testid="fire-permit-extra-approvals">
          <legend>{t('fire.pm.extraLegend')}</legend>
          {extra.map((a) => (
            <label key={a.id} className="check">
              <input
                type="checkbox"
                data-testid={`fire-permit-approval-${a.id}`}
                checked={confirmed.has(a.id)}
                onChange={(e) => put('confirmed')((s) => (e.target.checked ? [...s.filter((x) => x !== a.id), a.id] : s.filter((x) => x !== a.id)))}
              />
              {t('fire.pm.extraItem', { body: a.authorityName, clause: a.clause, why: a.reason })}
            </label>
          ))}
          {error?.field === 'approvals' && (
            <p className="field-error" role="alert">
              {error.message}
            </p>
          )}
        </fieldset>
      )}
      {needsApprover && (
        <Field id="pma-approver" label={t('fire.pm.approverOf', { body: p.authorityName })} error={error?.field === 'approver' ? error.message : null}>
          <input id="pma-approver" value={approver} maxLength={200} autoComplete="off" onChange={(e) => setApprover(e.target.value)} aria-describedby="pma-approver-hint" />
          <span id="pma-approver-hint" className="hint">
            {t('fire.pm.approverHint')}
          </span>
        </Field>
      )}
      <Field id="pma-note" label={action === 'refuse' ? t('fire.pm.refuseNote') : t('fire.pm.note')} error={error?.field === 'note' ? error.message : null}>
        <textarea id="pma-note" rows={2} value={note} maxLength={2000} onChange={(e) => setNote(e.target.value)} />
      </Field>
    </Dialog>
  );
}

/** The control zones (3(1)) a typed or picked place lies in, from the core's zones layer. */
function usePlaceZones(lng: number | null, lat: number | null): PermitZone[] {
  const q = useCommand('map.zones', lng === null || lat === null ? null : { lng, lat });
  return lng === null || lat === null || !q.data ? [] : q.data.map((x) => ({ name: x.name, kind: x.kind }));
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
  // The application is a draft (components/Draft.tsx), kept across navigation and reloads until filed or discarded.
  const [f, setF, draft] = useDraft<ApplyForm>('permit:apply', () => ({ kind: 'otherFireUse', applicant: '', applicantPhone: '', purpose: '', placeName: '', township: '', lng: '', lat: '', windowStart: toShanghaiInput(start), windowEnd: toShanghaiInput(start + 4 * 3_600_000) }));
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof ApplyForm>(k: K, v: ApplyForm[K]) => setF((x) => ({ ...x, [k]: v }));
  const ws = fromShanghaiInput(f.windowStart);
  const we = fromShanghaiInput(f.windowEnd);
  const lng = parseCoord(f.lng, 'lng');
  const lat = parseCoord(f.lat, 'lat');
  // The rules in force on the window's first day (2026-01-01: 《森林草原防灭火条例》).
  const rule = kindRule(f.kind, ws ? permitRegime(ws) : 'regulation-2026');
  const zones = usePlaceZones(lng, lat);
  // The zone check as the core will apply it; a level-5 day is added by the core from the danger levels on record.
  const check = ws && we && Date.parse(we) > Date.parse(ws) && Date.parse(we) - Date.parse(ws) <= 90 * 86_400_000 ? permitCheck({ kind: f.kind, purpose: f.purpose, windowStart: ws, windowEnd: we, zones }) : null;
  const preview = check?.warnings ?? [];

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
      draft.clear();
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
    <Dialog title={t('fire.pm.apply')} onClose={onClose} onSubmit={(e) => void submit(e)} submitLabel={t('fire.pm.applySubmit')} busy={busy} testId="fire-permit-apply" draft={draft}>
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
          <div className="fire-authority" data-testid="fire-permit-authority">
            {t('fire.pm.approvedBy')}
            <Approvals list={check?.approvals ?? [{ id: 'kind', authorityName: rule.authorityName, clause: rule.clause, reason: rule.label, reasonEn: PERMIT_KIND_EN[f.kind] }]} assistedBy={rule.assistedBy} />
            <span className="small muted">{rule.basis}</span>
            <Superseded s={rule.supersededCounty} />
          </div>
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
          {check && <Blocks list={check.blocks} />}
          <Penalties list={rule.penalties.map((x) => ({ article: x.article, ...penaltyText(x) }))} />
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
