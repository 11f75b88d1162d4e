/**
 * Reminders you can trust (issue 12 item 3), in Chromium over a REAL serve shell and SQLite file:
 *  - the connection indicator: the serve shell stopped → 未连接 and a red line; started again on the same address
 *    with the same token (as electron/serve/address.ts keeps it) → 已连接, by itself;
 *  - an overdue first report sounds the in-app alarm and shows its red line WITHOUT notification permission; the
 *    permission's state is shown as the browser gives it (a denied request stays visible as denied).
 */
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

const RECEIVED = '2026-11-23T19:00:00.000Z'; // 03:00 Beijing: the first report is due at 04:00
const STATIC = path.join(ROOT, 'dist/renderer');

let browser: Browser;
let dir: string;
let core: Core;
let clock: ManualClock;

beforeAll(async () => {
  if (!fs.existsSync(path.join(STATIC, 'index.html'))) throw new Error('UI not built: run npm run build:renderer (npm run test:e2e does)');
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ercon-reminders-e2e-'));
  clock = new ManualClock('2026-11-23T19:10:00.000Z');
  core = createCore({ dbPath: path.join(dir, 'reminders.sqlite'), clock });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  core?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('reminders you can trust', () => {
  it('says 未连接 while the serve shell is down and 已连接 again when it is back on its address', async () => {
    let srv: RunningServer = await startServer({ core, staticDir: STATIC });
    const { port, token } = srv;
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    await signInPage(core, srv, page);
    try {
      await page.goto(srv.url);
      await page.getByRole('heading', { name: '在办事件' }).waitFor();
      const conn = page.getByTestId('connection');
      await expect.poll(() => conn.getAttribute('data-state')).toBe('online');
      expect(await conn.textContent()).toContain('已连接');
      expect(await page.getByTestId('connection-banner').count()).toBe(0);

      await srv.close();
      await expect.poll(() => conn.getAttribute('data-state'), { timeout: 10_000 }).toBe('offline');
      expect(await conn.textContent()).toContain('未连接');
      expect(await page.getByTestId('connection-banner').textContent()).toContain('与值守台服务的连接已断开');
      await screenshot(page, 'reminders-offline');

      srv = await startServer({ core, staticDir: STATIC, port, token });
      await expect.poll(() => conn.getAttribute('data-state'), { timeout: 15_000 }).toBe('online');
      expect(await page.getByTestId('connection-banner').count()).toBe(0);
    } finally {
      await page.close();
      await srv.close();
    }
  });

  it('sounds the alarm for an overdue report without notification permission, and shows a denial as denied', async () => {
    const srv = await startServer({ core, staticDir: STATIC });
    const log = logFor(core.services.db, clock);
    const id = log.openIncident({ planId: 'vaccine', title: '接种点疑似群体不良反应', occurredAt: RECEIVED }, '值班员').incidentId;
    log.append({ incidentId: id, type: 'reported', payload: { source: '县疾控中心电话', summary: '4名儿童接种后高热皮疹', facts: { clusteredRareAE: 4 } }, occurredAt: RECEIVED }, '值班员');
    clock.set('2026-11-23T20:05:00.000Z'); // 04:05: five minutes overdue
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    await signInPage(core, srv, page);
    // The browser's answer to the permission request, as a browser that refuses gives it (not asked yet, then denied).
    await page.addInitScript(() => {
      let state: NotificationPermission = 'default';
      Object.defineProperty(Notification, 'permission', { get: () => state });
      Notification.requestPermission = () => Promise.resolve((state = 'denied'));
    });
    await page.clock.setFixedTime(new Date('2026-11-23T20:05:00.000Z'));
    const errors = watchErrors(page);
    try {
      await page.goto(srv.url);
      const alarm = page.getByTestId('due-alarm');
      await alarm.waitFor();
      expect(await alarm.textContent()).toContain(`首次报告已超时（${id}）`);
      // Sound: played, or held back by the browser until the first click — and then played.
      expect(['played', 'blocked']).toContain(await alarm.getAttribute('data-sound'));
      await page.getByRole('heading', { name: '在办事件' }).click();
      await expect.poll(() => alarm.getAttribute('data-sound')).toBe('played');

      const state = page.getByTestId('notify-state');
      expect(await state.getAttribute('data-permission')).toBe('default');
      await state.getByRole('button', { name: '开启桌面提醒' }).click();
      await expect.poll(() => state.getAttribute('data-permission')).toBe('denied');
      expect(await state.textContent()).toContain('已被浏览器拒绝');
      await screenshot(page, 'reminders-alarm-denied');

      // 知道了: the alarm line goes, the overdue item stays until the report is filed.
      await page.getByTestId('due-alarm-ack').click();
      expect(await alarm.count()).toBe(0);
      expect(await page.getByTestId('due-item').first().textContent()).toContain('首次报告已超时');
      expect(errors).toEqual([]);
    } finally {
      await page.close();
      await srv.close();
    }
  });
});
