// The serve shell's job worker thread (jobs.ts): runs the TypeScript sources through tsx, like serve.mjs.
import { register } from 'tsx/esm/api';

register();
await import(new URL('./job-worker.ts', import.meta.url).href);
