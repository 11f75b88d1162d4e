import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { AppError } from '../../../shared/api/errors';
import { backupInto, corruptionError, dailyBackupIfDue, isCorruptionError } from '../log/backup';
import { keyProviderFor, memoryKeyProvider, type KeyProvider } from '../log/key';
import { registerSealFunctions } from '../log/seal';
import { attachWitness, checkAgainstWitness, readWitness, recordHead, type WitnessFinding } from '../log/witness';
import { migrations as allMigrations, type Migration } from './migrations';

export type { Database } from 'better-sqlite3';

export interface OpenOptions {
  /** Open without writing anything: no migrations, query_only. */
  readonly?: boolean;
  /** For tests of the migration runner. */
  migrations?: readonly Migration[];
  /** Called before the first pending migration is applied to an existing database (the backup hook). */
  beforeMigrate?: (db: Database, pending: readonly Migration[]) => void;
  /** busy_timeout in ms, so the CLI and a running console can share the file. */
  busyTimeoutMs?: number;
  /**
   * Automatic backups into `backups/` beside the file (default on for a file opened read-write): a verified copy before
   * the first pending migration of an existing database, and a daily one at open when the newest is older than a day.
   */
  backups?: boolean;
  /** "Now" for backup names and the daily check (the core passes its clock). */
  now?: () => Date;
  /** Where the log's MAC key comes from (default: `log.key` in the data folder; in memory for `:memory:`). */
  keyProvider?: KeyProvider;
}

const startupFindings = new WeakMap<Database, WitnessFinding[]>();
/** What the start-up comparison with the head witness found (empty when the chain reaches the witnessed head). */
export function anchorFindingsAtOpen(db: Database): WitnessFinding[] {
  return startupFindings.get(db) ?? [];
}

export function storageError(zh: string, en: string, cause?: unknown): AppError {
  const err = new AppError({ code: 'storage', message: zh, messageEn: en });
  if (cause !== undefined) (err as Error & { cause?: unknown }).cause = cause;
  return err;
}

/**
 * Open (creating if needed) the console's SQLite file with the durability settings the log relies on:
 * WAL, synchronous=FULL (a commit is on disk before the command answers), foreign keys, a busy timeout.
 * Applies pending migrations in one transaction each; refuses a database written by a newer version.
 */
export function openDatabase(file: string, opts: OpenOptions = {}): Database {
  const list = opts.migrations ?? allMigrations;
  if (file !== ':memory:') {
    const dir = path.dirname(path.resolve(file));
    if (!opts.readonly) {
      try {
        fs.mkdirSync(dir, { recursive: true });
      } catch (e) {
        throw storageError(`无法创建数据目录 ${dir}`, `cannot create the data folder ${dir}`, e);
      }
    }
  }
  const onDisk = file !== ':memory:' && file !== '';
  const existed = onDisk && fs.existsSync(file) && fs.statSync(file).size > 0;
  const backups = onDisk && !opts.readonly && opts.backups !== false;
  const now = opts.now ?? (() => new Date());
  let db: Database;
  try {
    db = new BetterSqlite3(file, { readonly: !!opts.readonly, fileMustExist: !!opts.readonly });
  } catch (e) {
    throw storageError(`无法打开数据库 ${file}：${(e as Error).message}`, `cannot open database ${file}: ${(e as Error).message}`, e);
  }
  const provider = opts.keyProvider ?? (onDisk ? keyProviderFor(file) : memoryKeyProvider());
  const key = provider.load({ create: !opts.readonly });
  try {
    if (!opts.readonly && !key) {
      throw storageError(`无法读取或创建日志密钥：${provider.where}`, `cannot read or create the log key: ${provider.where}`);
    }
    // The seal triggers call these; a connection without them (sqlite3, a script) cannot write a sealed table.
    if (key) registerSealFunctions(db, key);
    if (!opts.readonly) immediateByDefault(db);
    db.pragma(`busy_timeout = ${opts.busyTimeoutMs ?? 5000}`);
    // Refuse a newer database BEFORE anything could write to it (even switching the journal mode rewrites the header).
    refuseNewer(db, list);
    // Damaged? quick_check at every start, the full integrity_check when the last run did not close cleanly.
    if (onDisk && !opts.readonly) startupCheck(db, file);
    if (!opts.readonly) {
      db.pragma('journal_mode = WAL');
      // synchronous=FULL: in WAL mode every commit fsyncs the WAL before it returns, so an answered command survives
      // power loss (NORMAL would only survive a process crash). Its cost is measured in test/bench/log.bench.ts.
      db.pragma('synchronous = FULL');
    }
    db.pragma('foreign_keys = ON');
    const userHook = opts.beforeMigrate;
    const beforeMigrate =
      backups && existed
        ? (d: Database, pending: readonly Migration[]) => {
            backupInto(d, file, 'pre-migration', now());
            userHook?.(d, pending);
          }
        : userHook;
    migrate(db, list, { ...opts, ...(beforeMigrate ? { beforeMigrate } : {}) });
    if (backups && existed) dailyBackup(db, file, now());
    if (onDisk && !opts.readonly && key) anchor(db, file, key);
    return db;
  } catch (e) {
    db.close();
    if (isCorruptionError(e) || (e instanceof AppError && e.body.rule === 'backup-verify')) throw corruptionError(file, e);
    throw e;
  }
}

/**
 * Every transaction on a console connection is IMMEDIATE unless asked otherwise: `db.transaction(fn)()` takes the write
 * lock at BEGIN. A deferred transaction that reads and then writes cannot wait for another writer: when that writer
 * commits first, SQLite answers SQLITE_BUSY at once (the snapshot is stale; no busy timeout helps). That was 4.7 % of
 * ledger saves with two serve shells on one file. Nested calls stay savepoints, as better-sqlite3 makes them.
 */
