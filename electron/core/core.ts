import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { AppError, type AppErrorBody, checkInputText, commands, isCommandName, parseOrThrow, type CommandName, type CommandOutput } from '../../shared/api';
import { createChangeFeed, type ChangeListener } from './changes';
import { systemClock, type Clock } from './clock';
import { anchorFindingsAtOpen, type OpenOptions } from './db/database';
import { corruptState, openForCore, readOnlyError } from './db/contain';
import { isCorruptionError } from './log/backup';
import { handlers } from './handlers';
import { sweepStaleImports } from './map/importStaging';
import { closeTileReaders, readTile, type Tile } from './map/tiles';
import type { CallContext, CoreServices } from './handlers/types';
import { defaultDbPath } from './paths';
import { createPlanRegistry } from '../../shared/plans';
import { createPlanEngine } from './log/planEngine';
import { loadPlanOverrides, planOverridesDir } from './plans/overrides';
import { APP_VERSION } from './version';
import { recordHead } from './log/witness';
import { authorise } from './people/authorise';

export interface CoreOptions {
  dbPath?: string;
  clock?: Clock;
  open?: OpenOptions;
  /**
   * busy_timeout once the database is open. better-sqlite3 waits for a lock synchronously, so the serve shell sets it
   * short (its event loop must keep answering, health included) and lets the core retry instead (`busyRetryMs`).
   */
  busyTimeoutMs?: number;
  /** How long a command that met SQLITE_BUSY is retried, asynchronously with backoff (default 60 s). */
  busyRetryMs?: number;
}

const isBusy = (e: unknown) => /^SQLITE_BUSY|^SQLITE_LOCKED/.test(String((e as { code?: unknown })?.code ?? ''));

export interface Core {
  readonly services: CoreServices;
  /** Validate, run and answer one command. Throws AppError; a failed command has written nothing. */
  invoke<N extends CommandName>(name: N, input: unknown, ctx: CallContext): Promise<CommandOutput<N>>;
  /** The same, for callers that hold an untrusted name (HTTP path, IPC message). */
  invokeUnknown(name: unknown, input: unknown, ctx: CallContext): Promise<unknown>;
  /** One offline basemap tile (XYZ), for the shells' tiles:// and /tiles routes; null outside coverage. */
  readTile(set: string, z: number, x: number, y: number): Tile | null;
  /** A folder the person picked in a file dialog (desktop app): clients may then name files in it (paths.ts). */
  allowPickedFolder(dir: string): void;
  /** Called after every committed write (see changes.ts); returns the unsubscribe. */
  onChange(listener: ChangeListener): () => void;
  close(): void;
}

export function createCore(opts: CoreOptions = {}): Core {
  const dbPath = opts.dbPath ?? defaultDbPath();
  const opened = openForCore(dbPath, opts.open);
  const db: Database = opened.db;
  const overridesDir = planOverridesDir(dbPath);
  const plans = createPlanRegistry();
  const planOverrides = { dir: overridesDir, ...(dbPath === ':memory:' ? { loaded: [], refused: [] } : loadPlanOverrides(overridesDir, plans)) };
  for (const r of planOverrides.refused) process.stderr.write(`预案文件未采用 / plan file refused: ${r.file}: ${r.message}\n`);
  const services: CoreServices = {
    db,
    dbPath,
    clock: opts.clock ?? systemClock,
    version: APP_VERSION,
    planOverrides,
    plans,
    logEngine: createPlanEngine(plans),
    readOnly: opened.readOnly,
    anchorFindings: anchorFindingsAtOpen(db),
  };
  // A map import that a crash or a kill -9 interrupted left staged rows that nothing reads (map/importStaging.ts):
  // removed here, before anything else writes. Best effort: a locked or damaged file must not stop the start.
  if (!opened.readOnly) {
    try {
      sweepStaleImports(db);
    } catch (e) {
      process.emitWarning(`未能清理中断的导入 / could not sweep interrupted imports: ${(e as Error).message}`);
    }
  }
  if (opts.busyTimeoutMs !== undefined) db.pragma(`busy_timeout = ${Math.max(0, Math.floor(opts.busyTimeoutMs))}`);
  const busyRetryMs = opts.busyRetryMs ?? 60_000;
  if (opened.readOnly) process.stderr.write(`${opened.readOnly.message}\n${opened.readOnly.messageEn}\n`);
  let closed = false;
  const changes = createChangeFeed();

  async function invokeUnknown(name: unknown, input: unknown, ctx: CallContext): Promise<unknown> {
    if (closed) throw new AppError({ code: 'internal', message: '核心服务已关闭', messageEn: 'the core is closed' });
    if (!isCommandName(name)) {
      throw new AppError({
        code: 'unknown-command',
        message: `没有名为 ${String(name)} 的命令`,
        messageEn: `no command named ${String(name)}`,
        field: 'name',
      });
    }
    const spec = commands[name];
    // Who is calling, and may they (before anything else is looked at): shared/api/permissions.ts.
    const who = authorise(name, ctx, services);
    // Text the log cannot keep faithfully (lone surrogates, control characters) and hostile nesting are refused at the
    // boundary, before the schema walks the input (shared/api/validate.ts).
    checkInputText(input);
    const parsed = parseOrThrow(spec.input, input ?? {});
    const handler = handlers[name] as (i: unknown, c: CallContext, s: CoreServices) => unknown;
    // Read-only (a read-only file or disk, or a damaged database): nothing that writes runs.
    if (services.readOnly && spec.mutates) throw readOnlyError(services.readOnly);
    let result: unknown;
    try {
      result = await runRetryingBusy(() => handler(parsed, who, services), busyRetryMs);
      // The head witness beside the database follows every commit (a no-op when nothing moved).
      recordHead(db);
    } catch (e) {
      // SQLITE_CORRUPT at run time: from now on the core is read-only, and the answer names the good backup.
      if (isCorruptionError(e) && dbPath !== ':memory:') {
        services.readOnly = corruptState(dbPath, e);
        // query_only: SQLite itself now refuses every write on this connection, whatever command attempts it.
        db.pragma('query_only = ON');
        throw readOnlyError(services.readOnly);
      }
      // A write refused because the core is read-only answers with the banner's message, not a bare SQLITE_READONLY.
      if (services.readOnly && /^SQLITE_READONLY/.test(String((e as { code?: unknown })?.code ?? ''))) throw readOnlyError(services.readOnly);
      throw toAppError(e);
    }
    if (spec.mutates) changes.emit(name, parsed, result);
    return result;
  }

  return {
    services,
    invoke: (name, input, ctx) => invokeUnknown(name, input, ctx) as Promise<never>,
    invokeUnknown,
    readTile: (set, z, x, y) => readTile(services, set, z, x, y),
    allowPickedFolder(dir) {
      (services.pickedFolders ??= new Set()).add(path.resolve(dir));
    },
    onChange: changes.subscribe,
    close() {
      if (!closed) {
        closed = true;
        closeTileReaders(db);
        db.close();
      }
    },
  };
}

