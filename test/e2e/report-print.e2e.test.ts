/**
 * The print preview of a report in Chromium over a REAL serve shell and SQLite file (issue 12 item 8): the title in
 * the layout's lines (疫苗 whole, not 疫 / 苗), each line one line on screen and on paper (Chromium's own PDF of the
 * print media, read back with pdftotext); the 发文字号 under the 版头 with 签发人 on this upward report; no printed
 * page holding only the 版记; the body in the 仿宋 shipped with the app (this machine has none of its own). A late report
 * reads 超时报送 with how late in the list, the preview and on paper (issue 12 item 4).
 */
import { addPerson, TEST_PASSWORD } from '../helpers/people';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logFor } from '../../electron/core/log';
import { launchChromium, OUTPUT_DIR, screenshot, watchErrors } from '../helpers/browser';
import { startConsole, type TestConsole } from '../helpers/console';
import { FIRST_FIELDS } from '../integration/reports/fixture';

const RECEIVED = '2026-11-23T19:00:00.000Z';
const NOW = '2026-11-23T19:25:00.000Z';
const LATE_NOW = '2026-11-23T21:27:00.000Z';

let browser: Browser;
let tc: TestConsole;
let incidentId: string;

/** A vaccine incident whose report HQ received at `received` (the first report is due 1 hour later). */
function reportedIncident(received: string): string {
  const log = logFor(tc.core.services.db, tc.clock);
  const id = log.openIncident({ planId: 'vaccine', title: '接种点疑似群体不良反应', occurredAt: received }, '值班员').incidentId;
  log.append({ incidentId: id, type: 'reported', payload: { source: '县疾控中心电话', summary: '4名儿童接种后高热皮疹', facts: { clusteredRareAE: 4 } }, occurredAt: received }, '值班员');
  return id;
}

beforeAll(async () => {
  tc = await startConsole('report-print-e2e', NOW);
  // The duty leader who signs the reports off (签发) with their own password.
  await addPerson(tc.core, 'wangmm', ['duty-leader'], '王某某');
  incidentId = reportedIncident(RECEIVED);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await tc?.close();
});

