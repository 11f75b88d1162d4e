/**
 * The handover between shifts in Debian's Chromium (issue 15 item 4), a REAL SQLite file: the sheet drafted from the log
 * lists the open incident, its first report due and the open duty-log entry; the outgoing officer signs with their own
 * password; every screen then shows the sheet waiting; the incoming officer signs; the signed sheet prints (Chromium's
 * own PDF, read back with pdftotext) with both names and the log's seal.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../electron/core/core';
import { startServer, type RunningServer } from '../../electron/serve/server';
import { launchChromium, printedSheetText, screenshot, watchErrors } from '../helpers/browser';
import { signInPage } from '../helpers/console';
import { addPerson, TEST_PASSWORD } from '../helpers/people';
import { ROOT } from '../helpers/tmp';

let browser: Browser;
let dir: string;
let core: Core;
let srv: RunningServer;
const ctx = { actor: 'seed', transport: 'test' as const };

beforeAll(async () => {
  if (!fs.existsSync(path.join(ROOT, 'dist/renderer/index.html'))) throw new Error('UI not built: run npm run build:renderer (npm run test:e2e does)');
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ercon-handover-e2e-'));
  core = createCore({ dbPath: path.join(dir, 'db.sqlite') });
  srv = await startServer({ core, staticDir: path.join(ROOT, 'dist/renderer') });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await srv?.close();
  core?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('the handover', () => {
  it('drafted from the log, signed by the outgoing and the incoming officer, printed', async () => {
    const { id } = await core.invoke('console.report', { planId: 'vaccine', title: '接种后群体不良反应', payload: { source: '电话', summary: '4人', facts: { clusteredRareAE: 4, suspectedQualityRelated: true } } }, ctx);
    await core.invoke('duty.log.record', { type: 'warning', callerUnit: '县气象局', content: '寒潮蓝色预警' }, ctx);
    await addPerson(core, 'wang', ['duty-officer'], '王值班');
    await addPerson(core, 'li', ['duty-officer'], '李接班');
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    await signInPage(core, srv, page, 'wang');
    const errors = watchErrors(page);
    await page.goto(srv.url);
    await page.getByRole('heading', { name: '在办事件' }).waitFor();
    await page.keyboard.press('Alt+6');
    await page.getByRole('heading', { name: '交接班', exact: true }).waitFor();
    const start = page.getByTestId('ho-start');
    await expect.poll(async () => (await start.getByTestId('ho-incidents').textContent()) ?? '').toContain(`${id} 接种后群体不良反应`);
    expect(await start.getByTestId('ho-due').textContent()).toContain('首次报告');
    expect(await start.getByTestId('ho-duty').textContent()).toContain('寒潮蓝色预警（电话报告带班领导');
    await start.getByLabel(/交班说明/).fill('县疾控中心下午回电，注意接听');
    await start.getByLabel('登录名').fill('wang');
    await start.getByLabel('密码').fill(TEST_PASSWORD);
    await screenshot(page, 'handover-01-draft');
    await start.getByRole('button', { name: '交班签字' }).click();
    // Every screen shows the sheet waiting for the incoming officer.
    await page.getByTestId('handover-banner').waitFor();
    await page.keyboard.press('Alt+1');
    expect(await page.getByTestId('handover-banner').textContent()).toMatch(/第1号交接单：王值班（值班员）已于.*交班签字，待接班人签收/);
    await page.getByTestId('handover-banner').getByRole('button', { name: '接班签字' }).click();
    const accept = page.getByTestId('ho-accept');
    await accept.waitFor();
    expect(await accept.textContent()).toContain('县疾控中心下午回电，注意接听');
    // The outgoing officer cannot sign for the incoming one.
    await accept.getByLabel('登录名').fill('wang');
    await accept.getByLabel('密码').fill(TEST_PASSWORD);
    await accept.getByRole('button', { name: '接班签字' }).click();
    await expect.poll(async () => (await accept.textContent()) ?? '').toContain('接班人不能与交班人是同一人');
    await accept.getByLabel('登录名').fill('li');
    await accept.getByLabel('密码').fill(TEST_PASSWORD);
    await accept.getByRole('button', { name: '接班签字' }).click();
    await page.getByTestId('handover-banner').waitFor({ state: 'detached' });
    const history = page.getByTestId('ho-history');
    await expect.poll(async () => (await history.textContent()) ?? '').toMatch(/第1号交接单：王值班（值班员）于.*交班，李接班（值班员）于.*接班/);

    // Printed: Chromium's own PDF of the print view, read back.
    await history.getByRole('button', { name: '打印交接单' }).click();
    await page.getByTestId('ho-print').waitFor();
    const text = await printedSheetText(page, 'handover-sheet');
    expect(text).toContain('值班交接单');
    expect(text).toContain('接种后群体不良反应');
    expect(text).toMatch(/李接班（值班员）于/);
    expect(text).toMatch(/签字时日志封印：第\d+条 [0-9a-f]{16,}/);
    // Only the sheet is on paper, not the console around it.
    expect(text).not.toContain('事件总览');
    await screenshot(page, 'handover-02-print');
    // One refusal above (the same person on both sides: 400).
    expect(errors).toEqual(['console: Failed to load resource: the server responded with a status of 400 (Bad Request)']);
  });
});
