/**
 * Map render benchmark (issue 7 item 6): 10,000 point features drawn by the map view's own drawing code
 * (renderer/src/map/draw.ts: Leaflet CircleMarkers on the canvas renderer) in Debian's Chromium, then panned
 * programmatically; frame times measured with requestAnimationFrame (p50/p95/max). Baselines in the same run, panned
 * identically: an empty map (the floor: what the browser and Leaflet cost with nothing drawn) and the same 10,000
 * points on Leaflet's SVG renderer (the alternative to the canvas).
 *
 *   npx tsx test/bench/map-render.bench.ts            → one JSON object on stdout
 *   MAP_BENCH_POINTS=20000 MAP_BENCH_PANS=20 …       → other sizes
 */
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { fileURLToPath } from 'node:url';

// (test/helpers/{tmp,browser}.ts register vitest hooks, so the root and the browser are set up here.)
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const POINTS = Number(process.env.MAP_BENCH_POINTS ?? 10_000);
const PANS = Number(process.env.MAP_BENCH_PANS ?? 12);
const VIEWPORT = { width: 1366, height: 768 };

// The page-side harness: bundles leaflet + the app's draw module into one script.
const ENTRY = `
import L from 'leaflet';
import { drawFeatures } from ${JSON.stringify(path.join(ROOT, 'renderer/src/map/draw.ts'))};

const LAYERS = ['water', 'checkpoints', 'teams', 'towers', 'posts'];
function features(n) {
  // Deterministic (LCG) points over 交城县 and its neighbours.
  let s = 12345;
  const rnd = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
  const out = [];
  for (let i = 0; i < n; i++) {
    const lng = 111.6 + rnd() * 0.8, lat = 37.35 + rnd() * 0.5;
    const layer = LAYERS[i % LAYERS.length];
    out.push({ id: i + 1, layer, name: 'p' + i, kind: layer === 'checkpoints' ? (i % 2 ? 'fixed' : 'temporary') : null,
      properties: i % 3 ? {} : { sample: true }, geometry: { type: 'Point', coordinates: [lng, lat] }, lng, lat,
      bbox: [lng, lat, lng, lat], version: 1, createdAt: '', createdBy: '', updatedAt: '', updatedBy: '' });
  }
  return out;
}

window.bench = async function (kind, n, pans) {
  const div = document.getElementById('map');
  const map = L.map(div, { preferCanvas: kind !== 'svg', zoomControl: false, attributionControl: false }).setView([37.55, 112.0], 10);
  const renderer = kind === 'svg' ? L.svg() : L.canvas({ padding: 0.5 });
  const group = L.layerGroup().addTo(map);
  const t0 = performance.now();
  const drawn = kind === 'empty' ? 0 : drawFeatures(group, features(n), { renderer, onClick: () => {}, popup: () => document.createElement('div') });
  // Wait until the first frame after drawing has been painted.
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  const drawMs = performance.now() - t0;
  // Check that the points were really painted: count painted pixels of the canvas (SVG: count circle elements).
  let painted = 0;
  if (kind === 'canvas') {
    const c = renderer._container;
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    for (let i = 3; i < d.length; i += 4) if (d[i] > 0) painted++;
  } else if (kind === 'svg') painted = div.querySelectorAll('path.leaflet-interactive').length;
  // Frame clock: every requestAnimationFrame interval while the pans run.
  const times = [];
  let running = true;
  let last = performance.now();
  (function tick(now) {
    if (now !== undefined) { times.push(now - last); last = now; }
    if (running) requestAnimationFrame(tick);
  })();
  // Programmatic pans as the map view makes them (search → fly, arrow keys): Leaflet's animated panBy moves the
  // map pane with a CSS transform for 0.25 s, then redraws every layer in view once, at moveend.
  const redraws = [];
  for (let k = 0; k < pans; k++) {
    const dir = k % 2 ? -1 : 1;
    await new Promise((res) => {
      map.once('moveend', () => {
        const r0 = performance.now();
        // the renderer's redraw runs in the next animation frame; time until that frame has run
        requestAnimationFrame(() => requestAnimationFrame(() => { redraws.push(performance.now() - r0); res(); }));
      });
      map.panBy([dir * 320, dir * 90], { animate: true, duration: 0.25, easeLinearity: 0.5 });
    });
  }
  running = false;
  map.remove();
  return { drawn, drawMs, times, redraws, painted };
};
`;

