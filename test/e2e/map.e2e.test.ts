import fs from 'node:fs';
import { addAccountToFile, signInBrowser, signInHttp } from '../helpers/people';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshot, watchErrors } from '../helpers/browser';
import { startServe, type ServeProcess } from '../helpers/serve';
import { ROOT } from '../helpers/tmp';
import { solidPng, tileOf, writeMbtiles, type TileSpec } from '../fixtures/map/mbtiles';

/**
 * The offline map in Chromium over the real serve shell and a real SQLite file: the 交城县 samples seeded through
 * the API, a KML with Chinese names imported through the dialog (preview first), its points on the map, a click on
 * a place answered with its control zone and the nearest water with great-circle distances; no request leaves
 * 127.0.0.1, no console errors.
 */

let srv: ServeProcess;
let browser: Browser;
let dir: string;
const KML = path.join(ROOT, 'test/fixtures/map/water-zh.kml');

let cookie = '';
async function cmd<T = unknown>(name: string, input: unknown): Promise<T> {
  cookie ||= await signInHttp(srv.origin, srv.token);
  const res = await fetch(`${srv.origin}/api/cmd/${name}`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${srv.token}`, cookie }, body: JSON.stringify(input) });
  const body = (await res.json()) as { ok: boolean; result: T; error?: unknown };
  if (!body.ok) throw new Error(`${name}: ${JSON.stringify(body.error)}`);
  return body.result;
}

/** Haversine on the WGS84 mean-radius sphere, written here independently of the app's code. */
function greatCircleM(a: [number, number], b: [number, number]): number {
  const R = 6_371_008.8;
  const rad = Math.PI / 180;
  const dLat = (b[1] - a[1]) * rad;
  const dLng = (b[0] - a[0]) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * rad) * Math.cos(b[1] * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * R * Math.asin(Math.sqrt(h));
}

async function openMap(page: Page): Promise<void> {
  await page.goto(srv.url);
  await page.getByRole('button', { name: /系统状态/ }).waitFor();
  await page.keyboard.press('Alt+3');
  await page.getByRole('heading', { name: '森林防火地图' }).waitFor();
  await expect.poll(async () => Number(await page.locator('.map-leaflet').getAttribute('data-drawn')), { timeout: 20_000 }).toBeGreaterThan(0);
}

beforeAll(async () => {
  if (!fs.existsSync(path.join(ROOT, 'dist/renderer/index.html'))) throw new Error('UI not built: run npm run build:renderer');
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ercon-map-e2e-'));
  await addAccountToFile(path.join(dir, 'map.sqlite'));
  srv = await startServe(['--db', path.join(dir, 'map.sqlite')]);
  browser = await launchChromium();
  await cmd('map.seedSamples', {});
});

afterAll(async () => {
  await browser?.close();
  await srv?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('the offline map', () => {
  it('imports a KML with Chinese names, shows its points, and answers for a clicked place', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
    await signInBrowser(page, srv.origin, srv.token);
    const errors = watchErrors(page);
    const offsite: string[] = [];
    page.on('request', (r) => {
      const u = new URL(r.url());
      if (!['127.0.0.1', 'localhost'].includes(u.hostname) && !['data:', 'blob:'].includes(u.protocol)) offsite.push(r.url());
    });
    await openMap(page);

    // The sample layers are drawn and labelled as samples in the legend.
    const before = Number(await page.locator('.map-leaflet').getAttribute('data-drawn'));
    expect(before).toBeGreaterThan(20);
    expect(await page.getByTestId('count-water').textContent()).toBe('5 个');
    await expect.poll(() => page.locator('.map-legend').textContent()).toContain('示例');
    await expect.poll(() => page.locator('.leaflet-tooltip.map-area-label').first().textContent()).toContain('示例');
    // The county names (put on in the first idle moment after the shapes): one per county of 吕梁市, 交城县 among them.
    await expect.poll(() => page.locator('.leaflet-tooltip.map-county-label').count()).toBe(13);
    expect(await page.locator('.leaflet-tooltip.map-county-label').allTextContents()).toContain('交城县');
    expect(await page.locator('.map-leaflet').getAttribute('data-boundaries')).toBe('13');
    // The points are really painted on the canvas: pixels of the water sources' fill colour (#29b6f6) are there.
    const waterPixels = () =>
      page.evaluate(() => {
        let n = 0;
        for (const c of Array.from(document.querySelectorAll<HTMLCanvasElement>('.leaflet-overlay-pane canvas'))) {
          const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
          for (let i = 0; i < d.length; i += 4) if (d[i + 3]! > 200 && Math.abs(d[i]! - 0x29) < 6 && Math.abs(d[i + 1]! - 0xb6) < 6 && Math.abs(d[i + 2]! - 0xf6) < 6) n++;
        }
        return n;
      });
    await expect.poll(waterPixels).toBeGreaterThan(50);
    await screenshot(page, 'map-samples');

    // Import: pick the file, preview (nothing written yet), then import.
    await page.getByRole('button', { name: '导入', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: '导入图层数据' });
    await dialog.waitFor();
    await page.getByTestId('map-import-file').setInputFiles(KML);
    await dialog.getByLabel('导入到图层').selectOption('water');
    await dialog.getByRole('button', { name: '预览' }).click();
    const preview = page.getByTestId('map-import-preview');
    await preview.waitFor();
    expect(await preview.textContent()).toContain('共 4 个要素，可导入 4 个');
    expect(await preview.textContent()).toContain('卦山测试蓄水池');
    expect((await cmd<{ features: unknown[] }>('map.features', { layer: 'water' })).features).toHaveLength(5);
    await screenshot(page, 'map-import-preview');
    await dialog.getByRole('button', { name: '导入 4 个要素' }).click();
    await expect.poll(() => page.getByTestId('map-import-done').textContent()).toContain('已导入 4 个要素到“森林防火水源地”');
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.isVisible()).toBe(false);

    // Its points are on the map: 4 more features drawn, the legend counts them, search finds them by Chinese name.
    await expect.poll(async () => Number(await page.locator('.map-leaflet').getAttribute('data-drawn'))).toBe(before + 4);
    expect(await page.getByTestId('count-water').textContent()).toBe('9 个');
    const search = page.getByRole('combobox', { name: '按名称搜索' });
    await search.click();
    await page.keyboard.type('卦山测试');
    await page.getByRole('option', { name: /卦山测试蓄水池/ }).waitFor();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    // Enter flies there and opens the feature's form.
    await expect.poll(() => page.getByRole('heading', { name: '卦山测试蓄水池' }).count()).toBe(1);
    await page.waitForTimeout(1200); // the fly animation (0.6 s)

    // Click a place ~500 m from the pool, inside the 卦山 sample zone.
    const box = (await page.locator('.map-leaflet').boundingBox())!;
    await page.mouse.move(box.x + box.width / 2 - 60, box.y + box.height / 2 + 40);
    await expect.poll(() => page.getByTestId('map-cursor').textContent()).toMatch(/经度 112\.\d{6}.*纬度 37\.\d{6}.*°.*′.*″E/);
    await page.mouse.click(box.x + box.width / 2 - 60, box.y + box.height / 2 + 40);
    await page.waitForTimeout(500);
    await screenshot(page, 'map-after-click');
    const answers = page.getByTestId('map-answers');
    await answers.getByTestId('map-answers-water').waitFor();
    const at = (await answers.getByTestId('map-answers-at').textContent())!;
    const m = /位置：(\d+\.\d+)，(\d+\.\d+)/.exec(at)!;
    const here: [number, number] = [Number(m[1]), Number(m[2])];
    expect(here[0]).toBeGreaterThan(112.12);
    expect(here[0]).toBeLessThan(112.17);

    // Its zone: the 卦山 sample zone, marked 示例.
    const zones = await answers.getByTestId('map-answers-zones').textContent();
    expect(zones).toContain('卦山风景区重点管控区（示例）');

    // The nearest water within 3 km, sorted by distance, the imported pool first, distances matching a great circle.
    const rows = answers.getByTestId('map-answers-water').locator('li');
    const names = await rows.locator('button').allTextContents();
    const dists = (await rows.locator('.map-dist').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-distance-m')))));
    // Independent oracle: every water source we put in (the shipped samples + the KML), by our own haversine.
    const samples = JSON.parse(fs.readFileSync(path.join(ROOT, 'assets/geo/jiaocheng-samples.geojson'), 'utf8')) as { features: { properties: { layer: string; name: string }; geometry: { coordinates: [number, number] } }[] };
    const known: [string, [number, number]][] = [
      ...samples.features.filter((f) => f.properties.layer === 'water').map((f): [string, [number, number]] => [f.properties.name, f.geometry.coordinates]),
      ['卦山测试蓄水池', [112.15, 37.585]],
      ['磁窑河取水点（测试）', [112.172, 37.574]],
      ['瓦窑河集雨窖（测试）', [112.118, 37.598]],
      ['远处水库（测试）', [112.3, 37.7]],
    ];
    const expected = known
      .map(([name, p]) => ({ name, d: greatCircleM(here, p) }))
      .filter((x) => x.d <= 3000)
      .sort((a, b) => a.d - b.d);
    expect(names).toContain('卦山测试蓄水池');
    expect(names).not.toContain('远处水库（测试）');
    expect(names).toEqual(expected.map((x) => x.name));
    // Distances agree to a few metres (the point shown is rounded to 6 decimals, ~0.1 m) and are sorted.
    dists.forEach((d, i) => expect(Math.abs(d - expected[i]!.d)).toBeLessThan(2));
    expect(dists.every((d, i) => i === 0 || d >= dists[i - 1]!)).toBe(true);
    expect(await rows.first().textContent()).toMatch(/\d+ 米|\d+\.\d\d 公里/);
    // Nearest checkpoints, teams and towers are listed too.
    expect(await answers.getByTestId('map-answers-checkpoints').locator('li').count()).toBeGreaterThan(0);
    expect(await answers.getByTestId('map-answers-teams').locator('li').count()).toBeGreaterThan(0);
    expect(await answers.getByTestId('map-answers-towers').locator('li').count()).toBeGreaterThan(0);
    await screenshot(page, 'map-answers');

    expect(offsite).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  /** Before the page's scripts: every command the page asks, in order, and whether the map's element existed then. */
  async function watchCommands(page: Page): Promise<() => Promise<Array<{ name: string; mapThere: boolean }>>> {
    await page.addInitScript(() => {
      const w = window as unknown as { asked?: Array<{ name: string; mapThere: boolean }> };
      const real = window.fetch.bind(window);
      w.asked = [];
      window.fetch = (input, init) => {
        const m = /\/api\/cmd\/([\w.]+)$/.exec(String(input instanceof Request ? input.url : input));
        if (m) w.asked!.push({ name: m[1]!, mapThere: !!document.querySelector('.map-leaflet') });
        return real(input, init);
      };
    });
    return () => page.evaluate(() => (window as unknown as { asked: Array<{ name: string; mapThere: boolean }> }).asked);
  }

  it('asks for its features once, before the screen has mounted: at Alt+3 when pressed before the console was idle (issue 17 item 4)', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
    await signInBrowser(page, srv.origin, srv.token);
    const errors = watchErrors(page);
    const asked = await watchCommands(page);
    await openMap(page);
    expect((await asked()).filter((a) => a.name === 'map.features.compact')).toEqual([{ name: 'map.features.compact', mapThere: false }]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('reads its layers while the console is idle, so that Alt+3 draws them without asking for them again (issue 17 item 4)', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
    await signInBrowser(page, srv.origin, srv.token);
    const errors = watchErrors(page);
    const asked = await watchCommands(page);
    await page.goto(srv.url);
    await page.getByRole('button', { name: /系统状态/ }).waitFor();
    // No key pressed: the board is drawn, the screens' code is fetched while idle, then the map's layers are read.
    await expect.poll(async () => (await asked()).filter((a) => a.name === 'map.features.compact').length, { timeout: 20_000 }).toBe(1);
    const mapCommands = /^(map\.|tiles\.|fire\.permits\.)/;
    const before = (await asked()).length;
    expect((await asked()).filter((a) => mapCommands.test(a.name)).map((a) => a.name).sort()).toEqual(['fire.permits.list', 'map.boundaries', 'map.features.compact', 'map.layers', 'tiles.list']);
    await page.keyboard.press('Alt+3');
    await page.getByRole('heading', { name: '森林防火地图' }).waitFor();
    const stored = (await cmd<{ features: unknown[] }>('map.features', {})).features.length;
    await expect.poll(async () => Number(await page.locator('.map-leaflet').getAttribute('data-drawn')), { timeout: 20_000 }).toBe(stored);
    // Only whether each permit is in its window now is asked again: it changes with the clock, not with a write.
    await expect.poll(async () => (await asked()).slice(before).filter((a) => mapCommands.test(a.name)).map((a) => a.name)).toEqual(['fire.permits.list']);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('exports the layers as GeoJSON through the browser\'s download: every feature the core has', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN', acceptDownloads: true });
    await signInBrowser(page, srv.origin, srv.token);
    const errors = watchErrors(page);
    await openMap(page);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 GeoJSON' }).click()]);
    const file = await download.path();
    const fc = JSON.parse(fs.readFileSync(file, 'utf8')) as { type: string; features: unknown[] };
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.features.length).toBe((await cmd<{ features: unknown[] }>('map.features', {})).features.length);
    expect(download.suggestedFilename()).toMatch(/\.geojson$/);
    await expect.poll(() => page.getByText(`已导出 ${fc.features.length} 个要素`).count()).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('refuses a bad file with the reason and writes nothing', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
    await signInBrowser(page, srv.origin, srv.token);
    const errors = watchErrors(page);
    await openMap(page);
    const countBefore = (await cmd<{ features: unknown[] }>('map.features', {})).features.length;
    await page.getByRole('button', { name: '导入', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: '导入图层数据' });
    await page.getByTestId('map-import-file').setInputFiles({ name: '坏文件.kml', mimeType: 'application/vnd.google-earth.kml+xml', buffer: Buffer.from('<kml><Document><Placemark><name>坏点</name><Point><coordinates>999,37</coordinates></Point></Placemark>', 'utf8') });
    await dialog.getByRole('button', { name: '预览' }).click();
    await expect.poll(async () => (await page.getByTestId('map-import-error').count()) + (await page.getByTestId('map-import-preview').count())).toBeGreaterThan(0);
    const shown = (await page.getByTestId('map-import-error').count()) ? await page.getByTestId('map-import-error').textContent() : await page.getByTestId('map-import-preview').textContent();
    expect(shown).toMatch(/不能导入|没有写入|错误/);
    if (await page.getByTestId('map-import-preview').count()) {
      expect(await dialog.getByRole('button', { name: /导入 \d+ 个要素/ }).isDisabled()).toBe(true);
    }
    await screenshot(page, 'map-import-refused');
    expect((await cmd<{ features: unknown[] }>('map.features', {})).features.length).toBe(countBefore);
    // The refusal itself is an HTTP 400 from the API, which Chromium logs; nothing else may be.
    expect(errors.filter((e) => !/status of 400 \(Bad Request\)/.test(e))).toEqual([]);
    await page.close();
  });
  it('adds, moves and deletes a point, and draws an area, every change logged with before and after', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
    await signInBrowser(page, srv.origin, srv.token);
    const errors = watchErrors(page);
    await openMap(page);
    const box = (await page.locator('.map-leaflet').boundingBox())!;
    const cx = box.x + box.width / 2;
    const cy = box.y + box.height / 2;

    // Add a temporary checkpoint: choose the layer, 添加点, click the map, fill the form, Enter saves.
    await page.getByLabel('添加到图层').selectOption('checkpoints');
    await page.getByRole('button', { name: '添加点' }).click();
    await expect.poll(() => page.locator('.map-notice').textContent()).toContain('在地图上单击放置新点');
    await page.mouse.click(cx + 150, cy - 90);
    const form = page.getByTestId('map-feature-form');
    await form.waitFor();
    expect(await form.getByLabel('经度（WGS84）').inputValue()).toMatch(/^1\d\d\.\d{6}$/);
    await form.getByLabel('名称').fill('义望临时卡口（测试）');
    await form.getByLabel('类别').selectOption('temporary');
    await form.getByLabel('值守单位（人员）').fill('义望乡护林员');
    await form.getByLabel('值守时间').fill('08:00–18:00');
    await form.getByLabel('名称').press('Enter');
    await expect.poll(() => page.getByRole('heading', { name: '义望临时卡口（测试）' }).count()).toBe(1);
    type F = { id: number; name: string; kind: string; lng: number; lat: number; properties: Record<string, unknown>; geometry: { type: string; coordinates: number[][][] } };
    const find = async (layer: string, name: string) => (await cmd<{ features: F[] }>('map.features', { layer })).features.find((f) => f.name === name);
    const added = (await find('checkpoints', '义望临时卡口（测试）'))!;
    expect(added.kind).toBe('temporary');
    expect(added.properties).toMatchObject({ staffedBy: '义望乡护林员', hours: '08:00–18:00' });

    // A bad latitude is named next to the field and nothing is sent.
    await form.getByLabel('纬度（WGS84）').fill('九十一');
    await expect.poll(() => form.locator('.field-error').first().textContent()).toContain('不是有效的坐标');
    // Move it by typing the coordinates (度分秒 accepted), then save.
    await form.getByLabel('纬度（WGS84）').fill('37°36′00″');
    await form.getByLabel('经度（WGS84）').fill('112.200000');
    await form.getByRole('button', { name: '保存' }).click();
    await expect.poll(async () => (await find('checkpoints', '义望临时卡口（测试）'))?.lat).toBeCloseTo(37.6, 9);
    expect((await find('checkpoints', '义望临时卡口（测试）'))!.lng).toBeCloseTo(112.2, 9);
    const events = (await cmd<{ events: { action: string; actor: string; before: { lat: number } | null; after: { lat: number } | null }[] }>('map.events', { featureId: added.id })).events;
    expect(events.map((e) => e.action)[0]).toBe('add');
    expect(events).toHaveLength(2);
    expect(events[1]!.before!.lat).toBeCloseTo(added.lat, 9);
    expect(events[1]!.after!.lat).toBeCloseTo(37.6, 9);
    expect(events[1]!.actor).toBeTruthy();

    // Delete asks first; Esc keeps it; confirming removes it.
    await form.getByRole('button', { name: '删除' }).click();
    const confirm = page.getByRole('dialog', { name: /确定删除“义望临时卡口（测试）”/ });
    await confirm.waitFor();
    await screenshot(page, 'map-delete-confirm');
    await page.keyboard.press('Escape');
    await expect.poll(() => confirm.isVisible()).toBe(false);
    expect(await find('checkpoints', '义望临时卡口（测试）')).toBeDefined();
    await form.getByRole('button', { name: '删除' }).click();
    await confirm.getByRole('button', { name: '确认删除' }).click();
    await expect.poll(async () => await find('checkpoints', '义望临时卡口（测试）')).toBeUndefined();

    // Draw an area: four clicks, Enter finishes, name it, save.
    await page.getByRole('button', { name: '绘制区域' }).click();
    for (const [dx, dy] of [[-200, -120], [-80, -130], [-70, -20], [-210, -10]] as const) {
      await page.mouse.click(cx + dx, cy + dy);
      await page.waitForTimeout(350); // not a double-click
    }
    await expect.poll(() => page.locator('.map-notice').textContent()).toContain('已有 4 个顶点');
    await screenshot(page, 'map-draw-area');
    await page.keyboard.press('Enter');
    await form.getByLabel('名称').fill('测试实测管控区');
    await form.getByLabel('类别').selectOption('control-zone');
    await form.getByRole('button', { name: '保存' }).click();
    await expect.poll(async () => (await find('zones', '测试实测管控区'))?.geometry.type).toBe('Polygon');
    const ring = (await find('zones', '测试实测管控区'))!.geometry.coordinates[0]!;
    expect(ring).toHaveLength(5);
    expect(ring[0]).toEqual(ring[4]);
    await screenshot(page, 'map-area-saved');
    expect(errors).toEqual([]);
    await page.close();
  });
  it('shows an offline MBTiles basemap through the token-protected tile route, and works in English', async () => {
    // A small raster MBTiles over 交城县, zooms 8–11, one colour per zoom. A browser client may only name files in the
    // console's own folders (imports/ of the data folder), so it is put there, as the import screen would.
    fs.mkdirSync(path.join(dir, 'imports'), { recursive: true });
    const file = path.join(dir, 'imports', 'jc.mbtiles');
    const tiles: TileSpec[] = [];
    for (let z = 8; z <= 11; z++) {
      const a = tileOf(111.4, 38.0, z);
      const b = tileOf(112.6, 37.2, z);
      const png = solidPng([200, 230 - z * 8, 180], 256, 256);
      for (let x = a.x; x <= b.x; x++) for (let y = a.y; y <= b.y; y++) tiles.push({ z, x, y, data: png });
    }
    writeMbtiles(file, { name: '交城县测试底图', format: 'png', minzoom: '8', maxzoom: '11', bounds: '111.4,37.2,112.6,38.0' }, tiles);
    await cmd('tiles.add', { file, name: 'jc-test' });

    const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });

    await signInBrowser(page, srv.origin, srv.token);
    const errors = watchErrors(page);
    const tileUrls: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/tiles/')) tileUrls.push(r.url());
    });
    await openMap(page);
    // Default: no basemap, no tile request at all.
    expect(await page.getByLabel('底图').inputValue()).toBe('');
    expect(tileUrls).toEqual([]);
    await page.getByLabel('底图').selectOption('jc-test');
    await expect.poll(() => page.locator('img.leaflet-tile-loaded').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    expect(tileUrls.length).toBeGreaterThan(0);
    for (const u of tileUrls) {
      expect(u.startsWith(`${srv.origin}/tiles/jc-test/`)).toBe(true);
      expect(new URL(u).searchParams.get('token')).toBe(srv.token);
    }
    await screenshot(page, 'map-basemap');

    // English, through the same i18n layer.
    await page.getByLabel('界面语言').selectOption('en');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Forest fire map');
    expect(await page.locator('.map-legend').textContent()).toContain('Water sources');
    expect(await page.locator('.map-legend').textContent()).toContain('sample');
    await screenshot(page, 'map-en');
    await page.getByLabel('Language').selectOption('zh-CN');
    expect(errors).toEqual([]);
    await page.close();
  });
});