describe('report print preview', () => {
  it('breaks the title between words only, on screen and on paper; 发文字号 and 签发人 under the 版头', async () => {
    const filed = await tc.call<{ seq: number }>('reports.file', { incidentId, draft: { kind: 'first', channel: 'fax', fields: FIRST_FIELDS }, signOff: { login: 'wangmm', password: TEST_PASSWORD } });
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    await tc.signIn(page);
    await page.clock.setFixedTime(new Date(NOW));
    const errors = watchErrors(page);
    await page.goto(tc.srv.url);
    await page.getByRole('button', { name: /信息报告/ }).waitFor();
    await page.keyboard.press('Alt+5');
    await page.getByTestId('reports-panel').waitFor();
    await page.getByTestId(`report-${filed.seq}`).getByRole('button', { name: '查看/打印' }).click();
    const sheet = page.getByTestId('report-print');
    await sheet.waitFor();
    const lines = sheet.locator('.rep-title-line');
    expect(await lines.allTextContents()).toEqual(['关于某乡镇卫生院接种点疑似疫苗', '群体不良反应事件的首次报告']);
    // each is one line on screen: its height is one line of the 22 pt title (line-height 1.4), not two
    for (const box of await Promise.all((await lines.all()).map((l) => l.boundingBox()))) expect(box!.height).toBeLessThan(22 * 1.4 * (96 / 72) * 1.5);
    expect(await sheet.getByTestId('report-print-docnumber').textContent()).toMatch(/^交疫苗指办〔2026〕1号\s*签发人：王某某$/);
    // The log's head when the sheet was made, in the 版记 (issue 13): a paper copy can be checked against the log.
    expect(await sheet.getByTestId('report-print-loghead').textContent()).toMatch(/^日志头：第\d+条 [0-9a-f]{12}（2026-11-24 03:25）$/);
    await screenshot(page, 'report-print-preview');
    // the body is drawn in a 仿宋: this machine has none of its own, so the FandolFang shipped with the app (Chromium's
    // own answer for the fonts it used on a body paragraph, DevTools protocol CSS.getPlatformFontsForNode)
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: '.rep-sheet .rep-p' });
    await expect
      .poll(async () => ((await cdp.send('CSS.getPlatformFontsForNode', { nodeId })).fonts as Array<{ familyName: string }>).some((f) => /^FandolFang/.test(f.familyName)))
      .toBe(true);

    // On paper: Chromium's PDF of the print media, read back.
    await page.emulateMedia({ media: 'print' });
    const pdf = path.join(tc.dir, 'print.pdf');
    fs.writeFileSync(pdf, await page.pdf({ preferCSSPageSize: true }));
    fs.copyFileSync(pdf, path.join(OUTPUT_DIR, 'report-print.pdf'));
    await page.emulateMedia({ media: 'screen' });
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    const titleRows = text.split('\n').map((l) => l.trim()).filter((l) => l.startsWith('关于') || l.startsWith('群体不良'));
    expect(titleRows).toEqual(['关于某乡镇卫生院接种点疑似疫苗', '群体不良反应事件的首次报告']);
    expect(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' })).toMatch(/Page size:\s+59[45]\.\d+ x 841\.\d+ pts \(A4\)/);
    // No printed page holds only the 版记: the last page also has the 署名, the date and body text.
    const pages = text.split('\f').filter((p) => p.trim());
    const last = pages.at(-1)!;
    expect(last).toContain('印发');
    expect(last).toContain('2026年11月24日\n');
    expect(last.split('\n').filter((l) => /[\u4e00-\u9fff]/.test(l)).length, last).toBeGreaterThanOrEqual(6);
    await page.keyboard.press('Escape');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('reads 超时报送 · 迟报1小时27分钟 in the list, the preview and the printed page', async () => {
    // HQ received it at 03:00 Beijing: the first report was due at 04:00; it goes at 05:27.
    tc.clock.set(LATE_NOW);
    const late = reportedIncident(RECEIVED);
    const filed = await tc.call<{ seq: number }>('reports.file', { incidentId: late, draft: { kind: 'first', channel: 'fax', fields: FIRST_FIELDS }, signOff: { login: 'wangmm', password: TEST_PASSWORD } });
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    await page.clock.setFixedTime(new Date(LATE_NOW));
    const errors = watchErrors(page);
    await page.goto(tc.srv.url);
    await page.getByRole('button', { name: /信息报告/ }).waitFor();
    await page.keyboard.press('Alt+5');
    await page.getByTestId('reports-panel').waitFor();
    await page.getByLabel('选择事件').selectOption(late);
    const row = page.getByTestId(`report-${filed.seq}`);
    expect(await row.getByTestId('report-late').textContent()).toBe('超时报送 · 迟报1小时27分钟（应于 2026-11-24 04:00 前）');
    await screenshot(page, 'late-list');
    await row.getByRole('button', { name: '查看/打印' }).click();
    const sheet = page.getByTestId('report-print');
    await sheet.waitFor();
    expect(await sheet.getByTestId('report-print-late').textContent()).toBe('（超时报送：应于2026年11月24日 04:00前报送，2026年11月24日 05:27报送，迟报1小时27分钟）');
    await screenshot(page, 'late-print-preview');
    await page.emulateMedia({ media: 'print' });
    const pdf = path.join(tc.dir, 'late-print.pdf');
    fs.writeFileSync(pdf, await page.pdf({ preferCSSPageSize: true }));
    await page.emulateMedia({ media: 'screen' });
    const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    expect(text).toContain('超时报送：应于2026年11月24日04:00前报送，2026年11月24日05:27报送，迟报1小时27分钟');
    await page.keyboard.press('Escape');
    expect(errors).toEqual([]);
    await page.close();
  });
});
