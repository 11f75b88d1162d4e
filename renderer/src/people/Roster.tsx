import { useState, type FormEvent } from 'react';
import { addDays } from '../../../shared/base/time';
import { dutyDay, SHIFT_TEMPLATES } from '../../../shared/duty/roster';
import type { RosterSlot } from '../../../shared/api';
import { api } from '../api/client';
import { formatBeijing, useT } from '../i18n';
import { Dialog, Field } from '../incidents/Dialog';
import { useErrorInfo, useNow, type ErrorInfo } from '../incidents/util';
import { useCommand } from '../query/client';
import { download } from '../components/files';
import { XlsxImport } from '../components/XlsxImport';
import { PasswordConfirm } from '../components/PasswordConfirm';

/** 排班: the shifts of seven duty days from the one running now (before 08:00, yesterday's), and the form to set one. */
export function RosterPanel({ canEdit }: { canEdit: boolean }) {
  const t = useT();
  const today = dutyDay(useNow(60_000));
  const list = useCommand('roster.list', { from: today, to: addDays(today, 6) });
  const [swapping, setSwapping] = useState<RosterSlot | null>(null);
  return (
    <section aria-labelledby="roster-h" data-testid="roster">
      <h2 id="roster-h">{t('roster.heading')}</h2>
      <table className="table" data-testid="roster-table">
        <thead>
          <tr>
            <th>{t('roster.date')}</th>
            <th>{t('roster.shift')}</th>
            <th>{t('roster.officers')}</th>
            <th>{t('roster.leader')}</th>
            <th>{t('roster.note')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {list.data?.slots.map((s) => (
            <tr key={s.id} data-slot={`${s.date}:${s.shift}`}>
              <td>{s.date}</td>
              <td>
                {s.shiftLabel}（{formatBeijing(s.startsAt, false).slice(11)}–{formatBeijing(s.endsAt, false).slice(11)}）
              </td>
              <td>{s.officers.map((p) => p.name).join('、')}</td>
              <td>
                {s.leader.name} {s.leader.phone}
              </td>
              <td>
                {s.reinforcement ? t('roster.reinforcement') : ''} {s.note}
              </td>
              <td>
                <button type="button" className="secondary" onClick={() => setSwapping(s)}>
                  {t('roster.swap')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="row-actions">
        <button type="button" className="secondary" onClick={() => void api().invoke('roster.export', { from: today, to: addDays(today, 30) }).then((r) => download(r.fileName, r.content, true))}>
          {t('roster.export')}
        </button>
        {canEdit && <XlsxImport command="roster.import" label={t('roster.import')} />}
      </div>
      {canEdit && <SetShift today={today} />}
      {swapping && <SwapDialog slot={swapping} onClose={() => setSwapping(null)} />}
    </section>
  );
}

function SetShift({ today }: { today: string }) {
  const t = useT();
  const toError = useErrorInfo();
  const people = useCommand('people.list', {});
  const staff = people.data?.people.filter((p) => p.roles.includes('duty-officer') || p.roles.includes('duty-leader')) ?? [];
  const leaders = people.data?.people.filter((p) => p.roles.includes('duty-leader')) ?? [];
  const [f, setF] = useState({ date: today, shift: 'day', officers: [] as number[], leader: 0, reinforcement: false, note: '' });
  const [error, setError] = useState<ErrorInfo | null>(null);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    try {
      await api().invoke('roster.set', { ...f, leader: f.leader || leaders[0]?.id || 0 });
    } catch (err) {
      setError(toError(err));
    }
  }
  return (
    <form className="card" onSubmit={(e) => void submit(e)} noValidate data-testid="roster-set">
      <h3>{t('roster.set')}</h3>
      <div className="grid3">
        <Field id="roster-date" label={t('roster.date')} error={error?.field === 'date' ? error.message : null}>
          <input id="roster-date" type="date" value={f.date} onChange={(e) => setF({ ...f, date: e.target.value })} />
        </Field>
        <Field id="roster-shift" label={t('roster.shift')} error={error?.field === 'shift' ? error.message : null}>
          <select id="roster-shift" value={f.shift} onChange={(e) => setF({ ...f, shift: e.target.value })}>
            {SHIFT_TEMPLATES.map((s) => (
              <option key={s.id} value={s.id}>
                {s.label}（{s.start} 起 {s.hours} 小时）
              </option>
            ))}
          </select>
        </Field>
        <Field id="roster-leader" label={t('roster.leader')} error={error?.field === 'leader' ? error.message : null}>
          <select id="roster-leader" value={f.leader || leaders[0]?.id || ''} onChange={(e) => setF({ ...f, leader: Number(e.target.value) })}>
            {leaders.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <fieldset>
        <legend>{t('roster.officers')}</legend>
        {staff.map((p) => (
          <label key={p.id} className="check">
            <input type="checkbox" checked={f.officers.includes(p.id)} onChange={(e) => setF({ ...f, officers: e.target.checked ? [...f.officers, p.id] : f.officers.filter((x) => x !== p.id) })} /> {p.name}
          </label>
        ))}
      </fieldset>
      <label className="check">
        <input type="checkbox" checked={f.reinforcement} onChange={(e) => setF({ ...f, reinforcement: e.target.checked })} /> {t('roster.reinforcement')}
      </label>
      <Field id="roster-note" label={t('roster.note')}>
        <input id="roster-note" value={f.note} maxLength={500} onChange={(e) => setF({ ...f, note: e.target.value })} />
      </Field>
      {error && !['date', 'shift', 'leader'].includes(error.field ?? '') && (
        <p className="field-error" role="alert">
          {error.message}
        </p>
      )}
      <button type="submit" className="primary">
        {t('roster.save')}
      </button>
    </form>
  );
}

/** 换班: one person of a shift for another, approved by a duty leader with their own password, with a reason. */
function SwapDialog({ slot, onClose }: { slot: RosterSlot; onClose(): void }) {
  const t = useT();
  const toError = useErrorInfo();
  const people = useCommand('people.list', {});
  const staff = (people.data?.people ?? []).filter((p) => (p.roles.includes('duty-officer') || p.roles.includes('duty-leader')) && !slot.officers.some((o) => o.id === p.id));
  const [f, setF] = useState({ out: slot.officers[0]?.id ?? 0, in: 0, reason: '', login: '', password: '' });
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [busy, setBusy] = useState(false);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setBusy(true);
    try {
      await api().invoke('roster.swap', { id: slot.id, out: f.out, in: f.in || staff[0]?.id || 0, reason: f.reason, approval: { login: f.login, password: f.password } });
      onClose();
    } catch (err) {
      setF({ ...f, password: '' });
      setError(toError(err));
    } finally {
      setBusy(false);
    }
  }
  const errAt = (k: string) => (error?.field === k ? error.message : null);
  return (
    <Dialog title={`${t('roster.swap')}：${slot.date} ${slot.shiftLabel}`} onClose={onClose} onSubmit={(e) => void submit(e)} submitLabel={t('roster.swap')} busy={busy} testId="roster-swap">
      <Field id="swap-out" label={t('roster.swap.out')} error={errAt('out')}>
        <select id="swap-out" value={f.out} onChange={(e) => setF({ ...f, out: Number(e.target.value) })}>
          {slot.officers.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </Field>
      <Field id="swap-in" label={t('roster.swap.in')} error={errAt('in') ?? errAt('officers.0')}>
        <select id="swap-in" value={f.in || staff[0]?.id || ''} onChange={(e) => setF({ ...f, in: Number(e.target.value) })}>
          {staff.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </Field>
      <Field id="swap-reason" label={t('roster.swap.reason')} error={errAt('reason')}>
        <input id="swap-reason" value={f.reason} maxLength={500} onChange={(e) => setF({ ...f, reason: e.target.value })} />
      </Field>
      <PasswordConfirm
        id="swap"
        field="approval"
        legend={t('inc.act.leaderConfirm')}
        loginLabel={t('inc.act.leaderLogin')}
        passwordLabel={t('inc.act.leaderPassword')}
        value={{ login: f.login, password: f.password }}
        onChange={(c) => setF({ ...f, ...c })}
        errAt={errAt}
      />
      {error && !['out', 'in', 'officers.0', 'reason', 'approval.login', 'approval.password'].includes(error.field ?? '') && (
        <p className="field-error" role="alert">
          {error.message}
        </p>
      )}
    </Dialog>
  );
}
