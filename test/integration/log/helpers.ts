import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, vi } from 'vitest';

// Real child processes on a shared 2-core machine: a CLI start can take seconds under load. Generous, not tight.
vi.setConfig({ testTimeout: 600_000, hookTimeout: 120_000 });

export const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../..');
const ERCON = path.join(ROOT, 'electron/cli/ercon.mjs');

const made: string[] = [];
/** A fresh temp folder (world-readable, so a child running as another user can reach it), removed after the file. */
export function tmp(prefix = 'ercon-log-'): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.chmodSync(d, 0o755);
  made.push(d);
  return d;
}
afterAll(() => {
  for (const d of made.splice(0)) {
    try {
      fs.chmodSync(d, 0o755);
    } catch {
      /* gone */
    }
    fs.rmSync(d, { recursive: true, force: true });
  }
});

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `ercon` as a real child process (the same entry as `npm run -s ercon`, without npm's start-up time). */
export function spawnErcon(args: string[], opts: SpawnOptions = {}): ChildProcess {
  return spawn(process.execPath, [ERCON, ...args], {
    cwd: ROOT,
    stdio: ['pipe', 'pipe', 'pipe'],
    ...opts,
    env: { ...process.env, ...(opts.env ?? {}) },
  });
}

export function ercon(args: string[], opts: SpawnOptions & { input?: string } = {}): Promise<RunResult> {
  const { input, ...rest } = opts;
  const child = spawnErcon(args, rest);
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  child.stdin!.end(input ?? '');
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Run and parse the single JSON line it must print; fails with stderr when the exit code differs. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read the JSON they expect
export async function erconJson<T = any>(args: string[], expectCode = 0, opts: SpawnOptions & { input?: string } = {}): Promise<T> {
  const r = await ercon(args, opts);
  if (r.code !== expectCode) throw new Error(`ercon ${args.join(' ')} exited ${r.code} (expected ${expectCode}): ${r.stderr}${r.stdout}`);
  return JSON.parse(r.stdout) as T;
}

