/**
 * The serve shell's job worker (a worker thread, see jobs.ts): its own core on the same SQLite file (WAL: the main
 * thread keeps reading while a job writes), running one long command at a time. It posts:
 *   {kind:'progress', id, done, total}  while a job runs (ctx.progress)
 *   {kind:'change', change}             after each write it committed (the main thread puts it on /api/events)
 *   {kind:'done', id, result | error}   when the job ends
 */
import os from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { createCore, errorBody } from '../core/core';
import type { WireContext } from '../core/handlers/types';
import { parseJsonBody } from './json-body';

/** Nice value of the job thread (Linux): 10 of 19, below the main thread's 0. */
const JOB_NICE = 10;

export interface JobRequest {
  id: string;
  name: string;
  /** The request body, JSON in UTF-8. */
  body: Uint8Array;
  ctx: WireContext;
}

const port = parentPort!;
// On Linux the nice value belongs to the thread (setpriority(2) on "process" 0 is the calling thread), so this lowers
// the job thread alone and the main thread wins the CPU when both want it. Elsewhere it would lower the whole
// process (Windows: the process class), so it is left as it is there.
if (process.platform === 'linux') {
  try {
    os.setPriority(JOB_NICE);
  } catch {
    /* not allowed here: the job still runs, at normal priority */
  }
}
// The main thread's core made the daily backup and ran the migrations when it opened the same file.
const core = createCore({ dbPath: (workerData as { dbPath: string }).dbPath, open: { backups: false } });
core.onChange((change) => port.postMessage({ kind: 'change', change }));

port.on('message', async (job: JobRequest) => {
  const progress = (done: number, total: number) => port.postMessage({ kind: 'progress', id: job.id, done, total });
  try {
    const result = await core.invokeUnknown(job.name, parseJsonBody(job.body), { ...job.ctx, progress });
    port.postMessage({ kind: 'done', id: job.id, result });
  } catch (e) {
    port.postMessage({ kind: 'done', id: job.id, error: errorBody(e) });
  }
});
port.postMessage({ kind: 'ready' });
