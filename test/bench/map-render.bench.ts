/**
 * Map render benchmark (issue 7 item 6): 10,000 point features drawn by the map view's own drawing code
 * (renderer/src/map/draw.ts on renderer/src/map/pointCanvas.ts) in Debian's Chromium, then panned — animated pans as
 * the map makes them, and mouse drags through Chromium's input pipeline — with every frame timed by
 * requestAnimationFrame. The figure that matters is the longest frame of each pan or drag (p50/p95/max over them).
 * Baselines in the same run, panned identically: an empty map (the floor: what the browser and Leaflet cost with
 * nothing drawn), the same points on Leaflet's stock canvas renderer (what the map used before: every marker an arc,
 * filled and stroked, redrawn at every moveend) and on Leaflet's SVG renderer.
 *
 *   npx tsx test/bench/map-render.bench.ts            → one JSON object on stdout (about a minute and a half)
 *   MAP_BENCH_POINTS=20000 MAP_BENCH_PANS=20 MAP_BENCH_DRAGS=12 MAP_BENCH_PADDING=0.1 …   → other sizes
 *   MAP_BENCH_DEBUG=1 …                               → every pan's and drag's longest frame on stderr
 */
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { bundleForPage, dragBy, DRAG_DIRECTIONS, launchChromium, openLeafletPage } from '../helpers/chromium';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const POINTS = Number(process.env.MAP_BENCH_POINTS ?? 10_000);
const PANS = Number(process.env.MAP_BENCH_PANS ?? 12);
const DRAGS = Number(process.env.MAP_BENCH_DRAGS ?? 8);
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
// Where the points lie: 'view' = all of them inside the first view (1.8° × 0.8° at zoom 10: the densest map an officer
// would look at); 'wide' = spread over the whole canvas and beyond (4.6° × 1.9°), so that every pan uncovers points.
const SPREADS = { view: [111.1, 37.15, 1.8, 0.8], wide: [109.7, 36.6, 4.6, 1.9] };
function features(n, spread) {
  // Deterministic (LCG) points around 交城县.
  const [lng0, lat0, dLng, dLat] = SPREADS[spread];
  let s = 12345;
  const rnd = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
  const out = [];
  for (let i = 0; i < n; i++) {
    const lng = lng0 + rnd() * dLng, lat = lat0 + rnd() * dLat;
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

let S = null;

/** Draw the points on a fresh map with the renderer under test; count what was painted. */
window.setup = async function (kind, n, padding, spread) {
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
  // The map view draws one PointSet per marker look; the baselines are what the map drew before: one CircleMarker per point.
  const drawn = kind === 'empty' ? 0 : drawFeatures(group, features(n, spread), { renderer, onClick: () => {}, popup: () => document.createElement('div'), layerPerPoint: kind !== 'app' });
  // Wait until the first frame after drawing has been painted.
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  const drawMs = performance.now() - t0;
  const view = map.getBounds();
  const inView = kind === 'empty' ? 0 : features(n, spread).filter((f) => view.contains([f.lat, f.lng])).length;
  moveendWork.length = 0;
  // Check that the points were really painted: count painted pixels of the canvas (SVG: count circle elements).
  const canvas = kind === 'app' || kind === 'leaflet';
  const painted = canvas ? paintedPixels(renderer._container) : kind === 'svg' ? div.querySelectorAll('path.leaflet-interactive').length : 0;
  S = { map, renderer, canvas, moveendWork, times: [], running: false };
  return { drawn, inView, drawMs, painted, stampedAtFirstDraw: renderer.stats ? renderer.stats.stamped : 0 };
};

/** Frame clock: every requestAnimationFrame interval from now until finish(). */
window.startClock = function () {
  S.running = true;
  let last = performance.now();
  (function tick(now) {
    if (now !== undefined) { S.times.push(now - last); last = now; }
    if (S.running) requestAnimationFrame(tick);
  })();
};
window.frameCount = () => S.times.length;
window.longestFrameSince = (from) => Math.max(...S.times.slice(from));
/** Resolves at the second frame after the next moveend (the renderer has updated and the result is on screen). */
window.nextMoveEnd = () => new Promise((res) => S.map.once('moveend', () => requestAnimationFrame(() => requestAnimationFrame(res))));

/**
 * Programmatic pans as the map view makes them (search → fly, arrow keys): Leaflet's animated panBy moves the map pane
 * with a CSS transform for 0.25 s, then the renderer updates once, at moveend. Four directions in turn, so every edge
 * of the canvas is uncovered. Returns the longest frame of each pan, from its start to the second frame after its
 * moveend.
 */
window.pans = async function (pans) {
  const DIRS = [[1, 1], [-1, 1], [-1, -1], [1, -1]];
  const hitches = [];
  for (let k = 0; k < pans; k++) {
    const [dx, dy] = DIRS[k % 4];
    const from = S.times.length;
    const done = window.nextMoveEnd();
    S.map.panBy([dx * 320, dy * 90], { animate: true, duration: 0.25, easeLinearity: 0.5 });
    await done;
    hitches.push(window.longestFrameSince(from));
  }
  return hitches;
};

window.finish = function () {
  S.running = false;
  const paintedAfterPans = S.canvas ? paintedPixels(S.renderer._container) : -1;
  const st = S.renderer.stats ?? { stamped: 0, fullRedraws: 0, shiftedRedraws: 0 };
  S.map.remove();
  return { times: S.times, moveendWork: S.moveendWork, paintedAfterPans, ...st };
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
  stampedInStrips: number;
  fullRedraws: number;
  shiftedRedraws: number;
  firstPaintMs: number;
  frames: Stats;
  longestFramePerPan: Stats;
  longestFramePerDrag: Stats;
  moveendWork: Stats;
}

function stats(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))]!;
  const r = (x: number) => Math.round(x * 100) / 100;
  return { frames: s.length, p50Ms: r(q(0.5)), p95Ms: r(q(0.95)), maxMs: r(s[s.length - 1]!), meanMs: r(s.reduce((a, b) => a + b, 0) / s.length), over50Ms: s.filter((x) => x > 50).length };
}

