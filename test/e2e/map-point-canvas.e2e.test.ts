import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleForPage, launchChromium, openLeafletPage } from '../helpers/chromium';
import { OUTPUT_DIR } from '../helpers/browser';
import { ROOT } from '../helpers/tmp';

/**
 * The map's canvas renderer (renderer/src/map/pointCanvas.ts) against Leaflet's own L.Canvas (dashed paths unclipped,
 * as pointCanvas draws them), in Debian's Chromium:
 * two maps of the same size side by side, the same features drawn by the map view's drawing code (draw.ts: on the app's
 * side one PointSet per marker look, pointSet.ts; on Leaflet's side one CircleMarker per point) — every
 * marker look the map uses, samples dashed, hollow temporary checkpoints, a 3 km water ring (L.Circle), a zone polygon,
 * a fire road, a marker too large for a sprite — then panned and zoomed identically. After every step the two
 * canvases must show the same picture; clicks and hover must still find the features after the canvases have
 * traded places. A Leaflet upgrade that changes the internals pointCanvas relies on fails here.
 */

const ENTRY = `
import L from 'leaflet';
import { drawFeatures, pointOptions } from ${JSON.stringify(path.join(ROOT, 'renderer/src/map/draw.ts'))};
import { pointCanvas } from ${JSON.stringify(path.join(ROOT, 'renderer/src/map/pointCanvas.ts'))};

const W = 640, H = 420;
const LAYERS = ['water', 'checkpoints', 'teams', 'towers', 'posts'];
function features() {
  let s = 777;
  const rnd = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
  const out = [];
  const base = { version: 1, createdAt: '', createdBy: '', updatedAt: '', updatedBy: '' };
  // 1,500 points over an area larger than the canvas, every look the map uses.
  for (let i = 0; i < 1500; i++) {
    const lng = 111.2 + rnd() * 1.6, lat = 37.1 + rnd() * 0.9;
    const layer = LAYERS[i % LAYERS.length];
    const properties = i % 3 ? (layer === 'teams' ? { tier: 1 + (i % 4) } : {}) : { sample: true };
    out.push({ ...base, id: i + 1, layer, name: 'p' + i, kind: layer === 'checkpoints' ? (i % 2 ? 'fixed' : 'temporary') : null, properties,
      geometry: { type: 'Point', coordinates: [lng, lat] }, lng, lat, bbox: [lng, lat, lng, lat] });
  }
  const zone = [[111.9, 37.5], [112.15, 37.5], [112.2, 37.65], [111.95, 37.7], [111.9, 37.5]];
  out.push({ ...base, id: 9001, layer: 'zones', name: 'zone', kind: 'control', properties: { sample: true }, geometry: { type: 'Polygon', coordinates: [zone] }, lng: 112, lat: 37.6, bbox: [111.9, 37.5, 112.2, 37.7] });
  out.push({ ...base, id: 9002, layer: 'roads', name: 'road', kind: null, properties: {}, geometry: { type: 'LineString', coordinates: [[111.5, 37.3], [111.9, 37.55], [112.4, 37.6]] }, lng: 111.9, lat: 37.55, bbox: [111.5, 37.3, 112.4, 37.6] });
  return out;
}

// The reference: Leaflet's own canvas, with dashed lines and areas left unclipped as pointCanvas leaves them (with
// clipping, the dash pattern restarts wherever the canvas edge cuts the path, so the two would differ in dash phase).
class ReferenceCanvas extends L.Canvas {
  _updateDashArray(layer) {
    super._updateDashArray(layer);
    if (layer instanceof L.Polyline && layer.options._dashArray && layer.options._dashArray.length) layer.options.noClip = true;
  }
}

window.setup = function () {
  document.getElementById('map').style.display = 'none';
  const maps = {};
  for (const [i, kind] of [[0, 'leaflet'], [1, 'app']]) {
    const div = document.createElement('div');
    div.id = kind;
    div.style.cssText = 'position:absolute;top:0;left:' + i * (W + 10) + 'px;width:' + W + 'px;height:' + H + 'px';
    document.body.appendChild(div);
    const map = L.map(div, { zoomControl: false, attributionControl: false, fadeAnimation: false, zoomAnimation: false }).setView([37.55, 112.0], 11);
    const renderer = kind === 'app' ? pointCanvas({ padding: 0.5, tolerance: 3 }) : new ReferenceCanvas({ padding: 0.5, tolerance: 3 });
    const group = L.layerGroup().addTo(map);
    const clicks = [];
    // The app's drawing (one PointSet per look) on pointCanvas; plain Leaflet (one CircleMarker per point) on L.Canvas.
    const popup = (f) => Object.assign(document.createElement('div'), { className: 'pp', textContent: f.name });
    drawFeatures(group, features(), { renderer, onClick: (f) => clicks.push(f.id), popup, layerPerPoint: kind === 'leaflet' });
    // Extras drawn beside the features, as MapWidget does: a 3 km water ring and a marker too large for a sprite.
    L.circle([37.56, 112.02], { radius: 3000, renderer, color: '#01579b', weight: 1, dashArray: '4 4', fillColor: '#29b6f6', fillOpacity: 0.06, interactive: false }).addTo(group);
    L.circleMarker([37.53, 111.97], { renderer, radius: 48, color: '#7f0000', weight: 3, fillColor: '#ff1744', fillOpacity: 0.3, interactive: false }).addTo(group);
    const marker = L.circleMarker([37.57, 112.05], { ...pointOptions({ layer: 'fires', kind: null, properties: {} }, renderer) }).addTo(group);
    marker.on('click', () => clicks.push('fire'));
    maps[kind] = { map, renderer, clicks, marker };
  }
  window.maps = maps;
};
/** The points inside the app map's view, in drawing order. */
window.pointsInView = () => {
  const b = maps.app.map.getBounds().pad(-0.1);
  return features().filter((f) => f.geometry.type === 'Point' && b.contains([f.lat, f.lng]));
};

const frame = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));

function pixels(renderer) {
  const c = renderer._container;
  const copy = document.createElement('canvas');
  copy.width = c.width;
  copy.height = c.height;
  const x = copy.getContext('2d', { willReadFrequently: true });
  x.drawImage(c, 0, 0);
  return { data: x.getImageData(0, 0, c.width, c.height).data, width: c.width, height: c.height };
}

/** Compare the two maps' visible canvases pixel by pixel (after an idle moment: pointCanvas makes and warms its hidden
 *  canvas in the first one after its first draw). */
window.compare = async function () {
  await frame();
  await new Promise((r) => requestIdleCallback(r));
  const a = pixels(maps.leaflet.renderer), b = pixels(maps.app.renderer);
  if (a.width !== b.width || a.height !== b.height) return { sameSize: false };
  let paintedA = 0, paintedB = 0, differ = 0, maxDiff = 0, box = null;
  for (let i = 0; i < a.data.length; i += 4) {
    if (a.data[i + 3]) paintedA++;
    if (b.data[i + 3]) paintedB++;
    let d = 0;
    for (let k = 0; k < 4; k++) d = Math.max(d, Math.abs(a.data[i + k] - b.data[i + k]));
    if (d > 0) maxDiff = Math.max(maxDiff, d);
    if (d > 64) {
      differ++;
      const px = (i / 4) % a.width, py = Math.floor(i / 4 / a.width);
      box = box ? [Math.min(box[0], px), Math.min(box[1], py), Math.max(box[2], px), Math.max(box[3], py)] : [px, py, px, py];
    }
  }
  const st = maps.app.renderer.stats;
  const images = differ ? [maps.leaflet.renderer._container.toDataURL(), maps.app.renderer._container.toDataURL()] : null;
  return { sameSize: true, paintedA, paintedB, differ, maxDiff, box, images, stats: { ...st }, canvases: document.querySelectorAll('#app canvas').length };
};

window.both = async function (op) {
  for (const { map } of Object.values(maps)) op(map);
  await frame();
};
window.panBoth = (dx, dy) => window.both((m) => m.panBy([dx, dy], { animate: false }));
window.zoomBoth = (z) => window.both((m) => m.setZoom(z, { animate: false }));
`;

