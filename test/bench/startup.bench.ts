/**
 * Start-up (issue 17): from process start to the incident board answering and drawn, through the real serve shell
 * (`node electron/serve/serve.mjs`, the console's core over HTTP) and Debian's Chromium (playwright-core). Electron is
 * not installed here; the serve shell is how the UI runs in a browser.
 *
 * - cold: the serve shell and Chromium are both started at t0 (a new browser profile: nothing cached);
 * - warm: Chromium is already running; the serve shell is started at t0 (the console restarted; its files are in the
 *   OS page cache from the runs before).
 * t0 = just before the serve shell is spawned; the end = the board shows its answer (every one of the incidents
 * counted in its tables and rows drawn to the bottom of the window — a long board draws only the rows in view — or the
 * "no open incidents" line) and two animation frames have passed since (it is painted).
 * Baseline in the same run, under the same conditions: the same shell (same database) serving a static page
 * (`--static` with one small index.html), until its heading is painted. With an empty database and with 1,000 open
 * incidents (each opened, reported, with a note).
 *
 *   npx tsx test/bench/startup.bench.ts   → one JSON object on stdout (needs `npm run build:renderer` first)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { systemClock } from '../../electron/core/clock';
import { openDatabase } from '../../electron/core/db/database';
import { planEngine } from '../../electron/core/log/planEngine';
import { IncidentLog } from '../../electron/core/log/store';
import { launchChromium } from '../helpers/chromium';
import { startServe, type ServeProcess } from '../helpers/serve';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const RUNS = Number(process.env.STARTUP_BENCH_RUNS ?? 3);
const INCIDENTS = Number(process.env.STARTUP_BENCH_INCIDENTS ?? 1000);
const VIEWPORT = { width: 1366, height: 768 };
const STATIC_HEADING = '静态页面';

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.floor(s.length / 2)]!);
};

function database(dir: string, n: number): string {
  const file = path.join(dir, `console-${n}.sqlite`);
  const db = openDatabase(file, { backups: false });
  db.pragma('synchronous = OFF'); // building only
  const log = new IncidentLog(db, systemClock, planEngine);
  for (let i = 0; i < n; i++) {
    const forest = i % 4 === 0;
    const { incidentId } = log.openIncident({ planId: forest ? 'forest-fire' : 'vaccine', title: `${forest ? '林火' : '疫苗事件'}第${i}起` }, 'bench');
    if (!forest) log.append({ incidentId, type: 'reported', payload: { source: '县人民医院', summary: '接种后不良反应', facts: { suspectedQualityRelated: true, clusteredRareAE: 2 } } }, 'bench');
    log.note(incidentId, `第${i}起：值班员已电话核实`, 'bench');
  }
  db.close();
  return file;
}

/** Resolves when the page shows what `ready` waits for and two frames have been painted since. */
async function painted(page: Page, ready: string): Promise<void> {
  // A string evaluated over CDP (the UI's CSP refuses waitForFunction's eval): polled once a frame inside the page.
  await page.evaluate(`new Promise((done, fail) => {
    const t0 = performance.now();
    const tick = () => (${ready}) ? requestAnimationFrame(() => requestAnimationFrame(done)) : performance.now() - t0 > 60000 ? fail(new Error('not ready')) : requestAnimationFrame(tick);
    tick();
  })`);
}

// The board's tables say how many incidents they hold (data-rows); a long one draws the rows in view (DataTable
// windowed), so "drawn" is: every incident counted in the tables, and rows drawn down to the bottom of the window.
const boardReady = (n: number) =>
  n === 0
    ? `!!document.querySelector('.board p.empty')`
    : `[...document.querySelectorAll('.board table[data-rows]')].reduce((a, t) => a + Number(t.dataset.rows), 0) === ${n} && [...document.querySelectorAll('[data-testid="board-row"]')].some((r) => r.getBoundingClientRect().bottom >= innerHeight)`;
const staticReady = `document.querySelector('h1')?.textContent === '${STATIC_HEADING}'`;

/** Where the time went in one start (ms from t0): the shell's URL printed, then the page's own marks (main.tsx). */
type Phases = Record<'shellUrl' | 'navigation' | 'script' | 'boardAnswer' | 'render' | 'painted', number>;

