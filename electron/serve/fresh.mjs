// Is the serve shell's bundle (dist/serve, electron/serve/build.mjs) at least as new as every source it was built
// from? The sources are electron/ and shared/ (packages stay external: node_modules is read at run time).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

function newest(dir) {
  let max = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) max = Math.max(max, newest(p));
    else if (/\.(ts|mjs|json)$/.test(e.name)) max = Math.max(max, fs.statSync(p).mtimeMs);
  }
  return max;
}

/**
 * True when `bundle` (a file URL) and its build stamp (built.json beside it) exist and no source under `sources` (by
 * default electron/ and shared/) is newer than the stamp.
 */
export function fresh(bundle, sources = [path.join(root, 'electron'), path.join(root, 'shared')]) {
  try {
    const stamp = fs.statSync(path.join(path.dirname(fileURLToPath(bundle)), 'built.json')).mtimeMs;
    if (!fs.existsSync(bundle)) return false;
    return Math.max(...sources.map(newest)) <= stamp;
  } catch {
    return false;
  }
}
