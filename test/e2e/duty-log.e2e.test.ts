/**
 * The duty log in Debian's Chromium (issue 15 item 5), a REAL SQLite file, the core on a manual clock: a weather warning
 * recorded at 22:00 counts down its two clocks (10 min to the duty leader, 30 min to forward); past 22:10 the first is
 * red; the serve shell is RESTARTED on the same file and the clock is still red after the reload; the step is then done
 * (late), and the entry is turned into an incident whose page opens. 办结 with a step still open asks, in the console's own
 * dialog (never a native prompt), for the reason, listing the steps not done; with none open it closes at once.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../electron/core/clock';
import { createCore, type Core } from '../../electron/core/core';
import { startServer, type RunningServer } from '../../electron/serve/server';
import { launchChromium, printedSheetText, screenshot, watchErrors, watchNativeDialogs } from '../helpers/browser';
import { signInPage } from '../helpers/console';
import { ROOT } from '../helpers/tmp';

const T0 = '2026-12-01T14:00:00.000Z'; // 22:00 Beijing
let browser: Browser;
let dir: string;
let core: Core;
let srv: RunningServer;
const clock = new ManualClock(T0);

async function start(port = 0) {
  core = createCore({ dbPath: path.join(dir, 'duty.sqlite'), clock });
  srv = await startServer({ core, staticDir: path.join(ROOT, 'dist/renderer'), port, token: 'duty-e2e-token-0123456789' });
}

beforeAll(async () => {
  if (!fs.existsSync(path.join(ROOT, 'dist/renderer/index.html'))) throw new Error('UI not built: run npm run build:renderer (npm run test:e2e does)');
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ercon-duty-e2e-'));
  await start();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await srv?.close();
  core?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

async function at(page: Page, iso: string) {
  clock.set(iso);
  await page.clock.setFixedTime(new Date(iso));
}

describe('the duty log', () => {
  it('a warning counts down, turns red at 10 min, stays red across a restart, is done late and becomes an incident', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    await signInPage(core, srv, page);
    await page.clock.setFixedTime(new Date(T0));
    const errors = watchErrors(page);
    await page.goto(srv.url);
    await page.getByRole('heading', { name: '在办事件' }).waitFor();
    await page.keyboard.press('Alt+7');
    await page.getByRole('heading', { name: '值班日志（来电来文登记）' }).waitFor();
    const form = page.getByTestId('duty-new');
    await form.getByLabel('类型').selectOption('warning');
    await form.getByLabel('来电（来文）单位').fill('县气象局');
    await form.getByLabel('姓名').fill('赵预报员');
    await form.getByLabel('电话').fill('0358-1234567');
    await form.getByLabel('事由（发生了什么）').fill('发布森林火险橙色预警，有效期至12月3日');
    await form.getByRole('button', { name: '登记' }).click();
    const entry = page.locator('[data-testid^=duty-entry-]').first();
    await entry.waitFor();
    const step = (id: string) => entry.locator(`[data-step=${id}]`);
    await expect.poll(() => step('tell-leader').textContent()).toContain('应于 2026-12-01 22:10 前，剩余 10:00');
    expect(await step('forward').textContent()).toContain('应于 2026-12-01 22:30 前，剩余 30:00');
    expect(await entry.textContent()).toContain('登记人 测试值班员（值班员、带班领导、办公室、管理员、地图维护）');

    await at(page, '2026-12-01T14:09:59.000Z');
    await expect.poll(() => step('tell-leader').getAttribute('data-status')).toBe('open');
    await at(page, '2026-12-01T14:10:00.000Z');
    await expect.poll(() => step('tell-leader').getAttribute('data-status')).toBe('overdue');
    await at(page, '2026-12-01T14:12:00.000Z');
    await expect.poll(() => step('tell-leader').textContent()).toContain('已超时 02:00');
    expect(await entry.getAttribute('data-overdue')).toBe('true');

    // The serve shell stops and starts again on the same file and port; the page is reloaded.
    const port = srv.port;
    await srv.close();
    core.close();
    await start(port);
    await page.reload();
    await page.getByRole('heading', { name: '值班日志（来电来文登记）' }).waitFor();
    await expect.poll(() => step('tell-leader').getAttribute('data-status')).toBe('overdue');
    await screenshot(page, 'duty-01-overdue-after-restart');

    // Done now, at 22:12: marked late; the entry is no longer red for that step.
    await step('tell-leader').getByRole('button', { name: '已办理' }).click();
    await expect.poll(() => step('tell-leader').textContent()).toContain('2026-12-01 22:12 办理（超时）');
    expect(await step('tell-leader').getAttribute('data-status')).toBe('done-late');

    // The day's duty log on paper: Chromium's own PDF of the print view, read back.
    await page.getByRole('button', { name: '打印今日值班日志' }).click();
    await page.getByTestId('duty-print').waitFor();
    const text = await printedSheetText(page, 'duty-log-day');
    expect(text).toContain('值班日志');
    expect(text).toContain('日期：2026-12-01');
    // Cells wrap on paper, so the checks are on pieces that fit one line of their cell.
    const flat = text.replace(/\s+/g, '');
    for (const piece of ['22:00', '县气象局', '1234567', '发布森林火险橙色预警', '22:12（超', '未办理']) expect(flat).toContain(piece);
    expect(text).not.toContain('事件总览');
    await page.getByTestId('duty-print').getByRole('button', { name: '关闭' }).click();

    // The office shortens the warning's first clock to 5 minutes: a warning recorded now gets it; the first keeps 10.
    await page.getByTestId('duty-types').locator('summary').click();
    await page.getByLabel('预警信息：电话报告带班领导（分钟）').fill('5');
    await page.getByTestId('duty-types').getByRole('button', { name: '保存时限' }).click();
    await page.getByTestId('duty-types').getByText('已保存').waitFor();
    await form.getByLabel('类型').selectOption('warning');
    await form.getByLabel('事由（发生了什么）').fill('寒潮蓝色预警');
    await form.getByRole('button', { name: '登记' }).click();
    const second = page.locator('[data-testid^=duty-entry-]').nth(1);
    await expect.poll(async () => (await second.locator('[data-step=tell-leader]').textContent()) ?? '').toContain('应于 2026-12-01 22:17 前');
    expect(await entry.locator('[data-step=tell-leader]').textContent()).toContain('22:12 办理（超时）');

    // Turned into an incident under the fire plan: its page opens.
    await entry.getByLabel('按预案').selectOption({ index: 1 });
    await entry.getByRole('button', { name: '转为事件' }).click();
    await page.getByTestId('incident-page').waitFor();
    expect(await page.locator('.inc-head h1').textContent()).toContain('发布森林火险橙色预警');
    // The only errors: the change stream cut when the shell stopped (Chromium logs the drop twice).
    expect(errors).toEqual([expect.stringMatching(/^requestfailed: .*\/api\/events.*ERR_INCOMPLETE_CHUNKED_ENCODING$/), 'console: Failed to load resource: net::ERR_INCOMPLETE_CHUNKED_ENCODING']);
  });
});

describe('办结 with steps still open', () => {
  it('lists the open step, refuses an empty reason (the entry stays open), closes with one and keeps it in the log', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    await signInPage(core, srv, page);
    await page.clock.setFixedTime(clock.now());
    const errors = watchErrors(page);
    const natives = watchNativeDialogs(page);
    const closes: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/api/cmd/duty.log.close')) closes.push(r.postData() ?? '');
    });
    await page.goto(srv.url);
    await page.getByRole('heading', { name: '在办事件' }).waitFor();
    await page.keyboard.press('Alt+7');
    await page.getByRole('heading', { name: '值班日志（来电来文登记）' }).waitFor();
    const form = page.getByTestId('duty-new');
    const record = async (type: string, content: string) => {
      await form.getByLabel('类型').selectOption(type);
      await form.getByLabel('事由（发生了什么）').fill(content);
      await form.getByRole('button', { name: '登记' }).click();
      const entry = page.getByTestId('duty-open').locator('[data-testid^=duty-entry-]', { hasText: content });
      await entry.waitFor();
      return { entry, id: Number((await entry.getAttribute('data-testid'))!.replace('duty-entry-', '')) };
    };
    const log = async () => (await core.invoke('duty.log.list', {}, { actor: 'test', transport: 'test' })).entries;

    // An upper-level notice: 报告带班领导 done, 传达相关单位 still open.
    const { entry, id } = await record('notice', '市应急管理局通知：明日开展防汛应急演练');
    await entry.locator('[data-step=tell-leader]').getByRole('button', { name: '已办理' }).click();
    await expect.poll(() => entry.locator('[data-step=tell-leader]').getAttribute('data-status')).toBe('done');
    await entry.getByRole('button', { name: '办结' }).click();
    const dlg = page.getByTestId('duty-close-dialog');
    await dlg.waitFor();
    expect(await dlg.getByTestId('duty-close-open-steps').locator('li').allTextContents()).toEqual(['传达相关单位']);
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe(`duty-close-note-${id}`);
    // Esc: closed, nothing sent, the focus back on 办结.
    await page.keyboard.press('Escape');
    await dlg.waitFor({ state: 'detached' });
    expect(await page.evaluate(() => [document.activeElement?.textContent, document.activeElement?.closest('[data-testid^=duty-entry-]')?.getAttribute('data-testid')])).toEqual(['办结', `duty-entry-${id}`]);

    // An empty (blank) reason is refused at its field; nothing is sent and the entry stays open.
    await entry.getByRole('button', { name: '办结' }).click();
    await dlg.waitFor();
    await dlg.getByLabel('办结原因').fill('   ');
    await dlg.getByRole('button', { name: '办结' }).click();
    expect(await dlg.locator(`#duty-close-note-${id}-err`).textContent()).toBe('请填写办结原因（还有步骤未办理，办结须写明原因）');
    await screenshot(page, 'duty-02-close-dialog');
    expect(closes).toEqual([]);
    expect((await log()).find((x) => x.id === id)?.status).toBe('open');

    // With a reason: closed, off the open list, the reason in the log (and in today's table).
    await dlg.getByLabel('办结原因').fill('演练改期，由市局另行通知');
    await dlg.getByRole('button', { name: '办结' }).click();
    await dlg.waitFor({ state: 'detached' });
    await entry.waitFor({ state: 'detached' });
    const closed = (await log()).find((x) => x.id === id)!;
    expect(closed).toMatchObject({ status: 'closed', closeNote: '演练改期，由市局另行通知' });
    expect(closed.steps.find((x) => x.stepId === 'forward')?.doneAt).toBeNull();
    await expect.poll(async () => (await page.getByTestId('duty-today').textContent()) ?? '').toContain('（演练改期，由市局另行通知）');

    // Every step done: 办结 closes at once, no dialog.
    const call = await record('call', '村民来电询问防火期规定');
    await call.entry.locator('[data-step=handle]').getByRole('button', { name: '已办理' }).click();
    await expect.poll(() => call.entry.locator('[data-step=handle]').getAttribute('data-status')).toBe('done');
    await call.entry.getByRole('button', { name: '办结' }).click();
    await call.entry.waitFor({ state: 'detached' });
    expect(await dlg.count()).toBe(0);
    expect((await log()).find((x) => x.id === call.id)).toMatchObject({ status: 'closed', closeNote: '' });
    expect(closes).toHaveLength(2);
    expect(errors).toEqual([]);
    expect(natives).toEqual([]);
  });
});
