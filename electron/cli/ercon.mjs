#!/usr/bin/env node
// `ercon`: the console's core from a terminal. Runs the TypeScript sources through tsx so that it works right
// after `npm install`, with no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import(new URL('./main.ts', import.meta.url).href);
process.exitCode = await main(process.argv.slice(2));
