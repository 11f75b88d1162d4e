#!/usr/bin/env node
// `npm run bench [-- name-filter]`: runs every test/bench/*.bench.{ts,mjs} in its own process (tsx), one after the
// other, and writes each one's JSON to test-output/bench/<name>.json plus a combined summary.json.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const outDir = path.join(root, 'test-output', 'bench');
fs.mkdirSync(outDir, { recursive: true });
const filter = process.argv[2] ?? '';
const files = fs.readdirSync(here).filter((f) => /\.bench\.(ts|mjs)$/.test(f) && f.includes(filter)).sort();
const summary = {};
let failed = 0;
for (const f of files) {
  const name = f.replace(/\.bench\.(ts|mjs)$/, '');
  console.error(`bench: ${name} …`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(here, f)], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'inherit'] });
  const text = r.stdout.trim().split('\n').filter(Boolean).pop() ?? '';
  try {
    summary[name] = JSON.parse(text);
    fs.writeFileSync(path.join(outDir, `${name}.json`), JSON.stringify(summary[name], null, 2));
  } catch {
    summary[name] = { error: `exit ${r.status}; no JSON on stdout` };
    failed++;
  }
  if (r.status !== 0) failed++;
}
fs.writeFileSync(path.join(outDir, 'summary.json'), JSON.stringify(summary, null, 2));
process.stdout.write(JSON.stringify(summary) + '\n');
process.exit(failed ? 1 : 0);
