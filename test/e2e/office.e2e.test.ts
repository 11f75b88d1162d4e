/**
 * Issue 16 end to end in Debian's Chromium over a REAL serve shell and SQLite file: a vaccine incident typed in and
 * graded III on intake; assessed and the response started with the duty leader's password; the plan's round (6.2.1:
 * 市市场监督管理局 and 县人民政府) worked through to everyone reached, one by fax after an unanswered call; the first
 * report 签发 by the leader with their own password (the PDF read back names the 签发人); the office's statistics show
 * it with a chart; an exercise opened from the intake is marked 演练 and stays out of the statistics.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../electron/core/core';
import { startServer, type RunningServer } from '../../electron/serve/server';
import { launchChromium, screenshot, watchErrors } from '../helpers/browser';
import { fileViaPanel, signInPage } from '../helpers/console';
import { vaccinePlan } from '../../shared/plans';
import { addPerson, TEST_PASSWORD } from '../helpers/people';
import { ROOT } from '../helpers/tmp';

let browser: Browser;
let dir: string;
let core: Core;
let srv: RunningServer;
const seed = { actor: 'seed', transport: 'test' as const };
/** Every item the vaccine plan's first report asks for (5.2), from the plan. */
const FIRST = vaccinePlan.obligations.find((o) => o.kind === 'first')!.requiredFields.map((f) => f.id);

