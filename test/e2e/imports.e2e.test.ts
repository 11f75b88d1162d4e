/**
 * Imports in Chromium over a REAL serve shell and SQLite file (issue 12 item 7): the map import dialog forgets
 * 跳过有错误的要素 when another file is picked; a KML picked a second time is shown as already present and cannot
 * be imported until skip or update is chosen (the layer is not doubled); 奥维 facts reach the point answers (管护人,
 * 电话); a GBK ledger CSV is previewed with its encoding and imported.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshot, watchErrors } from '../helpers/browser';
import { startConsole, type TestConsole } from '../helpers/console';
import { encodeGbk } from '../helpers/gbk';

let browser: Browser;
let tc: TestConsole;

const OVITAL_KML = `<?xml version="1.0" encoding="UTF-8"?>
<kml xmlns="http://www.opengis.net/kml/2.2"><Document><name>奥维收藏夹</name><Folder><name>水源地</name>
<Placemark id="ovobj-2001"><name>东沟三号蓄水池</name><description><![CDATA[容量：300立方米<br/>管护人：王某某<br/>电话：13800001111]]></description><Point><coordinates>112.2501,37.4801,0</coordinates></Point></Placemark>
<Placemark id="ovobj-2002"><name>东沟集雨窖</name><description>蓄水量:80方；联系人:李某；联系电话:0358-7220000</description><Point><coordinates>112.2511,37.4811,0</coordinates></Point></Placemark>
</Folder></Document></kml>`;
const badGeoJson = (name: string) =>
  JSON.stringify({
    type: 'FeatureCollection',
    features: [
      { type: 'Feature', properties: { name: `${name}甲` }, geometry: { type: 'Point', coordinates: [112.3, 37.5] } },
      { type: 'Feature', properties: { name: `${name}乙` }, geometry: { type: 'Point', coordinates: [212.3, 37.5] } },
    ],
  });

async function open(view: 'Alt+3' | 'Alt+4'): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  await tc.signIn(page);
  const errors = watchErrors(page);
  await page.goto(tc.srv.url);
  await page.getByRole('heading', { name: '在办事件' }).waitFor();
  await page.keyboard.press(view);
  return { page, errors };
}

beforeAll(async () => {
  tc = await startConsole('imports-e2e', '2026-11-20T02:00:00.000Z');
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await tc?.close();
});

describe('imports', () => {
  it('map: options reset per file; a second import of the same KML offers skip / update; the answers show 管护人 and 电话', async () => {
    const { page, errors } = await open('Alt+3');
    await page.getByRole('heading', { name: '森林防火地图' }).waitFor();
    await page.getByRole('button', { name: '导入', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: '导入图层数据' });
    await dialog.getByLabel('导入到图层').selectOption('water');
    const pickAndPreview = async (name: string, text: string) => {
      await page.getByTestId('map-import-file').setInputFiles({ name, mimeType: 'application/octet-stream', buffer: Buffer.from(text, 'utf8') });
      await expect.poll(() => dialog.getByRole('button', { name: '预览' }).isEnabled()).toBe(true);
      await dialog.getByRole('button', { name: '预览' }).click();
      await page.getByTestId('map-import-preview').waitFor();
    };
    // a file with an error: tick "skip"; then another file with an error: the box is clear again, import refused
    await pickAndPreview('a.geojson', badGeoJson('甲文件'));
    await page.getByTestId('map-import-skip-invalid').check();
    expect(await dialog.getByRole('button', { name: '导入 1 个要素' }).isEnabled()).toBe(true);
    await pickAndPreview('b.geojson', badGeoJson('乙文件'));
    expect(await page.getByTestId('map-import-skip-invalid').isChecked()).toBe(false);
    expect(await dialog.getByRole('button', { name: '导入 1 个要素' }).isDisabled()).toBe(true);

    // the 奥维 KML, twice
    await pickAndPreview('奥维水源.kml', OVITAL_KML);
    await dialog.getByRole('button', { name: '导入 2 个要素' }).click();
    await expect.poll(() => page.getByTestId('map-import-done').textContent()).toContain('已导入 2 个要素');
    await pickAndPreview('奥维水源.kml', OVITAL_KML);
    const dups = page.getByTestId('map-import-duplicates');
    expect(await dups.textContent()).toContain('2 个要素已在图层中');
    expect(await dups.textContent()).toContain('“东沟三号蓄水池”→“东沟三号蓄水池”（同一来源编号）');
    expect(await dialog.getByRole('button', { name: '导入 2 个要素' }).isDisabled()).toBe(true);
    await screenshot(page, 'imports-duplicates');
    await page.getByTestId('map-import-dup-skip').check();
    await dialog.getByRole('button', { name: '导入 0 个要素' }).waitFor();
    await page.getByTestId('map-import-dup-update').check();
    await dialog.getByRole('button', { name: '导入 2 个要素' }).click();
    await expect.poll(() => page.getByTestId('map-import-done').textContent()).toContain('2 个已有要素已更新');
    expect((await tc.call<{ features: unknown[] }>('map.features', { layer: 'water' })).features).toHaveLength(2);
    await page.keyboard.press('Escape');

    // the point answers carry the keyholder and the phone
    await page.getByRole('tab', { name: '周边' }).click();
    const answers = page.getByTestId('map-answers');
    await answers.getByLabel('经度').fill('112.2505');
    await answers.getByLabel('纬度').fill('37.4805');
    await answers.getByRole('button', { name: '查询' }).click();
    const water = answers.getByTestId('map-answers-water');
    await water.waitFor();
    await expect.poll(() => water.textContent()).toContain('管护人：王某某');
    expect(await water.textContent()).toContain('电话：13800001111');
    expect(await water.textContent()).toContain('300 m³');
    expect(await water.textContent()).toContain('管护人：李某');
    await screenshot(page, 'imports-answers');
    expect(errors.filter((e) => !/status of 400 \(Bad Request\)/.test(e))).toEqual([]);
    await page.close();
  });

  it('ledger: a GBK CSV is previewed with 编码：GBK, nothing written until 导入, then both rows', async () => {
    const { page, errors } = await open('Alt+4');
    await page.getByRole('button', { name: '台账' }).click();
    await page.getByRole('radio', { name: /坟头及集中祭坛登记/ }).check();
    const csv = '编号,类别,乡镇,村,位置,经度,纬度,坟主,火险等级,备注\r\nG-001,坟头,天宁镇,卦山村,北坡,112.15,37.58,张三,高,\r\nG-002,坟头,天宁镇,卦山村,南坡,,,李四,中,近林缘\r\n';
    await page.getByTestId('fire-ledger-file').setInputFiles({ name: '坟头登记（Excel）.csv', mimeType: 'text/csv', buffer: encodeGbk(csv) });
    const preview = page.getByTestId('fire-ledger-preview');
    await preview.waitFor();
    expect(await page.getByTestId('fire-ledger-encoding').textContent()).toBe('编码：GBK（自动识别）');
    expect(await preview.textContent()).toContain('2 行数据');
    expect(await preview.textContent()).toContain('编号、类别、乡镇');
    expect((await tc.call<{ rows: unknown[] }>('fire.ledger.list', { table: 'graves' })).rows).toHaveLength(0);
    await screenshot(page, 'imports-ledger-gbk');
    await page.getByTestId('fire-ledger-commit').click();
    await expect.poll(() => page.getByTestId('fire-ledger-notice').textContent()).toContain('已导入 2 行');
    const rows = (await tc.call<{ rows: Array<{ owner: string }> }>('fire.ledger.list', { table: 'graves' })).rows;
    expect(rows.map((r) => r.owner)).toEqual(['张三', '李四']);
    expect(errors).toEqual([]);
    await page.close();
  });
});
