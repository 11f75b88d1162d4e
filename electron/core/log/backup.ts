import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { AppError } from '../../../shared/api/errors';
import { keyProviderFor } from './key';
import { verifyLog, type VerifyResult } from './verify';
import { anchorOf, headOf, writeWitness, type Head } from './witness';

/** What kind of backup a file in `backups/` is; the kind decides how many are kept. */
export type BackupKind = 'daily' | 'pre-migration' | 'manual' | 'pre-restore';

/** Rotation: newest N of each kind are kept. pre-restore copies are never deleted (they may be the only evidence). */
export const KEEP: Record<BackupKind, number> = { daily: 7, 'pre-migration': 5, manual: 10, 'pre-restore': Infinity };
/** A daily backup is made when a database is opened and the newest daily backup is older than this. */
export const DAILY_MS = 24 * 3600_000;

export interface BackupInfo {
  path: string;
  kind: BackupKind;
  /** UTC time in the file name. */
  takenAt: string;
}

export interface BackupResult {
  path: string;
  bytes: number;
  events: number;
  headHash: string | null;
  /** The copy's heads (seal chain and event chain): every later state of the database must contain them. */
  head?: Head;
}

export function backupsDir(dbPath: string): string {
  return path.join(path.dirname(path.resolve(dbPath)), 'backups');
}

function stamp(d: Date): string {
  return d.toISOString().replace(/[-:]/g, '').replace(/\.(\d{3})Z$/, '$1Z'); // 20261123T184500123Z
}

function parseStamp(s: string): string | null {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\d{3})Z$/.exec(s);
  return m ? `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}.${m[7]}Z` : null;
}

export function backupPath(dbPath: string, kind: BackupKind, at: Date): string {
  const base = path.basename(dbPath).replace(/\.(sqlite3?|db)$/i, '');
  return path.join(backupsDir(dbPath), `${base}.${kind}.${stamp(at)}.sqlite`);
}

/** Backups of this database in its `backups/` folder, newest first. */
export function listBackups(dbPath: string): BackupInfo[] {
  const dir = backupsDir(dbPath);
  const base = path.basename(dbPath).replace(/\.(sqlite3?|db)$/i, '');
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  const out: BackupInfo[] = [];
  for (const n of names) {
    const m = /^(.*)\.(daily|pre-migration|manual|pre-restore)\.(\d{8}T\d{9}Z)\.sqlite$/.exec(n);
    if (!m || m[1] !== base) continue;
    const takenAt = parseStamp(m[3]!);
    if (takenAt) out.push({ path: path.join(dir, n), kind: m[2] as BackupKind, takenAt });
  }
  return out.sort((a, b) => (a.takenAt < b.takenAt ? 1 : a.takenAt > b.takenAt ? -1 : 0));
}

