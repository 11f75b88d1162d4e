#!/usr/bin/env node
// `npm run serve`: the console over HTTP on 127.0.0.1. Runs the bundle from `npm run build:serve` (dist/serve) when it
// is newer than every source file it was built from; otherwise the TypeScript sources through tsx (slower to start,
// never stale). ERCON_SERVE_SOURCES=1 always takes the sources.
import { fresh } from './fresh.mjs';

const bundle = new URL('../../dist/serve/main.mjs', import.meta.url);
let entry;
if (process.env.ERCON_SERVE_SOURCES !== '1' && fresh(bundle)) entry = bundle;
else {
  const { register } = await import('tsx/esm/api');
  register();
  entry = new URL('./main.ts', import.meta.url);
}
const { main } = await import(entry.href);
await main(process.argv.slice(2));
