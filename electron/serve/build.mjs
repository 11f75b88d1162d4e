// Bundles the serve shell (`npm run build:serve`): dist/serve/main.mjs and its job worker, dist/serve/job-worker.mjs,
// ES modules with the code both share in chunks beside them. A module loaded with import() stays its own chunk, loaded
// on first use (the PDF, .docx and map-import code). serve.mjs runs this bundle when it is newer than every source
// file, else the sources through tsx: through tsx the shell took about 340 ms to load, bundled about 140 ms
// (test/bench/startup.bench.ts).
// The small pure-JavaScript packages the shell loads at its start are bundled too: loaded from node_modules, Node
// resolved, read and compiled some twenty files of zod's alone (and ran a CommonJS lexer over papaparse), and the
// shell printed its address 60-75 ms later (median of 8 alternating starts: 358 -> 298 ms with an empty database,
// 455 -> 380 ms with 1,000 incidents). The native module and the large packages loaded on first use stay external.
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
// `node electron/serve/build.mjs [--outdir DIR]`: another folder for a test (it must sit two levels below the checkout,
// like dist/serve, for the bundle's paths to the UI and the map data to hold).
const at = process.argv.indexOf('--outdir');
const outdir = at > 0 ? path.resolve(process.argv[at + 1]) : path.join(root, 'dist/serve');
// Stamped with the time the build started: a source saved during the build is newer, so the bundle counts as stale.
const started = new Date();
/** Left in node_modules: the native SQLite binding, and the packages only an export or an import loads (with data files
 *  of their own: pdfkit's fonts). Every other package is bundled. */
const EXTERNAL = ['better-sqlite3', 'pdfkit', 'docx', 'exceljs', 'shpjs', 'jszip', '@tmcw/togeojson', '@xmldom/xmldom'];
fs.rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: ['electron/serve/main.ts', 'electron/serve/job-worker.ts'],
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: EXTERNAL,
  outdir,
  outExtension: { '.js': '.mjs' },
  sourcemap: true,
  absWorkingDir: root,
  logLevel: 'warning',
});
fs.writeFileSync(path.join(outdir, 'built.json'), JSON.stringify({ startedAt: started.toISOString() }) + '\n');
fs.utimesSync(path.join(outdir, 'built.json'), started, started);
