/**
 * The contact directory in Debian's Chromium (issue 16 item 1), a REAL SQLite file: the status screen lists the plan
 * units with no contact; Alt+9 opens 通讯录 with the search field focused; a unit linked to `amr` leaves the gaps; typing
 * its number without the dash finds it. 放弃 a round's recipient asks for the reason in the console's own dialog (never a
 * native prompt): an empty one is refused and nothing is recorded; with one the recipient is given up, the reason kept.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../electron/core/core';
import { startServer, type RunningServer } from '../../electron/serve/server';
import { launchChromium, screenshot, watchErrors, watchNativeDialogs } from '../helpers/browser';
import { signInPage } from '../helpers/console';
import { ROOT } from '../helpers/tmp';

let browser: Browser;
let dir: string;
let core: Core;
let srv: RunningServer;

beforeAll(async () => {
  if (!fs.existsSync(path.join(ROOT, 'dist/renderer/index.html'))) throw new Error('UI not built: run npm run build:renderer (npm run test:e2e does)');
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ercon-contacts-e2e-'));
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

describe('通讯录', () => {
  it('gaps on the status screen; Alt+9 and type; a linked unit leaves the gaps; found by its number', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    await signInPage(core, srv, page);
    const errors = watchErrors(page);
    await page.goto(srv.url);
    await page.getByRole('heading', { name: '在办事件' }).waitFor();
    await page.keyboard.press('Alt+0');
    const gaps = page.getByTestId('status-contact-gaps');
    await expect.poll(async () => (await gaps.textContent()) ?? '').toContain('县市场监督管理局');

    await page.keyboard.press('Alt+9');
    await page.getByRole('heading', { name: '通讯录' }).waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('ct-q');
    const add = page.getByTestId('ct-add-unit');
    await add.getByLabel('单位名称').fill('县市场监督管理局');
    await add.getByLabel('24小时值班电话').fill('0358-7221234');
    await add.getByLabel('对应预案中的单位').fill('amr');
    await add.getByRole('button', { name: '保存' }).click();
    const card = page.locator('[data-unit="县市场监督管理局"]');
    await card.waitFor();
    await card.getByLabel('姓名').fill('孙科长');
    await card.getByLabel('职务').fill('药品安全科科长');
    await card.getByLabel('手机').fill('13900001111');
    await card.getByRole('button', { name: '添加人员' }).click();
    await expect.poll(async () => (await card.textContent()) ?? '').toContain('孙科长 药品安全科科长 13900001111');
    expect(await page.getByTestId('ct-gaps').textContent()).not.toContain('县市场监督管理局');

    await page.getByLabel(/查找/).fill('03587221234');
    await expect.poll(async () => (await page.getByTestId('ct-list').textContent()) ?? '').toContain('县市场监督管理局');
    await page.getByLabel(/查找/).fill('卫健');
    await page.getByText('没有找到').waitFor();
    await screenshot(page, 'contacts-01');

    // ---- A level-IV response: the plan's round (6.2.2(2), every member unit) on the incident's 通知 tab.
    const seed = { actor: 'seed', transport: 'test' as const };
    const { id } = await core.invoke('console.report', { planId: 'vaccine', title: '接种后群体不良反应', payload: { source: '电话', summary: '4人', facts: { clusteredRareAE: 4, suspectedQualityRelated: true } } }, seed);
    await core.invoke('console.act', { incidentId: id, type: 'assessed', payload: { level: 'IV', by: 'amr' } }, seed);
    await core.invoke('console.act', { incidentId: id, type: 'response-started', payload: { level: 'IV', by: 'hq', approvedBy: 'county-gov' } }, seed);
    await page.evaluate((incident) => (window.location.hash = `#/incidents/${incident}`), id);
    await page.getByRole('tab', { name: '通知' }).click();
    const due = page.getByTestId('round-due-notify-members-iv');
    await expect.poll(async () => (await due.textContent()) ?? '').toMatch(/立即向县指挥部成员单位通报情况（6\.2\.2\(2\)），共 12 个单位/);
    await due.getByRole('button', { name: '开始通知' }).click();
    const amrRow = page.locator('tr[data-recipient="县市场监督管理局"]');
    await amrRow.waitFor();
    expect(await amrRow.textContent()).toContain('0358-7221234');
    expect(await page.locator('tr[data-recipient="县公安局"]').textContent()).toContain('通讯录无号码');
    await amrRow.getByRole('button', { name: '未接通' }).click();
    await expect.poll(async () => (await amrRow.textContent()) ?? '').toMatch(/未接通 · (10:00|09:5\d) 后重拨/);
    await amrRow.getByRole('button', { name: '通知到' }).click();
    await expect.poll(() => amrRow.getAttribute('data-status')).toBe('reached');
    expect(await page.locator('[data-testid^=round-] h3').first().textContent()).toContain('还有 11 / 12 个单位未通知到');
    await screenshot(page, 'contacts-02-round');
    expect(errors).toEqual([]);
  });
});

describe('放弃 a recipient of a notification round', () => {
  it('refuses an empty reason at its field (nothing recorded), then gives up with the reason', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    await signInPage(core, srv, page);
    const errors = watchErrors(page);
    const natives = watchNativeDialogs(page);
    const seed = { actor: 'seed', transport: 'test' as const };
    const { id } = await core.invoke('console.report', { planId: 'vaccine', title: '接种后发热病例聚集', payload: { source: '电话', summary: '5人', facts: { clusteredRareAE: 5, suspectedQualityRelated: true } } }, seed);
    await core.invoke('console.act', { incidentId: id, type: 'assessed', payload: { level: 'IV', by: 'amr' } }, seed);
    await core.invoke('console.act', { incidentId: id, type: 'response-started', payload: { level: 'IV', by: 'hq', approvedBy: 'county-gov' } }, seed);
    await page.goto(`${srv.url}#/incidents/${id}`);
    await page.getByTestId('incident-page').waitFor();
    await page.getByRole('tab', { name: '通知' }).click();
    await page.getByTestId('round-due-notify-members-iv').getByRole('button', { name: '开始通知' }).click();
    const row = page.locator('tr[data-recipient="县公安局"]');
    await row.waitFor();
    const police = async () => (await core.invoke('rounds.list', { incidentId: id }, seed)).rounds[0]!.recipients.find((x) => x.name === '县公安局')!;

    await row.getByRole('button', { name: '放弃' }).click();
    const dlg = page.getByTestId('round-give-up-dialog');
    await dlg.waitFor();
    expect(await dlg.getByRole('heading').textContent()).toBe('放弃通知：县公安局');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('round-give-up-note');
    // Empty: refused at the field; the recipient is still pending, no attempt recorded.
    await dlg.getByRole('button', { name: '确认放弃通知' }).click();
    expect(await dlg.locator('#round-give-up-note-err').textContent()).toBe('请填写放弃通知的原因（放弃通知须写明原因）');
    await screenshot(page, 'contacts-03-give-up-dialog');
    expect(await police()).toMatchObject({ status: 'pending', attempts: [] });
    expect(await row.getAttribute('data-status')).toBe('pending');
    // Esc closes it and gives the focus back to 放弃.
    await page.keyboard.press('Escape');
    await dlg.waitFor({ state: 'detached' });
    expect(await page.evaluate(() => [document.activeElement?.textContent, document.activeElement?.closest('tr')?.getAttribute('data-recipient')])).toEqual(['放弃', '县公安局']);

    // With a reason: given up, the reason on the row and in the record.
    await row.getByRole('button', { name: '放弃' }).click();
    await dlg.getByLabel('放弃通知的原因').fill('通讯录无号码，已请县指挥部办公室当面通知');
    await dlg.getByRole('button', { name: '确认放弃通知' }).click();
    await dlg.waitFor({ state: 'detached' });
    await expect.poll(() => row.getAttribute('data-status')).toBe('given-up');
    expect(await row.textContent()).toContain('已放弃：通讯录无号码，已请县指挥部办公室当面通知');
    const p = await police();
    expect(p.status).toBe('given-up');
    expect(p.attempts).toHaveLength(1);
    expect(p.attempts[0]).toMatchObject({ outcome: 'given-up', channel: 'phone', note: '通讯录无号码，已请县指挥部办公室当面通知' });
    expect(errors).toEqual([]);
    expect(natives).toEqual([]);
  });
});