type Setup = { drawn: number; inView: number; drawMs: number; painted: number; stampedAtFirstDraw: number };
type Finish = { times: number[]; moveendWork: number[]; paintedAfterPans: number; stamped: number; fullRedraws: number; shiftedRedraws: number };
type W = {
  setup(k: string, n: number, p: number, spread: string): Promise<Setup>;
  startClock(): void;
  pans(n: number): Promise<number[]>;
  frameCount(): number;
  longestFrameSince(from: number): number;
  nextMoveEnd(): Promise<void>;
  finish(): Finish;
};

/** One renderer on a fresh page: draw, wait a second, the programmatic pans, then the mouse drags. */
async function run(browser: Browser, script: string, kind: (typeof KINDS)[number], spread: string): Promise<Result> {
  const { page, errors } = await openLeafletPage(browser, script, VIEWPORT);
  const setup = await page.evaluate(([k, n, p, sp]) => (window as unknown as W).setup(k, n, p, sp), [kind, POINTS, PADDING, spread] as const);
  // The officer looks at the map before panning it: one second, as after opening the map screen.
  await page.waitForTimeout(1000);
  await page.evaluate(() => (window as unknown as W).startClock());
  const hitches = await page.evaluate((n) => (window as unknown as W).pans(n), PANS);
  // Mouse drags of 300 × 100 px (helpers/chromium.ts dragBy: as the officer pans, no inertia).
  const dragHitches: number[] = [];
  for (let k = 0; k < DRAGS; k++) {
    const [dx, dy] = DRAG_DIRECTIONS[k % 4]!;
    const from = await page.evaluate(() => (window as unknown as W).frameCount());
    const done = page.evaluate(() => (window as unknown as W).nextMoveEnd());
    await dragBy(page, VIEWPORT.width / 2, VIEWPORT.height / 2, dx * 300, dy * 100);
    await done;
    dragHitches.push(await page.evaluate((f) => (window as unknown as W).longestFrameSince(f), from));
  }
  if (process.env.MAP_BENCH_DEBUG) console.error(spread, kind, JSON.stringify(hitches.map(Math.round)), JSON.stringify(dragHitches.map(Math.round)));
  const r = await page.evaluate(() => (window as unknown as W).finish());
  if (errors.length) throw new Error(`${kind}: ${errors.join('; ')}`);
  await page.close();
  return {
    drawn: setup.drawn,
    inView: setup.inView,
    painted: setup.painted,
    paintedAfterPans: r.paintedAfterPans < 0 ? setup.painted : r.paintedAfterPans,
    stamped: r.stamped,
    stampedInStrips: r.stamped - setup.stampedAtFirstDraw,
    fullRedraws: r.fullRedraws,
    shiftedRedraws: r.shiftedRedraws,
    firstPaintMs: Math.round(setup.drawMs),
    frames: stats(r.times),
    longestFramePerPan: stats(hitches),
    longestFramePerDrag: stats(dragHitches),
    moveendWork: stats(r.moveendWork),
  };
}

