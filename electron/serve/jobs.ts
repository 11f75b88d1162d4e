/**
 * Long jobs off the serve shell's main thread. better-sqlite3 is synchronous: a 100,000-feature import, a PDF, a
 * backup or the verify of a large log run on the main thread would hold up every other request of every
 * workstation. These commands run instead in one worker thread (job-worker.ts) with its own connection to the same
 * SQLite file; the main thread goes on answering (WAL lets it read while the worker writes). Jobs run one at a time,
 * in the order they came.
 *
 * A WRITE on the main thread while a job holds the write lock (SQLite allows one writer) waits only busy_timeout
 * (20 ms in the serve shell) synchronously; the core then retries it asynchronously (core.ts runRetryingBusy). A map
 * import holds the lock in short chunks and one final copy (map/importStaging.ts). Reads are never held up.
 */
import { randomUUID } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { AppError, type AppErrorBody, type Change, type CommandName, type JobProgress } from '../../shared/api';
import { wireContext, type WireContext } from '../core/handlers/types';

/** The commands that can take seconds: imports, report files (PDF/DOCX), backups, verify, ledger files, tile sets. */
export const LONG_JOBS: ReadonlySet<string> = new Set<CommandName>([
  'map.import.preview',
  'map.import.commit',
  'map.export',
  'reports.render',
  'log.backup',
  'log.verify',
  'fire.ledger.import',
  'fire.ledger.export',
  'tiles.add',
]);

type FromWorker =
  | { kind: 'ready' }
  | { kind: 'change'; change: Change }
  | { kind: 'progress'; id: string; done: number; total: number }
  | { kind: 'done'; id: string; result?: unknown; error?: AppErrorBody };

export interface JobRunner {
  /** Whether `name` runs in the worker. */
  handles(name: unknown): boolean;
  /**
   * Run one command in the worker on its JSON body, UTF-8 bytes (moved to the worker, and unusable here afterwards;
   * decoded and parsed there); resolves with its result, rejects with its AppError.
   */
  run(name: string, body: Uint8Array, ctx: WireContext, jobId?: string): Promise<unknown>;
  /** Start the worker now (the serve shell does at start-up), so the first job does not wait for it to load. */
  warm(): void;
  /** Writes the worker committed, and job progress, for the change stream. Returns the unsubscribe. */
  subscribe(listener: (e: Change | JobProgress) => void): () => void;
  close(): Promise<void>;
}

export function createJobRunner(dbPath: string): JobRunner {
  const listeners = new Set<(e: Change | JobProgress) => void>();
  const pending = new Map<string, { name: CommandName; resolve(v: unknown): void; reject(e: unknown): void }>();
  let worker: Worker | null = null;

  function emit(e: Change | JobProgress) {
    for (const l of listeners) {
      try {
        l(e);
      } catch {
        /* one broken stream must not stop the job */
      }
    }
  }

  function start(): Worker {
    const w = new Worker(new URL('./job-worker.mjs', import.meta.url), { workerData: { dbPath } });
    w.on('message', (m: FromWorker) => {
      if (m.kind === 'change') emit(m.change);
      else if (m.kind === 'progress') {
        const p = pending.get(m.id);
        if (p) emit({ kind: 'progress', job: m.id, command: p.name, done: m.done, total: m.total });
      } else if (m.kind === 'done') {
        const p = pending.get(m.id);
        pending.delete(m.id);
        if (!p) return;
        if (m.error) p.reject(new AppError(m.error));
        else p.resolve(m.result);
      }
    });
    w.on('error', (e) => {
      // The worker died (out of memory, a native crash): every job in it fails with the reason; the next one starts
      // a new worker.
      for (const [id, p] of pending) {
        pending.delete(id);
        p.reject(new AppError({ code: 'internal', message: `后台任务进程异常退出：${e.message}`, messageEn: `the job worker failed: ${e.message}` }));
      }
      worker = null;
    });
    w.unref();
    return w;
  }

  return {
    handles: (name) => typeof name === 'string' && LONG_JOBS.has(name),
    warm() {
      worker ??= start();
    },
    run(name, body, ctx, jobId) {
      const id = jobId && /^[\w-]{1,64}$/.test(jobId) && !pending.has(jobId) ? jobId : randomUUID();
      worker ??= start();
      const w = worker;
      return new Promise((resolve, reject) => {
        pending.set(id, { name: name as CommandName, resolve, reject });
        // Started, size not known yet (total 0): the console shows a bar without a count until the job says more.
        emit({ kind: 'progress', job: id, command: name as CommandName, done: 0, total: 0 });
        w.ref();
        // Moved, not copied: a structured clone of a 13 MB body took this thread ~7 ms, and its decoding ~5 ms more.
        w.postMessage({ id, name, body, ctx: wireContext(ctx) }, [body.buffer as ArrayBuffer]);
      }).finally(() => {
        if (pending.size === 0) worker?.unref();
      });
    },
    subscribe(l) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    async close() {
      const w = worker;
      worker = null;
      if (w) await w.terminate();
    },
  };
}
