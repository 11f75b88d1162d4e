import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { refusal } from '../../helpers/refusal';
import type { AppError } from '../../../shared/api/errors';
import { createCore } from '../../../electron/core/core';
import { uncleanMarkers } from '../../../electron/core/db/database';
import { listBackups } from '../../../electron/core/log/backup';
import { ercon, ROOT, tmp } from './helpers';

const ctx = { actor: 'tester', transport: 'test' as const };
const NOBODY = { uid: 65534, gid: 65534 };
const asRoot = process.getuid?.() === 0;

/** A database with many pages of events and today's daily backup, checkpointed into the .sqlite file. */
async function seeded(notes = 400): Promise<{ file: string; id: string }> {
  const file = path.join(tmp(), 'console.sqlite');
  const core = createCore({ dbPath: file, open: { backups: false } });
  const { id } = await core.invoke('incidents.open', { planId: 'vaccine', title: '损坏测试' }, ctx);
  for (let i = 0; i < notes; i++) await core.invoke('incidents.note', { incidentId: id, text: `现场记录第${i}条，`.repeat(8) }, ctx);
  core.close();
  createCore({ dbPath: file }).close(); // today's daily backup
  const raw = new BetterSqlite3(file);
  raw.pragma('wal_checkpoint(TRUNCATE)');
  raw.close();
  return { file, id };
}

/** Overwrite the middle of a page that holds events (not the header, not page 1): a damaged sector. */
function damagePage(file: string): void {
  const raw = new BetterSqlite3(file, { readonly: true });
  const pageSize = raw.pragma('page_size', { simple: true }) as number;
  const pages = raw.pragma('page_count', { simple: true }) as number;
  // An events leaf page past the middle of the file (which table a page number holds depends on the write pattern).
  const leaf = raw.prepare("SELECT pageno FROM dbstat WHERE name = 'events' AND pagetype = 'leaf' AND pageno >= ? ORDER BY pageno LIMIT 1").pluck().get(Math.floor(pages * 0.6)) as number;
  raw.close();
  const fd = fs.openSync(file, 'r+');
  const page = leaf - 1; // dbstat counts pages from 1
  fs.writeSync(fd, Buffer.alloc(pageSize - 200, 0xa5), 0, pageSize - 200, page * pageSize + 100);
  fs.closeSync(fd);
}


describe('a damaged database is contained', () => {
  it('quick_check at start-up: opens read-only with the banner naming the newest good backup and the restore command; nothing written', async () => {
    const { file, id } = await seeded();
    const [backup] = listBackups(file);
    damagePage(file);
    const bytes = fs.readFileSync(file);
    const core = createCore({ dbPath: file });
    const health = await core.invoke('system.health', {}, ctx);
    expect(health.logHead?.eventsPos).toBeGreaterThan(0);
    expect(health.readOnly).toMatchObject({ reason: 'corrupt', newestGoodBackup: backup!.path, restoreCommand: `ercon --db "${file}" restore "${backup!.path}"` });
    expect(health.readOnly!.message).toContain('已损坏');
    const b = await refusal(core.invoke('incidents.note', { incidentId: id, text: '不应写入' }, ctx));
    expect(b).toMatchObject({ code: 'storage', rule: 'corrupt' });
    expect(b.message).toContain(backup!.path);
    core.close();
    expect(fs.readFileSync(file).equals(bytes)).toBe(true);
  });

  it('SQLITE_CORRUPT met at run time switches the core to read-only: the next write is refused, the file unchanged', async () => {
    const { file, id } = await seeded();
    const core = createCore({ dbPath: file, open: { backups: false } });
    expect((await core.invoke('system.health', {}, ctx)).readOnly).toBeNull();
    damagePage(file);
    core.services.db.pragma('shrink_memory'); // drop the page cache: the next read goes to the damaged file
    let sawCorrupt = false;
    for (const q of ['现场记录第1', '第399条', '损坏测试']) {
      try {
        await core.invoke('incidents.search', { query: q, limit: 500 }, ctx);
        await core.invoke('incidents.get', { id }, ctx);
      } catch (e) {
        expect((e as AppError).body.rule).toBe('corrupt');
        sawCorrupt = true;
      }
    }
    expect(sawCorrupt).toBe(true);
    const bytes = fs.readFileSync(file);
    const b = await refusal(core.invoke('incidents.open', { planId: 'vaccine', title: '不应写入' }, ctx));
    expect(b).toMatchObject({ code: 'storage', rule: 'corrupt' });
    expect(b.messageEn).toMatch(/restore/);
    expect((await core.invoke('system.health', {}, ctx)).readOnly?.reason).toBe('corrupt');
    // A command the contract does not flag as writing is stopped by SQLite itself (query_only), with the same message.
    const ledger = await refusal(core.invoke('fire.ledger.save', { table: 'graves', row: { number: 'G-9', kind: 'altar', township: '天宁镇', location: '卦山', riskGrade: 'low' } }, ctx));
    expect(ledger).toMatchObject({ code: 'storage', rule: 'corrupt' });
    core.close();
    expect(fs.readFileSync(file).equals(bytes)).toBe(true);
  });

  it('an unclean close (kill -9) leaves its marker: the next start runs the full integrity_check and clears it', async () => {
    const { file } = await seeded(5);
    const child = spawn(process.execPath, [path.join(ROOT, 'electron/cli/ercon.mjs'), '--db', file, 'incident', 'note', '20000101-001', '--stdin'], { stdio: ['pipe', 'pipe', 'pipe'] });
    // Wait until the child has the database open (its marker exists), then kill it without a chance to close.
    for (let i = 0; i < 400 && !fs.readdirSync(path.dirname(file)).some((n) => n.includes('.open-')); i++) await new Promise((r) => setTimeout(r, 25));
    child.kill('SIGKILL');
    await new Promise((r) => child.once('close', r));
    expect(uncleanMarkers(file)).toHaveLength(1);
    const core = createCore({ dbPath: file, open: { backups: false } });
    expect(uncleanMarkers(file)).toHaveLength(0);
    expect((await core.invoke('system.health', {}, ctx)).readOnly).toBeNull();
    core.close();
    expect(fs.readdirSync(path.dirname(file)).filter((n) => n.includes('.open-'))).toEqual([]);
  });
});