/**
 * The checks that make the numbers mean something: every point painted (a renderer that draws nothing would be fast),
 * the app's renderer painting the same picture as Leaflet's after the first draw and after all the pans (same count
 * of non-transparent pixels within 1 %; test/e2e/map-point-canvas.e2e.test.ts compares the pixels themselves), and
 * every pan and drag taking the moved-canvas path.
 */
function check(spread: string, app: Result, leaflet: Result): void {
  if (spread === 'view' && app.inView < POINTS) throw new Error(`only ${app.inView} of ${POINTS} points are in the first view`);
  if (spread === 'wide' && app.stampedInStrips === 0) throw new Error('the pans uncovered no points');
  if (app.painted < 2 * app.inView) throw new Error(`app canvas painted only ${app.painted} pixels`);
  for (const key of ['painted', 'paintedAfterPans'] as const) {
    if (Math.abs(app[key] - leaflet[key]) > 0.01 * leaflet[key]) throw new Error(`${spread} ${key}: app ${app[key]} pixels, Leaflet ${leaflet[key]}`);
  }
  if (app.shiftedRedraws !== PANS + DRAGS) throw new Error(`${spread}: ${app.shiftedRedraws} of ${PANS + DRAGS} pans and drags moved the canvas`);
}

async function main() {
  const script = await bundleForPage(ENTRY);
  const browser = await launchChromium();
  const scenarios: Record<string, Record<string, Result>> = { view: {}, wide: {} };
  try {
    // The floor and the SVG baseline once; the app and stock Leaflet canvas in both spreads.
    for (const kind of KINDS) scenarios.view![kind] = await run(browser, script, kind, 'view');
    for (const kind of ['app', 'leaflet'] as const) scenarios.wide![kind] = await run(browser, script, kind, 'wide');
  } finally {
    await browser.close();
  }
  const r2 = (x: number) => Math.round(x * 100) / 100;
  const empty = scenarios.view!.empty!;
  const ratios: Record<string, Record<string, number>> = {};
  for (const [spread, res] of Object.entries(scenarios)) {
    const app = res.app!;
    const leaflet = res.leaflet!;
    check(spread, app, leaflet);
    ratios[spread] = {
      // p50 ratios against the baselines measured in this run
      appLongestPanFrameOverEmpty: r2(app.longestFramePerPan.p50Ms / empty.longestFramePerPan.p50Ms),
      appLongestDragFrameOverEmpty: r2(app.longestFramePerDrag.p50Ms / empty.longestFramePerDrag.p50Ms),
      leafletLongestPanFrameOverApp: r2(leaflet.longestFramePerPan.p50Ms / app.longestFramePerPan.p50Ms),
      leafletLongestDragFrameOverApp: r2(leaflet.longestFramePerDrag.p50Ms / app.longestFramePerDrag.p50Ms),
      leafletMoveendWorkOverApp: r2(leaflet.moveendWork.p50Ms / app.moveendWork.p50Ms),
      ...(res.svg ? { svgLongestPanFrameOverApp: r2(res.svg.longestFramePerPan.p50Ms / app.longestFramePerPan.p50Ms) } : {}),
    };
  }
  process.stdout.write(
    JSON.stringify({
      bench: 'map-render',
      points: POINTS,
      pans: PANS,
      panPx: [320, 90],
      panSeconds: 0.25,
      drags: DRAGS,
      dragPx: [300, 100],
      padding: PADDING,
      viewport: VIEWPORT,
      browser: `chromium ${browser.version()} headless, --disable-gpu`,
      cores: os.cpus().length,
      scenarios,
      ratios,
      loadAverage: os.loadavg().map((x) => Math.round(x * 10) / 10),
      note: "view = all points inside the first view; wide = points over the canvas and beyond, so pans uncover some; app = the map view (pointCanvas: pans move the canvas and redraw the uncovered strips; markers stamped from sprites); leaflet = stock L.canvas; empty = no features (the floor); frames = every requestAnimationFrame interval over the run (60 Hz = 16.7 ms); longestFramePerPan = the longest frame of each programmatic pan, from panBy to the second frame after its moveend (the hitch a user sees); longestFramePerDrag = the same for each mouse drag, from the press to the second frame after its moveend; moveendWork = time inside the renderer's moveend handler (SVG: placing its root only); painted = non-transparent canvas pixels after the first draw (SVG: path elements), paintedAfterPans = the same after the last drag; stampedInStrips = markers drawn from sprites after the first draw",
    }) + '\n',
  );
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
