/**
 * Nothing typed is lost (issue 12 item 2), in Chromium over a REAL serve shell and SQLite file: the intake typed,
 * Alt+1 away and Alt+2 back, then a reload — everything still there; filed — the draft is gone. A report form
 * pre-filled from the intake and marked so, typed into, left and reopened as it was; 放弃草稿 empties it. An action
 * dialog closed with Esc and the page reloaded: the action is marked 有草稿 and opens as it was; confirmed, it goes.
 * A ledger row being typed: back after a reload; 放弃草稿 ends it. A new map point: back after Alt+1 and a reload.
 * The same for a checklist tick's note, an incident's facts update (the one facts tab of both pages), the reward
 * dialogs of a fire and the approve / refuse dialogs of a fire-use permit: away and back, closed, reloaded — as typed,
 * the opener marked 有草稿; gone when filed; 放弃草稿 empties it.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshot, watchErrors } from '../helpers/browser';
import { startConsole, type TestConsole } from '../helpers/console';
import { logFor } from '../../electron/core/log';
import { FIRST_FIELDS } from '../integration/reports/fixture';

const NOW = '2026-11-23T19:00:00.000Z'; // 03:00 Beijing

let browser: Browser;
let tc: TestConsole;

beforeAll(async () => {
  tc = await startConsole('drafts-e2e', NOW);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await tc?.close();
});

async function openPage(): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  await tc.signIn(page);
  await page.clock.setFixedTime(new Date(NOW));
  const errors = watchErrors(page);
  await page.goto(tc.srv.url);
  await page.getByRole('heading', { name: '在办事件' }).waitFor();
  return { page, errors };
}

/** The drafts kept in the page's localStorage (components/Draft.tsx), by key. */
const draftKeys = (page: Page) => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('ercon.draft:')));
const noErrors = (errors: string[]): void => expect(errors.filter((e) => !(e.startsWith('requestfailed:') && e.includes('net::ERR_ABORTED')))).toEqual([]);

const TYPED = { title: '城关镇卫生院疫苗接种后群体不良反应', source: '县疾控中心值班室电话报告', place: '城关镇卫生院', summary: '接种同一批号乙肝疫苗后，多名儿童出现高热、皮疹' };

async function intakeValues(page: Page) {
  return {
    title: await page.getByLabel('事件名称').inputValue(),
    source: await page.getByLabel('信息来源').inputValue(),
    place: await page.getByLabel('地点').inputValue(),
    summary: await page.getByLabel('事件简要情况').inputValue(),
  };
}

