/**
 * English mode speaks the plan's English where the plan has it (issue 12 item 4), in Chromium over a REAL serve shell
 * and SQLite file: a 2026 forest fire's page shows its stage, its actions, a refusal's reason and its checklist in
 * the plan's English labels; a vaccine incident (a plan without English texts) says so once and keeps the plan's
 * Chinese state name.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshot, watchErrors } from '../helpers/browser';
import { startConsole, type TestConsole } from '../helpers/console';

const NOW = '2026-11-23T06:00:00.000Z'; // 14:00 Beijing

let browser: Browser;
let tc: TestConsole;

beforeAll(async () => {
  tc = await startConsole('english-e2e', NOW);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await tc?.close();
});

async function englishPage(path: string): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  await page.clock.setFixedTime(new Date(NOW));
  const errors = watchErrors(page);
  await page.goto(tc.srv.url);
  await page.getByLabel('界面语言').selectOption('en');
  await page.goto(`${tc.srv.url.split('?')[0]}#${path}`);
  return { page, errors };
}

describe('English mode', () => {
  it('a 2026 forest fire: stage, actions, refusal reasons and checklist in the plan’s English', async () => {
    const fire = await tc.call<{ id: string }>('console.report', {
      planId: 'forest-fire',
      title: '卦山北坡森林火情',
      receivedAt: '2026-11-23T05:50:00.000Z',
      payload: { source: '瞭望台发现', summary: '山坡起火', facts: { burnedForestHa: 2 }, place: '卦山北坡 [WGS84 112.150000,37.585000]', incidentStartedAt: '2026-11-23T05:40:00.000Z' },
    });
    const { page, errors } = await englishPage(`/fires/${fire.id}`);
    await page.getByTestId('fire-page').waitFor();
    expect(await page.getByTestId('fire-state').textContent()).toBe('Stage: reported');
    expect(await page.getByTestId('fire-action-firstAttack').getByRole('button').textContent()).toBe('start the first attack');
    const stages = await page.locator('.fire-stages li').allTextContents();
    expect(stages.slice(0, 3)).toEqual(['reported', 'first attack', 'reinforced']);
    expect(await page.getByTestId('checklist-reportedItems').locator('h3').textContent()).toContain('Reported: verify, act and report at once');
    expect(await page.getByTestId('item-verify').locator('.item-text').textContent()).toBe('send people to the fire at once to verify it and take measures');
    // Nothing left in Chinese in the actions list (clauses such as 第三十六条 are cited as published).
    const actions = (await page.locator('.actions .action-list button').allTextContents()).join(' ');
    expect(actions).not.toMatch(/[\u4e00-\u9fff]/u);
    // Actions of later stages, each with the reason it is not available now, in English too.
    const later = await page.locator('.other-actions li').allTextContents();
    expect(later.length).toBeGreaterThan(0);
    expect(later.join(' ')).not.toMatch(/[\u4e00-\u9fff]/u);
    expect(await page.getByTestId('plan-no-english').count()).toBe(0);
    await screenshot(page, 'english-fire-page');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a vaccine incident: the plan has no English texts, said once; its state stays in the plan’s Chinese', async () => {
    const inc = await tc.call<{ id: string }>('console.report', {
      planId: 'vaccine',
      title: '接种点疑似群体不良反应',
      receivedAt: '2026-11-23T05:50:00.000Z',
      payload: { source: '县疾控中心电话', summary: '4名儿童接种后高热皮疹', facts: { clusteredRareAE: 4 } },
    });
    const { page, errors } = await englishPage(`/incidents/${inc.id}`);
    await page.getByTestId('incident-page').waitFor();
    expect(await page.getByTestId('plan-no-english').count()).toBe(1);
    expect(await page.getByTestId('plan-no-english').textContent()).toContain('This plan has no English texts');
    expect(await page.getByTestId('incident-state').textContent()).toBe('State: 已接报');
    await screenshot(page, 'english-vaccine-page');
    expect(errors).toEqual([]);
    await page.close();
  });
});
