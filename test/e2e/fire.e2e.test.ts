/**
 * The forest-fire screens in Chromium over a REAL serve shell (started in this process so its clock can be a
 * ManualClock on a November morning of 2026) and a REAL SQLite file: today's posture in the special period before
 * 寒衣节; a fire placed on the map inside the sample 卦山 zone, graded by 《森林草原防灭火条例》 (in force since
 * 2026-01-01: not counted under 第四十七条 until it damages 0.067 ha, 35(2) flagged), taken through first attack →
 * reinforced → extinguished → guarded → (inspected and accepted, 第四十三条) withdrawn → (first and investigation
 * reports, 第三十四条/第四十六条) closed, with a reward confirmed by township and HQ office; a permit for 清明 warned; a
 * ledger import refused row by row and then accepted. No console errors.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ManualClock } from '../../electron/core/clock';
import type { RunningServer } from '../../electron/serve/server';
import { launchChromium, screenshot, watchErrors } from '../helpers/browser';
import { startConsole, type TestConsole } from '../helpers/console';

// 2026-11-07 09:30 Beijing time: inside the 防火特险期 (from 1 Nov), two days before 寒衣节 (农历十月初一 = 2026-11-09).
const T0 = '2026-11-07T01:30:00.000Z';
// The sample 卦山 zone's bounding box (assets/geo/jiaocheng-samples.geojson).
const GUASHAN = { minLng: 112.124, maxLng: 112.176, minLat: 37.566, maxLat: 37.604 };

let browser: Browser;
let tc: TestConsole;
let clock: ManualClock;
let srv: RunningServer;
const call = <T = unknown>(name: string, input: unknown) => tc.call<T>(name, input);

async function openPage(): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  await tc.signIn(page);
  await page.clock.setFixedTime(new Date(clock.now()));
  const errors = watchErrors(page);
  await page.goto(srv.url);
  await page.getByRole('heading', { name: '在办事件' }).waitFor();
  await page.keyboard.press('Alt+4');
  await page.getByRole('heading', { name: '森林防火', exact: true }).waitFor();
  return { page, errors };
}

beforeAll(async () => {
  tc = await startConsole('fire-e2e', T0);
  ({ clock, srv } = tc);
  browser = await launchChromium();
  await call('map.seedSamples', {});
});

afterAll(async () => {
  await browser?.close();
  await tc?.close();
});

describe('forest fire screens', () => {
  it('shows the November posture: special period, 寒衣节 ahead, the danger level marked official or estimated', async () => {
    const { page, errors } = await openPage();
    const posture = page.getByTestId('fire-posture');
    await posture.getByTestId('fire-special').waitFor();
    expect(await posture.getByTestId('fire-special').textContent()).toContain('特险期内（2026-11-01 至 2027-05-15');
    expect(await posture.getByTestId('fire-next').textContent()).toContain('寒衣节 2026-11-09，还有 2 天');
    expect(await posture.getByTestId('fire-today').textContent()).toContain('寒衣节（2026-11-09）前 2 天');
    expect(await posture.getByTestId('fire-focus').textContent()).toContain('十月初一（2026-11-02 至 2026-11-10）');
    expect(await posture.getByTestId('fire-danger').textContent()).toContain('未录入');
    expect(await posture.getByTestId('fire-lines').textContent()).toContain('4(1)');

    // An estimate from the day's weather: marked 估算.
    await page.getByLabel('日最高气温').fill('18');
    await page.getByLabel('14时相对湿度').fill('20');
    await page.getByLabel('连续无降水日数').fill('15');
    await page.getByLabel('14时平均风速').fill('6');
    await page.getByRole('button', { name: '估算并保存' }).click();
    await expect.poll(() => posture.getByTestId('fire-danger').getAttribute('data-kind')).toBe('estimated');
    expect(await posture.getByTestId('fire-danger').textContent()).toContain('估算');

    // The bureau's level overrides it: 官方.
    await page.getByLabel(/4级 高火险/).check();
    await page.getByRole('button', { name: '保存官方等级' }).click();
    await expect.poll(() => posture.getByTestId('fire-danger').getAttribute('data-kind')).toBe('official');
    expect(await posture.getByTestId('fire-danger').textContent()).toMatch(/4级 高火险.*橙色.*官方.*县气象局/);
    expect(await posture.getByTestId('fire-lines').textContent()).toContain('挂橙旗');
    await screenshot(page, 'fire-posture');
    // The same card in English, weekday included.
    await page.locator('.lang select').selectOption('en');
    await expect.poll(() => posture.getByTestId('fire-special').textContent()).toContain('In the special period (2026-11-01 to 2027-05-15');
    expect(await posture.textContent()).toContain('2026-11-07 (Saturday)');
    expect(await posture.getByTestId('fire-danger').textContent()).toContain('official');
    await screenshot(page, 'fire-posture-en');
    await page.locator('.lang select').selectOption('zh-CN');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a fire placed on the map is graded, flagged, reinforced, extinguished and closed', async () => {
    const { page, errors } = await openPage();
    await page.getByTestId('fire-report-button').click();
    await page.getByRole('heading', { name: '接报火情（森林、草原）' }).waitFor();
    // Go to the 卦山 zone (once the map has drawn its layers) and click the middle of the map.
    await expect.poll(async () => Number(await page.getByTestId('fire-pick-map').locator('.map-leaflet').getAttribute('data-drawn')), { timeout: 20_000 }).toBeGreaterThan(0);
    await page.getByLabel('快速定位到管控区').selectOption({ label: '卦山风景区重点管控区（示例）' });
    const map = page.getByTestId('fire-pick-map').locator('.map-leaflet');
    const box = (await map.boundingBox())!;
    await screenshot(page, 'fire-new-located');
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await expect.poll(() => page.getByLabel('经度（WGS84）').inputValue()).toMatch(/^112\.\d{6}$/);
    const lng = Number(await page.getByLabel('经度（WGS84）').inputValue());
    const lat = Number(await page.getByLabel('纬度（WGS84）').inputValue());
    expect(lng).toBeGreaterThan(GUASHAN.minLng);
    expect(lng).toBeLessThan(GUASHAN.maxLng);
    expect(lat).toBeGreaterThan(GUASHAN.minLat);
    expect(lat).toBeLessThan(GUASHAN.maxLat);

    await page.getByLabel('地点名称').fill('卦山风景区北坡');
    await page.getByLabel('起火时间（北京时间）').fill('2026-11-07T07:30'); // 2 hours before now
    await page.getByLabel('火情来源').fill('卦山瞭望台发现');
    await page.getByLabel('报告人及电话').fill('张护林 13800000000');
    await page.getByLabel('火情概况').fill('北坡灌木林起火，烟雾较大');
    // 2026 rules: no damaged area yet and no casualties → not counted as a fire (第四十七条), still a 火情 handled and
    // reported (第三十四条); no report-up case yet.
    expect(await page.getByTestId('grade-level').textContent()).toContain('未达分级标准');
    expect(await page.getByTestId('grade-not-graded').textContent()).toContain('不统计为森林火灾');
    expect(await page.getByTestId('grade-not-graded').textContent()).toContain('第四十七条');
    await page.getByLabel(/^受害森林面积/).fill('0.067');
    expect(await page.getByTestId('grade-level').textContent()).toContain('IV级');
    expect(await page.getByTestId('grade-criteria').textContent()).toContain('第四十五条');
    await page.getByLabel(/^受害森林面积/).fill('0.05');
    expect(await page.getByTestId('grade-level').textContent()).toContain('未达分级标准');
    expect(await page.getByTestId('fire-new-flags').getAttribute('class')).not.toContain('raised');
    await screenshot(page, 'fire-new');
    await page.getByRole('button', { name: '接报并建立火情' }).click();

    const fire = page.getByTestId('fire-page');
    await fire.waitFor();
    expect(await fire.getAttribute('data-state')).toBe('reported');
    expect(await page.getByTestId('fire-not-counted').textContent()).toContain('不统计为森林火灾');
    expect(await page.getByTestId('fire-basis').textContent()).toContain('《森林草原防灭火条例》（国务院令第822号）');
    expect(await page.getByTestId('fire-basis').textContent()).toContain('2026-01-01起施行');
    expect(await page.getByTestId('fire-timer').textContent()).toContain('距24小时还有 22:00:00');
    expect(await page.getByTestId('fire-timer').getAttribute('data-mode')).toBe('prompt');
    expect(await page.getByTestId('flag-35(2)').getAttribute('data-raised')).toBe('false');
    expect(await page.getByTestId('flag-35(5)').getAttribute('data-raised')).toBe('false');
    expect(await page.getByTestId('flag-32(3)').count()).toBe(0);
    const id = (await page.locator('.fire-page h1 .mono').textContent())!.trim();

    // From the start screen: the board shows today's fire posture, and the fire's row opens the fire page — never the
    // vaccine/drug incident page, which does not know the forest-fire life cycle.
    await page.keyboard.press('Alt+1');
    await page.getByTestId('board-forest-fire').waitFor();
    expect(await page.getByTestId('fire-posture-card').count()).toBe(1);
    await page.getByTestId('board-forest-fire').getByRole('button', { name: new RegExp(id) }).click();
    await fire.waitFor();
    expect(await page.locator('.fire-page h1 .mono').textContent()).toBe(id);
    expect(await page.getByTestId('incident-page').count()).toBe(0);

    // The location: its zone, water within 3 km, the special period.
    await page.getByRole('tab', { name: '火场位置' }).click();
    await page.getByTestId('fire-place-zones').waitFor();
    expect(await page.getByTestId('fire-place-zones').textContent()).toContain('卦山风景区重点管控区（示例）');
    expect(await page.getByTestId('fire-place-water').locator('li').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('fire-place-teams').locator('li').count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('fire-place-special').textContent()).toContain('在防火特险期内');
    await screenshot(page, 'fire-place');

    // Facts: 5 ha damaged → 一般 (IV, 第四十五条; under the 2008 rules it was 较大); 3 deaths → 较大 (III) and 35(2);
    // a 研判 to report up needs its reason (35(5)).
    await page.getByRole('tab', { name: '火场情况与定级' }).click();
    await page.getByLabel(/^受害森林面积/).fill('5');
    expect(await page.getByTestId('grade-level').textContent()).toContain('IV级');
    await page.getByLabel(/死亡人数/).fill('3');
    expect(await page.getByTestId('grade-level').textContent()).toContain('III级');
    await page.getByLabel(/经研判需要报告/).check();
    expect(await page.getByTestId('fire-facts-form').textContent()).toContain('必须写明理由（第三十五条(五)）');
    await page.getByLabel(/研判结论和理由/).fill('火势向村庄方向蔓延，经指挥部研判须立即上报');
    await page.getByLabel('更新原因').fill('现场续报');
    await page.getByRole('button', { name: '保存并重新定级' }).click();
    await expect.poll(() => page.getByTestId('fire-level').textContent()).toContain('III级 较大森林火灾');
    expect(await page.getByTestId('flag-35(2)').getAttribute('data-raised')).toBe('true');
    expect(await page.getByTestId('flag-35(5)').getAttribute('data-raised')).toBe('true');
    expect(await page.getByTestId('flag-35(1)').getAttribute('data-raised')).toBe('false');
    expect(await page.getByTestId('fire-flags').textContent()).toContain('造成3人以上死亡或者10人以上重伤');
    await screenshot(page, 'fire-flags');

    // The life cycle: only legal steps; closing is refused until the teams have withdrawn.
    await page.getByRole('tab', { name: '处置与梯队' }).click();
    const step = async (label: string, state: string) => {
      await page.getByRole('button', { name: label, exact: true }).click();
      const dlg = page.getByTestId('fire-step-dialog');
      await dlg.waitFor();
      await dlg.getByRole('button', { name: `确认：${label}` }).click();
      await expect.poll(() => fire.getAttribute('data-state')).toBe(state);
    };
    expect(await page.getByTestId('fire-later-close').textContent()).toContain('不可用');
    await step('开始首次扑救', 'firstAttack');
    // Team tiers as a checklist: the quick-response team ticked with who and when.
    await page.getByRole('button', { name: /记录完成：乡镇快速反应应急队伍/ }).click();
    await page.getByLabel('办理人').fill('李值班');
    await page.getByRole('button', { name: '确认完成' }).click();
    await expect.poll(() => page.getByTestId('item-quickTeam').getAttribute('class')).toBe('done');
    await step('增援（增加梯队）', 'reinforced');
    expect(await page.getByTestId('checklist-reinforcedTeams').textContent()).toContain('县森林消防专业队');
    await screenshot(page, 'fire-reinforced');
    await step('明火扑灭', 'extinguished');
    expect(await page.getByTestId('fire-timer').getAttribute('data-status')).toBe('stopped');
    await step('清理看守火场', 'guarded');
    // 第四十三条: the guards may leave only after the fire ground has been inspected and accepted.
    expect(await page.getByTestId('fire-action-withdraw').textContent()).toContain('检查验收合格');
    expect(await page.getByRole('button', { name: '看守人员撤离', exact: true }).isDisabled()).toBe(true);
    await page.getByRole('button', { name: /记录完成：火场经检查验收合格/ }).click();
    await page.getByLabel('办理人').fill('李值班');
    await page.getByRole('button', { name: '确认完成' }).click();
    await expect.poll(() => page.getByTestId('item-fireGroundAccepted').getAttribute('class')).toBe('done');
    await step('看守人员撤离', 'withdrawn');

    // A reward for the first report (6(8)): township and HQ office both confirm.
    await page.getByRole('tab', { name: '报告奖励' }).click();
    await page.getByRole('button', { name: '提出奖励' }).click();
    const pd = page.getByTestId('fire-propose-dialog');
    await pd.getByLabel('奖励对象姓名').fill('张护林');
    await pd.getByLabel(/金额/).fill('600');
    await pd.getByLabel('具体事实').fill('第一时间发现并报告火情');
    await pd.getByRole('button', { name: '提交奖励建议' }).click();
    await expect.poll(() => pd.textContent()).toContain('金额须为100—500元的整数');
    await pd.getByLabel(/金额/).fill('300');
    await pd.getByRole('button', { name: '提交奖励建议' }).click();
    const row = page.getByTestId('fire-reward-row');
    await row.waitFor();
    for (const by of ['乡镇', '指挥部办公室']) {
      await row.getByRole('button', { name: `${by}确认` }).click();
      const d = page.getByTestId('fire-reward-dialog');
      await d.getByLabel('确认人姓名').fill(by === '乡镇' ? '王乡长' : '赵主任');
      await d.getByRole('button', { name: `${by}确认` }).click();
      await d.waitFor({ state: 'detached' });
    }
    await expect.poll(() => row.getAttribute('data-state')).toBe('confirmed');
    const rewards = await call<{ rewards: Array<{ incidentId: string; amountYuan: number; state: string }> }>('fire.rewards.list', { incidentId: id });
    expect(rewards.rewards).toMatchObject([{ incidentId: id, amountYuan: 300, state: 'confirmed' }]);

    // Closing needs the written fire report (第三十四条) and the investigation and assessment report (第四十六条).
    await page.getByRole('tab', { name: '处置与梯队' }).click();
    expect(await page.getByTestId('fire-action-close').textContent()).toContain('结案前须已书面报告火情');
    await call('reports.file', {
      incidentId: id,
      draft: { kind: 'first', channel: 'fax', recipients: ['hq', 'cityHq'], fields: { place: '卦山风景区北坡', startedAt: '2026-11-07 07:30', area: '受害5公顷', casualties: '死亡3人', response: '快速反应队、县专业队' } },
    });
    await call('reports.file', {
      incidentId: id,
      draft: { kind: 'final', channel: 'fax', recipients: ['countyGov', 'hq', 'cityHq'], fields: { cause: '上坟烧纸', damage: '受害森林5公顷、蓄积30立方米', casualties: '死亡3人', losses: '无', ecology: '轻微', responseAssessment: '处置及时' } },
    });
    await page.keyboard.press('Alt+1');
    await page.getByTestId('board-forest-fire').getByRole('button', { name: new RegExp(id) }).click();
    await fire.waitFor();
    // The teams' items nobody ticked are listed in the dialog; closing anyway needs a written reason.
    await page.getByRole('button', { name: '结案', exact: true }).click();
    const closeDlg = page.getByTestId('fire-step-dialog');
    await closeDlg.getByTestId('fire-close-open-items').waitFor();
    expect(await closeDlg.getByTestId('fire-close-open-items').textContent()).toContain('做好火灾统计');
    await closeDlg.getByRole('button', { name: '确认：结案' }).click();
    await expect.poll(() => closeDlg.textContent()).toContain('请填写理由');
    await closeDlg.getByLabel(/未完成事项的处理说明/).fill('统计和侦破由县应急管理局、公安局另行办理');
    await closeDlg.getByRole('button', { name: '确认：结案' }).click();
    await expect.poll(() => fire.getAttribute('data-state')).toBe('closed');
    await screenshot(page, 'fire-closed');
    expect(await page.getByTestId('fire-flags').textContent()).toContain('火情已结案');
    // The record holds the whole life cycle, in order.
    const inc = await call<{ events: Array<{ type: string; payload: { transition?: string } }> }>('console.incident', { id });
    const steps = inc.events.filter((e) => e.type === 'transition' || e.type === 'closed' || e.type === 'reported').map((e) => e.payload.transition ?? e.type);
    expect(steps).toEqual(['reported', 'firstAttack', 'reinforce', 'extinguish', 'guard', 'withdraw', 'closed']);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('warns on a permit for 清明 and shows who approves it', async () => {
    const { page, errors } = await openPage();
    await page.getByRole('button', { name: '野外用火审批' }).click();
    await page.getByRole('button', { name: '用火申请' }).click();
    const dlg = page.getByTestId('fire-permit-apply');
    await dlg.getByLabel('用火类别').selectOption('plannedBurn');
    expect(await page.getByTestId('fire-permit-authority').textContent()).toContain('县森林防灭火指挥部');
    await dlg.getByLabel('用火类别').selectOption('forestConstruction');
    expect(await page.getByTestId('fire-permit-authority').textContent()).toMatch(/乡镇人民政府.*辖区林场配合/);
    await dlg.getByLabel('申请人').fill('交城县某建筑公司');
    await dlg.getByLabel('用火地点').fill('卦山林区施工点');
    await dlg.getByLabel('开始时间（北京时间）').fill('2027-04-05T08:00');
    await dlg.getByLabel('结束时间（北京时间）').fill('2027-04-05T12:00');
    await dlg.getByLabel('用火事由').fill('林区施工电焊');
    // outside the control zones: inside 卦山 a window on 清明 cannot be approved at all (permits.e2e.test.ts)
    await dlg.getByLabel('经度（WGS84）').fill('112.300000');
    await dlg.getByLabel('纬度（WGS84）').fill('37.450000');
    await expect.poll(() => page.getByTestId('fire-permit-preview').textContent()).toContain('清明');
    await screenshot(page, 'fire-permit-apply');
    await dlg.getByRole('button', { name: '提交申请' }).click();
    const detail = page.getByTestId('fire-permit-detail');
    await detail.waitFor();
    expect(await detail.getByTestId('fire-permit-warnings').textContent()).toContain('特险日"清明"（2027-04-05）');
    expect(await detail.textContent()).toContain('乡镇人民政府');
    // Approve (approver required), then it is shown with its state.
    await detail.getByTestId('fire-permit-approve').click();
    const ad = page.getByTestId('fire-permit-dialog');
    await ad.getByLabel(/审批人/).fill('王乡长');
    await ad.getByRole('button', { name: '批准' }).click();
    await expect.poll(() => detail.getAttribute('data-state')).toBe('approved');
    await screenshot(page, 'fire-permit-detail');
    const list = await call<{ permits: Array<{ state: string; warnings: Array<{ code: string }> }> }>('fire.permits.list', {});
    expect(list.permits).toHaveLength(1);
    expect(list.permits[0]!.warnings.map((w) => w.code)).toContain('high-risk-day');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('imports a ledger all-or-nothing: problems per row, nothing written; then the good file', async () => {
    const { page, errors } = await openPage();
    await page.getByRole('button', { name: '台账' }).click();
    await page.getByRole('radio', { name: /坟头及集中祭坛登记/ }).check();
    const bad = '编号,类别,乡镇,村,位置,经度,纬度,坟主,火险等级,备注\nF-001,坟头,天宁镇,卦山村,北坡,112.15,37.58,张三,高,\nF-002,坟头,天宁镇,卦山村,南坡,,,,中,\n';
    await page.getByTestId('fire-ledger-file').setInputFiles({ name: '坟头登记.csv', mimeType: 'text/csv', buffer: Buffer.from(bad, 'utf8') });
    const problems = page.getByTestId('fire-ledger-problems');
    await problems.waitFor();
    expect(await problems.textContent()).toContain('坟主');
    expect(await problems.locator('tbody tr').first().textContent()).toMatch(/^3/);
    expect((await call<{ rows: unknown[] }>('fire.ledger.list', { table: 'graves' })).rows).toHaveLength(0);
    await screenshot(page, 'fire-ledger-problems');
    const good = bad.replace('南坡,,,,中', '南坡,,,李四,中');
    await page.getByTestId('fire-ledger-file').setInputFiles({ name: '坟头登记.csv', mimeType: 'text/csv', buffer: Buffer.from(good, 'utf8') });
    // checked first (nothing written), then imported on the officer's word
    await page.getByTestId('fire-ledger-commit').click();
    await expect.poll(() => page.getByTestId('fire-ledger-notice').textContent()).toContain('已导入 2 行');
    await expect.poll(() => page.getByTestId('fire-ledger-row').count()).toBe(2);
    // Keyboard editing: Enter saves a corrected cell.
    await page.getByRole('button', { name: '修改第 1 条' }).click();
    await page.getByLabel('备注', { exact: true }).fill('已核实');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('fire-ledger-notice').textContent()).toContain('已保存');
    const rows = (await call<{ rows: Array<{ note?: string }> }>('fire.ledger.list', { table: 'graves' })).rows;
    expect(rows.some((r) => r.note === '已核实')).toBe(true);
    await screenshot(page, 'fire-ledger');
    expect(errors.filter((e) => !/status of 400 \(Bad Request\)/.test(e))).toEqual([]);
    await page.close();
  });

  it('at 24 hours from the fire\'s start asks for a 研判 under 35(5) (a prompt, not a flag), and shows the open fire on the map', async () => {
    const now = clock.now().getTime();
    const startedAt = new Date(now - 23 * 3_600_000).toISOString();
    await call('console.report', {
      planId: 'forest-fire',
      title: '石壁风景区森林火情',
      payload: { source: '石壁瞭望台发现', summary: '山脊线起火', facts: { burnedForestHa: 2 }, place: '石壁风景区 [WGS84 112.080000,37.640000]', incidentStartedAt: startedAt },
    });
    const { page, errors } = await openPage();
    const openFire = async () => {
      await page.getByRole('button', { name: '火情', exact: true }).click();
      // The compact posture card heads the fire list.
      await expect.poll(() => page.getByTestId('fire-posture-card').textContent()).toContain('特险期内');
      await page.getByTestId('fire-list').getByRole('button', { name: /石壁风景区森林火情/ }).click();
      await page.getByTestId('fire-page').waitFor();
    };
    await openFire();
    expect(await page.getByTestId('fire-timer').getAttribute('data-status')).toBe('soon');
    expect(await page.getByTestId('fire-timer').textContent()).toContain('距24小时还有 1:00:00');
    expect(await page.getByTestId('fire-timer-prompt').count()).toBe(0);
    // The fire report has the county's 30-minute clock (第三十四条 says only "立即") and, while it burns, a progress
    // report is due every 2 hours (县定); both marked as the county's limits.
    await page.getByRole('tab', { name: '报送' }).click();
    expect(await page.getByTestId('obligation-first').getAttribute('data-status')).toBe('pending');
    expect(await page.getByTestId('obligation-first').textContent()).toContain('县定时限');
    expect(await page.getByTestId('obligation-progress').getAttribute('data-status')).toBe('pending');

    // The map draws the open fire.
    await page.keyboard.press('Alt+3');
    await page.getByRole('heading', { name: '森林防火地图' }).waitFor();
    await expect.poll(() => page.getByTestId('count-fires').textContent()).toBe('1 个');
    await screenshot(page, 'fire-on-map');

    // Two hours later (both clocks), still burning: 24 h from the start have passed. Since 2026 that is a moment to
    // decide (研判) whether to report up under 35(5); no flag is raised by the clock itself.
    clock.advance(2 * 3_600_000);
    await page.clock.setFixedTime(new Date(clock.now()));
    await page.keyboard.press('Alt+4');
    await openFire();
    expect(await page.getByTestId('fire-timer').getAttribute('data-status')).toBe('elapsed');
    expect(await page.getByTestId('fire-timer').textContent()).toContain('已超过24小时 1:00:00');
    expect(await page.getByTestId('fire-timer-prompt').textContent()).toContain('请研判是否属于第三十五条第五项');
    expect(await page.getByTestId('flag-35(5)').getAttribute('data-raised')).toBe('false');
    await screenshot(page, 'fire-timer-elapsed');
    // Two hours on with nothing filed: the fire report is overdue; the progress report is due this very minute.
    await page.getByRole('tab', { name: '报送' }).click();
    expect(await page.getByTestId('obligation-first').getAttribute('data-status')).toBe('overdue');
    expect(await page.getByTestId('obligation-progress').getAttribute('data-status')).toBe('pending');
    expect(await page.getByTestId('obligation-progress').textContent()).toContain('剩余 00:00');
    await screenshot(page, 'fire-report-clocks');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a fire that started before 2026-01-01 keeps the 2008 rules, even when reported after midnight', async () => {
    // Started 23:50 on 2025-12-31 (Beijing), received 00:10 on 2026-01-01: 《森林防火条例》 was still in force.
    const r = await call<{ id: string }>('console.report', {
      planId: 'forest-fire',
      title: '跨年夜玄中寺火情',
      receivedAt: '2026-01-01T00:10:00+08:00',
      payload: { source: '村民电话', summary: '玄中寺后山起火', facts: { burnedForestHa: 5 }, place: '玄中寺后山', incidentStartedAt: '2025-12-31T23:50:00+08:00' },
    });
    const after = await call<{ id: string }>('console.report', {
      planId: 'forest-fire',
      title: '元旦玄中寺火情',
      receivedAt: '2026-01-01T00:20:00+08:00',
      payload: { source: '村民电话', summary: '玄中寺东坡起火', facts: { burnedForestHa: 5 }, place: '玄中寺东坡', incidentStartedAt: '2026-01-01T00:05:00+08:00' },
    });
    const { page, errors } = await openPage();
    await page.keyboard.press('Alt+1');
    await page.getByTestId('board-forest-fire').getByRole('button', { name: new RegExp(r.id) }).click();
    await page.getByTestId('fire-page').waitFor();
    expect(await page.getByTestId('fire-level').textContent()).toContain('III级 较大森林火灾');
    expect(await page.getByTestId('fire-basis').textContent()).toContain('《森林防火条例》');
    expect(await page.getByTestId('flag-32(1)').count()).toBe(1);
    expect(await page.getByTestId('flag-35(1)').count()).toBe(0);
    await screenshot(page, 'fire-2008-rules');
    await page.keyboard.press('Alt+1');
    await page.getByTestId('board-forest-fire').getByRole('button', { name: new RegExp(after.id) }).click();
    await expect.poll(() => page.getByTestId('fire-level').textContent()).toContain('IV级 一般森林火灾');
    expect(await page.getByTestId('fire-basis').textContent()).toContain('《森林草原防灭火条例》');
    expect(await page.getByTestId('flag-35(1)').count()).toBe(1);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a grassland fire is reported, graded by 第四十五条 and flagged by 第三十五条; the status screen lists every version', async () => {
    const { page, errors } = await openPage();
    await page.getByTestId('fire-report-button').click();
    await page.getByTestId('fire-kind').getByLabel('草原火灾').check();
    await page.getByLabel('地点名称').fill('庞泉沟草甸');
    await page.getByLabel('起火时间（北京时间）').fill('2026-11-07T08:30');
    await page.getByLabel('火情来源').fill('牧民电话');
    await page.getByLabel('火情概况').fill('草甸起火');
    await page.getByLabel(/^受害草原面积/).fill('9.9');
    expect(await page.getByTestId('grade-not-graded').textContent()).toContain('不统计为草原火灾');
    await page.getByLabel(/^受害草原面积/).fill('12');
    expect(await page.getByTestId('grade-level').textContent()).toContain('IV级 一般草原火灾');
    await page.getByLabel(/^过火草原面积/).fill('5000.5');
    await expect.poll(() => page.getByTestId('fire-new-flags-35(1)').getAttribute('data-raised')).toBe('true');
    await screenshot(page, 'grassland-new');
    await page.getByRole('button', { name: '接报并建立火情' }).click();
    await page.getByTestId('fire-page').waitFor();
    expect(await page.getByTestId('fire-level').textContent()).toContain('IV级 一般草原火灾');
    expect(await page.getByTestId('flag-35(1)').getAttribute('data-raised')).toBe('true');

    await page.keyboard.press('Alt+0');
    const versions = page.getByTestId('plan-versions');
    await versions.waitFor();
    const ff = versions.locator('[data-plan="forest-fire"]');
    expect(await ff.count()).toBe(2);
    expect(await versions.locator('[data-plan="forest-fire"][data-version="2024.1"]').textContent()).toContain('2009-01-01 至 2025-12-31');
    expect(await versions.locator('[data-plan="forest-fire"][data-version="2026.1"]').getAttribute('data-in-force')).toBe('true');
    expect(await versions.locator('[data-plan="forest-fire"][data-version="2026.1"]').textContent()).toContain('国务院令第822号');
    expect(await versions.locator('[data-plan="grassland-fire"]').count()).toBe(1);
    await screenshot(page, 'status-plan-versions');
    expect(errors).toEqual([]);
    await page.close();
  });
});
