import { useState, type FormEvent } from 'react';
import { MIN_PASSWORD, ROLES, type PersonView, type Role } from '../../../shared/api';
import { api } from '../api/client';
import { useT } from '../i18n';
import { Dialog, Field } from '../incidents/Dialog';
import { useErrorInfo, useSave, type ErrorInfo } from '../incidents/util';
import { useCommand } from '../query/client';
import { PersonFields, rolesText, useMe } from './SignIn';
import { RosterPanel } from './Roster';

/** 值班人员: the accounts with their roles (the administrator adds, changes roles, deactivates, resets passwords). */
export function PeopleView() {
  const t = useT();
  const { me } = useMe();
  const isAdmin = !!me?.roles.includes('admin');
  const list = useCommand('people.list', me ? { includeInactive: true } : null);
  const { error, run } = useSave();
  // 重设密码 / 修改我的密码: whose password the dialog is setting, and whose was set (never the password itself). One's
  // own changed: every sign-in of the person has ended, this one too (the badge shows 未登录).
  const [resetting, setResetting] = useState<PersonView | null>(null);
  const [done, setDone] = useState<{ name: string; own: boolean } | null>(null);
  const openReset = (p: PersonView) => {
    setDone(null);
    setResetting(p);
  };
  const closeReset = () => setResetting(null);
  const resetDone = (p: PersonView) => {
    setResetting(null);
    setDone({ name: p.name, own: p.id === me?.id });
  };

  return (
    <section aria-labelledby="people-h">
      <h1 id="people-h" tabIndex={-1}>
        {t('people.heading')}
      </h1>
      {!me && <p>{t('people.signIn.why')}</p>}
      {me && (
        <p>
          <button type="button" className="secondary" onClick={() => openReset(me)}>
            {t('people.changePassword')}
          </button>
        </p>
      )}
      {me && !isAdmin && <p className="hint">{t('people.adminOnly')}</p>}
      {error && (
        <p className="field-error" role="alert">
          {error.message}
        </p>
      )}
      {done && (
        <p className="alert alert-info" role="status" data-testid="people-notice">
          {done.own ? t('people.changePassword.done') : t('people.resetPassword.done', { name: done.name })}
        </p>
      )}
      {list.data && (
        <table className="table" data-testid="people-table">
          <thead>
            <tr>
              <th>{t('people.col.login')}</th>
              <th>{t('people.col.name')}</th>
              <th>{t('people.col.roles')}</th>
              <th>{t('people.col.phone')}</th>
              <th>{t('people.col.state')}</th>
              {isAdmin && <th>{t('people.col.actions')}</th>}
            </tr>
          </thead>
          <tbody>
            {list.data.people.map((p) => (
              <tr key={p.id} data-login={p.login}>
                <td>{p.login}</td>
                <td>{p.name}</td>
                <td>{rolesText(p.roles, t)}</td>
                <td>{p.phone}</td>
                <td>{p.active ? t('people.active') : t('people.inactive')}</td>
                {isAdmin && (
                  <td className="row-actions">
                    <button type="button" className="secondary" onClick={() => void run(() => api().invoke('people.update', { id: p.id, active: !p.active }))}>
                      {p.active ? t('people.deactivate') : t('people.activate')}
                    </button>
                    <button type="button" className="secondary" onClick={() => openReset(p)}>
                      {t('people.resetPassword')}
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {resetting && <ResetPasswordDialog person={resetting} self={resetting.id === me?.id} onClose={closeReset} onDone={resetDone} />}
      {isAdmin && <AddPerson />}
      <RosterPanel canEdit={!!me?.roles.some((r) => r === 'office' || r === 'admin' || r === 'duty-leader')} />
    </section>
  );
}

/** shared/api/people.ts `password`: z.string().min(MIN_PASSWORD).max(200). */
const MAX_PASSWORD = 200;

/**
 * 重设密码 by the administrator: the new password twice, checked here as the core checks it (shared/api/people.ts
 * `password` and electron/core/people/store.ts `checkPassword`): required; at least MIN_PASSWORD and at most 200
 * characters, counted as code points as both count them (not UTF-16 units, as an input's maxLength would); the two
 * equal. Nothing is trimmed (neither does the core). The core's refusal is shown at its field. The password lives only
 * in this dialog's state: no draft, no storage.
 */
function ResetPasswordDialog({ person, self, onClose, onDone }: { person: PersonView; self: boolean; onClose(): void; onDone(p: PersonView): void }) {
  const t = useT();
  const toError = useErrorInfo();
  const [f, setF] = useState({ current: '', password: '', again: '' });
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [busy, setBusy] = useState(false);
  const label = { current: t('people.changePassword.current'), password: t('people.resetPassword.new'), again: t('people.resetPassword.again') };
  // One's own password needs the current one (electron/core/people/store.ts setPassword), the administrator's too.
  const fields = self ? (['current', 'password', 'again'] as const) : (['password', 'again'] as const);
  function check(): ErrorInfo | null {
    if (self && !f.current) return { field: 'current', message: t('people.err.required', { field: label.current }) };
    if (!f.password) return { field: 'password', message: t('people.err.required', { field: label.password }) };
    const chars = [...f.password].length;
    if (chars < MIN_PASSWORD) return { field: 'password', message: t('people.err.minLength', { field: label.password, n: MIN_PASSWORD }) };
    if (chars > MAX_PASSWORD) return { field: 'password', message: t('people.err.maxLength', { field: label.password, n: MAX_PASSWORD }) };
    if (!f.again) return { field: 'again', message: t('people.err.required', { field: label.again }) };
    if (f.again !== f.password) return { field: 'again', message: t('people.err.mismatch', { field: label.again }) };
    return null;
  }
  async function submit(e: FormEvent) {
    e.preventDefault();
    const refused = check();
    setError(refused);
    if (refused) return;
    setBusy(true);
    try {
      await api().invoke('people.setPassword', { id: person.id, password: f.password, ...(self ? { current: f.current } : {}) });
      onDone(person);
    } catch (err) {
      setError(toError(err));
      setBusy(false);
    }
  }
  const errAt = (k: string) => (error?.field === k ? error.message : null);
  const general = error && !(fields as readonly string[]).includes(error.field ?? '') ? error.message : null;
  return (
    <Dialog
      title={self ? t('people.changePassword') : t('people.resetPassword.title', { name: person.name })}
      onClose={onClose}
      onSubmit={(e) => void submit(e)}
      submitLabel={self ? t('people.changePassword') : t('people.resetPassword')}
      busy={busy}
      testId="reset-password-dialog"
    >
      <p className="hint">{self ? t('people.changePassword.prompt', { n: MIN_PASSWORD }) : t('people.resetPassword.prompt', { name: person.name, n: MIN_PASSWORD })}</p>
      {fields.map((k) => (
        <Field key={k} id={`reset-${k}`} label={label[k]} error={errAt(k)}>
          <input
            id={`reset-${k}`}
            type="password"
            autoComplete={k === 'current' ? 'current-password' : 'new-password'}
            value={f[k]}
            aria-invalid={errAt(k) ? true : undefined}
            aria-describedby={errAt(k) ? `reset-${k}-err` : undefined}
            onChange={(e) => setF({ ...f, [k]: e.target.value })}
          />
        </Field>
      ))}
      {general && (
        <p className="field-error" role="alert">
          {general}
        </p>
      )}
    </Dialog>
  );
}

function AddPerson() {
  const t = useT();
  const toError = useErrorInfo();
  const [f, setF] = useState({ login: '', name: '', password: '', phone: '' });
  const [roles, setRoles] = useState<Role[]>(['duty-officer']);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [busy, setBusy] = useState(false);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    for (const k of ['login', 'name', 'password'] as const) if (!f[k].trim()) return setError({ field: k, message: t('people.err.required', { field: t(`people.${k}`) }) });
    if (!roles.length) return setError({ field: 'roles', message: t('people.err.required', { field: t('people.roles') }) });
    setBusy(true);
    try {
      await api().invoke('people.add', { login: f.login.trim(), name: f.name.trim(), password: f.password, roles, ...(f.phone.trim() ? { phone: f.phone.trim() } : {}) });
      setF({ login: '', name: '', password: '', phone: '' });
    } catch (err) {
      setError(toError(err));
    } finally {
      setBusy(false);
    }
  }
  const errAt = (k: string) => (error?.field === k ? error.message : null);
  const general = error && !['login', 'name', 'password', 'phone', 'roles'].includes(error.field ?? '') ? error.message : null;
  return (
    <form className="card" onSubmit={(e) => void submit(e)} noValidate data-testid="people-add">
      <h2>{t('people.add')}</h2>
      <div className="grid2">
        <PersonFields prefix="add" value={f} onChange={setF} errAt={errAt} />
      </div>
      <fieldset>
        <legend>{t('people.roles')}</legend>
        {ROLES.map((r) => (
          <label key={r} className="check">
            <input type="checkbox" checked={roles.includes(r)} onChange={(e) => setRoles(e.target.checked ? [...roles, r] : roles.filter((x) => x !== r))} /> {t(`people.role.${r}`)}
          </label>
        ))}
        {errAt('roles') && (
          <p className="field-error" role="alert">
            {errAt('roles')}
          </p>
        )}
      </fieldset>
      {general && (
        <p className="field-error" role="alert">
          {general}
        </p>
      )}
      <button type="submit" className="primary" disabled={busy}>
        {t('people.add.submit')}
      </button>
    </form>
  );
}