describe('a read-only file or disk starts in an announced read-only mode', () => {
  it.runIf(asRoot || process.getuid?.() !== undefined)('read-only folder: health announces it, verify still works (exit 0), nothing written', async () => {
    const { file } = await seeded(3);
    fs.chmodSync(file, 0o644);
    fs.chmodSync(path.join(path.dirname(file), 'log.key'), 0o644); // the duty officer's own key (here: readable by nobody)
    fs.chmodSync(`${file}.head`, 0o644);
    fs.chmodSync(path.dirname(file), 0o555);
    const before = fs.readdirSync(path.dirname(file)).sort();
    const health = await ercon(['--db', file, 'health'], asRoot ? NOBODY : {});
    expect(health.code).toBe(0);
    expect(JSON.parse(health.stdout).readOnly).toMatchObject({ reason: 'read-only-file' });
    expect(health.stderr).toMatch(/只读/);
    const v = await ercon(['--db', file, 'verify'], asRoot ? NOBODY : {});
    expect(v.stderr).toBe('');
    expect(JSON.parse(v.stdout)).toMatchObject({ ok: true, events: 4 });
    expect(v.code).toBe(0);
    fs.chmodSync(path.dirname(file), 0o755);
    expect(fs.readdirSync(path.dirname(file)).sort()).toEqual(before);
  });
});

describe('backups never fill the disk or leave debris', () => {
  it('the daily backup is skipped with a warning when it would leave less than the reserve; made when there is room', async () => {
    const { dailyBackupIfDue, BACKUP_RESERVE_BYTES } = await import('../../../electron/core/log/backup');
    const { openDatabase } = await import('../../../electron/core/db/database');
    const file = path.join(tmp(), 'console.sqlite');
    const db = openDatabase(file, { backups: false });
    const size = (db.pragma('page_count', { simple: true }) as number) * (db.pragma('page_size', { simple: true }) as number);
    const warnings: string[] = [];
    const onWarn = (w: Error) => warnings.push(w.message);
    process.on('warning', onWarn);
    const now = new Date('2026-04-02T00:00:00Z');
    expect(dailyBackupIfDue(db, file, now, { freeBytes: () => size + BACKUP_RESERVE_BYTES - 1 })).toBeNull();
    await new Promise((r) => setTimeout(r, 10));
    process.off('warning', onWarn);
    expect(warnings.join('\n')).toMatch(/not enough free space/);
    expect(listBackups(file)).toEqual([]);
    expect(dailyBackupIfDue(db, file, now, { freeBytes: () => size + BACKUP_RESERVE_BYTES })).not.toBeNull();
    expect(listBackups(file)).toHaveLength(1);
    db.close();
  });

  it('temporary files of an interrupted backup (its process gone) are removed at the next daily check; a live one is kept', async () => {
    const { dailyBackupIfDue } = await import('../../../electron/core/log/backup');
    const { openDatabase } = await import('../../../electron/core/db/database');
    const file = path.join(tmp(), 'console.sqlite');
    const db = openDatabase(file, { backups: false });
    const dir = path.join(path.dirname(file), 'backups');
    fs.mkdirSync(dir);
    const dead = path.join(dir, 'console.daily.20260401T000000000Z.sqlite.tmp-999999-1');
    const live = path.join(dir, `console.manual.20260401T000000000Z.sqlite.tmp-${process.ppid}-2`);
    fs.writeFileSync(dead, 'x');
    fs.writeFileSync(live, 'x');
    dailyBackupIfDue(db, file, new Date('2026-04-02T00:00:00Z'));
    expect(fs.existsSync(dead)).toBe(false);
    expect(fs.existsSync(live)).toBe(true);
    db.close();
  });
});
