import type { Database } from 'better-sqlite3';
import type { z } from 'zod';
import type { CommandName, CommandOutput, Commands } from '../../../shared/api';
import type { PlanRegistry } from '../../../shared/engine';
import type { LogEngine } from '../log/engine';
import type { Clock } from '../clock';
import type { PlanOverrideReport } from '../plans/overrides';

/** Who is calling, as the shell knows it. Recorded as `actor` on events. */
export interface CallContext {
  actor: string;
  transport: 'electron' | 'http' | 'cli' | 'test';
  /** A long job (an import) reports how far it is; the shells show it as a progress bar. Optional. */
  progress?(done: number, total: number): void;
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
