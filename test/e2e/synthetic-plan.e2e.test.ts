// Plans are data (issue 11, item 5): a plan that no product file mentions — written only in test code and dropped into
// the data folder's plans/ as JSON — is offered at intake, graded live, shown on the board with its tag and opened on
// the incident page with its warning, checklist and basis, with no product change. Real serve shell, real SQLite file,
// Debian Chromium.
import { addAccountToFile, signInBrowser } from '../helpers/people';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYNTHETIC_FLOOD } from '../fixtures/plans/synthetic-flood';
import { launchChromium, screenshot, watchErrors } from '../helpers/browser';
import { startServe, type ServeProcess } from '../helpers/serve';

let srv: ServeProcess;
let browser: Browser;
let dir: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ercon-e2e-synthetic-'));
  fs.mkdirSync(path.join(dir, 'plans'));
  fs.writeFileSync(path.join(dir, 'plans', 'synthetic-flood.json'), JSON.stringify(SYNTHETIC_FLOOD));
  await addAccountToFile(path.join(dir, 'console.sqlite'));
  srv = await startServe(['--db', path.join(dir, 'console.sqlite')]);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await srv?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('a plan added as data only', () => {
  it('is offered at intake, graded live, and shown on the board and its incident page', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    await signInBrowser(page, srv.origin, srv.token);
    const errors = watchErrors(page);
    await page.goto(srv.url);
    await page.locator('.sidenav').waitFor();
    await page.keyboard.press('Alt+2');
    await page.getByRole('radio', { name: '城市内涝（测试预案）' }).check();
    await page.getByLabel('事件名称').fill('城区东关街积水');
    await page.getByLabel('信息来源').fill('市民来电');
    await page.getByLabel('事件简要情况').fill('东关街下穿通道积水，车辆被困');
    const trapped = page.getByLabel(/被困人数/);
    await trapped.fill('0');
    await expect.poll(() => page.getByTestId('grade-level').textContent()).toBe('未达分级标准');
    expect(await page.getByTestId('grade-nearest').textContent()).toContain('再有1人被困即为IV级（一般内涝，测试预案 3.1(4)）');
    await trapped.fill('12');
    await expect.poll(() => page.getByTestId('grade-level').textContent()).toBe('III级 较大内涝');
    expect(await page.getByTestId('grade-criteria').textContent()).toContain('被困10人以上50人以下');
    await page.getByLabel(/积水点位于学校周边/).check();
    expect(await page.getByTestId('warning-school').textContent()).toContain('通知教育部门组织学生避险');
    await screenshot(page, 'synthetic-plan-intake');
    await page.getByRole('button', { name: '登记并建立事件' }).click();

    await page.getByTestId('incident-page').waitFor();
    expect(await page.getByTestId('incident-plan').textContent()).toContain('城市内涝（测试预案） · 1.0-test');
    expect(await page.getByTestId('incident-basis').textContent()).toContain('《某县城市内涝应急预案（测试用）》（测试〔2020〕1号）3.1、4.2（2020-01-01起施行）');
    await page.getByTestId('warning-school').waitFor();
    expect(await page.getByTestId('incident-deadlines').textContent()).toContain('内涝首报');
    await screenshot(page, 'synthetic-plan-page');

    await page.keyboard.press('Alt+1');
    const board = page.getByTestId('board-synthetic-flood');
    await board.waitFor();
    expect(await board.textContent()).toContain('城区东关街积水');
    expect(await board.getByTestId('tag-school').textContent()).toBe('学校周边');
    expect(await page.locator('.plan-group h2').filter({ hasText: '城市内涝（测试预案）' }).count()).toBe(1);
    await screenshot(page, 'synthetic-plan-board');
    expect(errors).toEqual([]);
    await page.close();
  });
});
