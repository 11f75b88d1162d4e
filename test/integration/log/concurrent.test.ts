import { spawn } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { verifyFile } from '../../../electron/core/log/backup';
import { erconJson, ROOT, spawnErcon, tmp } from './helpers';
import { addAccountToFile, signInHttp } from '../../helpers/people';

const N = 60;

/** The real serve shell: the first stdout line is its URL with ?token=. */
async function startServe(db: string) {
  const child = spawn(process.execPath, [path.join(ROOT, 'electron/serve/serve.mjs'), '--port', '0', '--db', db], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const first = await new Promise<string>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`serve printed no URL: ${stderr}`)), 60_000);
    readline.createInterface({ input: child.stdout }).once('line', (l) => {
      clearTimeout(t);
      resolve(l.trim());
    });
    child.once('exit', (c) => reject(new Error(`serve exited ${c}: ${stderr}`)));
  });
  const url = new URL(first);
  const token = url.searchParams.get('token')!;
  // A write through the shell is made by a signed-in person.
  const cookie = await signInHttp(url.origin, token);
  return {
    async cmd<T = { seq: number; hash: string }>(name: string, body: unknown): Promise<T> {
      const res = await fetch(`${url.origin}/api/cmd/${name}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', cookie },
        body: JSON.stringify(body),
      });
      const json = (await res.json()) as { ok: boolean; result?: unknown; error?: unknown };
      if (!json.ok) throw new Error(`${name}: ${JSON.stringify(json.error)}`);
      return json.result as T;
    },
    stop: () => new Promise<void>((r) => (child.exitCode !== null ? r() : (child.once('exit', () => r()), child.kill('SIGTERM')))),
  };
}

describe('the CLI and the serve shell writing the same file at once', () => {
  it(`${N} notes through HTTP and ${N} through ercon --stdin, interleaved: all acknowledged, one intact chain`, async () => {
    const db = path.join(tmp(), 'console.sqlite');
    const { id } = await erconJson<{ id: string }>(['--db', db, 'incident', 'open', '--plan', 'vaccine', '--title', '并发写入']);
    await addAccountToFile(db);
    const serve = await startServe(db);
    try {
      const cli = spawnErcon(['--db', db, 'incident', 'note', id, '--stdin']);
      const cliAcks: Array<{ seq: number; hash: string }> = [];
      readline.createInterface({ input: cli.stdout! }).on('line', (l) => cliAcks.push(JSON.parse(l)));
      let cliErr = '';
      cli.stderr!.setEncoding('utf8').on('data', (d: string) => (cliErr += d));
      const cliDone = new Promise<number | null>((r) => cli.once('close', r));
      // Wait until the CLI has started and committed its first line, then write from both sides at the same pace.
      cli.stdin!.write('命令行记录 0\n');
      while (cliAcks.length < 1) await new Promise((r) => setTimeout(r, 20));
      const pause = () => new Promise((r) => setTimeout(r, 10));
      const feeding = (async () => {
        for (let i = 1; i < N; i++) {
          cli.stdin!.write(`命令行记录 ${i}\n`);
          await pause();
        }
        cli.stdin!.end();
      })();
      const httpAcks: Array<{ seq: number; hash: string }> = [];
      for (let i = 0; i < N; i++) {
        httpAcks.push(await serve.cmd('incidents.note', { incidentId: id, text: `网页记录 ${i}` }));
        await pause();
      }
      await feeding;
      expect(await cliDone, cliErr).toBe(0);
      expect(cliAcks).toHaveLength(N);

      const raw = new BetterSqlite3(db, { readonly: true });
      const rows = raw.prepare('SELECT seq, hash, payload FROM events WHERE incident_id = ? ORDER BY seq').all(id) as Array<{ seq: number; hash: string; payload: string }>;
      raw.close();
      expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: 2 * N + 1 }, (_, i) => i));
      const stored = new Map(rows.map((r) => [r.seq, r.hash]));
      for (const a of [...cliAcks, ...httpAcks]) expect(stored.get(a.seq)).toBe(a.hash);
      // Interleaved, not one writer after the other.
      const order = rows.slice(1).map((r) => (r.payload.includes('网页') ? 'h' : 'c')).join('');
      expect(order).toMatch(/c+h+c+h/); // CLI first, then both, switching back and forth
      expect(await serve.cmd('log.verify', {})).toMatchObject({ ok: true, events: 2 * N + 1 });
    } finally {
      await serve.stop();
    }
    expect(verifyFile(db)).toMatchObject({ ok: true, events: 2 * N + 1 });
  });
});
