/**
 * Fire-use permits in Chromium over a REAL serve shell (ManualClock) and a REAL SQLite file with the sample zones
 * (issue 12 item 6, issue 11 item 4): a 清明 grave-burning permit inside 卦山 is shown as not approvable and the
 * approve button is not there; the regulation's approver is shown with the county text marked superseded and the
 * penalties of 第五十四条; the approver field is empty each time; 开始用火 is disabled before the window and the map
 * counts the permit as valid only while the clock is inside its window.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshot, watchErrors } from '../helpers/browser';
import { startConsole, type TestConsole } from '../helpers/console';

// 2026-11-07 09:30 Beijing time, inside the special period.
const T0 = '2026-11-07T01:30:00.000Z';

let browser: Browser;
let tc: TestConsole;
const call = <T = unknown>(name: string, input: unknown) => tc.call<T>(name, input);

async function openPermits(): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  await tc.signIn(page);
  await page.clock.setFixedTime(new Date(tc.clock.now()));
  const errors = watchErrors(page);
  await page.goto(tc.srv.url);
  await page.getByRole('heading', { name: '在办事件' }).waitFor();
  await page.keyboard.press('Alt+4');
  await page.getByRole('button', { name: '野外用火审批' }).click();
  return { page, errors };
}

beforeAll(async () => {
  tc = await startConsole('permits-e2e', T0);
  browser = await launchChromium();
  await call('map.seedSamples', {});
});

afterAll(async () => {
  await browser?.close();
  await tc?.close();
});

describe('fire-use permits: zone check, rules of the day, window', () => {
  it('a 清明 grave-burning permit inside 卦山 cannot be approved; the regulation approver and penalties are shown', async () => {
    const { page, errors } = await openPermits();
    await page.getByRole('button', { name: '用火申请' }).click();
    const dlg = page.getByTestId('fire-permit-apply');
    await dlg.getByLabel('用火类别').selectOption('otherFireUse');
    await dlg.getByLabel('申请人').fill('城关村 李某');
    await dlg.getByLabel('用火地点').fill('卦山北坡祖坟');
    await dlg.getByLabel('开始时间（北京时间）').fill('2027-04-05T09:00');
    await dlg.getByLabel('结束时间（北京时间）').fill('2027-04-05T11:00');
    await dlg.getByLabel('用火事由').fill('清明上坟烧纸');
    await dlg.getByLabel('经度（WGS84）').fill('112.150000');
    await dlg.getByLabel('纬度（WGS84）').fill('37.585000');
    // the dialog already says it: the regulation's approver, the county text superseded, the refusal
    await expect.poll(() => dlg.getByTestId('fire-permit-authority').textContent()).toContain('县级人民政府');
    expect(await dlg.getByTestId('fire-permit-superseded').textContent()).toContain('县林业局审批，已被《森林草原防灭火条例》第二十七条取代');
    await expect.poll(() => dlg.getByTestId('fire-permit-blocks').textContent()).toContain('卦山风景区重点管控区（示例）');
    expect(await dlg.getByTestId('fire-permit-penalties').textContent()).toContain('个人 300–5,000 元，单位 2万–10万 元（第五十四条）');
    await screenshot(page, 'permit-grave-apply');
    await dlg.getByRole('button', { name: '提交申请' }).click();
    const detail = page.getByTestId('fire-permit-detail');
    await detail.waitFor();
    expect(await detail.getByTestId('fire-permit-blocks').textContent()).toMatch(/严禁在坟头使用明火[\s\S]*特险日"清明"/);
    expect(await detail.getByTestId('fire-permit-zones').textContent()).toBe('卦山风景区重点管控区（示例）');
    expect(await detail.getByTestId('fire-permit-approve').count()).toBe(0);
    expect(await detail.getByTestId('fire-permit-refuse').count()).toBe(1);
    // refuse it, typing the approver; the next dialog's approver field is empty again
    await detail.getByTestId('fire-permit-refuse').click();
    let ad = page.getByTestId('fire-permit-dialog');
    await ad.getByLabel(/审批人/).fill('县政府 赵副县长');
    await ad.getByLabel('不予批准的理由').fill('集中祭祀，坟头严禁明火');
    await ad.getByRole('button', { name: '不予批准' }).click();
    await expect.poll(() => detail.getAttribute('data-state')).toBe('refused');
    await screenshot(page, 'permit-grave-refused');

    const other = await call<{ id: number }>('fire.permits.apply', { applicant: '某林场', kind: 'otherFireUse', purpose: '防治松毛虫', placeName: '平川地块', lng: 112.3, lat: 37.45, windowStart: '2027-03-10T08:00:00+08:00', windowEnd: '2027-03-10T12:00:00+08:00' });
    await page.getByRole('button', { name: '用火申请' }).waitFor();
    await page.keyboard.press('Alt+1');
    await page.keyboard.press('Alt+4');
    await page.getByRole('button', { name: '野外用火审批' }).click();
    await page.getByRole('button', { name: `打开用火审批 ${other.id}（平川地块）` }).click();
    await detail.getByTestId('fire-permit-approve').click();
    ad = page.getByTestId('fire-permit-dialog');
    expect(await ad.getByLabel(/审批人/).inputValue()).toBe('');
    await ad.getByLabel(/审批人/).fill('县政府 孙县长');
    await ad.getByRole('button', { name: '批准' }).click();
    await expect.poll(() => detail.getAttribute('data-state')).toBe('approved');
    // four months before its window: 开始用火 is disabled, with the reason
    expect(await detail.getByTestId('fire-permit-activate').isDisabled()).toBe(true);
    expect(await detail.getByTestId('fire-permit-window-why').textContent()).toContain('用火时段未到');
    const p = await call<{ events: Array<{ approver: string | null }> }>('fire.permits.get', { id: other.id });
    expect(p.events.at(-1)!.approver).toBe('县政府 孙县长');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('the map counts a permit as valid only while the clock is inside its window', async () => {
    const p = await call<{ id: number }>('fire.permits.apply', { applicant: '某林场', kind: 'otherFireUse', purpose: '防治病虫害', placeName: '东坡地块', lng: 112.31, lat: 37.46, windowStart: '2026-11-07T08:00:00+08:00', windowEnd: '2026-11-07T12:00:00+08:00' });
    await call('fire.permits.transition', { id: p.id, action: 'approve', approver: '县政府 孙县长' });
    await call('fire.permits.transition', { id: p.id, action: 'activate' }); // 09:30, inside
    const mapCount = async (): Promise<string | null> => {
      const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
      await tc.signIn(page);
      await page.goto(tc.srv.url);
      await page.getByRole('heading', { name: '在办事件' }).waitFor();
      await page.keyboard.press('Alt+3');
      await page.getByTestId('count-permits').waitFor();
      await expect.poll(() => page.getByTestId('count-water').textContent()).not.toMatch(/^\D*0\D*$/);
      const n = await page.getByTestId('count-permits').textContent();
      await page.close();
      return n;
    };
    expect(await mapCount()).toMatch(/\b1\b/);
    tc.clock.set('2026-11-07T04:00:01.000Z'); // 12:00:01 Beijing: the window is over, the permit is still 用火中
    expect(await mapCount()).toMatch(/\b0\b/);
  });
});
