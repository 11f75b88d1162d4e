import { useEffect, useState, type FormEvent } from 'react';
import { create } from 'zustand';
import type { CommandOutput } from '../../../shared/api';
import { actorLabel, type Role } from '../../../shared/api/actor';
import { api, onSignInNeeded } from '../api/client';
import { useLocale, useT } from '../i18n';
import { Dialog, Field } from '../incidents/Dialog';
import { useErrorInfo, type ErrorInfo } from '../incidents/util';
import { queryClient, useCommand } from '../query/client';

/** Whether the sign-in dialog is open (the header's button, or a write refused for want of a person). */
export const useSignInDialog = create<{ open: boolean; show(): void; hide(): void }>((set) => ({
  open: false,
  show: () => set({ open: true }),
  hide: () => set({ open: false }),
}));

/** Who is signed in on this workstation (the shell keeps the session: an HttpOnly cookie, or the desktop window's). */
export function useMe(): { me: CommandOutput<'auth.status'>['person']; needsFirstAdmin: boolean; loaded: boolean } {
  const q = useCommand('auth.status', {});
  return { me: q.data?.person ?? null, needsFirstAdmin: !!q.data?.needsFirstAdmin, loaded: q.isSuccess };
}

/** Everything signed-in-dependent reads again: who is signed in, and the screens that show what they may do. */
function refreshAll(): void {
  void queryClient.invalidateQueries();
}

export function rolesText(roles: readonly Role[], t: ReturnType<typeof useT>): string {
  return roles.map((r) => t(`people.role.${r}`)).join('、');
}

/** The header's person: who is signed in and 退出登录, or 登录. Opens the first-administrator form on a new console. */
export function PersonBadge() {
  const t = useT();
  const { me, needsFirstAdmin, loaded } = useMe();
  const { open, show, hide } = useSignInDialog();
  useEffect(() => onSignInNeeded(show), [show]);
  async function signOut() {
    await api().invoke('auth.signOut', {});
    refreshAll();
  }
  return (
    <div className="person-badge" data-testid="person-badge">
      {me ? (
        <>
          <span data-testid="signed-in-as">{t('people.signedInAs', { name: me.name, roles: rolesText(me.roles, t) })}</span>
          <button type="button" className="secondary" onClick={() => void signOut()}>
            {t('people.signOut')}
          </button>
        </>
      ) : (
        <>
          <span className="muted">{t('people.notSignedIn')}</span>
          <button type="button" className="primary" onClick={show}>
            {t('people.signIn')}
          </button>
        </>
      )}
      {loaded && needsFirstAdmin ? <FirstAdminDialog /> : open && !me && <SignInDialog onClose={hide} />}
    </div>
  );
}

function SignInDialog({ onClose }: { onClose(): void }) {
  const t = useT();
  const toError = useErrorInfo();
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [busy, setBusy] = useState(false);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    if (!login.trim()) return setError({ field: 'login', message: t('people.err.required', { field: t('people.login') }) });
    if (!password) return setError({ field: 'password', message: t('people.err.required', { field: t('people.password') }) });
    setBusy(true);
    try {
      await api().invoke('auth.signIn', { login: login.trim(), password });
      onClose();
      refreshAll();
    } catch (err) {
      setPassword('');
      setError(toError(err));
    } finally {
      setBusy(false);
    }
  }
  const errAt = (f: string) => (error?.field === f || (f === 'password' && error && !error.field) ? error.message : null);
  return (
    <Dialog title={t('people.signIn.title')} onClose={onClose} onSubmit={(e) => void submit(e)} submitLabel={t('people.signIn')} busy={busy} testId="sign-in-dialog">
      <p className="hint">{t('people.signIn.why')}</p>
      <Field id="signin-login" label={t('people.login')} error={errAt('login')}>
        <input id="signin-login" autoComplete="username" value={login} maxLength={40} onChange={(e) => setLogin(e.target.value)} />
      </Field>
      <Field id="signin-password" label={t('people.password')} error={errAt('password')}>
        <input id="signin-password" type="password" autoComplete="current-password" value={password} maxLength={200} onChange={(e) => setPassword(e.target.value)} />
      </Field>
    </Dialog>
  );
}

function FirstAdminDialog() {
  const t = useT();
  const toError = useErrorInfo();
  const [f, setF] = useState({ login: '', name: '', password: '', phone: '' });
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [busy, setBusy] = useState(false);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    for (const k of ['login', 'name', 'password'] as const) if (!f[k].trim()) return setError({ field: k, message: t('people.err.required', { field: t(`people.${k}`) }) });
    setBusy(true);
    try {
      await api().invoke('auth.setup', { login: f.login.trim(), name: f.name.trim(), password: f.password, ...(f.phone.trim() ? { phone: f.phone.trim() } : {}) });
      refreshAll();
    } catch (err) {
      setError(toError(err));
    } finally {
      setBusy(false);
    }
  }
  const errAt = (k: string) => (error?.field === k ? error.message : null);
  const general = error && !['login', 'name', 'password', 'phone'].includes(error.field ?? '') ? error.message : null;
  return (
    <Dialog title={t('people.setup.title')} onClose={() => undefined} onSubmit={(e) => void submit(e)} submitLabel={t('people.setup.submit')} busy={busy} testId="first-admin-dialog">
      <p className="hint">{t('people.setup.why')}</p>
      <PersonFields prefix="setup" value={f} onChange={setF} errAt={errAt} />
      {general && (
        <p className="field-error" role="alert">
          {general}
        </p>
      )}
    </Dialog>
  );
}

/** A record's actor as people read it: 王值班（值班员）, in the current language. */
export function useActorLabel(): (actor: string) => string {
  const locale = useLocale((s) => s.locale);
  return (actor) => actorLabel(actor, locale === 'en' ? 'en' : 'zh');
}

export interface PersonFieldValues {
  login: string;
  name: string;
  password: string;
  phone: string;
}

/** The four fields of a new account (sign-in name, name, first password, phone), each with its error from the core. */
export function PersonFields({ prefix, value, onChange, errAt }: { prefix: string; value: PersonFieldValues; onChange(v: PersonFieldValues): void; errAt(field: string): string | null }) {
  const t = useT();
  return (
    <>
      {(['login', 'name', 'password', 'phone'] as const).map((k) => (
        <Field key={k} id={`${prefix}-${k}`} label={t(`people.${k}`)} error={errAt(k)} hint={k === 'password' ? t('people.password.hint') : undefined}>
          <input
            id={`${prefix}-${k}`}
            type={k === 'password' ? 'password' : 'text'}
            autoComplete={k === 'password' ? 'new-password' : k === 'login' ? 'username' : 'off'}
            value={value[k]}
            maxLength={k === 'password' ? 200 : 50}
            onChange={(e) => onChange({ ...value, [k]: e.target.value })}
          />
        </Field>
      ))}
    </>
  );
}