function fsyncPath(p: string, dir = false): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(p, dir ? 'r' : 'r+');
    fs.fsyncSync(fd);
  } catch {
    // Directories cannot be fsynced on every platform (Windows); the file itself was.
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/**
 * Open a database file read-only without touching it (no WAL switch, no migrations). On a read-only disk or folder
 * SQLite cannot open a WAL database even read-only (it needs to create the `-shm` index beside it), so then the file and
 * its `-wal` are copied into a private temporary folder and that copy is opened: nobody can be writing to a read-only
 * disk, so the copy is exact. The copy is removed when the connection closes.
 */
export function openReadOnly(file: string): Database {
  try {
    const db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
    try {
      db.pragma('query_only = ON');
      db.prepare('SELECT count(*) FROM sqlite_master').get();
      return db;
    } catch (e) {
      db.close();
      throw e;
    }
  } catch (e) {
    const code = String((e as { code?: unknown }).code ?? '');
    if (!/^SQLITE_(READONLY|CANTOPEN)/.test(code) || !fs.existsSync(file)) throw e;
    return openSnapshot(file);
  }
}

function openSnapshot(file: string): Database {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ercon-ro-'));
  const copy = path.join(dir, path.basename(file));
  try {
    fs.copyFileSync(file, copy);
    if (fs.existsSync(`${file}-wal`)) fs.copyFileSync(`${file}-wal`, `${copy}-wal`);
    const db = new BetterSqlite3(copy, { readonly: true, fileMustExist: true });
    db.pragma('query_only = ON');
    const close = db.close.bind(db);
    db.close = () => {
      const r = close();
      fs.rmSync(dir, { recursive: true, force: true });
      return r;
    };
    return db;
  } catch (e) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}

function isInBackups(file: string): boolean {
  return path.basename(path.dirname(path.resolve(file))) === 'backups';
}

/**
 * Verify a database file opened read-only (works on a read-only disk): integrity_check, the hash chain, the seals under
 * the data folder's key, and, for the database itself (not a copy in backups/ or elsewhere), its head witness and
 * newest backups. `asCopy`: the file is a copy (a backup being written or restored) with no witness of its own.
 */
export function verifyFile(file: string, opts: { asCopy?: boolean; key?: Buffer | null } = {}): VerifyResult {
  let db: Database | undefined;
  try {
    db = openReadOnly(file);
    const copy = opts.asCopy ?? isInBackups(file);
    const key = opts.key !== undefined ? opts.key : keyProviderFor(file).load({ create: false });
    return verifyLog(db, { key, dbPath: file, witness: !copy, backups: copy ? 0 : 3 });
  } catch (e) {
    return { ok: false, events: 0, firstBrokenSeq: null, headHash: null, storedTextMismatches: [], problems: [`cannot read ${file}: ${(e as Error).message}`], reason: `cannot read ${file}: ${(e as Error).message}`, reasonZh: `无法读取 ${file}：${(e as Error).message}` };
  } finally {
    db?.close();
  }
}

/**
 * Consistent online copy of `db` into `dest` with `VACUUM INTO`: it runs in ONE read transaction, so it is a snapshot
 * even while other processes write (WAL readers do not block writers, and unlike the paged backup API it never restarts
 * when another connection writes). Written to a temporary name, checked with integrity_check (and the hash chain when
 * `requireChain`), fsynced, then renamed into place: a backup that exists is complete.
 */
export function writeBackup(db: Database, dest: string, opts: { requireChain?: boolean; key?: Buffer | null } = {}): BackupResult {
  const target = path.resolve(dest);
  if (fs.existsSync(target)) {
    throw new AppError({ code: 'conflict', message: `备份目标已存在：${target}`, messageEn: `the backup destination exists: ${target}`, field: 'dest', rule: 'not-exists' });
  }
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const tmp = `${target}.tmp-${process.pid}-${Date.now()}`;
  try {
    db.prepare('VACUUM INTO ?').run(tmp);
    const key = opts.key !== undefined ? opts.key : (anchorOf(db)?.key ?? keyProviderFor(dest).load({ create: false }));
    const v = verifyFile(tmp, { asCopy: true, key });
    const sqliteOk = !v.problems.some((p) => p.startsWith('integrity_check') || p.startsWith('cannot read'));
    if (!sqliteOk || (opts.requireChain && !v.ok)) {
      throw new AppError({
        code: 'storage',
        message: `备份未通过校验（${v.reasonZh ?? v.reason ?? ''}），源数据库可能已损坏`,
        messageEn: `the backup failed verification (${v.reason ?? ''}); the source database may be damaged`,
        rule: 'backup-verify',
      });
    }
    fsyncPath(tmp);
    fs.renameSync(tmp, target);
    fsyncPath(path.dirname(target), true);
    return { path: target, bytes: fs.statSync(target).size, events: v.events, headHash: v.headHash, ...(v.anchor ? { head: v.anchor.head } : {}) };
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

/** Delete the oldest backups of `kind` beyond what KEEP allows. */
export function rotateBackups(dbPath: string, kind: BackupKind): string[] {
  const keep = KEEP[kind];
  const removed: string[] = [];
  listBackups(dbPath)
    .filter((b) => b.kind === kind)
    .slice(Number.isFinite(keep) ? keep : Number.MAX_SAFE_INTEGER)
    .forEach((b) => {
      fs.rmSync(b.path, { force: true });
      removed.push(b.path);
    });
  return removed;
}

/** Back up into `backups/` as `kind` and rotate. */
export function backupInto(db: Database, dbPath: string, kind: BackupKind, now: Date): BackupResult {
  const r = writeBackup(db, backupPath(dbPath, kind, now));
  rotateBackups(dbPath, kind);
  return r;
}

/** Free space a backup must leave on the disk, beyond its own size: the console must still be able to write. */
export const BACKUP_RESERVE_BYTES = 256 * 1024 * 1024;

function freeBytesOf(dir: string): number {
  try {
    const s = fs.statfsSync(dir);
    return s.bavail * s.bsize;
  } catch {
    return Infinity;
  }
}

/** Temporary files of backups that were interrupted (a crash, a kill, a full disk), left by a process that is gone. */
export function removeStaleTemps(dbPath: string): string[] {
  const dir = backupsDir(dbPath);
  const removed: string[] = [];
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return removed;
  }
  for (const n of names) {
    const m = /\.tmp-(\d+)-\d+$/.exec(n);
    if (!m || Number(m[1]) === process.pid) continue;
    let alive = true;
    try {
      process.kill(Number(m[1]), 0);
    } catch (e) {
      alive = (e as NodeJS.ErrnoException).code === 'EPERM';
    }
    if (!alive) {
      fs.rmSync(path.join(dir, n), { force: true });
      removed.push(n);
    }
  }
  return removed;
}

/**
 * The daily backup made at open: when no daily backup is younger than a day. Returns null when none was due, or when
 * the disk would be left with less than BACKUP_RESERVE_BYTES (a warning says so: the duty officer's writes come first).
 */
export function dailyBackupIfDue(db: Database, dbPath: string, now: Date, opts: { freeBytes?: (dir: string) => number } = {}): BackupResult | null {
  removeStaleTemps(dbPath);
  const newest = listBackups(dbPath).find((b) => b.kind === 'daily');
  if (newest && now.getTime() - Date.parse(newest.takenAt) < DAILY_MS) return null;
  const size = (db.pragma('page_count', { simple: true }) as number) * (db.pragma('page_size', { simple: true }) as number);
  const free = (opts.freeBytes ?? freeBytesOf)(path.dirname(path.resolve(dbPath)));
  if (free < size + BACKUP_RESERVE_BYTES) {
    process.emitWarning(
      `磁盘剩余空间不足（${Math.round(free / 1048576)} MB），未做每日备份，以免占满磁盘 / not enough free space (${Math.round(free / 1048576)} MB) for the daily backup of ${Math.round(size / 1048576)} MB: skipped so the disk is not filled`,
    );
    return null;
  }
  return backupInto(db, dbPath, 'daily', now);
}

/** The newest backup that passes verify (integrity_check and the hash chain), or null. */
export function newestGoodBackup(dbPath: string): (BackupInfo & { events: number }) | null {
  for (const b of listBackups(dbPath)) {
    const v = verifyFile(b.path);
    if (v.ok) return { ...b, events: v.events };
  }
  return null;
}

/** The message for a database SQLite reports as damaged: names the newest good backup and the restore command. */
export function corruptionError(dbPath: string, cause: unknown): AppError {
  const good = newestGoodBackup(dbPath);
  // SQLite's own report can run to pages (quick_check lists every bad cell): its start is enough for a person.
  const full = (cause as Error)?.message ?? String(cause);
  const detail = full.length > 160 ? `${full.slice(0, 160)}…` : full;
  const how = good
    ? {
        zh: `最新的完好备份：${good.path}（${good.takenAt}，${good.events} 条记录）。恢复命令：ercon --db "${dbPath}" restore "${good.path}"`,
        en: `Newest good backup: ${good.path} (${good.takenAt}, ${good.events} events). To restore: ercon --db "${dbPath}" restore "${good.path}"`,
      }
    : { zh: `在 ${backupsDir(dbPath)} 中没有找到完好的备份，请勿删除该文件并联系技术支持。`, en: `No good backup found in ${backupsDir(dbPath)}; do not delete the file, contact support.` };
  const err = new AppError({
    code: 'storage',
    message: `数据库文件已损坏（${detail}），已停止使用，未做任何修改。${how.zh}`,
    messageEn: `The database file is damaged (${detail}); it was not used or changed. ${how.en}`,
    rule: 'corrupt',
  });
  (err as Error & { cause?: unknown }).cause = cause;
  return err;
}

export function isCorruptionError(e: unknown): boolean {
  const code = (e as { code?: unknown })?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB');
}

export interface RestoreResult {
  restored: string;
  from: string;
  events: number;
  headHash: string | null;
  /** Where the database that was replaced was saved first (never silently lost); null when there was none. */
  previousSavedAs: string | null;
}

function refuse(zh: string, en: string, rule: string): AppError {
  return new AppError({ code: 'storage', message: zh, messageEn: en, rule, field: 'src' });
}

/**
 * `ercon restore <src>`: refuses a backup that fails verify (integrity_check or any hash link) or that a newer version
 * wrote; saves the current database into `backups/` as `pre-restore` first (a verified copy if it can be read, the raw
 * bytes otherwise); then copies the backup in through SQLite's backup API, so that other connections see the restored
 * content rather than a file swapped under them.
 */
export async function restoreDatabase(dbPath: string, src: string, knownMigrationIds: readonly number[], now: Date): Promise<RestoreResult> {
  const from = path.resolve(src);
  const target = path.resolve(dbPath);
  if (from === target) throw refuse('不能用数据库自身恢复自身', 'cannot restore a database from itself', 'distinct');
  const key = keyProviderFor(target).load({ create: false });
  const v = verifyFile(from, { asCopy: true, key });
  if (!v.ok) {
    throw refuse(
      `拒绝恢复：备份 ${from} 未通过校验（${v.reasonZh ?? v.reason}${v.firstBrokenSeq !== null ? `，第一处断链在第 ${v.firstBrokenSeq} 条` : ''}），未做任何修改`,
      `restore refused: the backup ${from} fails verify (${v.reason}${v.firstBrokenSeq !== null ? `; first broken seq ${v.firstBrokenSeq}` : ''}); nothing was changed`,
      'verify',
    );
  }
  const srcDb = openReadOnly(from);
  try {
    const hasTable = srcDb.prepare("SELECT count(*) FROM sqlite_master WHERE type='table' AND name='schema_migrations'").pluck().get() === 1;
    const ids = hasTable ? (srcDb.prepare('SELECT id FROM schema_migrations').pluck().all() as number[]) : [];
    const unknown = ids.filter((id) => !knownMigrationIds.includes(id));
    if (unknown.length) {
      throw refuse(
        `拒绝恢复：备份由更新版本写入（迁移 ${unknown.join(', ')}），未做任何修改`,
        `restore refused: the backup was written by a newer version (migrations ${unknown.join(', ')}); nothing was changed`,
        'schema-newer',
      );
    }
    let previousSavedAs: string | null = null;
    if (fs.existsSync(target)) {
      const dest = backupPath(target, 'pre-restore', now);
      try {
        const cur = new BetterSqlite3(target, { fileMustExist: true });
        try {
          previousSavedAs = writeBackup(cur, dest).path;
        } finally {
          cur.close();
        }
      } catch {
        // Unreadable (damaged) database: keep its raw bytes, WAL included, under the same name.
        fs.mkdirSync(path.dirname(dest), { recursive: true });
        fs.copyFileSync(target, dest);
        if (fs.existsSync(`${target}-wal`)) fs.copyFileSync(`${target}-wal`, `${dest}-wal`);
        previousSavedAs = dest;
      }
    }
    try {
      await srcDb.backup(target);
    } catch {
      // The target could not take pages through SQLite (not a database any more): it is saved above; replace the file.
      for (const f of [target, `${target}-wal`, `${target}-shm`]) fs.rmSync(f, { force: true });
      await srcDb.backup(target);
    }
    // The restored head is the new witness: the roll-back is deliberate (and the replaced database is kept above).
    if (key) {
      const restored = openReadOnly(target);
      try {
        writeWitness(target, key, headOf(restored));
      } finally {
        restored.close();
      }
    }
    const after = verifyFile(target, { key });
    if (!after.ok) throw refuse(`恢复后校验失败：${after.reasonZh ?? after.reason}`, `verify failed after restore: ${after.reason}`, 'verify-after');
    return { restored: target, from, events: after.events, headHash: after.headHash, previousSavedAs };
  } finally {
    srcDb.close();
  }
}
