import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/api/errors';
import { createCore } from '../../../electron/core/core';
import { verifyFile } from '../../../electron/core/log/backup';
import { ercon, tmp } from './helpers';

const NOBODY = { uid: 65534, gid: 65534 };
const asRoot = process.getuid?.() === 0;

/** A database with one incident and two notes, checkpointed so that the .sqlite file alone holds everything. */
async function seeded(dir: string): Promise<{ db: string; id: string }> {
  const db = path.join(dir, 'console.sqlite');
  const core = createCore({ dbPath: db, open: { backups: false } });
  const ctx = { actor: 'tester', transport: 'test' as const };
  const { id } = await core.invoke('incidents.open', { planId: 'vaccine', title: '只读测试' }, ctx);
  await core.invoke('incidents.note', { incidentId: id, text: '第一条' }, ctx);
  core.close();
  const raw = new BetterSqlite3(db);
  raw.pragma('wal_checkpoint(TRUNCATE)');
  raw.close();
  return { db, id };
}

function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string): void => {
    for (const n of fs.readdirSync(d)) {
      const p = path.join(d, n);
      if (fs.statSync(p).isDirectory()) walk(p);
      else out[path.relative(dir, p)] = fs.readFileSync(p).toString('base64');
    }
  };
  walk(dir);
  return out;
}

describe('a read-only database gives a clear error and writes nothing', () => {
  // root ignores file modes, so the writer runs as `nobody` (uid 65534), as a duty officer's account would.
  it.runIf(asRoot || process.getuid?.() !== undefined)('read-only file (chmod 444): note refused, file unchanged', async () => {
    const dir = tmp();
    const { db, id } = await seeded(dir);
    fs.chmodSync(db, 0o444);
    for (const f of [`${db}-wal`, `${db}-shm`]) if (fs.existsSync(f)) fs.chmodSync(f, 0o444);
    fs.chmodSync(dir, 0o777); // the folder stays writable: only the file is read-only
    const before = snapshot(dir);
    const r = await ercon(['--db', db, 'incident', 'note', id, '--text', '不应写入'], asRoot ? NOBODY : {});
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/只读|readonly|read-only/i);
    fs.chmodSync(dir, 0o755);
    const after = snapshot(dir);
    expect(after[path.basename(db)]).toBe(before[path.basename(db)]);
    expect(verifyFile(db)).toMatchObject({ ok: true, events: 2 });
  });

  it.runIf(asRoot || process.getuid?.() !== undefined)('read-only folder (chmod 555): note refused, folder unchanged', async () => {
    const dir = tmp();
    const { db, id } = await seeded(dir);
    fs.chmodSync(db, 0o666);
    fs.chmodSync(dir, 0o555);
    const before = snapshot(dir);
    const r = await ercon(['--lang', 'en', '--db', db, 'incident', 'note', id, '--text', 'must not be written'], asRoot ? NOBODY : {});
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/read-only|readonly|not writable|unable to open/i);
    expect(snapshot(dir)).toEqual(before);
    fs.chmodSync(dir, 0o755);
    expect(verifyFile(db)).toMatchObject({ ok: true, events: 2 });
  });
});

describe('a full disk gives a clear error and writes nothing', () => {
  it('SQLITE_FULL simulated with PRAGMA max_page_count: the failing append leaves no trace, earlier ones stay', async () => {
    const dir = tmp();
    const core = createCore({ dbPath: path.join(dir, 'console.sqlite') });
    let ok = 0;
    const ctx = { actor: 'tester', transport: 'test' as const };
    try {
      const { id } = await core.invoke('incidents.open', { planId: 'vaccine', title: '磁盘满' }, ctx);
      const pages = core.services.db.pragma('page_count', { simple: true }) as number;
      core.services.db.pragma(`max_page_count = ${pages + 12}`);
      const text = '现场记录'.repeat(1500); // ~18 KB a note: a few fit, then the file cannot grow
      let err: AppError | null = null;
      for (let i = 0; i < 50 && !err; i++) {
        const before = core.services.db.prepare('SELECT count(*) FROM events').pluck().get() as number;
        try {
          await core.invoke('incidents.note', { incidentId: id, text: `${i}${text}` }, ctx);
          ok++;
        } catch (e) {
          err = e as AppError;
          expect(core.services.db.prepare('SELECT count(*) FROM events').pluck().get()).toBe(before);
          expect(core.services.db.inTransaction).toBe(false);
        }
      }
      expect(ok).toBeGreaterThan(0);
      expect(err).toBeInstanceOf(AppError);
      expect(err!.body).toMatchObject({ code: 'storage', rule: 'SQLITE_FULL' });
      expect(err!.body.message).toContain('磁盘已满');
      expect(err!.body.messageEn).toMatch(/full/i);
    } finally {
      core.close();
    }
    // Reopened without the page limit: the opening event and every acknowledged note, nothing else, chain intact.
    expect(verifyFile(path.join(dir, 'console.sqlite'))).toMatchObject({ ok: true, events: 1 + ok });
  });
});

describe('a database written by a newer version', () => {
  it('is refused with a clear message and not altered (file bytes compared)', async () => {
    const dir = tmp();
    const { db, id } = await seeded(dir);
    const raw = new BetterSqlite3(db);
    raw.prepare("INSERT INTO schema_migrations (id, name, applied_at) VALUES (999, 'from-the-future', '2030-01-01T00:00:00Z')").run();
    raw.pragma('wal_checkpoint(TRUNCATE)');
    raw.close();
    const before = snapshot(dir);
    for (const args of [
      ['incident', 'list'],
      ['incident', 'note', id, '--text', '不应写入'],
      ['incident', 'open', '--plan', 'vaccine', '--title', 'x'],
    ]) {
      const r = await ercon(['--db', db, ...args]);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain('更新版本');
      expect(r.stderr).toContain('999');
    }
    expect(snapshot(dir)).toEqual(before);
  });
});
