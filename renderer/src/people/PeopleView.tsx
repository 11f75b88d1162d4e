import { useState, type FormEvent } from 'react';
import { ROLES, type Role } from '../../../shared/api';
import { api } from '../api/client';
import { useT } from '../i18n';
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

  return (
    <section aria-labelledby="people-h">
      <h1 id="people-h" tabIndex={-1}>
        {t('people.heading')}
      </h1>
      {!me && <p>{t('people.signIn.why')}</p>}
      {me && !isAdmin && <p className="hint">{t('people.adminOnly')}</p>}
      {error && (
        <p className="field-error" role="alert">
          {error.message}
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
                    <button
                      type="button"
                      className="secondary"
                      onClick={() => {
                        const pw = window.prompt(t('people.resetPassword.prompt', { name: p.name }));
                        if (pw) void run(() => api().invoke('people.setPassword', { id: p.id, password: pw }));
                      }}
                    >
                      {t('people.resetPassword')}
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {isAdmin && <AddPerson />}
      <RosterPanel canEdit={!!me?.roles.some((r) => r === 'office' || r === 'admin' || r === 'duty-leader')} />
    </section>
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