describe('drafts of the forms', () => {
  it('the intake survives Alt+digit and a reload, and goes when filed', async () => {
    const { page, errors } = await openPage();
    await page.keyboard.press('Alt+2');
    await page.getByRole('heading', { name: '接报登记' }).waitFor();
    await page.getByLabel('事件名称').fill(TYPED.title);
    await page.getByLabel('信息来源').fill(TYPED.source);
    await page.getByLabel('地点').fill(TYPED.place);
    await page.getByLabel('事件简要情况').fill(TYPED.summary);
    const rare = page.getByLabel(/相对集中时间和区域内，同一疫苗引起临床表现相似的罕见或非预期的不良事件人数/);
    await rare.fill('3');
    await page.getByTestId('draft-intake').waitFor();

    // Away with Alt+1, back with Alt+2: every field as typed, the facts too.
    await page.keyboard.press('Alt+1');
    await page.getByRole('heading', { name: '在办事件' }).waitFor();
    await page.keyboard.press('Alt+2');
    await page.getByRole('heading', { name: '接报登记' }).waitFor();
    expect(await intakeValues(page)).toEqual(TYPED);
    expect(await rare.inputValue()).toBe('3');
    expect(await page.getByTestId('draft-intake').textContent()).toMatch(/^已恢复未提交的草稿/);

    // A reload (or a crash and a new window): still there.
    await page.reload();
    await page.getByRole('heading', { name: '接报登记' }).waitFor();
    expect(await intakeValues(page)).toEqual(TYPED);
    expect(await rare.inputValue()).toBe('3');
    await screenshot(page, 'drafts-intake-restored');

    // Filed: the incident page; the intake is empty again, no draft kept.
    await page.getByRole('button', { name: '登记并建立事件' }).click();
    await page.getByTestId('incident-page').waitFor();
    await page.keyboard.press('Alt+2');
    await page.getByRole('heading', { name: '接报登记' }).waitFor();
    expect(await page.getByLabel('事件名称').inputValue()).toBe('');
    expect(await page.getByTestId('draft-intake').count()).toBe(0);
    expect(await draftKeys(page)).toEqual([]);
    noErrors(errors);
    await page.close();
  });

  it('a report form starts pre-filled from the intake (marked), keeps what was typed, and 放弃草稿 empties it', async () => {
    const { page, errors } = await openPage();
    const board = await tc.call<{ incidents: Array<{ id: string; title: string }> }>('console.board', { status: 'open' });
    const id = board.incidents.find((r) => r.title === TYPED.title)!.id;
    await page.goto(`${tc.srv.url.split('?')[0]}#/reports/${id}`);
    await page.getByTestId('reports-panel').waitFor();
    await page.getByTestId('file-first').click();
    const form = page.getByTestId('report-form');
    await form.waitFor();
    const field = (f: string) => form.locator(`textarea[data-field="fields.${f}"]`);
    // From the intake: the title as 事件名称, the place, the source — each marked 预填.
    expect(await field('eventName').inputValue()).toBe(TYPED.title);
    expect(await field('place').inputValue()).toBe(TYPED.place);
    expect(await field('informationSource').inputValue()).toBe(TYPED.source);
    for (const f of ['eventName', 'place', 'informationSource']) expect(await form.getByTestId(`prefilled-${f}`).textContent()).toBe('预填：来自接报登记');
    expect(await form.getByTestId('prefilled-victims').count()).toBe(0);
    await field('victims').fill('4名3至6岁儿童');
    // An edited pre-filled field is no longer marked.
    await field('place').fill('城关镇卫生院预防接种门诊');
    expect(await form.getByTestId('prefilled-place').count()).toBe(0);
    await screenshot(page, 'drafts-report-prefilled');

    await page.keyboard.press('Alt+1');
    await page.getByRole('heading', { name: '在办事件' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: '在办事件' }).waitFor();
    await page.keyboard.press('Alt+5');
    await page.getByTestId('reports-panel').waitFor();
    await page.getByLabel('选择事件').selectOption(id);
    await form.waitFor();
    expect(await field('victims').inputValue()).toBe('4名3至6岁儿童');
    expect(await field('place').inputValue()).toBe('城关镇卫生院预防接种门诊');
    expect(await form.getByTestId('prefilled-eventName').count()).toBe(1);

    await form.getByTestId('draft-report-discard').click();
    expect(await field('victims').inputValue()).toBe('');
    expect(await field('place').inputValue()).toBe(TYPED.place);
    expect(await draftKeys(page)).toEqual([]);
    noErrors(errors);
    await page.close();
  });

  it('an action dialog keeps what was typed when closed and after a reload (marked 有草稿), until confirmed', async () => {
    const { page, errors } = await openPage();
    const board = await tc.call<{ incidents: Array<{ id: string; title: string }> }>('console.board', { status: 'open' });
    const id = board.incidents.find((r) => r.title === TYPED.title)!.id;
    await tc.call('reports.file', { incidentId: id, draft: { kind: 'first', channel: 'fax', fields: FIRST_FIELDS } });
    const base = tc.srv.url.split('?')[0];
    await page.goto(`${base}#/incidents/${id}`);
    await page.getByTestId('incident-page').waitFor();
    await page.getByRole('tab', { name: '处置' }).click();
    const assess = page.getByTestId('action-assess').getByRole('button');
    await assess.click();
    const dialog = page.getByTestId('action-dialog');
    await dialog.waitFor();
    await page.getByLabel('情况说明').fill('初步判定为疫苗质量安全事件');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await page.reload();
    await page.getByTestId('incident-page').waitFor();
    await page.getByRole('tab', { name: '处置' }).click();
    expect(await assess.textContent()).toContain('有草稿');
    await assess.click();
    await dialog.waitFor();
    expect(await page.getByLabel('情况说明').inputValue()).toBe('初步判定为疫苗质量安全事件');
    expect(await dialog.getByTestId('draft-dialog').textContent()).toMatch(/^已恢复未提交的草稿/);
    await page.getByLabel('作出决定的单位').selectOption('amr');
    await dialog.getByRole('button', { name: /^确认/ }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await draftKeys(page)).toEqual([]);
    noErrors(errors);
    await page.close();
  });

  it('a ledger row being typed survives a reload, and 放弃草稿 ends it', async () => {
    const { page, errors } = await openPage();
    const base = tc.srv.url.split('?')[0];
    await page.goto(`${base}#/fire/ledgers`);
    await page.getByRole('button', { name: '新增一行' }).click();
    const row = page.getByTestId('fire-ledger-edit');
    await row.waitFor();
    const first = row.locator('input').first();
    await first.fill('城关镇');
    await page.reload();
    await row.waitFor();
    expect(await row.locator('input').first().inputValue()).toBe('城关镇');
    expect(await page.getByTestId('fire-ledger-cancel').textContent()).toBe('放弃草稿');
    await page.getByTestId('fire-ledger-cancel').click();
    await row.waitFor({ state: 'detached' });
    expect(await draftKeys(page)).toEqual([]);
    noErrors(errors);
    await page.close();
  });

  it('a new map point being typed survives Alt+1 and a reload, and 取消 ends it', async () => {
    const { page, errors } = await openPage();
    await page.keyboard.press('Alt+3');
    await page.getByRole('heading', { name: '森林防火地图' }).waitFor();
    const box = (await page.locator('.map-leaflet').boundingBox())!;
    await page.getByLabel('添加到图层').selectOption('checkpoints');
    await page.getByRole('button', { name: '添加点' }).click();
    await page.mouse.click(box.x + box.width / 2 + 120, box.y + box.height / 2 - 60);
    const form = page.getByTestId('map-feature-form');
    await form.waitFor();
    await form.getByLabel('名称').fill('义望临时卡口（草稿）');
    await page.keyboard.press('Alt+1');
    await page.getByRole('heading', { name: '在办事件' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: '在办事件' }).waitFor();
    await page.keyboard.press('Alt+3');
    await form.waitFor();
    expect(await form.getByLabel('名称').inputValue()).toBe('义望临时卡口（草稿）');
    await form.getByRole('button', { name: '取消' }).click();
    await form.waitFor({ state: 'detached' });
    await expect.poll(() => draftKeys(page)).toEqual([]);
    noErrors(errors);
    await page.close();
  });

  describe('the rest of the forms (issue 12 leftovers)', () => {
    const base = () => tc.srv.url.split('?')[0]!;
    const vaccine = (title: string) => tc.call<{ id: string }>('console.report', { planId: 'vaccine', title, payload: { source: '县疾控中心电话', summary: title, facts: { clusteredRareAE: 4 } } });
    const fire = (title: string) =>
      tc.call<{ id: string }>('console.report', { planId: 'forest-fire', title, receivedAt: NOW, payload: { source: '护林员电话', summary: title, incidentStartedAt: '2026-11-23T18:30:00.000Z', facts: { burnedForestHa: 5 } } });
    /** Alt+1 away, then back to the page at `hash` (as a link or the board would), then the page reloaded. */
    async function awayAndBack(page: Page, hash: string, ready: () => Promise<unknown>) {
      await page.keyboard.press('Alt+1');
      await page.getByRole('heading', { name: '在办事件' }).waitFor();
      await page.goto(`${base()}#/${hash}`);
      await ready();
    }

    it('a checklist tick: who and the note kept when closed, away and reloaded; gone once ticked', async () => {
      const { id } = await vaccine('城关镇接种点疑似异常反应（勾选草稿）');
      const { page, errors } = await openPage();
      const item = page.getByTestId('item-treat-harmed');
      const open = () => item.getByRole('button', { name: /记录完成/ });
      await page.goto(`${base()}#/incidents/${id}`);
      await open().click();
      await item.getByLabel('办理人').fill('李明');
      await item.getByLabel('说明（可选）').fill('已送县医院留观，3名儿童体温下降');
      await item.getByRole('button', { name: '取消' }).click();
      expect(await open().textContent()).toContain('有草稿');
      await awayAndBack(page, `incidents/${id}`, () => open().waitFor());
      await page.reload();
      await open().click();
      expect(await item.getByLabel('办理人').inputValue()).toBe('李明');
      expect(await item.getByLabel('说明（可选）').inputValue()).toBe('已送县医院留观，3名儿童体温下降');
      expect(await item.getByTestId('draft-tick').textContent()).toMatch(/^已恢复未提交的草稿/);
      await screenshot(page, 'drafts-tick-restored');
      await item.getByRole('button', { name: '确认完成' }).click();
      await expect.poll(() => item.getAttribute('class')).toBe('done');
      expect(await item.textContent()).toContain('李明');
      expect(await draftKeys(page)).toEqual([]);
      noErrors(errors);
      await page.close();
    });

    it('the facts update of an incident: typed facts and reason kept across tabs, screens and a reload; 放弃草稿 and filing end it', async () => {
      const { id } = await vaccine('义安镇卫生院疫苗接种后异常反应（事实草稿）');
      const { page, errors } = await openPage();
      const rare = page.getByLabel(/相对集中时间和区域内，同一疫苗引起临床表现相似的罕见或非预期的不良事件人数/);
      const reason = page.getByLabel('更新事实的依据');
      const factsTab = async () => {
        await page.getByTestId('incident-page').waitFor();
        await page.getByRole('tab', { name: '事实与定级' }).click();
        await rare.waitFor();
      };
      await page.goto(`${base()}#/incidents/${id}`);
      await factsTab();
      expect(await rare.inputValue()).toBe('4');
      await rare.fill('12');
      await reason.fill('县医院续报，新增8例');
      await page.getByRole('tab', { name: '处置' }).click();
      await factsTab();
      expect(await rare.inputValue()).toBe('12');
      await awayAndBack(page, `incidents/${id}`, factsTab);
      expect(await rare.inputValue()).toBe('12');
      await page.reload();
      await factsTab();
      expect(await rare.inputValue()).toBe('12');
      expect(await reason.inputValue()).toBe('县医院续报，新增8例');
      expect(await page.getByTestId('draft-facts').textContent()).toMatch(/^已恢复未提交的草稿/);
      await screenshot(page, 'drafts-facts-restored');
      // 放弃草稿: back to the facts on record.
      await page.getByTestId('draft-facts-discard').click();
      expect(await rare.inputValue()).toBe('4');
      expect(await reason.inputValue()).toBe('');
      expect(await draftKeys(page)).toEqual([]);
      // Typed again and filed: the record has it, the draft is gone.
      await rare.fill('12');
      await reason.fill('县医院续报，新增8例');
      await page.getByRole('button', { name: '更新事实' }).click();
      await expect.poll(async () => (await tc.call<{ view: { state: { facts: Record<string, unknown> } } }>('console.incident', { id })).view.state.facts.clusteredRareAE).toBe(12);
      await expect.poll(() => draftKeys(page)).toEqual([]);
      expect(await rare.inputValue()).toBe('12');
      expect(await reason.inputValue()).toBe('');
      noErrors(errors);
      await page.close();
    });

    it('the reward dialogs of a fire: a proposal and a confirmation kept when closed and reloaded; filed or discarded, gone', async () => {
      const { id } = await fire('西营镇后山林火（奖励草稿）');
      const { page, errors } = await openPage();
      const rewardsTab = async () => {
        await page.getByTestId('fire-page').waitFor();
        await page.getByRole('tab', { name: '报告奖励' }).click();
      };
      const proposeButton = page.getByRole('button', { name: /^提出奖励/ });
      const pd = page.getByTestId('fire-propose-dialog');
      await page.goto(`${base()}#/fire/fire/${id}`);
      await rewardsTab();
      await proposeButton.click();
      await pd.getByLabel('奖励对象姓名').fill('张护林');
      await pd.getByLabel(/金额/).fill('300');
      await pd.getByLabel('具体事实').fill('第一时间发现并报告火情');
      await page.keyboard.press('Escape');
      await pd.waitFor({ state: 'detached' });
      expect(await proposeButton.textContent()).toContain('有草稿');
      await awayAndBack(page, `fire/fire/${id}`, rewardsTab);
      await page.reload();
      await rewardsTab();
      await proposeButton.click();
      expect(await pd.getByLabel('奖励对象姓名').inputValue()).toBe('张护林');
      expect(await pd.getByLabel(/金额/).inputValue()).toBe('300');
      expect(await pd.getByLabel('具体事实').inputValue()).toBe('第一时间发现并报告火情');
      expect(await pd.getByTestId('draft-dialog').textContent()).toMatch(/^已恢复未提交的草稿/);
      await pd.getByRole('button', { name: '提交奖励建议' }).click();
      const row = page.getByTestId('fire-reward-row');
      await row.waitFor();
      expect(await draftKeys(page)).toEqual([]);

      const confirm = row.getByRole('button', { name: /^乡镇确认/ });
      const d = page.getByTestId('fire-reward-dialog');
      await confirm.click();
      await d.getByLabel('确认人姓名').fill('王乡长');
      await d.getByLabel('备注').fill('经村委会核实');
      await page.keyboard.press('Escape');
      await page.reload();
      await rewardsTab();
      expect(await confirm.textContent()).toContain('有草稿');
      expect(await row.getByRole('button', { name: /^指挥部办公室确认/ }).textContent()).not.toContain('有草稿');
      await confirm.click();
      expect(await d.getByLabel('确认人姓名').inputValue()).toBe('王乡长');
      expect(await d.getByLabel('备注').inputValue()).toBe('经村委会核实');
      await screenshot(page, 'drafts-reward-restored');
      await d.getByTestId('draft-dialog-discard').click();
      expect(await d.getByLabel('备注').inputValue()).toBe('');
      expect(await draftKeys(page)).toEqual([]);
      await d.getByLabel('确认人姓名').fill('王乡长');
      await d.getByRole('button', { name: '乡镇确认' }).click();
      await d.waitFor({ state: 'detached' });
      await expect.poll(() => row.textContent()).toContain('乡镇：王乡长');
      expect(await draftKeys(page)).toEqual([]);
      noErrors(errors);
      await page.close();
    });

    it('the approve and refuse dialogs of a permit: kept per permit and step when closed and reloaded; done or discarded, gone', async () => {
      const apply = (placeName: string) =>
        tc.call<{ id: number }>('fire.permits.apply', { applicant: '某林场', kind: 'otherFireUse', purpose: '防治松毛虫', placeName, lng: 112.3, lat: 37.45, windowStart: '2027-03-10T08:00:00+08:00', windowEnd: '2027-03-10T12:00:00+08:00' });
      const a = await apply('平川地块（草稿甲）');
      const b = await apply('平川地块（草稿乙）');
      const { page, errors } = await openPage();
      const detail = page.getByTestId('fire-permit-detail');
      const ad = page.getByTestId('fire-permit-dialog');
      const openPermit = async (p: { id: number }, place: string) => {
        await page.getByRole('button', { name: `打开用火审批 ${p.id}（${place}）` }).click();
        await detail.waitFor();
      };
      await page.goto(`${base()}#/fire/permits`);
      await openPermit(a, '平川地块（草稿甲）');
      await detail.getByTestId('fire-permit-refuse').click();
      await ad.getByLabel(/审批人/).fill('县政府 赵副县长');
      await ad.getByLabel('不予批准的理由').fill('临近村庄，风力偏大');
      await page.keyboard.press('Escape');
      expect(await detail.getByTestId('fire-permit-refuse').textContent()).toContain('有草稿');
      expect(await detail.getByTestId('fire-permit-approve').textContent()).not.toContain('有草稿');
      // Another permit's dialog is its own: empty.
      await openPermit(b, '平川地块（草稿乙）');
      expect(await detail.getByTestId('fire-permit-refuse').textContent()).not.toContain('有草稿');
      await detail.getByTestId('fire-permit-approve').click();
      expect(await ad.getByLabel(/审批人/).inputValue()).toBe('');
      await ad.getByLabel(/审批人/).fill('县政府 孙县长');
      await ad.getByLabel('备注').fill('须有专人看守');
      await page.keyboard.press('Escape');
      await awayAndBack(page, 'fire/permits', () => page.getByRole('button', { name: /^打开用火审批/ }).first().waitFor());
      await page.reload();
      await openPermit(a, '平川地块（草稿甲）');
      await detail.getByTestId('fire-permit-refuse').click();
      expect(await ad.getByLabel(/审批人/).inputValue()).toBe('县政府 赵副县长');
      expect(await ad.getByLabel('不予批准的理由').inputValue()).toBe('临近村庄，风力偏大');
      expect(await ad.getByTestId('draft-dialog').textContent()).toMatch(/^已恢复未提交的草稿/);
      await screenshot(page, 'drafts-permit-restored');
      await ad.getByRole('button', { name: '不予批准' }).click();
      await expect.poll(() => detail.getAttribute('data-state')).toBe('refused');
      expect(await draftKeys(page)).toEqual([`ercon.draft:permit:${b.id}:approve`]);
      await openPermit(b, '平川地块（草稿乙）');
      await detail.getByTestId('fire-permit-approve').click();
      expect(await ad.getByLabel('备注').inputValue()).toBe('须有专人看守');
      await ad.getByTestId('draft-dialog-discard').click();
      expect(await ad.getByLabel(/审批人/).inputValue()).toBe('');
      expect(await ad.getByLabel('备注').inputValue()).toBe('');
      expect(await draftKeys(page)).toEqual([]);
      noErrors(errors);
      await page.close();
    });
  });
});