/**
 * Run a command; while it fails with SQLITE_BUSY (another process holds the write lock: a CLI import, a second serve
 * shell), wait without blocking the event loop and run it again. A failed attempt has written nothing (its transaction
 * rolled back), so running it again is safe; the person never sees BUSY unless the lock is held past `retryMs`.
 */
export async function runRetryingBusy<T>(run: () => T | Promise<T>, retryMs: number): Promise<T> {
  const started = Date.now();
  for (let attempt = 0; ; attempt++) {
    try {
      return await run();
    } catch (e) {
      if (!isBusy(e) || Date.now() - started >= retryMs) throw e;
      const wait = Math.min(250, 5 * 2 ** Math.min(attempt, 6)) * (0.5 + Math.random());
      await new Promise((r) => setTimeout(r, wait));
    }
  }
}

/** Longest message an answer carries: an error never echoes a huge input back (a path, a name, a file's text). */
export const MAX_MESSAGE_CHARS = 1000;

function clamped(e: AppError): AppError {
  const b = e.body;
  const cut = (m: string) => (m.length > MAX_MESSAGE_CHARS ? `${m.slice(0, MAX_MESSAGE_CHARS)}…` : m);
  const field = b.field && b.field.length > 200 ? `${b.field.slice(0, 200)}…` : b.field;
  if (b.message.length <= MAX_MESSAGE_CHARS && b.messageEn.length <= MAX_MESSAGE_CHARS && field === b.field) return e;
  return new AppError({ ...b, message: cut(b.message), messageEn: cut(b.messageEn), ...(field !== undefined ? { field } : {}) });
}

/** Anything thrown below the contract becomes an AppError; SQLite's own errors become `storage` errors. */
export function toAppError(e: unknown): AppError {
  if (e instanceof AppError) return clamped(e);
  const err = e as { code?: unknown; message?: unknown };
  const msg = typeof err?.message === 'string' ? err.message : String(e);
  if (typeof err?.code === 'string' && err.code.startsWith('SQLITE_')) {
    const zh: Record<string, string> = {
      SQLITE_READONLY: '数据库是只读的，未写入任何内容',
      SQLITE_FULL: '磁盘已满，未写入任何内容',
      SQLITE_BUSY: '数据库正被占用，请稍后重试，未写入任何内容',
      SQLITE_CORRUPT: '数据库文件已损坏，请从备份恢复',
      SQLITE_IOERR: '磁盘读写错误，未写入任何内容',
    };
    const key = Object.keys(zh).find((k) => (err.code as string).startsWith(k));
    return new AppError({
      code: 'storage',
      message: `${key ? zh[key] : '数据库错误'}（${err.code}）`,
      messageEn: `${msg} (${err.code})`,
      rule: err.code,
    });
  }
  const fsCode = typeof err?.code === 'string' && /^E[A-Z]+$/.test(err.code) ? err.code : null;
  if (fsCode && FS_ERRORS[fsCode]) {
    const [code, zh] = FS_ERRORS[fsCode];
    return new AppError({ code, message: `${zh}，未完成（${fsCode}）`, messageEn: `${short(msg)} (${fsCode})`, rule: fsCode });
  }
  return new AppError({ code: 'internal', message: `内部错误：${short(msg)}`, messageEn: `internal error: ${short(msg)}` });
}

/** A message quotes at most this much of what it is about (a path or an input may be huge). */
const short = (m: string) => (m.length > 300 ? `${m.slice(0, 300)}…` : m);

/** File-system errors a command can meet with a path it was given, or on a full or read-only disk. */
const FS_ERRORS: Record<string, ['invalid-input' | 'storage', string]> = {
  ENAMETOOLONG: ['invalid-input', '文件名太长'],
  ENOENT: ['invalid-input', '文件或文件夹不存在'],
  ENOTDIR: ['invalid-input', '路径中有一段不是文件夹'],
  EISDIR: ['invalid-input', '这是文件夹，不是文件'],
  EEXIST: ['invalid-input', '文件已存在'],
  EACCES: ['storage', '没有权限写入或读取该位置'],
  EPERM: ['storage', '没有权限写入或读取该位置'],
  EROFS: ['storage', '磁盘是只读的'],
  ENOSPC: ['storage', '磁盘已满'],
  EIO: ['storage', '磁盘读写错误'],
};

export function errorBody(e: unknown): AppErrorBody {
  return toAppError(e).body;
}
