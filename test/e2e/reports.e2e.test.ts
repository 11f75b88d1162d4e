import { execFileSync } from 'node:child_process';
import { signInPage } from '../helpers/console';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../electron/core/clock';
import { createCore, type Core } from '../../electron/core/core';
import { logFor } from '../../electron/core/log';
import { startServer, type RunningServer } from '../../electron/serve/server';
import { launchChromium, screenshot, watchErrors } from '../helpers/browser';
import { ROOT } from '../helpers/tmp';
import { FIRST_FIELDS } from '../integration/reports/fixture';

// HQ received the report at 03:00 Beijing time; the officer files the first report at 03:25.
const RECEIVED = '2026-11-23T19:00:00.000Z';
const NOW = '2026-11-23T19:25:00.000Z';

let dir: string;
let core: Core;
let clock: ManualClock;
let srv: RunningServer;
let browser: Browser;
let incidentId: string;

beforeAll(async () => {
  if (!fs.existsSync(path.join(ROOT, 'dist/renderer/index.html'))) throw new Error('UI not built: run npm run build:renderer (npm run test:e2e does)');
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ercon-reports-e2e-'));
  clock = new ManualClock(NOW);
  core = createCore({ dbPath: path.join(dir, 'duty.sqlite'), clock });
  const log = logFor(core.services.db, clock);
  const opened = log.openIncident({ planId: 'vaccine', title: '接种点疑似群体不良反应', occurredAt: RECEIVED }, '值班员');
  incidentId = opened.incidentId;
  log.append(
    { incidentId, type: 'reported', payload: { source: '县疾控中心电话', summary: '4名儿童接种后高热皮疹', facts: { clusteredRareAE: 4, suspectedQualityRelated: true } }, occurredAt: RECEIVED },
    '值班员',
  );
  srv = await startServer({ core, staticDir: path.join(ROOT, 'dist/renderer') });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await srv?.close();
  core?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('reports in the console (Chromium, serve shell, real SQLite)', () => {
  it('files a first report through the form, then a correction, and downloads the PDF', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', acceptDownloads: true });
    await signInPage(core, srv, page);
    await page.clock.setFixedTime(new Date(NOW));
    const errors = watchErrors(page);
    await page.goto(srv.url);
    await page.getByRole('button', { name: /信息报告/ }).waitFor();
    await page.keyboard.press('Alt+5');
    const panel = page.getByTestId('reports-panel');
    await panel.waitFor();
    // The first-report deadline (疫苗预案 5.1: within one hour of HQ's receipt), 35 minutes left.
    const first = page.getByTestId('deadline-first');
    await expect.poll(() => first.getAttribute('data-status')).toBe('pending');
    expect(await first.textContent()).toContain('2026-11-24 04:00');
    // The final report cannot be filed before termination, and says why.
    expect(await page.getByTestId('file-final').isDisabled()).toBe(true);

    await page.getByTestId('file-first').click();
    const form = page.getByTestId('report-form');
    await form.waitFor();
    // 事件名称 starts from the intake's title, marked as pre-filled (issue 12 item 2).
    expect(await page.locator('[data-field="fields.eventName"]').inputValue()).not.toBe('');
    expect(await form.getByTestId('prefilled-eventName').textContent()).toBe('预填：来自接报登记');
    // Filing with a required item missing is refused in the form, next to the field, and nothing is sent.
    await page.getByRole('button', { name: '报送', exact: true }).click();
    await expect.poll(() => form.locator('.rep-err').first().textContent()).toContain('事件性质');
    expect(await page.locator('[data-field="fields.eventNature"]').evaluate((el) => el === document.activeElement)).toBe(true);

    for (const [id, value] of Object.entries(FIRST_FIELDS)) {
      if (id === 'other') continue;
      await page.locator(`textarea[data-field="fields.${id}"]`).fill(value);
    }
    // 5.1: foreigners involved → the 县委统战部 prompt appears in the form.
    await form.getByLabel('是', { exact: true }).check();
    await expect.poll(() => page.getByTestId('united-front-prompt').textContent()).toContain('县委统战部');
    // Classified: 保密期限 is required.
    await form.getByLabel('密级').selectOption('秘密');
    await page.getByRole('button', { name: '报送', exact: true }).click();
    await expect.poll(() => form.locator('.rep-err').first().textContent()).toContain('保密期限');
    await form.getByLabel(/保密期限/).fill('5年');
    await screenshot(page, 'reports-form-filled');
    // Ctrl+Enter submits; the irreversible filing needs a confirmation.
    await form.getByLabel(/保密期限/).press('Control+Enter');
    const confirm = page.getByRole('button', { name: '确认报送' });
    await confirm.waitFor();
    expect(await page.getByRole('alertdialog').textContent()).toContain('机要渠道');
    await confirm.click();
    await expect.poll(() => page.getByTestId('report-notice').textContent()).toMatch(/已报送，记录号 \d+/);
    const seq = Number(/记录号 (\d+)/.exec((await page.getByTestId('report-notice').textContent()) ?? '')![1]);
    await expect.poll(() => first.getAttribute('data-status')).toBe('filed-on-time');
    await expect.poll(() => page.getByTestId('united-front').textContent()).toContain('县委统战部');
    const row = page.getByTestId(`report-${seq}`);
    expect(await row.textContent()).toContain('秘密★5年');
    await screenshot(page, 'reports-first-filed');

    // A correction: a new report pointing at the first; the first stays as filed.
    await page.getByTestId(`correct-${seq}`).click();
    await form.waitFor();
    expect(await page.locator('textarea[data-field="fields.victims"]').inputValue()).toBe(FIRST_FIELDS.victims);
    await page.locator('textarea[data-field="fields.scopeAndNumbers"]').fill('接种同批次疫苗的儿童中5人出现相似症状');
    await page.getByRole('button', { name: '报送', exact: true }).click();
    await expect.poll(() => form.locator('.rep-err').first().textContent()).toContain('更正说明');
    await page.locator('textarea[data-field="fields.corrections"]').fill('涉及人数由4人更正为5人');
    await page.getByRole('button', { name: '报送', exact: true }).click();
    await page.getByRole('button', { name: '确认报送' }).click();
    await expect.poll(() => page.getByTestId(`report-${seq}`).textContent()).toMatch(/已被第 \d+ 号更正/);
    const corrSeq = Number(/已被第 (\d+) 号更正/.exec((await page.getByTestId(`report-${seq}`).textContent()) ?? '')![1]);
    expect(corrSeq).toBeGreaterThan(seq);
    expect(await page.getByTestId(`report-${corrSeq}`).textContent()).toContain(`更正第 ${seq} 号`);
    // The original is unchanged in the log.
    const events = logFor(core.services.db, clock).eventsOf(incidentId);
    expect((events.find((e) => e.seq === seq)!.payload as { fields: Record<string, string> }).fields.scopeAndNumbers).toBe(FIRST_FIELDS.scopeAndNumbers);

    // The print view shows the GB/T 9704 sheet of the correction.
    await page.getByTestId(`report-${corrSeq}`).getByRole('button', { name: '查看/打印' }).click();
    const sheet = page.getByTestId('report-print');
    await sheet.waitFor();
    expect(await sheet.textContent()).toContain('（更正）');
    expect(await sheet.textContent()).toContain('秘密★5年');
    await screenshot(page, 'reports-print-preview');
    // On paper only the sheet prints (window.print() uses the print media).
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('#root').evaluate((el) => getComputedStyle(el).display)).toBe('none');
    expect(await page.locator('.rep-print-bar').evaluate((el) => getComputedStyle(el).display)).toBe('none');
    expect(await page.locator('.rep-sheet').evaluate((el) => getComputedStyle(el).display)).toBe('block');
    await page.emulateMedia({ media: 'screen' });
    await page.keyboard.press('Escape');
    await expect.poll(() => sheet.count()).toBe(0);

    // Download the PDF of the correction.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(`pdf-${corrSeq}`).click()]);
    const pdfFile = path.join(dir, download.suggestedFilename());
    await download.saveAs(pdfFile);
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);
    const bytes = fs.readFileSync(pdfFile);
    expect(bytes.subarray(0, 4).toString('latin1')).toBe('%PDF');
    const text = execFileSync('pdftotext', [pdfFile, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    expect(text).toContain('涉及人数由4人更正为5人');
    expect(text).toContain(`记录号${seq}`);
    await screenshot(page, 'reports-after-download');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows an overdue first report in red when the hour has passed with nothing filed', async () => {
    // A second incident received at 03:00, looked at 04:10.
    const log = logFor(core.services.db, clock);
    const opened = log.openIncident({ planId: 'vaccine', title: '第二起：未按时首报', occurredAt: RECEIVED }, '值班员');
    log.append({ incidentId: opened.incidentId, type: 'reported', payload: { source: '电话', summary: '待核实', facts: {} }, occurredAt: RECEIVED }, '值班员');
    clock.set('2026-11-23T20:10:00.000Z');
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    await signInPage(core, srv, page);
    await page.clock.setFixedTime(new Date('2026-11-23T20:10:00.000Z'));
    const errors = watchErrors(page);
    await page.goto(srv.url);
    await page.getByRole('button', { name: /信息报告/ }).waitFor();
    await page.keyboard.press('Alt+5');
    await page.getByLabel('选择事件').selectOption(opened.incidentId);
    const first = page.getByTestId('deadline-first');
    await expect.poll(() => first.getAttribute('data-status')).toBe('overdue');
    expect(await first.textContent()).toContain('已超时未报');
    expect(await first.textContent()).toContain('已超过 10分钟');
    await screenshot(page, 'reports-overdue');
    expect(errors).toEqual([]);
    await page.close();
  });
});
