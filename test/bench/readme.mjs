#!/usr/bin/env node
// `npm run bench:readme`: writes the README's performance section (between the `bench:start` and `bench:end`
// markers) from test-output/bench/summary.json, i.e. from ONE `npm run bench` run: every figure there is read from the
// benchmarks' JSON, none is typed by hand. Fails when a benchmark of the run is missing or failed.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const summaryFile = path.join(root, 'test-output', 'bench', 'summary.json');
const s = JSON.parse(fs.readFileSync(summaryFile, 'utf8'));
for (const name of ['engine', 'log', 'map', 'map-app', 'map-render', 'serve-jobs', 'startup']) {
  if (!s[name] || s[name].error) throw new Error(`benchmark ${name} missing or failed in ${summaryFile}: run npm run bench`);
}
const { engine, log, map, startup } = s;
const app = s['map-app'];
const render = s['map-render'];
const jobs = s['serve-jobs'];
const ms = (x) => (x === null || x === undefined ? '—' : `${x} ms`);
const x = (a, b) => `${Math.round((a / b) * 100) / 100}×`;
const yes = (ok) => (ok ? 'met' : '**not met**');
const day = fs.statSync(summaryFile).mtime.toISOString().slice(0, 10);

const A = log.appendFull;
const parts = log.appendParts;
const R = log.replay;
const q = log.search.queries;
const st = (k) => startup[k];
const near = map.runs[0];
const view = render.scenarios.view;

const rows = [
  ['durable append (WAL, synchronous=FULL), p50 after the first 100', ms(A.incidentLog.p50Ms), `bare better-sqlite3 insert, same pragmas: ${ms(A.bareInsert.p50Ms)} (${x(A.incidentLog.p50Ms, A.bareInsert.p50Ms)}); the same two rows bare (event + seal, with the event's index): ${ms(A.bareSameRowsAndIndexes.p50Ms)}; the first 100 of a fresh process: ${ms(A.firstOfAFreshProcess.incidentLogP50Ms)} vs ${ms(A.firstOfAFreshProcess.bareInsertP50Ms)}`, `≤ 1.5× the bare insert: ${yes(A.incidentLog.p50Ms <= 1.5 * A.bareInsert.p50Ms)}`],
  ['state of a 10,001-event incident after a restart (snapshot + events after it), p50', ms(R.stateAfterRestartMs.p50Ms), `read and parse the events only: ${ms(R.readAndParseMs_baseline.p50Ms)}; read, parse and fold from the first event: ${ms(R.foldFromFirstEventMs.p50Ms)}; identical: ${R.identicalToFoldFromFirstEvent}`, `≤ 20 ms: ${yes(R.stateAfterRestartMs.p50Ms <= 20 && R.identicalToFoldFromFirstEvent)}`],
  ['the same with 100 events after the snapshot, p50', ms(R.stateAfterRestartPlus100EventsMs.p50Ms), `the engine's fold alone of 10,000 events: ${ms(engine.replay.engineMs)} (JSON.parse only: ${ms(engine.replay.baselineMs)})`, `≤ 20 ms: ${yes(R.stateAfterRestartPlus100EventsMs.p50Ms <= 20)}`],
  [`map screen, 10,000 water sources, Alt+3 until all drawn (layers read while idle, by ${ms(Math.max(...app.full.layersReadMsPerRun))} from the page's start)`, ms(app.full.drawnMs), `the same screen empty: ${ms(app.empty.drawnMs)}`, `≤ 200 ms: ${yes(app.full.drawnMs <= 200)}`],
  ...[
    ['start-up to the board drawn, empty database, cold', st('empty').cold],
    ['start-up, empty database, warm', st('empty').warm],
    ['start-up, 1,000 open incidents, cold', st('incidents1000').cold],
    ['start-up, 1,000 open incidents, warm', st('incidents1000').warm],
  ].map(([what, r]) => [what, ms(r.boardMs), `a static page from the same shell: ${ms(r.staticPageMs_baseline)} (${r.overStatic}×)`, `≤ 1 s and ≤ 1.5×: ${yes(r.boardMs <= 1000 && r.overStatic <= 1.5)}`]),
  ['grading (plan table, zod-validated facts)', `${engine.grading.engineUsPerGrade} µs`, `hand-inlined comparisons: ${engine.grading.baselineMs} ms for ${engine.grading.facts}; disagreements: ${engine.grading.disagreements}`, 'kept'],
  ['search over 1,000,000 events: rare 3 characters (trigram), p50', ms(q.rare3char_trigram.p50Ms), `LIKE scan: ${ms(q.rare3char_bruteForceLikeScan_baseline.p50Ms)} (same hits: ${q.rare3char_trigram.hits === q.rare3char_bruteForceLikeScan_baseline.hits})`, 'kept'],
  ['search: rare 2 characters (bigram index), p50', ms(q.rare2char_bigram.p50Ms), `LIKE scan: ${ms(q.rare2char_bruteForceLikeScan_baseline.p50Ms)} (same hits: ${q.rare2char_bigram.hits === q.rare2char_bruteForceLikeScan_baseline.hits})`, 'kept'],
  ['search: common 2 / 3 / 4 characters, limit 50, p50', `${ms(q.common2char_bigram_limit50.p50Ms)} / ${ms(q.common3char_trigram_limit50.p50Ms)} / ${ms(q.pair4char_trigram_limit50.p50Ms)}`, '', 'kept'],
  ['nearest water among 100,000 (within 3 km, R*Tree), p50', ms(near.rtreeWithin3km.p50Ms), `brute force (SQL + JS): ${ms(near.bruteForceSqlAndJs.p50Ms)}; answers differing: ${near.answersDifferFromBruteForce}`, 'kept'],
  ['map drawing alone (Chromium, 10,000 points in view), first paint', ms(view.app.firstPaintMs), `Leaflet's own canvas: ${ms(view.leaflet?.firstPaintMs)}; empty map: ${ms(view.empty.firstPaintMs)}`, ''],
  ['… longest frame of a pan / of a drag, p50', `${ms(view.app.longestFramePerPan.p50Ms)} / ${ms(view.app.longestFramePerDrag.p50Ms)}`, `Leaflet's own canvas: ${ms(view.leaflet?.longestFramePerPan.p50Ms)} / ${ms(view.leaflet?.longestFramePerDrag.p50Ms)}`, ''],
  ['small reads during a 100,000-feature import in the job worker, p99', ms(jobs.worker?.duringImport?.p99), `idle: ${ms(jobs.worker?.idle?.p99)} (median ${ms(jobs.worker?.idle?.median)})`, ''],
];