function immediateByDefault(db: Database): void {
  const make = db.transaction.bind(db);
  db.transaction = ((fn: (...args: never[]) => unknown) => {
    const t = make(fn);
    const run = ((...args: never[]) => t.immediate(...args)) as typeof t;
    return Object.assign(run, { default: t.immediate, deferred: t.deferred, immediate: t.immediate, exclusive: t.exclusive });
  }) as typeof db.transaction;
}

const markerRe = /\.open-(\d+)$/;
/** One marker file per process that has the database open (`console.sqlite.open-<pid>`); removed at a clean close. */
function startupCheck(db: Database, file: string): void {
  const dir = path.dirname(path.resolve(file));
  const base = path.basename(file);
  const stale = uncleanMarkers(file).map((n) => path.join(dir, n));
  const unclean = stale.length > 0;
  const pragma = unclean ? 'integrity_check' : 'quick_check';
  const lines = (db.pragma(pragma) as Array<Record<string, string>>).map((r) => Object.values(r)[0]);
  if (lines.length !== 1 || lines[0] !== 'ok') {
    throw Object.assign(new Error(`${pragma}: ${lines.slice(0, 3).join('; ')}`), { code: 'SQLITE_CORRUPT' });
  }
  for (const m of stale) fs.rmSync(m, { force: true });
  const mine = path.join(dir, `${base}.open-${process.pid}`);
  try {
    fs.writeFileSync(mine, new Date().toISOString());
  } catch {
    return;
  }
  const close = db.close.bind(db);
  db.close = () => {
    const r = close();
    fs.rmSync(mine, { force: true });
    return r;
  };
}

/** Whether the process `pid` is running (this one counts as running). */
export function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether the last run on `file` closed cleanly (no marker of a process that is gone). Exposed for tests. */
export function uncleanMarkers(file: string): string[] {
  const dir = path.dirname(path.resolve(file));
  const base = path.basename(file);
  try {
    return fs.readdirSync(dir).filter((n) => n.startsWith(`${base}.open-`) && markerRe.test(n) && !processAlive(Number(markerRe.exec(n)![1])));
  } catch {
    return [];
  }
}

/**
 * Compare the chain with its head witness at start-up (a cut tail or a rewritten chain is announced, and the witness is
 * left as evidence), then keep the witness at every commit the core makes and when the connection closes.
 */
function anchor(db: Database, file: string, key: Buffer): void {
  const findings = checkAgainstWitness(db, readWitness(file, key));
  startupFindings.set(db, findings);
  for (const f of findings) process.emitWarning(`${f.zh} / ${f.en}`);
  attachWitness(db, file, key);
  recordHead(db);
  const close = db.close.bind(db);
  db.close = () => {
    recordHead(db);
    return close();
  };
}

/** The daily backup is best effort unless it finds the database damaged: a full backup folder must not stop the duty officer. */
function dailyBackup(db: Database, file: string, now: Date): void {
  try {
    dailyBackupIfDue(db, file, now);
  } catch (e) {
    if (isCorruptionError(e) || (e instanceof AppError && e.body.rule === 'backup-verify')) throw e;
    process.emitWarning(`每日自动备份失败 / daily backup failed: ${(e as Error).message}`);
  }
}

function refuseNewer(db: Database, list: readonly Migration[]): void {
  const known = new Set(list.map((m) => m.id));
  const unknown = appliedMigrationIds(db).filter((id) => !known.has(id));
  if (unknown.length) {
    throw storageError(
      `该数据库由更新版本的应急值守台写入（迁移 ${unknown.join(', ')}），本版本不能打开，也不会修改它。请升级程序。`,
      `this database was written by a newer version (migrations ${unknown.join(', ')}); it was not opened or changed. Upgrade the console.`,
    );
  }
}

export function appliedMigrationIds(db: Database): number[] {
  const has = db.prepare("SELECT 1 FROM sqlite_master WHERE type='table' AND name='schema_migrations'").get();
  if (!has) return [];
  return (db.prepare('SELECT id FROM schema_migrations ORDER BY id').all() as { id: number }[]).map((r) => r.id);
}

export function schemaVersion(db: Database): number {
  const ids = appliedMigrationIds(db);
  return ids.length ? Math.max(...ids) : 0;
}

function migrate(db: Database, list: readonly Migration[], opts: OpenOptions): void {
  const known = new Set(list.map((m) => m.id));
  const applied = appliedMigrationIds(db);
  const unknown = applied.filter((id) => !known.has(id));
  if (unknown.length) {
    throw storageError(
      `该数据库由更新版本的应急值守台写入（迁移 ${unknown.join(', ')}），本版本不能打开，也不会修改它。请升级程序。`,
      `this database was written by a newer version (migrations ${unknown.join(', ')}); it was not opened or changed. Upgrade the console.`,
    );
  }
  const done = new Set(applied);
  const pending = list.filter((m) => !done.has(m.id));
  if (!pending.length) return;
  if (opts.readonly) {
    throw storageError('数据库需要升级，但以只读方式打开', 'the database needs migrations but was opened read-only');
  }
  if (applied.length && opts.beforeMigrate) opts.beforeMigrate(db, pending);
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    id INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT`);
  const record = db.prepare('INSERT INTO schema_migrations (id, name, applied_at) VALUES (?, ?, ?)');
  for (const m of pending) {
    db.transaction(() => {
      m.up(db);
      record.run(m.id, m.name, new Date().toISOString());
    }).immediate();
  }
}
