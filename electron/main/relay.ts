/**
 * The main process's side of the core in its utilityProcess (electron/core/host.ts): commands go over the
 * MessagePort and their answers come back; the core's changes arrive as they happen. The main process keeps only the
 * window, the protocols and the notifier, so a long job in the core never holds up an IPC answer or a tile.
 * Nothing here imports Electron either (main.ts passes the port in), so it is tested with a Node stand-in.
 */
import { AppError, type AppErrorBody, type Change, type CommandName, type CommandOutput, type JobProgress } from '../../shared/api';
import type { HostMessage, PortLike } from '../core/host';
import { wireContext, type WireContext } from '../core/handlers/types';

export interface RelayedCore {
  /** Resolves once the core has opened its database; rejects with the core's AppError when it could not. */
  readonly ready: Promise<void>;
  /** `job`: the caller's id for the request; the job's progress events carry it (onProgress). */
  invoke<N extends CommandName>(name: N, input: unknown, ctx: WireContext, job?: string): Promise<CommandOutput<N>>;
  invokeUnknown(name: unknown, input: unknown, ctx: WireContext, job?: string): Promise<unknown>;
  onChange(listener: (c: Change) => void): () => void;
  /** Progress of the jobs invoked with a job id. */
  onProgress(listener: (p: JobProgress) => void): () => void;
  /** The core process ended (crash, kill): every pending command fails with the reason. */
  failAll(reason: string): void;
  /** A folder the person picked in the desktop dialog: clients may then name files in it (electron/core/paths.ts). */
  allowPickedFolder(dir: string): void;
}

export function relayCore(port: PortLike): RelayedCore {
  const pending = new Map<number, { resolve(v: unknown): void; reject(e: unknown): void; name: unknown; job?: string }>();
  const listeners = new Set<(c: Change) => void>();
  const progressListeners = new Set<(p: JobProgress) => void>();
  let next = 1;
  let gone: AppErrorBody | null = null;
  let onReady!: () => void;
  let onFatal!: (e: AppError) => void;
  const ready = new Promise<void>((resolve, reject) => {
    onReady = resolve;
    onFatal = reject;
  });
  ready.catch(() => undefined); // observed by main.ts; never an unhandled rejection here

  port.onMessage((raw) => {
    const m = raw as HostMessage;
    switch (m?.kind) {
      case 'ready':
        onReady();
        break;
      case 'fatal':
        gone = m.error;
        onFatal(new AppError(m.error));
        break;
      case 'change':
        for (const l of listeners) {
          try {
            l(m.change);
          } catch {
            /* a closed window must not stop the others */
          }
        }
        break;
      case 'progress': {
        const p = pending.get(m.id);
        if (!p?.job) break;
        const e: JobProgress = { kind: 'progress', job: p.job, command: p.name as CommandName, done: m.done, total: m.total };
        for (const l of progressListeners) l(e);
        break;
      }
      case 'result': {
        const p = pending.get(m.id);
        pending.delete(m.id);
        if (!p) break;
        if (m.ok) p.resolve(m.value);
        else p.reject(new AppError(m.error));
        break;
      }
    }
  });

  function invokeUnknown(name: unknown, input: unknown, ctx: WireContext, job?: string): Promise<unknown> {
    if (gone) return Promise.reject(new AppError(gone));
    const id = next++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject, name, ...(job ? { job } : {}) });
      port.post({ kind: 'invoke', id, name, input, ctx: wireContext(ctx) });
    });
  }

  return {
    ready,
    invoke: (name, input, ctx, job) => invokeUnknown(name, input, ctx, job) as Promise<never>,
    invokeUnknown,
    onChange(l) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    onProgress(l) {
      progressListeners.add(l);
      return () => progressListeners.delete(l);
    },
    allowPickedFolder(dir) {
      port.post({ kind: 'allow-folder', dir });
    },
    failAll(reason) {
      gone = { code: 'internal', message: `核心服务进程已退出：${reason}`, messageEn: `the core process ended: ${reason}` };
      for (const [id, p] of pending) {
        pending.delete(id);
        p.reject(new AppError(gone));
      }
      onFatal(new AppError(gone));
    },
  };
}
