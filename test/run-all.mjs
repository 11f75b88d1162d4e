#!/usr/bin/env node
// `npm test`: every check the project has, in order, each one run even when an earlier one failed, so that one CI run
// shows everything that is wrong. Exits non-zero if any step failed. The last line is the plain summary
// `tests: N passed, N failed, N skipped` over all vitest runs.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'test-output');
fs.mkdirSync(out, { recursive: true });
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

const steps = [
  ['electron types', process.execPath, ['test/setup/electron-types.mjs']],
  ['lint (incl. layering)', npx, ['eslint', '--max-warnings', '0', '.']],
  ['typecheck shared (no Node, no DOM)', npx, ['tsc', '-p', 'shared']],
  ['typecheck electron (Node, no DOM)', npx, ['tsc', '-p', 'electron']],
  ['typecheck renderer (DOM, no Node)', npx, ['tsc', '-p', 'renderer']],
  ['typecheck tests', npx, ['tsc', '-p', 'test']],
  ['dead code (knip: unused files, exports, dependencies)', npx, ['knip']],
  // Before the tests: the ones that start the serve shell then run the bundle that ships (serve.mjs takes it when fresh).
  ['build serve shell (bundle)', process.execPath, ['electron/serve/build.mjs']],
  ['unit + integration tests', npx, ['vitest', 'run', '--config', 'test/vitest.config.ts', '--reporter=default', '--reporter=json', `--outputFile.json=${path.join(out, 'unit.json')}`]],
  ['build UI', npx, ['vite', 'build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn']],
  ['build Electron shell (bundle only)', process.execPath, ['electron/main/build.mjs']],
  ['e2e tests (Chromium, serve shell, real SQLite)', npx, ['vitest', 'run', '--config', 'test/vitest.e2e.config.ts', '--reporter=default', '--reporter=json', `--outputFile.json=${path.join(out, 'e2e.json')}`]],
];

for (const f of ['unit.json', 'e2e.json']) fs.rmSync(path.join(out, f), { force: true });
// The vitest steps report their own test counts; any other failed step counts as one failure in the summary.
const isVitest = (args) => args[0] === 'vitest';
const failed = [];
let failedOtherSteps = 0;
for (const [name, cmd, args] of steps) {
  const t0 = Date.now();
  console.log(`\n=== ${name}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, FORCE_COLOR: process.env.CI ? '0' : process.env.FORCE_COLOR } });
  const s = ((Date.now() - t0) / 1000).toFixed(1);
  if (r.status === 0) console.log(`=== ok: ${name} (${s} s)`);
  else {
    console.log(`=== FAILED: ${name} (exit ${r.status ?? r.signal}, ${s} s)`);
    failed.push(name);
    if (!isVitest(args)) failedOtherSteps++;
    else {
      // A vitest run that failed without a failed test in its JSON (crashed, a suite failed to load, no JSON written)
      // still counts as a failure.
      const json = args.find((a) => a.startsWith('--outputFile.json='))?.split('=')[1];
      let counted = 0;
      try {
        counted = JSON.parse(fs.readFileSync(json, 'utf8')).numFailedTests ?? 0;
      } catch {
        counted = 0;
      }
      if (counted === 0) failedOtherSteps++;
    }
  }
}

let passed = 0;
let failedTests = 0;
let skipped = 0;
for (const f of ['unit.json', 'e2e.json']) {
  const p = path.join(out, f);
  if (!fs.existsSync(p)) continue;
  const j = JSON.parse(fs.readFileSync(p, 'utf8'));
  passed += j.numPassedTests ?? 0;
  failedTests += j.numFailedTests ?? 0;
  skipped += (j.numPendingTests ?? 0) + (j.numTodoTests ?? 0);
}
console.log('');
if (failed.length) console.log(`failed steps: ${failed.join('; ')}`);
// A failed non-test step (lint, typecheck, build) counts as a failure in the summary too, so the closing line never
// reads green by mistake.
console.log(`tests: ${passed} passed, ${failedTests + failedOtherSteps} failed, ${skipped} skipped`);
process.exit(failed.length ? 1 : 0);