type Compare = { sameSize: boolean; paintedA: number; paintedB: number; differ: number; maxDiff: number; box: number[] | null; images: string[] | null; stats: { stamped: number; fullRedraws: number; shiftedRedraws: number }; canvases: number };

let browser: Browser;
let page: Page;
let errors: string[];

async function compare(): Promise<Compare> {
  return page.evaluate(() => (window as unknown as { compare: () => Promise<Compare> }).compare());
}

/**
 * The same picture: same canvas size, something painted, painted pixel counts within 0.05 % and at most 0.05 % of the
 * painted pixels differing by more than a quarter of the range. (Sprites sit on whole pixels and Leaflet's arcs on
 * fractional ones, so a few edge pixels differ: about 20 of 200,000 when this was written; a strip not redrawn or
 * drawn in the wrong place differs by thousands.)
 */
function expectSamePicture(c: Compare, step: string): void {
  if (process.env.POINT_CANVAS_DEBUG) console.log(step, c.paintedA, c.paintedB, c.differ, c.maxDiff, JSON.stringify(c.box));
  if (c.images && c.differ > c.paintedA * 0.0005) {
    // Keep both pictures of a failing step for a look (test-output/e2e/point-canvas-<step>-{leaflet,app}.png).
    fs.mkdirSync(OUTPUT_DIR, { recursive: true });
    c.images.forEach((url, i) => fs.writeFileSync(path.join(OUTPUT_DIR, `point-canvas-${step}-${i ? 'app' : 'leaflet'}.png`), Buffer.from(url.split(',')[1]!, 'base64')));
  }
  expect(c.sameSize).toBe(true);
  expect(c.paintedA).toBeGreaterThan(10_000);
  expect(Math.abs(c.paintedB - c.paintedA)).toBeLessThanOrEqual(c.paintedA * 0.0005);
  expect(c.differ).toBeLessThanOrEqual(c.paintedA * 0.0005);
}

