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
}

/** The input after its schema has parsed it (defaults filled in). */
export type ParsedInput<N extends CommandName> = z.output<Commands[N]['input']>;

export type Handler<N extends CommandName> = (
  input: ParsedInput<N>,
  ctx: CallContext,
  services: CoreServices,
) => CommandOutput<N> | Promise<CommandOutput<N>>;

export type HandlerTable<Names extends CommandName> = { [N in Names]: Handler<N> };
