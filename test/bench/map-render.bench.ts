/**
 * Map render benchmark (issue 7 item 6): 10,000 point features drawn by the map view's own drawing code
 * (renderer/src/map/draw.ts on renderer/src/map/pointCanvas.ts: Leaflet's canvas with markers stamped from sprites) in
 * Debian's Chromium, then panned programmatically; frame times measured with requestAnimationFrame (p50/p95/max).
 * Baselines in the same run, panned identically: an empty map (the floor: what the browser and Leaflet cost with nothing
 * drawn), the same points on Leaflet's stock canvas renderer (what the map used before: every marker an arc, filled and
 * stroked) and on Leaflet's SVG renderer.
 *
 *   npx tsx test/bench/map-render.bench.ts            → one JSON object on stdout
 *   MAP_BENCH_POINTS=20000 MAP_BENCH_PANS=20 …       → other sizes
 */
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleForPage, launchChromium, openLeafletPage } from '../helpers/chromium';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const POINTS = Number(process.env.MAP_BENCH_POINTS ?? 10_000);
const PANS = Number(process.env.MAP_BENCH_PANS ?? 12);
const VIEWPORT = { width: 1366, height: 768 };
const KINDS = ['empty', 'app', 'leaflet', 'svg'] as const;
/** The canvas renderers' padding (MapWidget.tsx uses 0.5: the canvas reaches half a screen beyond each edge). */
const PADDING = Number(process.env.MAP_BENCH_PADDING ?? 0.5);

