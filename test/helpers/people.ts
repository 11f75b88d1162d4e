/**
 * People for tests (issue 15): every change made through a shell (HTTP, the desktop window) needs a signed-in person.
 * The accounts are made through the core's own commands (scrypt hashes, the account log), then signed in through the
 * core, which answers the session token a shell would keep.
 */
import type { Page } from 'playwright-core';
import type { Core } from '../../electron/core/core';
import { ROLES, type PersonView, type Role } from '../../shared/api';

export const TEST_PASSWORD = 'duty-room-2026';
const admin = { actor: 'test-setup', transport: 'test' as const };

/** Add an account (through `people.add`, as the trusted test caller). */
export async function addPerson(core: Core, login: string, roles: readonly Role[] = ROLES, name = `测试${login}`): Promise<PersonView> {
  return core.invoke('people.add', { login, name, roles: [...roles], password: TEST_PASSWORD }, admin);
}

/** Sign `login` in through the core; the session token a shell keeps for the connection. */
export async function sessionOf(core: Core, login: string, password = TEST_PASSWORD): Promise<string> {
  const r = await core.invoke('auth.signIn', { login, password }, { actor: 'test', transport: 'http' });
  return r.session.token!;
}

/** An account holding every role, signed in: the session token (for `Cookie: ercon_user=…` or a CallContext). */
export async function signedIn(core: Core, login = 'duty', roles: readonly Role[] = ROLES): Promise<{ person: PersonView; session: string; cookie: string }> {
  const person = await addPerson(core, login, roles);
  const session = await sessionOf(core, login);
  return { person, session, cookie: `ercon_user=${session}` };
}

/** A CallContext as the HTTP shell makes it for that session. */
export const httpCtx = (session: string) => ({ actor: 'http', transport: 'http' as const, session });

/** Add an account with every role to the database FILE (before a serve shell is started on it). */
export async function addAccountToFile(dbPath: string, login = 'duty'): Promise<void> {
  const { createCore } = await import('../../electron/core/core');
  const core = createCore({ dbPath });
  try {
    await addPerson(core, login);
  } finally {
    core.close();
  }
}

/** Sign in at a running serve shell (with its launch token) as a browser does; the `Cookie` header value it set. */
export async function signInHttp(origin: string, token: string, login = 'duty', password = TEST_PASSWORD): Promise<string> {
  const res = await fetch(`${origin}/api/cmd/auth.signIn`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ login, password }) });
  const set = res.headers.get('set-cookie') ?? '';
  const m = /ercon_user=([^;]+)/.exec(set);
  if (res.status !== 200 || !m) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  return `ercon_user=${m[1]}`;
}

/** Sign `login` in at a running serve shell and give `page`'s browser context the session cookie. Before `page.goto`. */
export async function signInBrowser(page: Page, origin: string, token: string, login = 'duty'): Promise<string> {
  const cookie = await signInHttp(origin, token, login);
  await page.context().addCookies([{ name: 'ercon_user', value: cookie.slice('ercon_user='.length), url: origin, httpOnly: true, sameSite: 'Strict' }]);
  return cookie;
}
