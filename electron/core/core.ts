import type { Database } from 'better-sqlite3';
import { AppError, type AppErrorBody, commands, isCommandName, parseOrThrow, type CommandName, type CommandOutput } from '../../shared/api';
import { createChangeFeed, type ChangeListener } from './changes';
import { systemClock, type Clock } from './clock';
import { openDatabase, type OpenOptions } from './db/database';
import { handlers } from './handlers';
import { closeTileReaders, readTile, type Tile } from './map/tiles';
import type { CallContext, CoreServices } from './handlers/types';
import { defaultDbPath } from './paths';
import { loadPlanOverrides, planOverridesDir, unloadPlanOverrides } from './plans/overrides';
import { APP_VERSION } from './version';

export interface CoreOptions {
  dbPath?: string;
  clock?: Clock;
  open?: OpenOptions;
}

export interface Core {
  readonly services: CoreServices;
  /** Validate, run and answer one command. Throws AppError; a failed command has written nothing. */
  invoke<N extends CommandName>(name: N, input: unknown, ctx: CallContext): Promise<CommandOutput<N>>;
  /** The same, for callers that hold an untrusted name (HTTP path, IPC message). */
  invokeUnknown(name: unknown, input: unknown, ctx: CallContext): Promise<unknown>;
  /** One offline basemap tile (XYZ), for the shells' tiles:// and /tiles routes; null outside coverage. */
  readTile(set: string, z: number, x: number, y: number): Tile | null;
  /** Called after every committed write (see changes.ts); returns the unsubscribe. */
  onChange(listener: ChangeListener): () => void;
  close(): void;
}

export function createCore(opts: CoreOptions = {}): Core {
  const dbPath = opts.dbPath ?? defaultDbPath();
  const db: Database = openDatabase(dbPath, opts.open);
  const overridesDir = planOverridesDir(dbPath);
  const planOverrides = { dir: overridesDir, ...(dbPath === ':memory:' ? { loaded: [], refused: [] } : loadPlanOverrides(overridesDir)) };
  for (const r of planOverrides.refused) process.stderr.write(`预案文件未采用 / plan file refused: ${r.file}: ${r.message}\n`);
  const services: CoreServices = { db, dbPath, clock: opts.clock ?? systemClock, version: APP_VERSION, planOverrides };
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
    const parsed = parseOrThrow(spec.input, input ?? {});
    const handler = handlers[name] as (i: unknown, c: CallContext, s: CoreServices) => unknown;
    let result: unknown;
    try {
      result = await handler(parsed, ctx, services);
    } catch (e) {
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
    onChange: changes.subscribe,
    close() {
      if (!closed) {
        closed = true;
        closeTileReaders(db);
        unloadPlanOverrides(planOverrides);
        db.close();
      }
    },
  };
}

/** Anything thrown below the contract becomes an AppError; SQLite's own errors become `storage` errors. */
export function toAppError(e: unknown): AppError {
  if (e instanceof AppError) return e;
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
  return new AppError({ code: 'internal', message: `内部错误：${msg}`, messageEn: `internal error: ${msg}` });
}

export function errorBody(e: unknown): AppErrorBody {
  return toAppError(e).body;
}