// The page-side harness: bundles leaflet + the app's draw module into one script.
const ENTRY = `
import L from 'leaflet';
import { drawFeatures } from ${JSON.stringify(path.join(ROOT, 'renderer/src/map/draw.ts'))};
import { pointCanvas } from ${JSON.stringify(path.join(ROOT, 'renderer/src/map/pointCanvas.ts'))};

const LAYERS = ['water', 'checkpoints', 'teams', 'towers', 'posts'];
function features(n) {
  // Deterministic (LCG) points over 交城县 and its neighbours, spread over the whole first view (1.8° × 0.8° at zoom 10).
  let s = 12345;
  const rnd = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
  const out = [];
  for (let i = 0; i < n; i++) {
    const lng = 111.1 + rnd() * 1.8, lat = 37.15 + rnd() * 0.8;
    const layer = LAYERS[i % LAYERS.length];
    out.push({ id: i + 1, layer, name: 'p' + i, kind: layer === 'checkpoints' ? (i % 2 ? 'fixed' : 'temporary') : null,
      properties: i % 3 ? {} : { sample: true }, geometry: { type: 'Point', coordinates: [lng, lat] }, lng, lat,
      bbox: [lng, lat, lng, lat], version: 1, createdAt: '', createdBy: '', updatedAt: '', updatedBy: '' });
  }
  return out;
}

function paintedPixels(c) {
  // Read a copy: reading the map's own canvas back would make Chromium keep it in a slower, CPU-readable mode.
  const copy = document.createElement('canvas');
  copy.width = c.width;
  copy.height = c.height;
  const x = copy.getContext('2d', { willReadFrequently: true });
  x.drawImage(c, 0, 0);
  const d = x.getImageData(0, 0, c.width, c.height).data;
  let n = 0;
  for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++;
  return n;
}

window.bench = async function (kind, n, pans, padding) {
  const div = document.getElementById('map');
  const map = L.map(div, { preferCanvas: kind !== 'svg', zoomControl: false, attributionControl: false }).setView([37.55, 112.0], 10);
  // The map view's renderer (MapWidget.tsx: pointCanvas with these options), or a baseline.
  const renderer = kind === 'svg' ? L.svg() : kind === 'leaflet' ? L.canvas({ padding, tolerance: 3 }) : pointCanvas({ padding, tolerance: 3 });
  // The renderer's whole moveend work (place the canvas, then redraw: everything, or the uncovered strips), per call.
  const moveendWork = [];
  const inner = renderer._update;
  renderer._update = function () { const r0 = performance.now(); inner.call(this); moveendWork.push(performance.now() - r0); };
  const group = L.layerGroup().addTo(map);
  const t0 = performance.now();
  const drawn = kind === 'empty' ? 0 : drawFeatures(group, features(n), { renderer, onClick: () => {}, popup: () => document.createElement('div') });
  // Wait until the first frame after drawing has been painted.
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  const drawMs = performance.now() - t0;
  const view = map.getBounds();
  const inView = kind === 'empty' ? 0 : features(n).filter((f) => view.contains([f.lat, f.lng])).length;
  moveendWork.length = 0;
  // Check that the points were really painted: count painted pixels of the canvas (SVG: count circle elements).
  const canvas = kind === 'app' || kind === 'leaflet';
  const painted = canvas ? paintedPixels(renderer._container) : kind === 'svg' ? div.querySelectorAll('path.leaflet-interactive').length : 0;
  // The officer looks at the map before panning it: one second, as after opening the map screen.
  await new Promise((r) => setTimeout(r, 1000));
  // Frame clock: every requestAnimationFrame interval while the pans run.
  const times = [];
  let running = true;
  let last = performance.now();
  (function tick(now) {
    if (now !== undefined) { times.push(now - last); last = now; }
    if (running) requestAnimationFrame(tick);
  })();
  // Programmatic pans as the map view makes them (search → fly, arrow keys, the end of a drag): Leaflet's animated
  // panBy moves the map pane with a CSS transform for 0.25 s, then the renderer updates once, at moveend. Four
  // directions in turn, so every edge of the canvas is uncovered.
  const DIRS = [[1, 1], [-1, 1], [-1, -1], [1, -1]];
  const redraws = [];
  const hitches = [];
  for (let k = 0; k < pans; k++) {
    const [dx, dy] = DIRS[k % 4];
    const from = times.length;
    await new Promise((res) => {
      map.once('moveend', () => {
        const r0 = performance.now();
        requestAnimationFrame(() => requestAnimationFrame(() => { redraws.push(performance.now() - r0); res(); }));
      });
      map.panBy([dx * 320, dy * 90], { animate: true, duration: 0.25, easeLinearity: 0.5 });
    });
    // The longest frame of this pan, from its start to the second frame after its moveend.
    hitches.push(Math.max(...times.slice(from)));
  }
  running = false;
  const paintedAfterPans = canvas ? paintedPixels(renderer._container) : painted;
  const st = renderer.stats ?? { stamped: 0, fullRedraws: 0, shiftedRedraws: 0 };
  map.remove();
  return { drawn, inView, drawMs, times, redraws, hitches, painted, paintedAfterPans, moveendWork, ...st };
};
`;

type Stats = ReturnType<typeof stats>;
interface Result {
  drawn: number;
  /** Points inside the first view. */
  inView: number;
  painted: number;
  paintedAfterPans: number;
  stamped: number;
  fullRedraws: number;
  shiftedRedraws: number;
  firstPaintMs: number;
  frames: Stats;
  longestFramePerPan: Stats;
  moveendWork: Stats;
  redrawAfterPan: Stats;
}

function stats(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))]!;
  const r = (x: number) => Math.round(x * 100) / 100;
  return { frames: s.length, p50Ms: r(q(0.5)), p95Ms: r(q(0.95)), maxMs: r(s[s.length - 1]!), meanMs: r(s.reduce((a, b) => a + b, 0) / s.length), over50Ms: s.filter((x) => x > 50).length };
}

