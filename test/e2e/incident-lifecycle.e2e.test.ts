/**
 * A whole vaccine incident, from the phone call to closed, through the console in Chromium over a REAL serve shell
 * (started in this process so its clock can be a ManualClock) and a REAL SQLite file; and an overdue first report
 * shown red. The page's own clock is Playwright's page.clock, kept in step with the server's.
 */
import { fileViaPanel, signInPage } from '../helpers/console';
import { addPerson, sessionOf, TEST_PASSWORD } from '../helpers/people';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../electron/core/clock';
import { createCore, type Core } from '../../electron/core/core';
import { startServer, type RunningServer } from '../../electron/serve/server';
import { launchChromium, screenshot, watchErrors } from '../helpers/browser';
import { ROOT } from '../helpers/tmp';

// 03:00 Beijing time, the hour the brief has in mind.
const T0 = '2026-11-23T19:00:00.000Z';

let browser: Browser;
let dir: string;

beforeAll(async () => {
  if (!fs.existsSync(path.join(ROOT, 'dist/renderer/index.html'))) throw new Error('UI not built: run npm run build:renderer (npm run test:e2e does)');
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ercon-inc-e2e-'));
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

interface Env {
  core: Core;
  clock: ManualClock;
  srv: RunningServer;
  page: Page;
  errors: string[];
  /** Move both clocks (server and page) forward. */
  advance(ms: number): Promise<void>;
  /** A command straight to the serve shell (what the reports module would send). */
  call(name: string, input: unknown): Promise<{ ok: boolean; result?: unknown; error?: { message: string } }>;
  close(): Promise<void>;
}

async function setup(name: string): Promise<Env> {
  const clock = new ManualClock(T0);
  const core = createCore({ dbPath: path.join(dir, `${name}.sqlite`), clock });
  const srv = await startServer({ core, staticDir: path.join(ROOT, 'dist/renderer') });
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  // A duty officer at the keyboard; each approval is confirmed by the duty leader with their own password.
  await addPerson(core, 'leader', ['duty-leader'], '李带班');
  await signInPage(core, srv, page, 'officer', ['duty-officer', 'office']);
  let cookie = `ercon_user=${await sessionOf(core, 'officer')}`;
  // The page's Date stands still at the server's manual time and moves only with it (timers keep running).
  let t = Date.parse(T0);
  await page.clock.setFixedTime(new Date(t));
  const errors = watchErrors(page);
  await page.goto(srv.url);
  await page.getByRole('heading', { name: '在办事件' }).waitFor();
  return {
    core,
    clock,
    srv,
    page,
    errors,
    async advance(ms) {
      clock.advance(ms);
      t += ms;
      await page.clock.setFixedTime(new Date(t));
      // A session lasts one shift (26 h): over these days the officer signs in again, as on each shift.
      await signInPage(core, srv, page, 'officer');
      cookie = `ercon_user=${await sessionOf(core, 'officer')}`;
    },
    async call(cmd, input) {
      const origin = new URL(srv.url).origin;
      const r = await fetch(`${origin}/api/cmd/${cmd}`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${srv.token}`, cookie }, body: JSON.stringify(input) });
      return (await r.json()) as { ok: boolean; result?: unknown; error?: { message: string } };
    },
    async close() {
      await screenshot(page, `incident-last-${name}`).catch(() => undefined);
      await page.close();
      await srv.close();
      core.close();
    },
  };
}

/** page.reload() aborts the page's own in-flight polls (net::ERR_ABORTED): that is the test reloading, not an error. */
function realErrors(errors: string[]): string[] {
  return errors.filter((e) => !(e.startsWith('requestfailed:') && e.includes('net::ERR_ABORTED')));
}


async function openAction(page: Page, transition: string) {
  await page.getByTestId(`action-${transition}`).getByRole('button').click();
  await page.getByTestId('action-dialog').waitFor();
}

async function confirmDialog(page: Page) {
  await page.getByTestId('action-dialog').getByRole('button', { name: /^确认/ }).click();
  await page.getByTestId('action-dialog').waitFor({ state: 'detached' });
}

async function expectState(page: Page, state: string, level = '') {
  const p = page.getByTestId('incident-page');
  await expect.poll(async () => `${await p.getAttribute('data-state')}|${await p.getAttribute('data-level')}`).toBe(`${state}|${level}`);
}

describe('a vaccine incident in the duty console, phone call to closed', () => {
  it('records, grades live, responds, refuses what the plan refuses, and closes', async () => {
    const env = await setup('lifecycle');
    const { page } = env;
    try {
      // ---- The board is the start screen: nothing open yet.
      await expect.poll(() => page.locator('h1').first().textContent()).toBe('在办事件');
      await page.getByText('目前没有在办事件').waitFor();
      await screenshot(page, 'incident-01-board-empty');

      // ---- The phone rings: Alt+2, the facts typed in the plan's words; the level follows the typing.
      await page.keyboard.press('Alt+2');
      await page.getByRole('heading', { name: '接报登记' }).waitFor();
      await page.getByLabel('事件名称').fill('城关镇卫生院疫苗接种后群体不良反应');
      await page.getByLabel('信息来源').fill('县疾控中心值班室电话报告');
      await page.getByLabel('报告人及联系方式').fill('张医生 138****0000');
      await page.getByLabel('地点').fill('城关镇卫生院');
      await page.getByLabel('事件简要情况').fill('接种同一批号乙肝疫苗后，多名儿童出现高热、皮疹，临床表现相似');
      // The first-report deadline starts from the time received (default: now, 03:00) — 1 hour (5.1, 5.2).
      expect(await page.getByTestId('first-due').textContent()).toContain('首次报告应于 2026-11-24 04:00 前报送，剩余 1:00:00');
      const rare = page.getByLabel(/相对集中时间和区域内，同一疫苗引起临床表现相似的罕见或非预期的不良事件人数/);
      await rare.fill('3');
      await page.getByLabel(/疑似与质量相关/).check();
      await expect.poll(() => page.getByTestId('grade-level').textContent()).toBe('未达分级标准');
      expect(await page.getByTestId('grade-nearest').textContent()).toContain('再有1人出现罕见或非预期的不良事件即为IV级（一般，4.4(1)）');
      await screenshot(page, 'incident-02-new-3-not-graded');
      await rare.fill('4');
      await expect.poll(() => page.getByTestId('grade-level').textContent()).toBe('IV级 一般');
      expect(await page.getByTestId('grade-criteria').textContent()).toContain('4.4(1)');
      expect(await page.getByTestId('grade-nearest').textContent()).toContain('再有1人死亡即为III级（较大，4.3(1)）');
      // A fractional count is refused next to the field, naming the rule.
      await rare.fill('4.5');
      await expect.poll(() => page.locator('#fact-clusteredRareAE-err').textContent()).toContain('必须是不小于0的整数');
      await rare.fill('4');
      await page.getByLabel(/涉及外宾、华侨、港澳同胞/).check(); // the plan's own words (5.1), a fact of the plan
      await page.getByText('县委统战部').first().waitFor();
      await screenshot(page, 'incident-03-new-4-level-IV');
      await page.getByLabel('事件简要情况').focus();
      await page.getByLabel('事件名称').press('Enter'); // Enter submits

      // ---- The incident page: reported, first report due 04:00, 统战部 prompt.
      await page.getByTestId('incident-page').waitFor();
      await expectState(page, 'reported');
      expect(await page.getByTestId('incident-deadlines').textContent()).toContain('首次报告');
      await page.getByTestId('warning-notify-united-front').waitFor();
      const incidentId = (await page.locator('.inc-head h1 .mono').textContent())!.trim();
      expect(incidentId).toMatch(/^20261124-\d{3}$/);
      await screenshot(page, 'incident-04-page-reported');

      // Initial disposal (6.1): tick an item with who did it.
      await page.getByTestId('item-treat-harmed').getByRole('button', { name: /记录完成/ }).click();
      await page.getByLabel('办理人').fill('李明');
      await page.getByLabel('办理人').press('Enter');
      await expect.poll(() => page.getByTestId('item-treat-harmed').textContent()).toContain('李明 于 2026-11-24 03:00');
      await page.getByTestId('item-notify-united-front').getByRole('button', { name: /记录完成/ }).click();
      await page.getByLabel('办理人').fill('李明');
      await page.getByRole('button', { name: '确认完成' }).click();
      await page.getByTestId('warning-notify-united-front').waitFor({ state: 'detached' });

      // The first report at 03:20, through the reports panel on the incident page, with every item of 5.2.
      await env.advance(20 * 60_000);
      await page.reload();
      await page.getByTestId('incident-page').waitFor();
      const FIRST = ['eventName', 'eventNature', 'manufacturer', 'productSpec', 'packagingAndBatch', 'occurredTime', 'place', 'informationSource', 'scopeAndNumbers', 'victims', 'symptoms', 'possibleCause', 'measuresTaken', 'trendAndHarm', 'responseProposal', 'helpNeeded', 'reportingUnit', 'contact'];
      await fileViaPanel(page, 'first', FIRST);
      await page.getByRole('tab', { name: '报告与时限' }).click();
      await expect.poll(() => page.getByTestId('obligation-first').getAttribute('data-status')).toBe('filed');
      await page.getByRole('tab', { name: '处置' }).click();

      // ---- Assessment (5.4) by 县市场监督管理局, then the response at the facts' level IV.
      await openAction(page, 'assess');
      await page.getByLabel('作出决定的单位').selectOption('amr');
      await page.getByLabel('情况说明').fill('初步判定为疫苗质量安全事件，核定为IV级');
      await confirmDialog(page);
      await expectState(page, 'assessing');
      await openAction(page, 'start-response');
      expect(await page.getByLabel('响应级别').inputValue()).toBe('start-response:IV');
      await page.getByLabel(/批示领导/).fill('王副县长');
      await leaderConfirms(page);
      await confirmDialog(page);
      await expectState(page, 'responding', 'IV');
      await screenshot(page, 'incident-05-responding-IV');

      // Checklist for IV (6.2.2) and the field groups (2.3), grouped by group and unit.
      await page.getByTestId('item-r4-notify-members').getByRole('button', { name: /记录完成/ }).click();
      await page.getByLabel('办理人').fill('赵敏');
      await page.getByLabel('办理人').press('Enter');
      await expect.poll(() => page.getByTestId('item-r4-notify-members').textContent()).toContain('赵敏');
      await page.getByTestId('item-g-medical').getByRole('button', { name: /记录完成/ }).click();
      await page.getByLabel('办理人').fill('县医院 孙主任');
      await page.getByLabel('办理人').press('Enter');
      await expect.poll(() => page.getByTestId('item-g-medical').textContent()).toContain('孙主任');
      expect(await page.getByTestId('checklist-field-groups').textContent()).toContain('医疗救治组');

      // Terminating now is refused, and the page says why and under which clause (6.4).
      const term = page.getByTestId('action-terminate');
      expect(await term.getByRole('button').isDisabled()).toBe(true);
      expect(await term.textContent()).toContain('须由县指挥部办公室组织专家进行评估论证（6.4）');
      await screenshot(page, 'incident-06-terminate-refused');

      // ---- The harm spreads: 12 cases → II (4.2(2)); the console warns the response is below the facts; escalate.
      await env.advance(30 * 60_000);
      await page.getByRole('tab', { name: '事实与定级' }).click();
      await page.getByLabel(/相对集中时间和区域内/).fill('12');
      await expect.poll(() => page.getByTestId('grade-level').textContent()).toBe('II级 重大');
      await page.getByLabel('更新事实的依据').fill('县疾控中心续报：新增8例');
      await page.getByRole('button', { name: '更新事实' }).click();
      await page.getByTestId('warning-level-below-facts').waitFor();
      await page.getByRole('tab', { name: '处置' }).click();
      await openAction(page, 'escalate');
      expect(await page.getByLabel('调整至').inputValue()).toBe('escalate:II');
      await page.getByLabel(/批示领导/).fill('王副县长');
      await leaderConfirms(page);
      await page.getByTestId('action-dialog').getByRole('button', { name: /^确认/ }).click();
      // The reason is required: refused in the form, nothing written.
      expect(await page.locator('#act-reason-err').textContent()).toBe('必须写明理由');
      await page.getByLabel(/^理由/).fill('病例增至12人，危害持续扩大，难以控制');
      await confirmDialog(page);
      await expectState(page, 'responding', 'II');
      await screenshot(page, 'incident-07-escalated-II');

      // ---- Controlled: facts back to 4; the office's expert evaluation; a de-escalation skipping a level is REFUSED.
      await env.advance(24 * 3600_000);
      await page.getByRole('tab', { name: '事实与定级' }).click();
      await page.getByLabel(/相对集中时间和区域内/).fill('4');
      await page.getByLabel('更新事实的依据').fill('复核：8例排除与疫苗相关');
      await page.getByRole('button', { name: '更新事实' }).click();
      await page.getByRole('tab', { name: '处置' }).click();
      await expect.poll(() => page.getByTestId('action-de-escalate').textContent()).toContain('须经评估');
      await openAction(page, 'expert-evaluation');
      await page.getByLabel('参加评估论证的专家').fill('刘教授、陈主任医师、周研究员');
      await page.getByLabel('评估认为目前对应的级别').selectOption('IV');
      await page.getByLabel('建议终止应急响应').uncheck();
      await page.getByLabel(/评估论证结论/).fill('危害已得到控制，降至IV级标准');
      await confirmDialog(page);
      await openAction(page, 'de-escalate');
      await page.getByLabel('调整至').selectOption('de-escalate:IV');
      await page.getByLabel(/批示领导/).fill('县指挥部 指挥长');
      await leaderConfirms(page);
      await page.getByLabel(/^理由/).fill('危害已得到控制');
      await page.getByTestId('action-dialog').getByRole('button', { name: /^确认/ }).click();
      // Refused by the core (6.4 逐级): shown next to the level it is about; nothing written, the form kept.
      const refusal = page.locator('#act-level-err');
      await refusal.waitFor();
      expect(await refusal.textContent()).toContain('降低响应级别须逐级进行');
      expect(await refusal.textContent()).toContain('6.4');
      await screenshot(page, 'incident-08-de-escalation-refused');
      await page.getByLabel('调整至').selectOption('de-escalate:III');
      await confirmDialog(page);
      await expectState(page, 'responding', 'III');

      // ---- Termination (6.4): evaluation recommending it, the office's proposal, HQ's approval, with a reason.
      await env.advance(24 * 3600_000);
      await openAction(page, 'expert-evaluation');
      await page.getByLabel('参加评估论证的专家').fill('刘教授、陈主任医师');
      await page.getByLabel('评估认为目前对应的级别').selectOption('none');
      await page.getByLabel(/评估论证结论/).fill('无新增病例，危害已消除，建议终止应急响应');
      await confirmDialog(page);
      await openAction(page, 'propose-termination');
      await page.getByLabel(/^理由/).fill('专家评估论证建议终止');
      await confirmDialog(page);
      await openAction(page, 'terminate');
      expect(await page.getByTestId('action-dialog').textContent()).toContain('已于第');
      await page.getByLabel(/批示领导/).fill('县指挥部 指挥长 王副县长');
      await leaderConfirms(page);
      await page.getByLabel(/终止理由/).fill('连续48小时无新增病例，涉事批次已全部封存');
      await screenshot(page, 'incident-09-terminate-dialog');
      await confirmDialog(page);
      await expectState(page, 'terminated');
      // The final report is due 14 days after termination (5.2, 6.4).
      expect(await page.getByTestId('incident-deadlines').textContent()).toContain('结案报告');

      await openAction(page, 'start-aftermath');
      await confirmDialog(page);
      await expectState(page, 'aftermath');

      // Closing before the final report is refused, with the clause.
      expect(await page.getByTestId('action-close').textContent()).toContain('结案报告报送后方可结案（5.2）');

      // ---- The final report (written) through the reports panel, then closed.
      await fileViaPanel(page, 'final', ['termination', 'cause', 'nature', 'impact', 'responsibility', 'measures', 'lessons', 'recommendations']);
      await page.getByRole('tab', { name: '报告与时限' }).click();
      await expect.poll(() => page.getByTestId('obligation-final').getAttribute('data-status')).toBe('filed');
      await screenshot(page, 'incident-10a-final-report-filed');
      await page.getByRole('tab', { name: '处置' }).click();
      // Items nobody ticked are listed; closing anyway needs a written reason (县定), nothing is written without it.
      await openAction(page, 'close');
      await page.getByTestId('close-open-items').waitFor();
      expect(await page.getByTestId('close-open-items').textContent()).toContain('组织进行应急抽检');
      await page.getByTestId('action-dialog').getByRole('button', { name: /^确认/ }).click();
      await expect.poll(() => page.getByTestId('action-dialog').textContent()).toContain('必须写明理由');
      await expectState(page, 'aftermath');
      await page.locator('#act-reason').fill('未勾选事项已由县市场监管局另行办结，见值班记录');
      await confirmDialog(page);
      await expectState(page, 'closed');

      // Timeline: every event, both times; a correction is a new event pointing at the one it corrects.
      await page.getByRole('tab', { name: /时间线/ }).click();
      const evs = page.getByTestId('timeline-event');
      const n = await evs.count();
      expect(n).toBeGreaterThan(20);
      const reported = page.locator('[data-testid=timeline-event][data-type=reported]');
      await reported.getByRole('button', { name: '更正' }).click();
      await page.getByRole('textbox', { name: /更正第\d+号记录/ }).fill('报告人电话应为 139****1111');
      await page.getByRole('textbox', { name: /更正第\d+号记录/ }).press('Enter');
      await expect.poll(() => evs.count()).toBe(n + 1);
      expect(await reported.textContent()).toMatch(/已被 #\d+ 更正/);
      await page.getByLabel('添加备注').fill('已将全部材料归档');
      await page.getByLabel('添加备注').press('Enter');
      await expect.poll(() => evs.count()).toBe(n + 2);
      await screenshot(page, 'incident-10-closed-timeline');

      await page.getByRole('tab', { name: '流程图' }).click();
      expect(await page.locator('[data-testid=flowchart] g.state.current').getAttribute('data-state')).toBe('closed');
      await screenshot(page, 'incident-11-flowchart');

      // ---- Back on the board (Alt+1): not open any more; found among the closed, and by full-text search.
      await page.keyboard.press('Alt+1');
      await page.getByText('目前没有在办事件').waitFor();
      expect(await page.getByTestId('closed-list').textContent()).toContain('城关镇卫生院疫苗接种后群体不良反应');
      await page.getByRole('searchbox', { name: '检索' }).fill('皮疹');
      await page.getByRole('searchbox', { name: '检索' }).press('Enter');
      await expect.poll(() => page.getByTestId('search-hits').textContent()).toContain(incidentId);
      expect(await page.getByTestId('search-hits').textContent()).toContain('已结案');
      await screenshot(page, 'incident-12-board-closed-search');

      // The log the page wrote verifies.
      const verify = await env.call('log.verify', {});
      expect(verify.result).toMatchObject({ ok: true });
      // Chromium logs the core's one refusal (HTTP 409, the de-escalation that skipped a level) as a failed resource;
      // that was the point of the step. Nothing else may appear.
      const refused = env.errors.filter((e) => e.includes('status of 409'));
      expect(refused).toHaveLength(1);
      expect(realErrors(env.errors.filter((e) => !refused.includes(e)))).toEqual([]);
    } finally {
      await env.close();
    }
  });

  it('shows a first report not filed within 1 hour as overdue, in red, on the board, the page and the banner', async () => {
    const env = await setup('overdue');
    const { page } = env;
    try {
      await page.keyboard.press('Alt+2');
      await page.getByLabel('事件名称').fill('药店报告多人服药后不良反应');
      await page.getByRole('radio', { name: '药品安全突发事件' }).check();
      await page.getByLabel('信息来源').fill('群众来电');
      await page.getByLabel('事件简要情况').fill('3人服用同一批号药品后出现过敏反应');
      await page.getByLabel(/特别严重/).fill('1');
      await expect.poll(() => page.getByTestId('grade-level').textContent()).toBe('IV级 一般');
      await page.getByRole('button', { name: '登记并建立事件' }).click();
      await page.getByTestId('incident-page').waitFor();
      await page.keyboard.press('Alt+1');
      const row = page.getByTestId('board-row');
      await row.waitFor();
      expect(await row.getAttribute('class')).toBeNull();
      expect(await row.textContent()).toContain('剩余 1:00:00');
      // 50 minutes later: due within 15 minutes — amber on the banner.
      await env.advance(50 * 60_000);
      await page.reload();
      await page.getByTestId('due-item').waitFor();
      expect(await page.getByTestId('due-item').getAttribute('class')).toContain('soon');
      expect(await page.getByTestId('due-item').textContent()).toContain('首次报告即将到期');
      // Past the hour, nothing filed: red everywhere.
      await env.advance(11 * 60_000);
      await page.reload();
      await expect.poll(() => row.getAttribute('class')).toBe('row-overdue');
      expect(await row.locator('[data-testid=deadline]').getAttribute('data-overdue')).toBe('true');
      expect(await row.textContent()).toContain('已超时 01:00');
      expect(await page.getByTestId('due-item').textContent()).toContain('首次报告已超时');
      const colour = await row.locator('.dl-count').evaluate((el) => getComputedStyle(el).backgroundColor);
      expect(colour).toBe('rgb(179, 38, 30)');
      await screenshot(page, 'incident-13-overdue-board');
      await row.getByRole('button').click();
      await page.getByTestId('incident-page').waitFor();
      expect(await page.getByTestId('incident-deadlines').locator('[data-overdue=true]').textContent()).toContain('首次报告');
      await screenshot(page, 'incident-14-overdue-page');
      // Keyboard alone: Enter opens an action's dialog with the focus in its first field, Esc closes it and gives the
      // focus back to the button.
      const assess = page.getByTestId('action-assess').getByRole('button');
      await assess.focus();
      await page.keyboard.press('Enter');
      await page.getByTestId('action-dialog').waitFor();
      expect(await page.evaluate(() => document.activeElement?.closest('[role=dialog]') !== null)).toBe(true);
      await page.keyboard.press('Escape');
      await page.getByTestId('action-dialog').waitFor({ state: 'detached' });
      expect(await assess.evaluate((el) => el === document.activeElement)).toBe(true);
      // The tabs move with the arrow keys.
      await page.getByRole('tab', { name: '处置' }).focus();
      await page.keyboard.press('ArrowRight');
      await expect.poll(() => page.getByRole('tab', { name: '事实与定级' }).getAttribute('aria-selected')).toBe('true');
      await page.getByTestId('grade-panel').waitFor();
      await page.keyboard.press('ArrowLeft');
      // English is one switch away, through the same i18n layer.
      await page.getByLabel('界面语言').selectOption('en');
      await expect.poll(() => page.getByTestId('incident-deadlines').textContent()).toContain('overdue by');
      await screenshot(page, 'incident-15-overdue-page-en');
      await page.getByLabel('Language').selectOption('zh-CN');
      expect(realErrors(env.errors)).toEqual([]);
    } finally {
      await env.close();
    }
  });
});

/** The duty leader walks over and confirms the approval with their own sign-in name and password. */
async function leaderConfirms(page: Page): Promise<void> {
  await page.getByLabel('带班领导登录名').fill('leader');
  await page.getByLabel('带班领导密码').fill(TEST_PASSWORD);
}
