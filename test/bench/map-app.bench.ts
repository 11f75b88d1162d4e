/**
 * The console's own map screen (issue 7 item 6), end to end: the real serve shell and UI in Debian's Chromium over a
 * real SQLite file holding 10,000 water sources (imported with `ercon map import`, as an office would), the map
 * screen opened with Alt+3, then dragged with the mouse. Measures what map-render.bench.ts measures for the drawing
 * code alone, here with React, the layer panel, the status bar and the county boundaries around it: the time until
 * all 10,000 points are drawn, and the longest frame of each drag. Baseline in the same run: the same screen over an
 * empty database, dragged identically.
 *
 *   npx tsx test/bench/map-app.bench.ts        → one JSON object on stdout (needs `npm run build:renderer` first)
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { dragBy, DRAG_DIRECTIONS, launchChromium } from '../helpers/chromium';
import { startServe } from '../helpers/serve';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const POINTS = Number(process.env.MAP_BENCH_POINTS ?? 10_000);
const DRAGS = Number(process.env.MAP_BENCH_DRAGS ?? 12);
const VIEWPORT = { width: 1366, height: 768 };

function stats(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))]!;
  const r = (x: number) => Math.round(x * 10) / 10;
  return { n: s.length, p50Ms: r(q(0.5)), p95Ms: r(q(0.95)), maxMs: r(s[s.length - 1]!), over34Ms: s.filter((x) => x > 34).length };
}

/** A database with `n` water sources over 交城县, imported through the CLI from a CSV. */
function database(dir: string, n: number): string {
  const db = path.join(dir, `console-${n}.sqlite`);
  if (n === 0) return db;
  let s = 99;
  const rnd = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
  const rows = ['name,lng,lat'];
  for (let i = 0; i < n; i++) rows.push(`水源${i},${(111.45 + rnd() * 0.8).toFixed(6)},${(37.45 + rnd() * 0.4).toFixed(6)}`);
  const csv = path.join(dir, 'water.csv');
  fs.writeFileSync(csv, rows.join('\n'));
  const out = execFileSync(process.execPath, [path.join(ROOT, 'electron/cli/ercon.mjs'), '--db', db, 'map', 'import', csv, '--layer', 'water'], { encoding: 'utf8' });
  if (JSON.parse(out).imported !== n) throw new Error(`import: ${out}`);
  return db;
}

async function run(browser: Browser, db: string, n: number) {
  const srv = await startServe(['--db', db]);
  const page = await browser.newPage({ viewport: VIEWPORT });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  try {
    await page.goto(srv.url);
    await page.getByRole('button', { name: /系统状态/ }).waitFor();
    const t0 = Date.now();
    await page.keyboard.press('Alt+3');
    await page.getByRole('heading', { name: '森林防火地图' }).waitFor();
    const map = page.locator('.map-leaflet');
    // data-drawn is set by the map after it has drawn the features (MapWidget.tsx)
    for (;;) {
      if (Number(await map.getAttribute('data-drawn')) >= n && (await map.getAttribute('data-drawn')) !== null) break;
      if (Date.now() - t0 > 60_000) throw new Error(`only ${await map.getAttribute('data-drawn')} of ${n} drawn`);
      await page.waitForTimeout(20);
    }
    const drawnMs = Date.now() - t0;
    // The officer looks at the map before dragging it.
    await page.waitForTimeout(1500);
    // Frame clock (a string, so that the bundler adds nothing to the page's code).
    await page.evaluate(`(() => { const w = window; w.__frames = []; let last = performance.now(); const tick = (now) => { w.__frames.push(now - last); last = now; requestAnimationFrame(tick); }; requestAnimationFrame(tick); })()`);
    const box = (await map.boundingBox())!;
    const cx = box.x + box.width / 2;
    const cy = box.y + box.height / 2;
    const longest: number[] = [];
    for (let k = 0; k < DRAGS; k++) {
      const [dx, dy] = DRAG_DIRECTIONS[k % 4]!;
      const from = (await page.evaluate('window.__frames.length')) as number;
      // a 250 × 100 px drag (helpers/chromium.ts dragBy), then let it settle
      await dragBy(page, cx, cy, dx * 250, dy * 100);
      await page.waitForTimeout(400);
      longest.push((await page.evaluate(`Math.max(...window.__frames.slice(${from}))`)) as number);
    }
    if (errors.length) throw new Error(errors.join('; '));
    return { points: n, drawnMs, longestFramePerDrag: stats(longest), perDrag: longest.map(Math.round) };
  } finally {
    await page.close();
    await srv.stop();
  }
}

async function main() {
  if (!fs.existsSync(path.join(ROOT, 'dist/renderer/index.html'))) throw new Error('UI not built: run npm run build:renderer');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ercon-map-app-bench-'));
  const browser = await launchChromium();
  try {
    const empty = await run(browser, database(dir, 0), 0);
    const full = await run(browser, database(dir, POINTS), POINTS);
    process.stdout.write(
      JSON.stringify({
        bench: 'map-app',
        browser: `chromium ${browser.version()} headless, --disable-gpu`,
        viewport: VIEWPORT,
        cores: os.cpus().length,
        drags: DRAGS,
        empty,
        full,
        longestDragFrameP50OverEmpty: Math.round((full.longestFramePerDrag.p50Ms / empty.longestFramePerDrag.p50Ms) * 100) / 100,
        loadAverage: os.loadavg().map((x) => Math.round(x * 10) / 10),
        note: 'empty = the same map screen over an empty database (baseline); drawnMs = from Alt+3 until the map reports all points drawn; longestFramePerDrag = the longest requestAnimationFrame interval of each drag, from the press to 0.4 s after the release (60 Hz = 16.7 ms; over34Ms = drags that dropped two frames or more)',
      }) + '\n',
    );
  } finally {
    await browser.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
