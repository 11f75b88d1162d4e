/**
 * Benchmark: "water sources within 3 km of a fire, nearest first" among 100 000 water features (issue 7 §6, target
 * < 1 ms per query with the index), against brute force measured in the same run on the same data.
 *
 *   npx tsx test/bench/map.bench.ts [--n 100000] [--queries 2000] [--brute 200]
 *
 * Prints ONE JSON object. Two densities: the features spread over 吕梁市 (the region) and packed into 交城县 (a harsher
 * case: ~25 features per km², ~900 in each 6 km box). For each: the R*Tree query (`near()` exactly as `map near` runs
 * it: bbox prefilter + exact great-circle distance + sort), and two baselines — brute force in SQL+JS (read every
 * water row, measure each: what the console would do without the index) and brute force over an array already in
 * memory (the fastest possible scan, no SQLite at all). Also the nearest-5 search without a radius (expanding boxes).
 * Setup inserts rows with plain SQL in one transaction (the R*Tree is filled by the same triggers as in production);
 * write speed is not what is measured here.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../electron/core/db/database';
import { near } from '../../electron/core/map/query';
import { distanceM, type LngLat } from '../../shared/geo';
import { mulberry32 } from '../helpers/random';

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const N = arg('n', 100_000);
const Q = arg('queries', 2000);
const QB = arg('brute', 200);

// Deterministic pseudo-random numbers (mulberry32), so runs are comparable.
const rng = mulberry32;

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}
const stats = (xs: number[]) => ({
  p50Ms: +pct(xs, 50).toFixed(4),
  p99Ms: +pct(xs, 99).toFixed(4),
  meanMs: +(xs.reduce((a, b) => a + b, 0) / xs.length).toFixed(4),
  queries: xs.length,
});

function run(label: string, box: [number, number, number, number]) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ercon-map-bench-'));
  const db = openDatabase(path.join(dir, 'bench.sqlite'));
  const r = rng(7);
  const pts: LngLat[] = [];
  const t0 = performance.now();
  const ins = db.prepare(
    `INSERT INTO map_features (layer, name, kind, properties, geometry, geom_type, lng, lat, min_lng, min_lat, max_lng, max_lat, created_at, created_by, updated_at, updated_by)
     VALUES ('water', ?, 'pool', '{}', ?, 'Point', ?, ?, ?, ?, ?, ?, '2026-01-01T00:00:00Z', 'bench', '2026-01-01T00:00:00Z', 'bench')`,
  );
  db.transaction(() => {
    for (let i = 0; i < N; i++) {
      const p: LngLat = [box[0] + r() * (box[2] - box[0]), box[1] + r() * (box[3] - box[1])];
      pts.push(p);
      ins.run(`水源${i}`, JSON.stringify({ type: 'Point', coordinates: p }), p[0], p[1], p[0], p[1], p[0], p[1]);
    }
  })();
  const setupMs = performance.now() - t0;
  const queries: LngLat[] = Array.from({ length: Q }, () => [box[0] + r() * (box[2] - box[0]), box[1] + r() * (box[3] - box[1])]);

  // Warm up the statement cache and the page cache.
  for (const q of queries.slice(0, 50)) near(db, q, 'water', { withinM: 3000, limit: 50 });

  const idx: number[] = [];
  let found = 0;
  for (const q of queries) {
    const t = performance.now();
    const hits = near(db, q, 'water', { withinM: 3000, limit: 50 });
    idx.push(performance.now() - t);
    found += hits.length;
  }

  const nearest: number[] = [];
  for (const q of queries.slice(0, Math.min(Q, 1000))) {
    const t = performance.now();
    near(db, q, 'water', { limit: 5 });
    nearest.push(performance.now() - t);
  }

  // Baseline 1: no index — read every water row from SQLite and measure each.
  const all = db.prepare("SELECT id, name, lng, lat FROM map_features WHERE layer = 'water'");
  const bruteSql: number[] = [];
  let mismatches = 0;
  for (const q of queries.slice(0, QB)) {
    const t = performance.now();
    const rows = all.all() as Array<{ id: number; name: string; lng: number; lat: number }>;
    const hits = rows
      .map((row) => ({ id: row.id, d: distanceM(q, [row.lng, row.lat]) }))
      .filter((h) => h.d <= 3000)
      .sort((a, b) => a.d - b.d || a.id - b.id)
      .slice(0, 50);
    bruteSql.push(performance.now() - t);
    const viaIndex = near(db, q, 'water', { withinM: 3000, limit: 50 }).map((h) => h.id);
    if (JSON.stringify(viaIndex) !== JSON.stringify(hits.map((h) => h.id))) mismatches++;
  }

  // Baseline 2: brute force over an array already in memory (no SQLite at all).
  const bruteMem: number[] = [];
  for (const q of queries.slice(0, QB)) {
    const t = performance.now();
    const hits: Array<{ i: number; d: number }> = [];
    for (let i = 0; i < pts.length; i++) {
      const d = distanceM(q, pts[i]!);
      if (d <= 3000) hits.push({ i, d });
    }
    hits.sort((a, b) => a.d - b.d);
    bruteMem.push(performance.now() - t);
  }

  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
  const rtree = stats(idx);
  const brute = stats(bruteSql);
  return {
    label,
    features: N,
    bbox: box,
    setupMs: Math.round(setupMs),
    meanHitsWithin3km: +(found / Q).toFixed(1),
    rtreeWithin3km: rtree,
    rtreeNearest5NoRadius: stats(nearest),
    bruteForceSqlAndJs: brute,
    bruteForceInMemoryArray: stats(bruteMem),
    speedupP50VsBruteSql: +(brute.p50Ms / rtree.p50Ms).toFixed(1),
    underOneMsP99: rtree.p99Ms < 1,
    answersDifferFromBruteForce: mismatches,
  };
}

const result = {
  benchmark: 'map.near water within 3 km (R*Tree) vs brute force',
  node: process.version,
  cpu: os.cpus()[0]?.model,
  cpus: os.cpus().length,
  loadAverage1m: +os.loadavg()[0]!.toFixed(2),
  runs: [run('吕梁市 extent', [110.38, 36.74, 112.33, 38.73]), run('交城县 extent (dense)', [111.41, 37.47, 112.29, 37.9])],
};
process.stdout.write(JSON.stringify(result) + '\n');
// The index must give brute force's answers, or its speed means nothing.
if (result.runs.some((r) => r.answersDifferFromBruteForce > 0)) process.exit(1);
