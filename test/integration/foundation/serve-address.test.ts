/**
 * The serve shell keeps its address across restarts (issue 12 item 3): the first launch on a data folder picks the
 * port (the default, or a free one when taken) and a token, keeps both in serve.json (0600) beside the database, and
 * every later launch listens there again with the same token; `ERCON_PORT` / `--port` override it for one launch; a
 * kept port taken by another program is replaced for that launch only, with a notice. Real child processes.
 */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_PORT } from '../../../electron/serve/address';
import { startServe, type ServeProcess } from '../../helpers/serve';

const running: ServeProcess[] = [];
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.stop()));
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

async function serve(db: string, env: NodeJS.ProcessEnv = { ERCON_PORT: '' }, args: string[] = []): Promise<ServeProcess> {
  const s = await startServe(['--db', db, ...args], env);
  running.push(s);
  return s;
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const p = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(p));
    });
  });
}

function tempDb(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ercon-address-'));
  dirs.push(dir);
  return path.join(dir, 'console.sqlite');
}

describe('the serve shell keeps its address', () => {
  it('the same port and token after a restart, kept in serve.json (0600) beside the database', async () => {
    const db = tempDb();
    const first = await serve(db);
    await first.stop();
    const file = path.join(path.dirname(db), 'serve.json');
    const kept = JSON.parse(fs.readFileSync(file, 'utf8')) as { port: number; token: string };
    expect(kept).toEqual({ port: first.port, token: first.token });
    if (process.platform !== 'win32') expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const again = await serve(db);
    expect([again.port, again.token]).toEqual([first.port, first.token]);
    // the first launch took the default port unless another program held it
    if (first.port !== DEFAULT_PORT) expect(await new Promise((r) => net.connect(DEFAULT_PORT, '127.0.0.1').once('connect', () => r(true)).once('error', () => r(false)))).toBe(true);
  });

  it('ERCON_PORT and --port override the port for one launch only; the token stays', async () => {
    const db = tempDb();
    const first = await serve(db);
    await first.stop();
    const p = await freePort();
    const other = await serve(db, { ERCON_PORT: String(p) });
    expect([other.port, other.token]).toEqual([p, first.token]);
    await other.stop();
    const q = await freePort();
    const flagged = await serve(db, { ERCON_PORT: '' }, ['--port', String(q)]);
    expect(flagged.port).toBe(q);
    await flagged.stop();
    expect((await serve(db)).port).toBe(first.port);
  });

  it('a kept port another program took: a free one this time, said so, and the kept one stays', async () => {
    const db = tempDb();
    const first = await serve(db);
    await first.stop();
    const squatter = net.createServer().listen(first.port, '127.0.0.1');
    await new Promise((r) => squatter.once('listening', r));
    try {
      const s = await startServe(['--db', db], { ERCON_PORT: '' });
      running.push(s);
      expect(s.port).not.toBe(first.port);
      expect(s.token).toBe(first.token);
      await expect.poll(() => s.stdout()).toContain(`端口 ${first.port} 已被占用`);
      expect(JSON.parse(fs.readFileSync(path.join(path.dirname(db), 'serve.json'), 'utf8')).port).toBe(first.port);
    } finally {
      squatter.close();
    }
  });
});
