#!/usr/bin/env node
// `npm run serve`: the console over HTTP on 127.0.0.1. Runs the TypeScript sources through tsx.
import { register } from 'tsx/esm/api';

register();
const { main } = await import(new URL('./main.ts', import.meta.url).href);
await main(process.argv.slice(2));
