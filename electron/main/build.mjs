// Bundles the Electron shell for packaging: dist/electron/main.cjs and dist/electron/preload.cjs (a sandboxed preload
// must be CommonJS). better-sqlite3 stays external (it is a native module, unpacked from asar by electron-builder).
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  sourcemap: true,
  absWorkingDir: root,
  external: ['electron', 'better-sqlite3'],
  logLevel: 'info',
  // Code shared with the ESM shells uses import.meta.url; in the CJS bundle it is this file's URL.
  banner: { js: "const __import_meta_url = require('node:url').pathToFileURL(__filename).href;" },
  define: { 'import.meta.url': '__import_meta_url' },
};
await build({ ...common, entryPoints: ['electron/main/main.ts'], outfile: 'dist/electron/main.cjs' });
await build({ ...common, entryPoints: ['electron/main/preload.ts'], outfile: 'dist/electron/preload.cjs' });
// The core's utilityProcess (core-client.ts forks it).
await build({ ...common, entryPoints: ['electron/main/core-process.ts'], outfile: 'dist/electron/core-process.cjs' });