function stats(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))]!;
  const r = (x: number) => Math.round(x * 100) / 100;
  return { frames: s.length, p50Ms: r(q(0.5)), p95Ms: r(q(0.95)), maxMs: r(s[s.length - 1]!), meanMs: r(s.reduce((a, b) => a + b, 0) / s.length), over50Ms: s.filter((x) => x > 50).length };
}

async function main() {
  const out = await build({ stdin: { contents: ENTRY, resolveDir: ROOT, loader: 'js' }, bundle: true, format: 'iife', write: false, platform: 'browser', logLevel: 'silent' });
  const script = out.outputFiles[0]!.text;
  const css = fs.readFileSync(path.join(ROOT, 'node_modules/leaflet/dist/leaflet.css'), 'utf8');
  const executablePath = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((c) => c && fs.existsSync(c));
  if (!executablePath) throw new Error('no Chromium: install Debian chromium or set CHROMIUM_PATH');
  const browser = await chromium.launch({ executablePath, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'] });
  const results: Record<string, unknown> = {};
  try {
    for (const kind of ['empty', 'canvas', 'svg'] as const) {
      const page = await browser.newPage({ viewport: VIEWPORT });
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('request', (r) => {
        if (!r.url().startsWith('about:') && !r.url().startsWith('data:')) errors.push(`request ${r.url()}`);
      });
      await page.setContent(`<!doctype html><html><head><style>${css} html,body,#map{margin:0;width:100%;height:100%}</style></head><body><div id="map"></div></body></html>`);
      await page.addScriptTag({ content: script });
      type Run = { drawn: number; drawMs: number; times: number[]; redraws: number[]; painted: number };
      const r = (await page.evaluate(([k, n, f]) => (window as unknown as { bench: (k: string, n: number, f: number) => Promise<Run> }).bench(k, n, f), [kind, POINTS, PANS] as const)) as Run;
      if (errors.length) throw new Error(`${kind}: ${errors.join('; ')}`);
      results[kind] = { drawn: r.drawn, painted: r.painted, firstPaintMs: Math.round(r.drawMs), frames: stats(r.times), redrawAfterPan: stats(r.redraws) };
      await page.close();
    }
  } finally {
    await browser.close();
  }
  // Every point must really be painted (a renderer that draws nothing would be fast).
  if ((results.canvas as { painted: number }).painted < 10 * POINTS) throw new Error(`canvas painted only ${(results.canvas as { painted: number }).painted} pixels`);
  type R = { frames: { p50Ms: number; p95Ms: number }; redrawAfterPan: { p50Ms: number } };
  const canvas = results.canvas as R;
  const empty = results.empty as R;
  const svg = results.svg as R;
  process.stdout.write(
    JSON.stringify({
      bench: 'map-render',
      points: POINTS,
      pans: PANS,
      panPx: [320, 90],
      panSeconds: 0.25,
      viewport: VIEWPORT,
      browser: `chromium ${browser.version()} headless, --disable-gpu`,
      cores: (await import('node:os')).cpus().length,
      results,
      canvasFrameP50OverEmpty: Math.round((canvas.frames.p50Ms / empty.frames.p50Ms) * 100) / 100,
      svgRedrawP50OverCanvas: Math.round((svg.redrawAfterPan.p50Ms / canvas.redrawAfterPan.p50Ms) * 100) / 100,
      loadAverage: (await import('node:os')).loadavg().map((x) => Math.round(x * 10) / 10),
      note: 'painted = non-transparent canvas pixels after the first draw (canvas must paint ≥ 10 px per point; SVG: path elements); frames = requestAnimationFrame intervals over the whole run (pan animation + the one redraw at each moveend; 60 Hz = 16.7 ms); redrawAfterPan = moveend to the second frame after it (the full redraw of everything in view)',
    }) + '\n',
  );
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
