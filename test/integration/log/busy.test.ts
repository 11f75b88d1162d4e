import readline from 'node:readline';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { verifyFile } from '../../../electron/core/log/backup';
import { startServe, type ServeProcess } from '../../helpers/serve';
import { erconJson, spawnErcon, tmp } from './helpers';
import { addAccountToFile, signInHttp } from '../../helpers/people';

/** Start serve shells on `db` and sign the test's account in at each (a write through a shell needs a person). */
async function signedInServe(db: string, n: number): Promise<ServeProcess[]> {
  const shells = await Promise.all(Array.from({ length: n }, () => startServe(['--port', '0', '--db', db])));
  for (const s of shells) cookies.set(s, await signInHttp(s.origin, s.token));
  return shells;
}

const cookies = new Map<ServeProcess, string>();

async function post(s: ServeProcess, name: string, body: unknown): Promise<{ status: number; json: { ok: boolean; result?: unknown; error?: { code: string; rule?: string } } }> {
  const res = await fetch(`${s.origin}/api/cmd/${name}`, { method: 'POST', headers: { authorization: `Bearer ${s.token}`, 'content-type': 'application/json', cookie: cookies.get(s) ?? '' }, body: JSON.stringify(body) });
  return { status: res.status, json: (await res.json()) as never };
}

async function healthMs(s: ServeProcess): Promise<number> {
  const t = performance.now();
  const res = await fetch(`${s.origin}/api/health`, { headers: { authorization: `Bearer ${s.token}` } });
  await res.json();
  return performance.now() - t;
}

const grave = (n: string) => ({ table: 'graves', row: { number: n, kind: 'altar', township: '天宁镇', location: '卦山', riskGrade: 'low' } });

