/**
 * Debian's Chromium for tests and benchmarks, and a blank Leaflet page to run bundled map code in. Free of vitest
 * (no hooks registered), so the benchmarks under test/bench can use it too.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Debian's Chromium (apt-get install chromium), or CHROMIUM_PATH. Playwright never downloads a browser here. */
export function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].filter(Boolean) as string[];
  const found = candidates.find((c) => fs.existsSync(c));
  if (!found) throw new Error("No Chromium found: install Debian's chromium (bash .ci/run does) or set CHROMIUM_PATH");
  return found;
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'],
  });
}

/** Bundle page-side code (ES module source, imports resolved from the repository root) into one classic script. */
export async function bundleForPage(source: string): Promise<string> {
  const out = await build({ stdin: { contents: source, resolveDir: ROOT, loader: 'ts' }, bundle: true, format: 'iife', write: false, platform: 'browser', logLevel: 'silent' });
  return out.outputFiles[0]!.text;
}

/**
 * A new page holding only a full-size `<div id="map">`, Leaflet's stylesheet and `script`. Page errors and any request
 * leaving the page (the map must never fetch anything) are collected in the returned list.
 */
export async function openLeafletPage(browser: Browser, script: string, viewport = { width: 1366, height: 768 }): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('request', (r) => {
    if (!r.url().startsWith('about:') && !r.url().startsWith('data:')) errors.push(`request ${r.url()}`);
  });
  const css = fs.readFileSync(path.join(ROOT, 'node_modules/leaflet/dist/leaflet.css'), 'utf8');
  await page.setContent(`<!doctype html><html><head><style>${css} html,body,#map{margin:0;width:100%;height:100%}</style></head><body><div id="map"></div></body></html>`);
  await page.addScriptTag({ content: script });
  return { page, errors };
}

/** The k-th of four drag directions in turn (up-left, up-right, down-right, down-left), so every edge gets uncovered. */
export const DRAG_DIRECTIONS: readonly (readonly [number, number])[] = [[-1, -1], [1, -1], [1, 1], [-1, 1]];

/**
 * A mouse drag as an officer pans the map, through Chromium's input pipeline: press at (x, y), move by (dx, dy) in 15
 * steps of about one frame each, hold still 150 ms (Leaflet then adds no inertia: the map stops where it was dragged
 * to), release.
 */
export async function dragBy(page: Page, x: number, y: number, dx: number, dy: number): Promise<void> {
  await page.mouse.move(x, y);
  await page.mouse.down();
  for (let i = 1; i <= 15; i++) {
    await page.mouse.move(x + (dx * i) / 15, y + (dy * i) / 15);
    await page.waitForTimeout(16);
  }
  await page.waitForTimeout(150);
  await page.mouse.up();
}
