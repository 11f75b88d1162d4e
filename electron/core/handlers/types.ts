import type { Database } from 'better-sqlite3';
import type { z } from 'zod';
import type { CommandName, CommandOutput, Commands, PersonView } from '../../../shared/api';
import type { PlanRegistry } from '../../../shared/engine';
import type { LogEngine } from '../log/engine';
import type { Clock } from '../clock';
import type { PlanOverrideReport } from '../plans/overrides';

/**
 * Who is calling. The shell passes the session token it keeps for the connection (`session`); the core resolves it to
 * the signed-in person (`person`) and sets `actor` from that person (the actor string every record keeps), so no
 * client-supplied name is trusted. The CLI, the administrator's tool on the machine itself, writes as `cli:<OS account>`.
 */
export interface CallContext {
  actor: string;
  transport: 'electron' | 'http' | 'cli' | 'test';
  /** The session token of the connection (HTTP cookie, or the desktop window's), when signed in. */
  session?: string;
  /** Set by the core from `session`: the signed-in person. Tests may set it directly. */
  person?: PersonView | null;
  /** Where the call came from (remote address), for the sign-in log. */
  from?: string;
  /** A long job (an import) reports how far it is; the shells show it as a progress bar. Optional. */
  progress?(done: number, total: number): void;
}

/** The part of a CallContext that crosses a process or thread boundary (the job worker, the desktop core process). */
export type WireContext = Pick<CallContext, 'actor' | 'transport' | 'session' | 'from'>;

/** The session and origin of `ctx`, for a message to another thread or process. */
export function wireContext(ctx: WireContext): WireContext {
  return { actor: ctx.actor, transport: ctx.transport, ...(ctx.session ? { session: ctx.session } : {}), ...(ctx.from ? { from: ctx.from } : {}) };
}

/** What every handler gets: the open database, the clock and the core's facts. */
export interface CoreServices {
  db: Database;
  dbPath: string;
  clock: Clock;
  version: string;
  /** Office-edited plans loaded at start-up (see electron/core/plans/overrides.ts). */
  planOverrides: PlanOverrideReport & { dir: string };
  /** Every plan version this core knows, built-in and office-edited (one registry per core, never module state). */
  plans: PlanRegistry;
  /** The incident log's engine over `plans`. */
  logEngine: LogEngine;
  /**
   * Set when the core runs read-only: the file or its disk cannot be written, or the database was found damaged (at
   * start-up or by a read that met SQLITE_CORRUPT). Every command that writes is then refused with this message.
   */
  readOnly?: ReadOnlyState | null;
  /** Folders the person picked in a desktop file dialog: a client may name files there (see paths.ts clientPath). */
  pickedFolders?: Set<string>;
  /** What the start-up comparison with the head witness found (a cut or rewritten chain), for the status banner. */
  anchorFindings?: Array<{ en: string; zh: string }>;
}

export interface ReadOnlyState {
  reason: 'read-only-file' | 'corrupt';
  message: string;
  messageEn: string;
  /** The newest backup that passes verify, when the database is damaged. */
  newestGoodBackup?: string | null;
  restoreCommand?: string | null;
}

/** The input after its schema has parsed it (defaults filled in). */
export type ParsedInput<N extends CommandName> = z.output<Commands[N]['input']>;

export type Handler<N extends CommandName> = (
  input: ParsedInput<N>,
  ctx: CallContext,
  services: CoreServices,
) => CommandOutput<N> | Promise<CommandOutput<N>>;

export type HandlerTable<Names extends CommandName> = { [N in Names]: Handler<N> };