describe('no SQLITE_BUSY reaches a person', () => {
  it('two serve shells and three `ercon incident note --stdin` writers on one file: 0 errors, 0 lost, one intact chain', async () => {
    const db = path.join(tmp(), 'console.sqlite');
    const { id } = await erconJson<{ id: string }>(['--db', db, 'incident', 'open', '--plan', 'vaccine', '--title', '五个写入者']);
    await addAccountToFile(db);
    const shells = await signedInServe(db, 2);
    const LINES = 40;
    const NOTES = 30;
    const LEDGER = 15;
    try {
      const clis = [0, 1, 2].map((w) => {
        const child = spawnErcon(['--db', db, 'incident', 'note', id, '--stdin']);
        const acks: number[] = [];
        let stderr = '';
        readline.createInterface({ input: child.stdout! }).on('line', (l) => acks.push(JSON.parse(l).seq));
        child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
        const done = new Promise<number | null>((r) => child.once('close', r));
        const feed = (async () => {
          for (let i = 0; i < LINES; i++) {
            child.stdin!.write(`命令行${w}第${i}条\n`);
            await new Promise((r) => setTimeout(r, 15));
          }
          child.stdin!.end();
        })();
        return { acks, done, feed, stderr: () => stderr };
      });
      const failures: unknown[] = [];
      const slowestHealth: number[] = [];
      const shellWork = shells.map(async (s, k) => {
        for (let i = 0; i < NOTES; i++) {
          const r = await post(s, 'incidents.note', { incidentId: id, text: `服务${k}第${i}条` });
          if (r.status !== 200) failures.push(r.json.error);
          if (i < LEDGER) {
            const g = await post(s, 'fire.ledger.save', grave(`S${k}-${i}`));
            if (g.status !== 200) failures.push(g.json.error);
          }
          if (i % 5 === 0) slowestHealth.push(await healthMs(s));
        }
      });
      await Promise.all([...shellWork, ...clis.map((c) => c.feed)]);
      const codes = await Promise.all(clis.map((c) => c.done));
      expect(failures).toEqual([]);
      expect(codes, clis.map((c) => c.stderr()).join('\n')).toEqual([0, 0, 0]);
      for (const c of clis) expect(c.acks).toHaveLength(LINES);
      const raw = new BetterSqlite3(db, { readonly: true });
      const notes = raw.prepare("SELECT count(*) FROM events WHERE type = 'note'").pluck().get();
      const rows = raw.prepare('SELECT count(*) FROM fire_ledger_graves').pluck().get();
      raw.close();
      expect(notes).toBe(3 * LINES + 2 * NOTES);
      expect(rows).toBe(2 * LEDGER);
      expect(Math.max(...slowestHealth)).toBeLessThan(3000);
    } finally {
      await Promise.all(shells.map((s) => s.stop()));
    }
    expect(verifyFile(db)).toMatchObject({ ok: true, events: 1 + 3 * LINES + 2 * NOTES });
  });

  it('the same five writers while one shell imports 30,000 map features: 0 errors, 0 lost, the import whole (~20 s)', async () => {
    const db = path.join(tmp(), 'console.sqlite');
    const { id } = await erconJson<{ id: string }>(['--db', db, 'incident', 'open', '--plan', 'vaccine', '--title', '导入时写入']);
    await addAccountToFile(db);
    const shells = await signedInServe(db, 2);
    const N = 30_000;
    const features = Array.from({ length: N }, (_, i) => ({ type: 'Feature', properties: { name: `水源${i}` }, geometry: { type: 'Point', coordinates: [111.8 + (i % 300) / 1000, 37.4 + Math.floor(i / 300) / 1000] } }));
    const file = Buffer.from(JSON.stringify({ type: 'FeatureCollection', features })).toString('base64');
    try {
      let importing = true;
      const imported = post(shells[0]!, 'map.import.commit', { fileName: '水源.geojson', contentBase64: file, layer: 'water' }).finally(() => (importing = false));
      // Every writer keeps writing until the import has answered (and at least a few times), so they overlap its chunks
      // and its final copy whatever the machine's speed.
      const clis = [0, 1, 2].map((w) => {
        const child = spawnErcon(['--db', db, 'incident', 'note', id, '--stdin']);
        const acks: number[] = [];
        let sent = 0;
        let stderr = '';
        readline.createInterface({ input: child.stdout! }).on('line', (l) => acks.push(JSON.parse(l).seq));
        child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
        const done = new Promise<number | null>((r) => child.once('close', r));
        const feed = (async () => {
          for (; importing || sent < 20; sent++) {
            child.stdin!.write(`导入时命令行${w}第${sent}条\n`);
            await new Promise((r) => setTimeout(r, 25));
          }
          child.stdin!.end();
        })();
        return { acks, done, feed, sent: () => sent, stderr: () => stderr };
      });
      const failures: unknown[] = [];
      const health: number[] = [];
      let notes = 0;
      const shellWork = shells.map(async (s, k) => {
        for (let i = 0; importing || i < 10; i++) {
          const r = await post(s, 'incidents.note', { incidentId: id, text: `导入时服务${k}第${i}条` });
          if (r.status !== 200) failures.push(r.json.error);
          else notes++;
          health.push(await healthMs(s));
        }
      });
      const r = await imported;
      await Promise.all([...shellWork, ...clis.map((c) => c.feed)]);
      const codes = await Promise.all(clis.map((c) => c.done));
      expect(r.status, JSON.stringify(r.json.error)).toBe(200);
      expect(r.json.result).toMatchObject({ imported: N });
      expect(failures).toEqual([]);
      expect(codes, clis.map((c) => c.stderr()).join('\n')).toEqual([0, 0, 0]);
      for (const c of clis) expect(c.acks).toHaveLength(c.sent());
      const cliLines = clis.reduce((n, c) => n + c.sent(), 0);
      const raw = new BetterSqlite3(db, { readonly: true });
      expect(raw.prepare("SELECT count(*) FROM events WHERE type = 'note'").pluck().get()).toBe(cliLines + notes);
      expect(raw.prepare("SELECT count(*) FROM map_features WHERE layer = 'water'").pluck().get()).toBe(N);
      expect(raw.prepare('SELECT count(*) FROM map_import_rows').pluck().get()).toBe(0);
      raw.close();
      // Both shells kept answering while the import ran in one of them (the lock waits are asynchronous).
      expect(Math.max(...health)).toBeLessThan(3000);
      process.stderr.write(`busy+import: ${cliLines} CLI lines, ${notes} shell notes, health max ${Math.round(Math.max(...health))} ms\n`);
      expect(verifyFile(db)).toMatchObject({ ok: true, events: 1 + cliLines + notes });
    } finally {
      await Promise.all(shells.map((s) => s.stop()));
    }
  });

  it('another process holding the write lock for 3 s: health answers meanwhile, the note waits and then commits', async () => {
    const db = path.join(tmp(), 'console.sqlite');
    const { id } = await erconJson<{ id: string }>(['--db', db, 'incident', 'open', '--plan', 'vaccine', '--title', '长事务']);
    await addAccountToFile(db);
    const [s] = (await signedInServe(db, 1)) as [ServeProcess];
    try {
      const holder = new BetterSqlite3(db);
      holder.exec('BEGIN IMMEDIATE');
      const t0 = performance.now();
      const note = post(s, 'incidents.note', { incidentId: id, text: '等锁的记录' });
      await new Promise((r) => setTimeout(r, 300));
      const h = await healthMs(s);
      expect(h).toBeLessThan(1000); // 5.1 s before: the event loop was blocked in busy_timeout
      await new Promise((r) => setTimeout(r, 2700));
      holder.exec('ROLLBACK');
      holder.close();
      const r = await note;
      expect(r.status).toBe(200);
      expect(performance.now() - t0).toBeGreaterThan(2900);
    } finally {
      await s.stop();
    }
  });
});
