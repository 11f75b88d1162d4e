import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { AppError } from '../../../shared/api/errors';
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
  let db: Database;
  try {
    db = new BetterSqlite3(file, { readonly: !!opts.readonly, fileMustExist: !!opts.readonly });
  } catch (e) {
    throw storageError(`无法打开数据库 ${file}：${(e as Error).message}`, `cannot open database ${file}: ${(e as Error).message}`, e);
  }
  try {
    db.pragma(`busy_timeout = ${opts.busyTimeoutMs ?? 5000}`);
    if (!opts.readonly) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
    }
    db.pragma('foreign_keys = ON');
    migrate(db, list, opts);
    return db;
  } catch (e) {
    db.close();
    throw e;
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
