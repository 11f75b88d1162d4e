import fs from 'node:fs';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { AppError } from '../../../shared/api/errors';
import { corruptionError, newestGoodBackup, openReadOnly as openFileReadOnly } from '../log/backup';
import { keyProviderFor } from '../log/key';
import { attachWitness } from '../log/witness';
import type { ReadOnlyState } from '../handlers/types';
import { openDatabase, type OpenOptions } from './database';

/**
 * Faults contained (issue 13): a database the console cannot or must not write is opened read-only and announced,
 * never written. Read-only file or disk → `read-only-file`; damaged (quick_check / integrity_check at start-up, or
 * SQLITE_CORRUPT at run time) → `corrupt`, with the newest good backup and the restore command.
 */
function writable(p: string): boolean {
  try {
    fs.accessSync(p, fs.constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

export function readOnlyFileState(dbPath: string, why?: string): ReadOnlyState {
  const detail = why ? `（${why}）` : '';
  return {
    reason: 'read-only-file',
    message: `数据库文件或其所在磁盘是只读的${detail}：以只读方式打开，可以查看，不能写入，未写入任何内容。${dbPath}`,
    messageEn: `the database file or its disk is read-only${why ? ` (${why})` : ''}: opened read-only, nothing can be or was written. ${dbPath}`,
  };
}

export function corruptState(dbPath: string, cause: unknown): ReadOnlyState {
  const e = corruptionError(dbPath, cause);
  const good = newestGoodBackup(dbPath);
  return {
    reason: 'corrupt',
    message: `${e.body.message}在恢复之前以只读方式运行，不会向损坏的文件写入任何内容。`,
    messageEn: `${e.body.messageEn} Running read-only until it is restored: nothing is written into the damaged file.`,
    newestGoodBackup: good?.path ?? null,
    restoreCommand: good ? `ercon --db "${dbPath}" restore "${good.path}"` : null,
  };
}

/** The error a writing command gets while the core is read-only. */
export function readOnlyError(state: ReadOnlyState): AppError {
  return new AppError({ code: 'storage', message: state.message, messageEn: state.messageEn, rule: state.reason === 'corrupt' ? 'corrupt' : 'read-only' });
}

/** Read-only, with the data folder's key and witness known to verify (never written). */
function openReadOnly(dbPath: string): Database {
  const db = openFileReadOnly(dbPath);
  const key = keyProviderFor(dbPath).load({ create: false });
  if (key) attachWitness(db, dbPath, key, false);
  return db;
}

/**
 * Open for the core: read-write when possible; read-only (announced) when the file, its folder or its disk cannot be
 * written, or when the start-up check finds it damaged and it can still be read. A file SQLite cannot read at all
 * (not a database) still fails with the corruption message naming the backup.
 */
export function openForCore(dbPath: string, open: OpenOptions = {}): { db: Database; readOnly: ReadOnlyState | null } {
  const onDisk = dbPath !== ':memory:' && dbPath !== '';
  if (onDisk && !open.readonly && fs.existsSync(dbPath) && (!writable(dbPath) || !writable(path.dirname(path.resolve(dbPath))))) {
    return { db: openReadOnly(dbPath), readOnly: readOnlyFileState(dbPath, writable(dbPath) ? 'folder not writable' : 'file not writable') };
  }
  try {
    return { db: openDatabase(dbPath, open), readOnly: null };
  } catch (e) {
    if (!onDisk || !fs.existsSync(dbPath)) throw e;
    const code = String((e as { code?: unknown; cause?: { code?: unknown } }).code ?? '');
    const causeCode = String(((e as { cause?: { code?: unknown } }).cause?.code as string | undefined) ?? '');
    if (/^SQLITE_READONLY|^SQLITE_CANTOPEN/.test(code) || /^SQLITE_READONLY|^EROFS|^EACCES/.test(causeCode)) {
      return { db: openReadOnly(dbPath), readOnly: readOnlyFileState(dbPath, code || causeCode) };
    }
    if (e instanceof AppError && e.body.rule === 'corrupt') {
      let db: Database;
      try {
        db = openReadOnly(dbPath);
        db.prepare('SELECT count(*) FROM sqlite_master').get();
      } catch {
        throw e;
      }
      return { db, readOnly: corruptState(dbPath, (e as Error & { cause?: unknown }).cause ?? e) };
    }
    throw e;
  }
}
