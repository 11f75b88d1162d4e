// An office-edited plan in the data folder (issue 3: numbers correctable without a code change) is what the duty officer
// grades with in the browser too: the renderer fetches it from the core before it starts. Real serve shell, real SQLite
// file, Debian Chromium.
import { addAccountToFile, signInBrowser } from '../helpers/people';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drugPlan } from '../../shared/plans';
import { launchChromium, screenshot, watchErrors } from '../helpers/browser';
import { startServe, type ServeProcess } from '../helpers/serve';

let srv: ServeProcess;
let browser: Browser;
let dir: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ercon-e2e-plans-'));
  fs.mkdirSync(path.join(dir, 'plans'));
  const edited = JSON.parse(JSON.stringify(drugPlan)) as { version: string; criteria: Array<{ id: string; range?: { gte?: number } }> };
  edited.version = '2024.1-县办修订1';
  edited.criteria.find((c) => c.id === 'IV-rare')!.range!.gte = 8; // built-in: 10–19 → IV
  fs.writeFileSync(path.join(dir, 'plans', 'drug.json'), JSON.stringify(edited));
  await addAccountToFile(path.join(dir, 'console.sqlite'));
  srv = await startServe(['--db', path.join(dir, 'console.sqlite')]);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await srv?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('office-edited plan in the browser', () => {
  it('grades live with the edited numbers and says which plan version is in force', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
    await signInBrowser(page, srv.origin, srv.token);
    const errors = watchErrors(page);
    await page.goto(srv.url);
    await page.locator('.sidenav').waitFor(); // the app renders once the edited plans are fetched
    await page.keyboard.press('Alt+2');
    await page.locator('input[name="plan"][value="drug"]').check();
    const rare = page.getByLabel(/同一药品引起临床表现相似的罕见或非预期的不良事件人数/);
    await rare.fill('7');
    await expect.poll(() => page.getByTestId('grade-level').textContent()).toBe('未达分级标准');
    await rare.fill('8'); // IV only under the edited plan
    await expect.poll(() => page.getByTestId('grade-level').textContent()).toBe('IV级 一般');
    await screenshot(page, 'plan-overrides-new-incident');
    await page.keyboard.press('Alt+0');
    await expect.poll(() => page.getByTestId('plan-overrides').textContent()).toContain('drug 2024.1-县办修订1');
    expect(errors).toEqual([]);
    await page.close();
  });
});
