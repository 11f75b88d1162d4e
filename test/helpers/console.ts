/**
 * A real core (ManualClock) on a real SQLite file in a temp folder, behind the real serve shell, with the built UI:
 * what an e2e test drives Chromium against. `call` posts a command with the token, as the UI does.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ManualClock } from '../../electron/core/clock';
import { createCore, type Core } from '../../electron/core/core';
import { startServer, type RunningServer } from '../../electron/serve/server';
import { ROOT } from './tmp';

export interface TestConsole {
  core: Core;
  clock: ManualClock;
  srv: RunningServer;
  dir: string;
  call<T = unknown>(name: string, input: unknown): Promise<T>;
  close(): Promise<void>;
}

export async function startConsole(prefix: string, at: string): Promise<TestConsole> {
  if (!fs.existsSync(path.join(ROOT, 'dist/renderer/index.html'))) throw new Error('UI not built: run npm run build:renderer (npm run test:e2e does)');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `ercon-${prefix}-`));
  const clock = new ManualClock(at);
  const core = createCore({ dbPath: path.join(dir, `${prefix}.sqlite`), clock });
  const srv = await startServer({ core, staticDir: path.join(ROOT, 'dist/renderer') });
  async function call<T = unknown>(name: string, input: unknown): Promise<T> {
    const origin = new URL(srv.url).origin;
    const r = await fetch(`${origin}/api/cmd/${name}`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${srv.token}` }, body: JSON.stringify(input) });
    const body = (await r.json()) as { ok: boolean; result: T; error?: unknown };
    if (!body.ok) throw new Error(`${name}: ${JSON.stringify(body.error)}`);
    return body.result;
  }
  return {
    core,
    clock,
    srv,
    dir,
    call,
    async close() {
      await srv.close();
      core.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