describe('a dialog over a screen with running clocks', () => {
  it('keeps the focus in the field being typed while the incident page behind it draws again every second', async () => {
    const log = logFor(tc.core.services.db, tc.clock);
    const { incidentId } = log.openIncident({ planId: 'vaccine', title: '焦点保持测试' }, '值班员');
    log.append({ incidentId, type: 'reported', payload: { source: '县疾控中心电话', summary: '接种后不良反应', facts: { clusteredRareAE: 2 } } }, '值班员');
    // The page's own clock runs (no fixed time): the incident page's clocks (useNow) draw it again every second.
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    await tc.signIn(page);
    const errors = watchErrors(page);
    await page.goto(tc.srv.url);
    await page.getByRole('heading', { name: '在办事件' }).waitFor();
    await page.goto(`${tc.srv.url.split('?')[0]}#/incidents/${incidentId}`);
    await page.getByTestId('incident-page').waitFor();
    await page.getByRole('tab', { name: '处置' }).click();
    await page.getByTestId('action-assess').getByRole('button').click();
    const dialog = page.getByTestId('action-dialog');
    await dialog.waitFor();
    const fields = dialog.locator('input:not([type=hidden]), select, textarea');
    expect(await fields.count()).toBeGreaterThan(1);
    // the dialog opens on its first field; the officer moves to the second
    await expect.poll(() => page.evaluate(() => document.activeElement?.closest('[data-testid="action-dialog"]') !== null)).toBe(true);
    await fields.nth(1).focus();
    const second = await fields.nth(1).evaluate((el) => el.id);
    await page.waitForTimeout(2500);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe(second);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    noErrors(errors);
    await page.close();
  });
});
