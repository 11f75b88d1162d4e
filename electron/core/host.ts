/**
 * The core behind a message port: what runs in Electron's utilityProcess (electron/main/core-process.ts), so that
 * better-sqlite3's synchronous work — an import, a PDF, a backup, a search over a million events — never blocks the
 * window's process. Nothing here imports Electron: the port is anything that can post and receive structured-clone
 * messages (Electron's MessagePortMain, a Node worker's MessagePort, a child process's IPC channel), so the same
 * code is tested in plain Node (test/unit/foundation/core-relay.test.ts).
 *
 * Messages to the host:   {kind:'invoke', id, name, input, ctx}; {kind:'allow-folder', dir}
 * Messages from the host: {kind:'ready'} once the database is open, or {kind:'fatal', error} if it cannot be;
 *                         {kind:'result', id, ok, value | error}; {kind:'change', change}; {kind:'progress', id, done, total}
 */
import type { AppErrorBody, Change } from '../../shared/api';
import { warmStartScreen } from './warm';
import { createCore, errorBody, type Core, type CoreOptions } from './core';
import type { WireContext } from './handlers/types';

/** The two ends' common ground: post a message, be told of each message. */
export interface PortLike {
  post(message: unknown): void;
  onMessage(listener: (message: unknown) => void): void;
}

export type HostRequest =
  | { kind: 'invoke'; id: number; name: unknown; input: unknown; ctx: WireContext }
  /** The main process's folder dialog: the picked folder is one a client may name files in (paths.ts). */
  | { kind: 'allow-folder'; dir: string };

export type HostMessage =
  | { kind: 'ready' }
  | { kind: 'fatal'; error: AppErrorBody }
  | { kind: 'result'; id: number; ok: true; value: unknown }
  | { kind: 'result'; id: number; ok: false; error: AppErrorBody }
  | { kind: 'change'; change: Change }
  | { kind: 'progress'; id: number; done: number; total: number };

/** Open the core and answer the port's requests until the process ends. Returns the core (null if it failed). */
export function hostCore(port: PortLike, opts: CoreOptions): Core | null {
  const send = (m: HostMessage) => port.post(m);
  let core: Core;
  try {
    core = createCore(opts);
  } catch (e) {
    send({ kind: 'fatal', error: errorBody(e) });
    return null;
  }
  core.onChange((change) => send({ kind: 'change', change }));
  port.onMessage((raw) => {
    const m = raw as HostRequest;
    if (m?.kind === 'allow-folder') {
      if (typeof m.dir === 'string' && m.dir) core.allowPickedFolder(m.dir);
      return;
    }
    if (m?.kind !== 'invoke' || typeof m.id !== 'number') return;
    const progress = (done: number, total: number) => send({ kind: 'progress', id: m.id, done, total });
    core.invokeUnknown(m.name, m.input, { actor: 'desktop', transport: 'electron', ...(typeof m.ctx?.session === 'string' ? { session: m.ctx.session } : {}), progress }).then(
      (value) => send({ kind: 'result', id: m.id, ok: true, value }),
      (e: unknown) => send({ kind: 'result', id: m.id, ok: false, error: errorBody(e) }),
    );
  });
  send({ kind: 'ready' });
  warmStartScreen(core);
  return core;
}