beforeAll(async () => {
  browser = await launchChromium();
  ({ page, errors } = await openLeafletPage(browser, await bundleForPage(ENTRY), { width: 1400, height: 500 }));
  await page.evaluate(() => (window as unknown as { setup: () => void }).setup());
});

afterAll(async () => {
  await browser?.close();
});

describe('pointCanvas draws what L.Canvas draws', () => {
  it('first draw: the same picture, every marker stamped from a sprite', async () => {
    const c = await compare();
    expectSamePicture(c, 'first');
    expect(c.stats.stamped).toBeGreaterThan(300);
    // the shown canvas and the hidden one it trades places with
    expect(c.canvases).toBe(2);
  });

  it('pans move the canvas and redraw only the uncovered strips, in all four directions, with the same result', async () => {
    const before = (await compare()).stats;
    const pans: [number, number][] = [[200, 0], [0, 150], [-260, -40], [90, -170], [-30, 60]];
    for (const [dx, dy] of pans) {
      await page.evaluate(([x, y]) => (window as unknown as { panBoth: (x: number, y: number) => Promise<void> }).panBoth(x!, y!), [dx, dy]);
      expectSamePicture(await compare(), `pan-${dx}-${dy}`);
    }
    const after = (await compare()).stats;
    expect(after.shiftedRedraws - before.shiftedRedraws).toBe(pans.length);
    expect(after.fullRedraws).toBe(before.fullRedraws);
  });

  it('a pan longer than the canvas and a zoom take the full redraw, with the same result', async () => {
    const before = (await compare()).stats;
    // 1,300 px: longer than the canvas (640 px wide plus half of that on each side), still over the features
    await page.evaluate(() => (window as unknown as { panBoth: (x: number, y: number) => Promise<void> }).panBoth(1300, 0));
    expectSamePicture(await compare(), 'long-pan');
    await page.evaluate(() => (window as unknown as { panBoth: (x: number, y: number) => Promise<void> }).panBoth(-1300, 0));
    await page.evaluate(() => (window as unknown as { zoomBoth: (z: number) => Promise<void> }).zoomBoth(12));
    expectSamePicture(await compare(), 'zoom-12');
    await page.evaluate(() => (window as unknown as { zoomBoth: (z: number) => Promise<void> }).zoomBoth(10));
    expectSamePicture(await compare(), 'zoom-10');
    const after = (await compare()).stats;
    expect(after.fullRedraws - before.fullRedraws).toBeGreaterThanOrEqual(4);
  });

  it('a feature restyled just before a pan is redrawn with the strips (the queued partial redraw is not lost)', async () => {
    await page.evaluate(async () => {
      const w = window as unknown as { maps: Record<string, { map: { panBy(p: [number, number], o: object): void }; marker: { setStyle(o: object): void } }> };
      for (const { map, marker } of Object.values(w.maps)) {
        marker.setStyle({ fillColor: '#00e676', color: '#004d40' });
        map.panBy([120, 40], { animate: false }); // in the same task: Leaflet's redraw of the marker is still queued
      }
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    });
    expectSamePicture(await compare(), 'restyled');
  });

  it('clicks and hover still find the features after the canvases traded places', async () => {
    const hit = await page.evaluate(() => {
      const w = window as unknown as { maps: Record<string, { map: { latLngToContainerPoint(ll: unknown): { x: number; y: number } }; marker: { getLatLng(): unknown } }> };
      const { map, marker } = w.maps.app!;
      const p = map.latLngToContainerPoint(marker.getLatLng());
      const box = document.getElementById('app')!.getBoundingClientRect();
      return { x: box.left + p.x, y: box.top + p.y };
    });
    await page.mouse.move(hit.x, hit.y);
    await expect.poll(() => page.evaluate(() => document.querySelector('#app canvas.leaflet-interactive') !== null)).toBe(true);
    await page.mouse.click(hit.x, hit.y);
    const clicks = await page.evaluate(() => (window as unknown as { maps: Record<string, { clicks: unknown[] }> }).maps.app!.clicks);
    expect(clicks).toContain('fire');
    // A point drawn by a PointSet: the click names its feature, as the CircleMarker of the same point does on the left.
    const pt = await page.evaluate(() => {
      const w = window as unknown as { maps: Record<string, { map: { latLngToContainerPoint(ll: [number, number]): { x: number; y: number }; getBounds(): { contains(ll: [number, number]): boolean } }; clicks: unknown[] }>; pointsInView: () => Array<{ id: number; lat: number; lng: number }> };
      const { map } = w.maps.app!;
      // The point farthest from any other (so that exactly one marker is under the pointer).
      const px = w.pointsInView().map((f) => ({ f, p: map.latLngToContainerPoint([f.lat, f.lng]) }));
      const nearest = (a: (typeof px)[number]) => Math.min(...px.filter((b) => b !== a).map((b) => Math.hypot(b.p.x - a.p.x, b.p.y - a.p.y)));
      const lone = px.map((a) => ({ a, d: nearest(a) })).sort((x, y) => y.d - x.d)[0]!;
      return { id: lone.a.f.id, dx: lone.a.p.x, dy: lone.a.p.y, alone: lone.d };
    });
    for (const side of ['app', 'leaflet'] as const) {
      const box = (await page.locator(`#${side}`).boundingBox())!;
      await page.mouse.click(box.x + pt.dx + 2, box.y + pt.dy + 1);
    }
    const both = await page.evaluate(() => {
      const m = (window as unknown as { maps: Record<string, { clicks: unknown[] }> }).maps;
      return [m.app!.clicks.at(-1), m.leaflet!.clicks.at(-1)];
    });
    expect(pt.alone).toBeGreaterThan(30);
    expect(both).toEqual([pt.id, pt.id]);
    // The popup (one shared by every feature of the map) opened on each side with the clicked point's content.
    const shown = await page.evaluate(() => ['app', 'leaflet'].map((id) => document.querySelector(`#${id} .leaflet-popup-content .pp`)?.textContent));
    expect(shown).toEqual([`p${pt.id - 1}`, `p${pt.id - 1}`]);
    // the canvas under the pointer is the shown one: the hidden one takes no events
    const shownIsTop = await page.evaluate(([x, y]) => {
      const el = document.elementFromPoint(x!, y!) as HTMLCanvasElement;
      return el.tagName === 'CANVAS' && el.style.visibility !== 'hidden';
    }, [hit.x, hit.y]);
    expect(shownIsTop).toBe(true);
  });

  it('removing the map removes both canvases', async () => {
    const left = await page.evaluate(() => {
      const w = window as unknown as { maps: Record<string, { map: { remove(): void } }> };
      w.maps.app!.map.remove();
      return document.querySelectorAll('#app canvas').length;
    });
    expect(left).toBe(0);
    expect(errors).toEqual([]);
  });
});
