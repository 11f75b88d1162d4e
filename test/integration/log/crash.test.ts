import path from 'node:path';
import readline from 'node:readline';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { verifyFile } from '../../../electron/core/log/backup';
import { ercon, erconJson, spawnErcon, tmp } from './helpers';

const ROUNDS = 20;

/**
 * Acknowledged means durable: `incident note --stdin` prints {"seq","hash"} only after each line's transaction has
 * committed. We kill -9 the writer at varying points mid-stream; every acknowledged line read before the kill must be in
 * the file with the same hash, and verify must pass, every round.
 */
describe('kill -9 of a writer mid-stream (real child process, real file)', () => {
  it(`loses no acknowledged event and keeps the chain intact over ${ROUNDS} rounds`, async () => {
    const dir = tmp();
    const db = path.join(dir, 'console.sqlite');
    const { id } = await erconJson<{ id: string }>(['--db', db, 'incident', 'open', '--plan', 'vaccine', '--title', '断电测试']);
    const acked = new Map<number, string>();
    let lastStored = 0;

    for (let round = 0; round < ROUNDS; round++) {
      const child = spawnErcon(['--db', db, 'incident', 'note', id, '--stdin']);
      let stderr = '';
      child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
      const rl = readline.createInterface({ input: child.stdout! });
      const killAfter = 1 + ((round * 7) % 23); // 1..23 acknowledgements, then kill while more lines are queued
      let seen = 0;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      const killed = new Promise<void>((resolve) => {
        rl.on('line', (line) => {
          const ack = JSON.parse(line) as { seq: number; hash: string };
          expect(ack.seq).toBeGreaterThan(0);
          expect(ack.hash).toMatch(/^[0-9a-f]{64}$/);
          acked.set(ack.seq, ack.hash);
          if (++seen === killAfter) {
            child.kill('SIGKILL');
            resolve();
          }
        });
        child.once('exit', () => resolve());
      });
      // Many more lines than will be acknowledged: the kill lands while the writer is busy appending.
      const lines = Array.from({ length: 400 }, (_, i) => `第${round}轮第${i}条：现场报告，疫苗批号 ${round}-${i}`).join('\n') + '\n';
      child.stdin!.on('error', () => {}); // EPIPE once it is dead
      child.stdin!.write(lines);
      await killed;
      await exited;
      rl.close();
      expect(child.signalCode, `round ${round}: the writer should have been killed, stderr: ${stderr}`).toBe('SIGKILL');
      expect(seen).toBeGreaterThanOrEqual(killAfter);

      const v = verifyFile(db);
      expect(v, `round ${round}`).toMatchObject({ ok: true, firstBrokenSeq: null });
      const raw = new BetterSqlite3(db, { readonly: true });
      const stored = new Map((raw.prepare('SELECT seq, hash FROM events WHERE incident_id = ?').all(id) as Array<{ seq: number; hash: string }>).map((r) => [r.seq, r.hash]));
      raw.close();
      for (const [seq, hash] of acked) expect(stored.get(seq), `round ${round}: acknowledged seq ${seq}`).toBe(hash);
      // Committed but killed before its ack was read is allowed; acknowledged but missing never is.
      expect(stored.size - 1).toBeGreaterThanOrEqual(acked.size);
      expect(v.events).toBe(stored.size);
      expect(stored.size).toBeGreaterThan(lastStored);
      lastStored = stored.size;
    }
    const final = await ercon(['--db', db, 'verify']);
    expect(final.code).toBe(0);
    expect(JSON.parse(final.stdout)).toMatchObject({ ok: true, events: lastStored });
  }, 900_000);
});
