import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../electron/core/clock';
import { openDatabase } from '../../../electron/core/db/database';
import { migrations } from '../../../electron/core/db/migrations';
import type { Migration } from '../../../electron/core/db/migrations/types';
import { KEEP, listBackups, verifyFile } from '../../../electron/core/log/backup';
import { fileKeyProvider } from '../../../electron/core/log/key';
import { planEngine } from '../../../electron/core/log/planEngine';
import { IncidentLog } from '../../../electron/core/log/store';
import { ercon, erconJson, spawnErcon, tmp } from './helpers';

function chain(file: string): Map<number, string> {
  const raw = new BetterSqlite3(file, { readonly: true });
  const m = new Map((raw.prepare('SELECT pos, hash FROM events').all() as Array<{ pos: number; hash: string }>).map((r) => [r.pos, r.hash]));
  raw.close();
  return m;
}

function seed(file: string, notes: number, at = '2024-07-01T00:00:00Z'): string {
  const db = openDatabase(file, { backups: false });
  const log = new IncidentLog(db, new ManualClock(at), planEngine);
  const { incidentId } = log.openIncident({ planId: 'vaccine', title: '备份测试' }, 'o');
  for (let i = 0; i < notes; i++) log.note(incidentId, `记录${i}`, 'o');
  db.close();
  return incidentId;
}