async function main() {
  const script = await bundleForPage(ENTRY);
  const browser = await launchChromium();
  const results: Record<string, Result> = {};
  type Run = Omit<Result, 'frames' | 'longestFramePerPan' | 'moveendWork' | 'redrawAfterPan' | 'firstPaintMs'> & { drawMs: number; times: number[]; hitches: number[]; moveendWork: number[]; redraws: number[] };
  try {
    for (const kind of KINDS) {
      const { page, errors } = await openLeafletPage(browser, script, VIEWPORT);
      if (process.env.MAP_BENCH_DEBUG) page.on("console", (m) => console.error(kind, m.text()));
      const r = (await page.evaluate(([k, n, f, p]) => (window as unknown as { bench: (k: string, n: number, f: number, p: number) => Promise<Run> }).bench(k, n, f, p), [kind, POINTS, PANS, PADDING] as const)) as Run;
      if (errors.length) throw new Error(`${kind}: ${errors.join('; ')}`);
      if (process.env.MAP_BENCH_DEBUG) console.error(kind, JSON.stringify(r.hitches.map(Math.round)), JSON.stringify(r.moveendWork.map(Math.round)));
      results[kind] = {
        drawn: r.drawn,
        inView: r.inView,
        painted: r.painted,
        paintedAfterPans: r.paintedAfterPans,
        stamped: r.stamped,
        fullRedraws: r.fullRedraws,
        shiftedRedraws: r.shiftedRedraws,
        firstPaintMs: Math.round(r.drawMs),
        frames: stats(r.times),
        longestFramePerPan: stats(r.hitches),
        moveendWork: stats(r.moveendWork),
        redrawAfterPan: stats(r.redraws),
      };
      await page.close();
    }
  } finally {
    await browser.close();
  }
  const { app, leaflet, empty } = results as Record<(typeof KINDS)[number], Result>;
  // Every point must really be painted (a renderer that draws nothing would be fast), and the app's renderer must paint
  // the same picture as Leaflet's after the first draw and after the pans (same count of non-transparent pixels within
  // 1 %; test/e2e/map-point-canvas.e2e.test.ts compares the pixels themselves).
  if (app.inView < POINTS) throw new Error(`only ${app.inView} of ${POINTS} points are in the first view`);
  if (app.painted < 10 * POINTS) throw new Error(`app canvas painted only ${app.painted} pixels`);
  for (const key of ['painted', 'paintedAfterPans'] as const) {
    if (Math.abs(app[key] - leaflet[key]) > 0.01 * leaflet[key]) throw new Error(`${key}: app ${app[key]} pixels, Leaflet ${leaflet[key]}`);
  }
  if (app.stamped < POINTS) throw new Error(`only ${app.stamped} markers were stamped from sprites`);
  if (app.shiftedRedraws !== PANS) throw new Error(`${app.shiftedRedraws} of ${PANS} pans moved the canvas instead of redrawing it`);
  const r2 = (x: number) => Math.round(x * 100) / 100;
  process.stdout.write(
    JSON.stringify({
      bench: 'map-render',
      points: POINTS,
      pans: PANS,
      padding: PADDING,
      panPx: [320, 90],
      panSeconds: 0.25,
      viewport: VIEWPORT,
      browser: `chromium ${browser.version()} headless, --disable-gpu`,
      cores: os.cpus().length,
      results,
      // p50 ratios against the baselines measured above in this run
      appLongestFrameOverEmpty: r2(app.longestFramePerPan.p50Ms / empty.longestFramePerPan.p50Ms),
      leafletLongestFrameOverApp: r2(leaflet.longestFramePerPan.p50Ms / app.longestFramePerPan.p50Ms),
      leafletMoveendWorkOverApp: r2(leaflet.moveendWork.p50Ms / app.moveendWork.p50Ms),
      svgLongestFrameOverApp: r2((results.svg as Result).longestFramePerPan.p50Ms / app.longestFramePerPan.p50Ms),
      loadAverage: os.loadavg().map((x) => Math.round(x * 10) / 10),
      note: 'app = the map view (pointCanvas: pans move the canvas and redraw the uncovered strips; markers stamped from sprites); leaflet = stock L.canvas; empty = no features (the floor); frames = every requestAnimationFrame interval over the run (60 Hz = 16.7 ms); longestFramePerPan = the longest frame of each pan, from panBy to the second frame after its moveend (the hitch a user sees); moveendWork = time inside the renderer\'s moveend handler (SVG: placing its root only; Leaflet re-positions SVG paths itself); redrawAfterPan = moveend to the second frame after it; painted = non-transparent canvas pixels after the first draw (SVG: path elements), paintedAfterPans = the same after the last pan',
    }) + '\n',
  );
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