const partsLine = [
  `validation ${ms(parts.validatePayloadP50Ms)}`,
  `canonical JSON ${ms(parts.canonicalJsonP50Ms)}`,
  `hash ${ms(parts.hashP50Ms)}`,
  `search text + bigrams ${ms(parts.searchTextAndBigramsP50Ms)}`,
  `fold step ${ms(parts.foldStepP50Ms)}`,
  `the seal's two HMACs ${ms(parts.sealTwoHmacsP50Ms)}`,
  `preparing a statement (done once per connection) ${ms(parts.prepareStatementP50Ms)}`,
].join(', ');

const m = log.machine;
const statics = ['empty', 'incidents1000'].flatMap((k) => ['cold', 'warm'].map((w) => st(k)[w].staticPageMs_baseline));
const staticRange = `${Math.min(...statics)}–${Math.max(...statics)} ms`;
const text = `<!-- bench:start (written by npm run bench:readme from test-output/bench/summary.json; do not edit by hand) -->
One \`npm run bench\` run, ${day}, on this machine: ${m.cpu} (${m.cpus} cores, shared with other engineers' work: load
average ${m.loadavg1} at the log benchmark's start, ${app.loadAverage?.[0]} after the map screen's, ${startup.machine.loadAverage?.[0]} after
start-up's), Node ${m.node}, SQLite ${m.sqlite}, ${app.browser}. Baselines are measured in the same run, under the same
load; p50 = median. The browser figures move most with the load, their ratios to the baselines much less. For
scale: in this run the static page alone took ${staticRange} from the shell's start, which bounds what the start-up rows'
1 s can mean on this machine.

| what | result | baseline (same run) | goal |
|---|---|---|---|
${rows.map((r) => `| ${r.join(' | ')} |`).join('\n')}

Where a durable append's time goes (each part timed alone over the same notes, p50): ${partsLine}; the whole append
without the fsync ${ms(parts.wholeAppendWithoutFsync.p50Ms)} (bare insert: ${ms(log.appendNormal.bareInsert.p50Ms)} with
synchronous=NORMAL); ${parts.walPagesPerAppend} WAL pages per append; the batch that fills both search indexes after
the commits ${ms(parts.searchIndexBatch.perEventMs)} per event.
<!-- bench:end -->`;

const readme = path.join(root, 'README.md');
const before = fs.readFileSync(readme, 'utf8');
const re = /<!-- bench:start[\s\S]*?<!-- bench:end -->/;
if (!re.test(before)) throw new Error('README.md has no bench:start / bench:end markers');
fs.writeFileSync(readme, before.replace(re, text));
process.stdout.write(text + '\n');