describe('ercon backup: consistent online backup while a writer runs', () => {
  it('the copy verifies and every event in it is the live event at the same position', async () => {
    const dir = tmp();
    const db = path.join(dir, 'console.sqlite');
    const { id } = await erconJson<{ id: string }>(['--db', db, 'incident', 'open', '--plan', 'vaccine', '--title', '在线备份']);
    const writer = spawnErcon(['--db', db, 'incident', 'note', id, '--stdin']);
    const acks: number[] = [];
    const rl = readline.createInterface({ input: writer.stdout! });
    rl.on('line', (l) => acks.push(JSON.parse(l).seq));
    // Keep writing, a line every few milliseconds, for as long as the backup runs.
    let writing = true;
    let sent = 0;
    const feeding = (async () => {
      while (writing) {
        writer.stdin!.write(`现场记录 ${sent++}\n`);
        await new Promise((r) => setTimeout(r, 5));
      }
      writer.stdin!.end();
    })();
    while (acks.length < 20) await new Promise((r) => setTimeout(r, 50));
    const dest = path.join(dir, 'copy', 'backup.sqlite');
    const out = await erconJson<{ path: string; bytes: number; events: number; headHash: string }>(['--db', db, 'backup', dest]);
    // A few more lines after the backup, then stop.
    const after = acks.length;
    while (acks.length < after + 10) await new Promise((r) => setTimeout(r, 20));
    writing = false;
    await feeding;
    await new Promise((r) => writer.once('close', r));
    expect(out.path).toBe(dest);
    expect(out.bytes).toBe(fs.statSync(dest).size);
    // A copy outside the data folder has neither the log key nor a witness beside it: verified with the key it came with.
    const v = verifyFile(dest, { asCopy: true, key: fileKeyProvider(path.join(dir, 'log.key')).load({ create: false }) });
    expect(v).toMatchObject({ ok: true, events: out.events, headHash: out.headHash });
    expect(out.events).toBeGreaterThan(20);
    const live = chain(db);
    expect(live.size).toBe(sent + 1);
    expect(out.events).toBeLessThan(live.size); // taken mid-stream: the writer went on after it
    expect(out.events).toBeGreaterThanOrEqual(20 + 1);
    for (const [pos, hash] of chain(dest)) expect(live.get(pos), `pos ${pos}`).toBe(hash);
    expect(fs.readdirSync(path.dirname(dest))).toEqual(['backup.sqlite']); // no temporary file left behind
    // An existing destination is never overwritten.
    const again = await ercon(['--db', db, 'backup', dest]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('已存在');
  });
});

describe('ercon restore', () => {
  it('refuses a backup that fails verify, naming the broken seq, and changes nothing', async () => {
    const dir = tmp();
    const db = path.join(dir, 'console.sqlite');
    const bad = path.join(dir, 'bad.sqlite');
    seed(db, 3);
    seed(bad, 3);
    const raw = new BetterSqlite3(bad);
    raw.exec('DROP TRIGGER events_no_update; DROP TRIGGER events_seal_update;');
    raw.prepare("UPDATE events SET payload = replace(payload, '记录1', '记录X') WHERE seq = 2").run();
    raw.close();
    const before = fs.readFileSync(db);
    const r = await ercon(['--lang', 'en', '--db', db, 'restore', bad]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/restore refused/);
    expect(r.stderr).toMatch(/first broken seq 2/);
    expect(fs.readFileSync(db).equals(before)).toBe(true);
    expect(fs.existsSync(path.join(dir, 'backups'))).toBe(false);
  });

  it('restores a good backup and keeps the database it replaced in backups/', async () => {
    const dir = tmp();
    const db = path.join(dir, 'console.sqlite');
    seed(db, 2);
    const good = path.join(dir, 'good.sqlite');
    await erconJson(['--db', db, 'backup', good]);
    const { id } = (await erconJson<{ incidents: Array<{ id: string }> }>(['--db', db, 'incident', 'list'])).incidents[0]!;
    await erconJson(['--db', db, 'incident', 'note', id, '--text', '备份之后的记录']);
    expect(verifyFile(db).events).toBe(4);
    const r = await erconJson<{ restored: string; events: number; previousSavedAs: string }>(['--db', db, 'restore', good]);
    expect(r).toMatchObject({ restored: db, events: 3 });
    expect(verifyFile(db)).toMatchObject({ ok: true, events: 3 });
    expect(r.previousSavedAs).toMatch(/pre-restore/);
    expect(verifyFile(r.previousSavedAs)).toMatchObject({ ok: true, events: 4 }); // never silent loss
  });
});

describe('automatic backups into backups/ beside the database', () => {
  it('daily: at open when the newest daily backup is older than a day, keeping the newest 7', () => {
    const dir = tmp();
    const file = path.join(dir, 'console.sqlite');
    seed(file, 1);
    const clock = new ManualClock('2024-07-01T00:00:00Z');
    const open = () => openDatabase(file, { now: () => clock.now() }).close();
    open();
    expect(listBackups(file).map((b) => b.kind)).toEqual(['daily']);
    clock.advance(23 * 3600_000); // 23 h later: not due
    open();
    expect(listBackups(file)).toHaveLength(1);
    clock.advance(3600_000); // exactly 24 h after the first: due
    open();
    expect(listBackups(file)).toHaveLength(2);
    for (let d = 0; d < 8; d++) {
      clock.advance(25 * 3600_000);
      open();
    }
    const daily = listBackups(file);
    expect(daily).toHaveLength(KEEP.daily);
    expect(daily[0]!.takenAt).toBe(clock.now().toISOString()); // the newest are kept
    for (const b of daily) expect(verifyFile(b.path)).toMatchObject({ ok: true, events: 2 });
  });

  it('a brand-new database is not backed up (nothing to save)', () => {
    const file = path.join(tmp(), 'console.sqlite');
    openDatabase(file).close();
    expect(listBackups(file)).toEqual([]);
  });

  it('before every migration of an existing database, keeping the last 5; the copy is the pre-migration schema', () => {
    const dir = tmp();
    const file = path.join(dir, 'console.sqlite');
    seed(file, 2);
    const clock = new ManualClock('2024-07-01T00:00:00Z');
    const extra: Migration[] = [];
    for (let i = 0; i < 7; i++) {
      const id = 20 + i; // unused ids inside the log's range, for this test only
      extra.push({ id, name: `test-${id}`, up: (db) => db.exec(`CREATE TABLE t${id} (x INTEGER) STRICT`) });
      clock.advance(60_000);
      openDatabase(file, { migrations: [...migrations, ...extra], now: () => clock.now(), backups: true }).close();
    }
    const pre = listBackups(file).filter((b) => b.kind === 'pre-migration');
    expect(pre).toHaveLength(KEEP['pre-migration']);
    // The newest pre-migration copy was taken before migration 26 ran: it has 25 but not 26.
    const raw = new BetterSqlite3(pre[0]!.path, { readonly: true });
    const ids = raw.prepare('SELECT id FROM schema_migrations').pluck().all() as number[];
    raw.close();
    expect(ids).toContain(25);
    expect(ids).not.toContain(26);
    expect(verifyFile(pre[0]!.path)).toMatchObject({ ok: true, events: 3 });
  });
});

describe('corruption found at open', () => {
  it('gives a clear message naming the newest good backup and the restore command, which then works', async () => {
    const dir = tmp();
    const db = path.join(dir, 'console.sqlite');
    seed(db, 2);
    openDatabase(db).close(); // makes today's daily backup
    const [backup] = listBackups(db);
    expect(backup).toBeDefined();
    const bytes = fs.readFileSync(db);
    bytes.write('NOT A DATABASE!!', 0); // the 16-byte header
    fs.writeFileSync(db, bytes);
    for (const lang of ['zh', 'en']) {
      const r = await ercon(['--lang', lang, '--db', db, 'incident', 'list']);
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain(backup!.path);
      expect(r.stderr).toContain(`ercon --db "${db}" restore "${backup!.path}"`);
      expect(r.stderr).toMatch(lang === 'zh' ? /已损坏/ : /damaged/);
    }
    const damaged = fs.readFileSync(db);
    const restored = await erconJson<{ previousSavedAs: string; events: number }>(['--db', db, 'restore', backup!.path]);
    expect(restored.events).toBe(3);
    expect(fs.readFileSync(restored.previousSavedAs).equals(damaged)).toBe(true); // the damaged file is kept as it was
    expect((await ercon(['--db', db, 'verify'])).code).toBe(0);
    expect((await erconJson<{ incidents: unknown[] }>(['--db', db, 'incident', 'list'])).incidents).toHaveLength(1);
  });
});
