import fs from 'node:fs';
import { addAccountToFile } from '../helpers/people';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { oneTimeUrl } from '../../electron/start.mjs';
import { chromiumPath } from '../helpers/browser';
import { startServe, type ServeProcess } from '../helpers/serve';
import { ROOT } from '../helpers/tmp';

let srv: ServeProcess;
let dir: string;

beforeAll(async () => {
  if (!fs.existsSync(path.join(ROOT, 'dist/renderer/index.html'))) throw new Error('UI not built: run npm run build:renderer (npm run test:e2e does)');
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ercon-session-e2e-'));
  // An account exists (else the first start asks for its administrator before anything else).
  await addAccountToFile(path.join(dir, 'console.sqlite'));
  srv = await startServe(['--db', path.join(dir, 'console.sqlite')]);
});
afterAll(async () => {
  await srv?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** Every file under `d` whose bytes contain `needle` (UTF-8 or UTF-16LE, as Chromium's databases may store it). */
function filesHolding(d: string, needle: string): string[] {
  const hits: string[] = [];
  const a = Buffer.from(needle, 'utf8');
  const b = Buffer.from(needle, 'utf16le');
  const walk = (p: string): void => {
    for (const n of fs.readdirSync(p, { withFileTypes: true })) {
      const f = path.join(p, n.name);
      if (n.isDirectory()) walk(f);
      else if (n.isFile()) {
        const bytes = fs.readFileSync(f);
        if (bytes.includes(a) || bytes.includes(b)) hits.push(path.relative(d, f));
      }
    }
  };
  walk(d);
  return hits;
}

describe('npm start\'s way in: a one-time code, then an HttpOnly cookie', () => {
  it('the console works in real Chromium and its profile (History, Cache, Sessions, Favicons) never holds the token', async () => {
    const profile = path.join(dir, 'browser-profile');
    const ctx = await chromium.launchPersistentContext(profile, {
      executablePath: chromiumPath(),
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run', '--disable-sync'],
      viewport: { width: 1366, height: 768 },
      locale: 'zh-CN',
    });
    try {
      const page = ctx.pages()[0] ?? (await ctx.newPage());
      const url = await oneTimeUrl(srv.url);
      await page.goto(url);
      expect(new URL(page.url()).search).toBe(''); // the code is gone from the address bar
      await page.getByRole('button', { name: /系统状态/ }).click();
      const health = page.getByTestId('health');
      await health.waitFor();
      expect(await health.textContent()).toContain(path.join(dir, 'console.sqlite')); // the API answered, by cookie
      const cookies = await ctx.cookies();
      expect(cookies.find((c) => c.name === 'ercon_session')).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
      expect(await page.evaluate(() => document.cookie)).toBe(''); // not readable by the page's scripts
      // Reloading the code URL (from History) gets nowhere: it was good once.
      const again = await ctx.newPage();
      const res = await again.goto(url);
      expect(res?.status()).toBe(401);
      await again.close();
    } finally {
      await ctx.close();
    }
    // The cookie itself is the only copy of the token in the profile (Chromium's cookie store); nothing else has it.
    expect(filesHolding(profile, srv.token).filter((f) => !/(^|\/)Cookies(-journal)?$/.test(f))).toEqual([]);
  });

  it('a bookmark works after the browser itself restarted: the cookie lasts 30 days, not the browser session', async () => {
    const profile = path.join(dir, 'browser-profile-restart');
    const launch = () =>
      chromium.launchPersistentContext(profile, {
        executablePath: chromiumPath(),
        headless: true,
        args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run', '--disable-sync'],
        viewport: { width: 1366, height: 768 },
        locale: 'zh-CN',
      });
    const first = await launch();
    try {
      const page = first.pages()[0] ?? (await first.newPage());
      await page.goto(await oneTimeUrl(srv.url));
      const c = (await first.cookies()).find((x) => x.name === 'ercon_session')!;
      expect(c).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
      expect(c.expires * 1000 - Date.now()).toBeGreaterThan(29 * 86_400_000);
      expect(c.expires * 1000 - Date.now()).toBeLessThanOrEqual(30 * 86_400_000);
    } finally {
      await first.close(); // the browser quits: session cookies go
    }
    const again = await launch();
    try {
      const page = again.pages()[0] ?? (await again.newPage());
      const bookmark = `${new URL(srv.url).origin}/`;
      await page.goto(bookmark); // no code, no token: what a bookmark holds
      await page.getByRole('button', { name: /系统状态/ }).click();
      const health = page.getByTestId('health');
      await health.waitFor();
      expect(await health.textContent()).toContain(path.join(dir, 'console.sqlite')); // the API answered, by the kept cookie
    } finally {
      await again.close();
    }
  });
});