beforeAll(async () => {
  if (!fs.existsSync(path.join(ROOT, 'dist/renderer/index.html'))) throw new Error('UI not built: run npm run build:renderer (npm run test:e2e does)');
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ercon-office-e2e-'));
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

async function intake(page: Page, title: string, exercise: boolean) {
  await page.keyboard.press('Alt+2');
  await page.getByLabel('事件名称').fill(title);
  await page.getByLabel('信息来源').fill('县疾控中心值班室电话报告');
  await page.getByLabel('事件简要情况').fill('接种同一批号疫苗后6人出现相似的罕见不良事件');
  await page.getByLabel('疑似与质量相关').check();
  await page.getByLabel(/相对集中时间和区域内/).fill('6');
  await expect.poll(() => page.getByTestId('grade-level').textContent()).toContain('III');
  if (exercise) await page.getByTestId('new-exercise').check();
  await page.getByLabel('事件名称').press('Enter');
  await page.getByTestId('incident-page').waitFor();
}

async function act(page: Page, transition: string, fill: (page: Page) => Promise<void>) {
  await page.getByRole('tab', { name: '处置' }).click();
  await page.getByTestId(`action-${transition}`).getByRole('button').click();
  await page.getByTestId('action-dialog').waitFor();
  await fill(page);
  await page.getByTestId('action-dialog').getByRole('button', { name: /^确认/ }).click();
  await page.getByTestId('action-dialog').waitFor({ state: 'detached' });
}

describe('from grading to a completed round and a 签发 report', () => {
  it('grades, responds, notifies everyone, files a signed-off report; the statistics count it, not the exercise', async () => {
    await addPerson(core, 'leader', ['duty-leader'], '李带班');
    await core.invoke('contacts.saveUnit', { name: '市市场监督管理局', kind: 'receiver', dutyPhone: '0358-8220000', fax: '0358-8220001', planUnits: ['city-amr'] }, seed);
    await core.invoke('contacts.saveUnit', { name: '县人民政府总值班室', kind: 'other', dutyPhone: '0358-7220000', planUnits: ['county-gov'] }, seed);
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    await signInPage(core, srv, page, 'officer', ['duty-officer', 'office']);
    const errors = watchErrors(page);
    await page.goto(srv.url);
    await page.getByRole('heading', { name: '在办事件' }).waitFor();

    // ---- Intake, graded III as typed; assessment; the response at III with the leader's password.
    await intake(page, '城关镇卫生院疫苗接种后罕见不良事件', false);
    await act(page, 'assess', async (p) => {
      await p.getByLabel('作出决定的单位').selectOption('amr');
      await p.getByLabel('情况说明').fill('初步判定为疫苗质量安全事件，核定为III级');
    });
    await act(page, 'start-response', async (p) => {
      expect(await p.getByLabel('响应级别').inputValue()).toBe('start-response:III');
      await p.getByLabel(/批示领导/).fill('王副县长');
      await p.getByLabel('带班领导登录名').fill('leader');
      await p.getByLabel('带班领导密码').fill(TEST_PASSWORD);
    });
    const inc = page.getByTestId('incident-page');
    await expect.poll(() => inc.getAttribute('data-level')).toBe('III');

    // ---- The round the plan asks for at III (6.2.1), worked through: one unanswered call, then a fax, one receipt.
    await page.getByRole('tab', { name: '通知' }).click();
    const due = page.getByTestId('round-due-report-up-i-iii');
    await expect.poll(async () => (await due.textContent()) ?? '').toContain('立即向市市场监督管理局和县人民政府报告（6.2.1），共 2 个单位');
    await due.getByRole('button', { name: '开始通知' }).click();
    const city = page.locator('tr[data-recipient="市市场监督管理局"]');
    const gov = page.locator('tr[data-recipient="县人民政府"]');
    await city.waitFor();
    expect(await city.textContent()).toContain('0358-8220000');
    await city.getByRole('button', { name: '未接通' }).click();
    await expect.poll(async () => (await city.textContent()) ?? '').toMatch(/未接通 · .*后重拨/);
    await page.getByTestId('round-channel').selectOption('fax');
    await city.getByRole('button', { name: '已回执' }).click();
    await page.getByTestId('round-channel').selectOption('phone');
    await gov.getByRole('button', { name: '通知到' }).click();
    await expect.poll(async () => (await page.locator('[data-testid^=round-] h3').first().textContent()) ?? '').toContain('已全部通知');
    const incidentId = (await page.locator('.inc-head h1 .mono').textContent())!.trim();
    const round = (await core.invoke('rounds.list', { incidentId }, seed)).rounds[0]!;
    expect(round.recipients.find((x) => x.planUnit === 'city-amr')!.attempts.map((a) => [a.channel, a.outcome])).toEqual([
      ['phone', 'no-answer'],
      ['fax', 'receipt'],
    ]);
    await screenshot(page, 'office-01-round-complete');

    // ---- The first report, 签发 by the duty leader with their own password.
    await fileViaPanel(page, 'first', FIRST);
    const pdf = await core.invoke('reports.render', { incidentId: round.incidentId, seq: (await core.invoke('reports.view', { incidentId: round.incidentId }, seed)).reports[0]!.seq, format: 'pdf' }, seed);
    fs.writeFileSync(path.join(dir, 'first.pdf'), Buffer.from(pdf.base64, 'base64'));
    const text = execFileSync('pdftotext', [path.join(dir, 'first.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    expect(text).toContain('签发人：李带班');

    // ---- An exercise from the intake: marked on its page and the board, not in the statistics.
    await intake(page, '疫苗事件应急演练', true);
    await page.getByTestId('exercise-banner').waitFor();
    await page.keyboard.press('Alt+1');
    await page.getByTestId('tag-exercise').waitFor();
    await screenshot(page, 'office-02-board-exercise');

    // ---- The office's statistics on the reports screen, with the chart.
    await page.keyboard.press('Alt+5');
    await page.getByTestId('tab-stats').click();
    await expect.poll(async () => (await page.getByTestId('st-total').textContent()) ?? '').toContain('接报事件 1 起');
    expect(await page.getByTestId('st-total').textContent()).toContain('演练 1 起另计');
    expect(await page.getByTestId('st-incidents').textContent()).toContain('III级');
    expect(await page.getByTestId('st-reports').textContent()).toContain('首次报告');
    expect(await page.locator('[data-testid=st-chart] rect.bar-ok').getAttribute('data-n')).toBe('1');
    expect(await page.getByTestId('st-rounds').textContent()).toContain('立即向市市场监督管理局和县人民政府报告');
    await screenshot(page, 'office-03-statistics');
    expect(errors).toEqual([]);
    await page.close();
  });
});
