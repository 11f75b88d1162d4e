/**
 * A real core (ManualClock) on a real SQLite file in a temp folder, behind the real serve shell, with the built UI:
 * what an e2e test drives Chromium against. `call` posts a command with the token, as the UI does.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ManualClock } from '../../electron/core/clock';
import { createCore, type Core } from '../../electron/core/core';
import { startServer, type RunningServer } from '../../electron/serve/server';
import type { Browser, Page } from 'playwright-core';
import { ROLES, type Role } from '../../shared/api';
import { expect } from 'vitest';
import { watchErrors } from './browser';
import { addPerson, sessionOf, TEST_PASSWORD } from './people';
import { ROOT } from './tmp';

export interface TestConsole {
  core: Core;
  clock: ManualClock;
  srv: RunningServer;
  dir: string;
  call<T = unknown>(name: string, input: unknown): Promise<T>;
  /** Sign the test's account (every role) in on `page`'s browser context, as a sign-in would: the session cookie. */
  signIn(page: Page, login?: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * Put the session of `login` (signed in through the core) into the browser context of `page` as the HttpOnly cookie the
 * serve shell sets at sign-in. Call before `page.goto`. The account is made (every role) the first time.
 */
export async function signInPage(core: Core, srv: RunningServer, page: Page, login = 'duty', roles: readonly Role[] = ROLES): Promise<void> {
  const known = (await core.invoke('people.list', {}, { actor: 'test', transport: 'test' })).people.some((p) => p.login === login);
  if (!known) await addPerson(core, login, roles, '测试值班员');
  const token = await sessionOf(core, login);
  await page.context().addCookies([{ name: 'ercon_user', value: token, url: new URL(srv.url).origin, httpOnly: true, sameSite: 'Strict' }]);
}

/** A page of a duty room's screen (1366 × 768, zh-CN, Asia/Shanghai), signed in on `tc`, its errors collected. */
export async function signedInPage(browser: Browser, tc: TestConsole): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  await tc.signIn(page);
  return { page, errors: watchErrors(page) };
}

export async function startConsole(prefix: string, at: string, opts: { account?: boolean } = {}): Promise<TestConsole> {
  if (!fs.existsSync(path.join(ROOT, 'dist/renderer/index.html'))) throw new Error('UI not built: run npm run build:renderer (npm run test:e2e does)');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `ercon-${prefix}-`));
  const clock = new ManualClock(at);
  const core = createCore({ dbPath: path.join(dir, `${prefix}.sqlite`), clock });
  const srv = await startServer({ core, staticDir: path.join(ROOT, 'dist/renderer') });
  // The test's own calls are made by a signed-in person holding every role (unless the test starts with no account).
  let cookie = '';
  if (opts.account !== false) {
    await addPerson(core, 'duty', ROLES, '测试值班员');
    cookie = `ercon_user=${await sessionOf(core, 'duty')}`;
  }
  async function call<T = unknown>(name: string, input: unknown): Promise<T> {
    const origin = new URL(srv.url).origin;
    const r = await fetch(`${origin}/api/cmd/${name}`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${srv.token}`, cookie }, body: JSON.stringify(input) });
    const body = (await r.json()) as { ok: boolean; result: T; error?: unknown };
    if (!body.ok) throw new Error(`${name}: ${JSON.stringify(body.error)}`);
    return body.result;
  }
  return {
    core,
    clock,
    srv,
    dir,
    call,
    signIn: (page, login) => signInPage(core, srv, page, login),
    async close() {
      await srv.close();
      core.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * File a report through the reports panel of the incident page (its form and its confirmation), every field given
 * filled in, signed off (签发) by the duty leader `leader` with their own password, as a written report needs.
 */
export async function fileViaPanel(page: Page, kind: string, fields: readonly string[], leader = 'leader'): Promise<void> {
  await page.getByRole('tab', { name: '报告与时限' }).click();
  await page.getByTestId('reports-panel').waitFor();
  await page.getByTestId(`file-${kind}`).click();
  await page.getByTestId('report-form').waitFor();
  for (const id of fields) await page.locator(`textarea[data-field="fields.${id}"]`).fill(`${id}：详见值班记录`);
  const sign = page.getByTestId('report-signoff');
  await sign.getByLabel('带班领导登录名').fill(leader);
  await sign.getByLabel('带班领导密码').fill(TEST_PASSWORD);
  await page.getByRole('button', { name: '报送', exact: true }).click();
  await page.getByRole('button', { name: '确认报送' }).click();
  await expect.poll(() => page.getByTestId('report-notice').textContent()).toMatch(/已报送/);
}
