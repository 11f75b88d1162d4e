#!/usr/bin/env node
// Electron 45 declares Node >= 22.12, so on a Node 20 machine npm skips the optional `electron` dependency and its
// TypeScript definitions with it. The Electron shell (electron/main) must still be typechecked against the real API,
// so this script unpacks the locked version's npm tarball into node_modules/electron WITHOUT running its install
// script: the types are there, the binary is not (Electron stays "not installed" for `npm start` and the smoke test).
// Nothing is done when the package is already installed (e.g. on a Node 22 machine with the binary).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const target = path.join(root, 'node_modules', 'electron');
if (fs.existsSync(path.join(target, 'electron.d.ts'))) {
  console.log('electron types: present');
  process.exit(0);
}
const lock = JSON.parse(fs.readFileSync(path.join(root, 'package-lock.json'), 'utf8'));
const version = lock.packages?.['node_modules/electron']?.version;
if (!version) {
  console.error('electron types: no electron entry in package-lock.json');
  process.exit(1);
}
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'electron-types-'));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const out = execFileSync(npm, ['pack', `electron@${version}`, '--pack-destination', tmp, '--silent'], { cwd: tmp, encoding: 'utf8' });
const tgz = path.join(tmp, out.trim().split('\n').pop());
fs.mkdirSync(target, { recursive: true });
execFileSync('tar', ['-xzf', tgz, '-C', target, '--strip-components=1'], { stdio: 'inherit' });
fs.rmSync(tmp, { recursive: true, force: true });
console.log(`electron types: unpacked electron@${version} (no binary) into node_modules/electron`);
