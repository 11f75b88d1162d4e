import fs from 'node:fs';
import { addAccountToFile } from '../helpers/people';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../electron/core/web/csp';
import { launchChromium, screenshot, watchErrors } from '../helpers/browser';
import { startServe, type ServeProcess } from '../helpers/serve';
import { ROOT } from '../helpers/tmp';

let srv: ServeProcess;
let browser: Browser;
let dir: string;

beforeAll(async () => {
  if (!fs.existsSync(path.join(ROOT, 'dist/renderer/index.html'))) throw new Error('UI not built: run npm run build:renderer (npm run test:e2e does)');
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ercon-e2e-'));
  // An account exists (else the first start asks for its administrator before anything else).
  await addAccountToFile(path.join(dir, 'e2e.sqlite'));
  srv = await startServe(['--db', path.join(dir, 'e2e.sqlite')]);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await srv?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('the console in Chromium over the serve shell', () => {
  it('loads with a Chinese title, talks to the core, and logs no errors', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
    const errors = watchErrors(page);
    const res = await page.goto(srv.url);
    // The incident board is the start screen (issue 5); the status screen is one click (or Alt+0) away.
    await page.getByRole('button', { name: /系统状态/ }).click();
    expect(res?.status()).toBe(200);
    expect(res?.headers()['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(await page.title()).toBe('应急值守台');
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');

    // API round trip: health shown from the core, with the real database path.
    const health = page.getByTestId('health');
    await health.waitFor();
    expect(await health.textContent()).toContain(path.join(dir, 'e2e.sqlite'));
    // The token is taken out of the address bar.
    expect(page.url()).not.toContain('token=');

    // A second round trip typed by keyboard only.
    await page.getByLabel('连通性测试（发送一段文字到核心再取回）').focus();
    await page.keyboard.type('值班测试');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('echo-result').textContent()).toContain('核心返回：值班测试（4 个字符）');

    // Chinese glyphs really render (a CJK font is installed): the title text has a real width.
    const w = await page.locator('.brand-title').evaluate((el) => el.getBoundingClientRect().width);
    expect(w).toBeGreaterThan(60);

    await screenshot(page, 'foundation-status-zh');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('switches to English and back, through the one i18n layer', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    const errors = watchErrors(page);
    await page.goto(srv.url);
    await page.getByRole('button', { name: /系统状态/ }).click();
    await page.getByTestId('health').waitFor();
    await page.getByLabel('界面语言').selectOption('en');
    await expect.poll(() => page.title()).toBe('Emergency Duty Console');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await expect.poll(() => page.locator('h1').textContent()).toBe('System status');
    await screenshot(page, 'foundation-status-en');
    await page.getByLabel('Language').selectOption('zh-CN');
    await expect.poll(() => page.locator('h1').textContent()).toBe('系统状态');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('refuses an API request without the token, from the page itself', async () => {
    const page = await browser.newPage();
    await page.goto(srv.url);
    const status = await page.evaluate(async () => (await fetch('/api/health')).status);
    expect(status).toBe(401);
    const cmd = await page.evaluate(async () => (await fetch('/api/cmd/system.echo', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"text":"x"}' })).status);
    expect(cmd).toBe(401);
    await page.close();
  });

  it('the CSP blocks inline script in the page', async () => {
    const page = await browser.newPage();
    const violations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
    await page.goto(srv.url);
    const ran = await page.evaluate(() => {
      (window as unknown as { __inline?: boolean }).__inline = false;
      const s = document.createElement('script');
      s.textContent = 'window.__inline = true';
      document.body.appendChild(s);
      return (window as unknown as { __inline?: boolean }).__inline;
    });
    expect(ran).toBe(false);
    expect(violations.length).toBeGreaterThan(0);
    await page.close();
  });
});
