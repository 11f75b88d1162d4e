/**
 * Words and layout the officer sees (issue 12 items 9 and 10), in Chromium over a REAL serve shell and SQLite file:
 * the landing focus is on the screen (not BODY); a search hit names its incident (open ones too) and shows Beijing
 * time, not a UTC instant; the danger-level swatches each have their colour; the team table asks for the people on
 * scene without a "≥100" that reads as part of its heading; the import preview says 点 / 无几何, not "Point" / "none".
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshot, watchErrors } from '../helpers/browser';
import { startConsole, type TestConsole } from '../helpers/console';

const NOW = '2026-11-23T06:00:00.000Z'; // 14:00 Beijing

let browser: Browser;
let tc: TestConsole;

beforeAll(async () => {
  tc = await startConsole('words-e2e', NOW);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await tc?.close();
});

async function openPage(hash = ''): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  await page.clock.setFixedTime(new Date(NOW));
  const errors = watchErrors(page);
  await page.goto(`${tc.srv.url}${hash}`);
  return { page, errors };
}

describe('words and layout', () => {
  it('lands with the focus on the screen, and a search hit shows its incident and Beijing time', async () => {
    const inc = await tc.call<{ id: string }>('console.report', {
      planId: 'vaccine',
      title: '城关镇接种点疑似群体不良反应',
      receivedAt: '2026-11-23T05:50:00.000Z',
      payload: { source: '县疾控中心电话', summary: '4名儿童接种后高热皮疹', place: '城关镇卫生院', incidentStartedAt: '2026-11-23T05:40:00.000Z', facts: { clusteredRareAE: 4 } },
    });
    const { page, errors } = await openPage();
    await page.getByRole('heading', { name: '在办事件' }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.id || document.activeElement?.tagName)).toBe('main');

    await page.locator('#closed-q').fill('城关镇卫生院');
    await page.getByRole('button', { name: '检索', exact: true }).click();
    const hits = page.getByTestId('search-hits');
    await expect.poll(() => hits.textContent()).toContain(inc.id);
    await expect.poll(() => hits.textContent()).toContain('城关镇接种点疑似群体不良反应');
    const text = (await hits.textContent()) ?? '';
    expect(text).toContain('城关镇接种点疑似群体不良反应'); // an open incident is named too
    expect(text).toContain('2026-11-23 13:40'); // the start time in the record, as Beijing time
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
    await screenshot(page, 'words-search');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('the danger-level swatches have five colours; the team table asks for the people on scene', async () => {
    const { page, errors } = await openPage('#/fire/posture');
    const swatches = page.locator('.fire-levels label.radio');
    await expect.poll(() => swatches.count()).toBe(5);
    const colours = await swatches.evaluateAll((els) => els.map((e) => getComputedStyle(e).borderLeftColor));
    expect(new Set(colours).size).toBe(5);
    expect(colours).not.toContain('rgb(0, 0, 0)');

    const fire = await tc.call<{ id: string }>('console.report', {
      planId: 'forest-fire',
      title: '卦山北坡森林火情',
      receivedAt: '2026-11-23T05:50:00.000Z',
      payload: { source: '瞭望台发现', summary: '山坡起火', facts: { burnedForestHa: 2 }, place: '卦山北坡 [WGS84 112.150000,37.585000]', incidentStartedAt: '2026-11-23T05:40:00.000Z' },
    });
    await page.goto(`${tc.srv.url.split('?')[0]}#/fires/${fire.id}`);
    const tiers = page.getByTestId('fire-tiers');
    await tiers.waitFor();
    // (the table comes with the core's answer: wait for it)
    await expect.poll(() => tiers.locator('th').allTextContents()).toEqual(['梯队', '要求', '实到人数']);
    const placeholders = await tiers.locator('input').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).placeholder));
    expect(placeholders.some((p) => /[≥]|\d/.test(p))).toBe(false);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('the import preview names geometry kinds in words: 点, 无几何, not Point / none', async () => {
    const { page, errors } = await openPage();
    await page.getByRole('heading', { name: '在办事件' }).waitFor();
    await page.keyboard.press('Alt+3');
    await page.getByRole('heading', { name: '森林防火地图' }).waitFor();
    await page.getByRole('button', { name: '导入', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: '导入图层数据' });
    await dialog.waitFor();
    const geojson = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { name: '水源一' }, geometry: { type: 'Point', coordinates: [112.15, 37.58] } },
        { type: 'Feature', properties: { name: '缺坐标' }, geometry: null },
      ],
    };
    await page.getByTestId('map-import-file').setInputFiles({ name: '水源.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(JSON.stringify(geojson), 'utf8') });
    await dialog.getByLabel('导入到图层').selectOption('water');
    await dialog.getByRole('button', { name: '预览' }).click();
    const preview = page.getByTestId('map-import-preview');
    await preview.waitFor();
    const text = (await preview.textContent()) ?? '';
    expect(text).toContain('点 1');
    expect(text).toContain('无几何（缺坐标） 1');
    expect(text).not.toMatch(/\bnone\b|\bPoint\b/);
    await screenshot(page, 'words-import-preview');
    expect(errors.filter((e) => !/requestfailed:.*tiles/.test(e))).toEqual([]);
    await page.close();
  });
});