async function once(opts: { db: string; staticDir?: string; ready: string; browser: Browser | null; port: number }): Promise<{ ms: number; browser: Browser; phases: Partial<Phases> }> {
  const args = ['--db', opts.db, '--port', String(opts.port), ...(opts.staticDir ? ['--static', opts.staticDir] : [])];
  const t0 = performance.now();
  let srv: ServeProcess | null = null;
  let browser = opts.browser;
  try {
    let shellUrl = 0;
    const [s, b] = await Promise.all([startServe(args).then((x) => ((shellUrl = performance.now() - t0), x)), browser ? Promise.resolve(browser) : launchChromium()]);
    srv = s;
    browser = b;
    const page = await browser.newPage({ viewport: VIEWPORT });
    try {
      const nav = performance.now() - t0;
      await page.goto(srv.url);
      await painted(page, opts.ready);
      const ms = performance.now() - t0;
      // the page's clock starts at its navigation: its marks, shifted onto t0
      const marks = (await page.evaluate(`Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name, m.startTime]).concat([['now', performance.now()]]))`)) as Record<string, number>;
      const shift = performance.now() - t0 - marks.now!;
      const at = (k: string) => (marks[k] === undefined ? undefined : Math.round(marks[k]! + shift));
      const phases: Partial<Phases> = { shellUrl: Math.round(shellUrl), navigation: Math.round(nav), script: at('ercon:script'), boardAnswer: at('ercon:board-answer'), render: at('ercon:render'), painted: Math.round(ms) };
      return { ms, browser, phases };
    } finally {
      await page.close();
    }
  } finally {
    await srv?.stop();
  }
}

async function main() {
  if (!fs.existsSync(path.join(ROOT, 'dist/renderer/index.html'))) throw new Error('UI not built: run npm run build:renderer');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ercon-startup-bench-'));
  const staticDir = path.join(dir, 'static');
  fs.mkdirSync(staticDir);
  fs.writeFileSync(path.join(staticDir, 'index.html'), `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>static</title></head><body><h1>${STATIC_HEADING}</h1></body></html>`);
  const port = 20_000 + (process.pid % 20_000);
  const out: Record<string, unknown> = {};
  const warmBrowser = await launchChromium();
  try {
    for (const n of [0, INCIDENTS]) {
      const t = performance.now();
      const db = database(dir, n);
      const buildMs = Math.round(performance.now() - t);
      // The first open of a database by the shell takes its daily backup: not part of an ordinary start.
      await (await startServe(['--db', db, '--port', String(port)])).stop();
      const row: Record<string, unknown> = { incidents: n, buildDbMs: buildMs };
      for (const mode of ['cold', 'warm'] as const) {
        const board: number[] = [];
        const page: number[] = [];
        const phases: Array<Partial<Phases>> = [];
        for (let r = 0; r < RUNS; r++) {
          // Alternate, so that both see the same load on the machine.
          for (const which of ['static', 'board'] as const) {
            const res = await once({
              db,
              port,
              browser: mode === 'warm' ? warmBrowser : null,
              ...(which === 'static' ? { staticDir, ready: staticReady } : { ready: boardReady(n) }),
            });
            (which === 'static' ? page : board).push(res.ms);
            if (which === 'board') phases.push(res.phases);
            if (mode === 'cold') await res.browser.close();
          }
        }
        const phaseMedians = Object.fromEntries((['shellUrl', 'navigation', 'script', 'boardAnswer', 'render', 'painted'] as const).flatMap((k) => { const xs = phases.flatMap((p) => (p[k] === undefined ? [] : [p[k]!])); return xs.length ? [[k, median(xs)]] : []; }));
        row[mode] = { boardMs: median(board), staticPageMs_baseline: median(page), overStatic: Math.round((median(board) / median(page)) * 100) / 100, boardPhasesMs: phaseMedians, runs: { board: board.map(Math.round), static: page.map(Math.round) } };
      }
      out[n === 0 ? 'empty' : `incidents${n}`] = row;
    }
  } finally {
    await warmBrowser.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  process.stdout.write(
    JSON.stringify({
      bench: 'startup',
      machine: { cpu: os.cpus()[0]?.model, cores: os.cpus().length, node: process.version, loadAverage: os.loadavg().map((x) => Math.round(x * 10) / 10) },
      browser: `chromium ${warmBrowser.version()} headless, --disable-gpu`,
      ...out,
      note: 'medians of the runs; t0 = spawn of the serve shell (and, cold, the launch of Chromium); end = the board (or the static page) answered and painted; boardPhasesMs = medians of when (ms from t0) the shell printed its URL, the page was asked for, the first script ran (main.tsx), the board answered, the rest of the UI rendered, and the board was painted',
    }) + '\n',
  );
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
