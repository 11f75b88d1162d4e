import type { Database } from 'better-sqlite3';
import type { z } from 'zod';
import type { CommandName, CommandOutput, Commands } from '../../../shared/api';
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
}

/** The input after its schema has parsed it (defaults filled in). */
export type ParsedInput<N extends CommandName> = z.output<Commands[N]['input']>;

export type Handler<N extends CommandName> = (
  input: ParsedInput<N>,
  ctx: CallContext,
  services: CoreServices,
) => CommandOutput<N> | Promise<CommandOutput<N>>;

export type HandlerTable<Names extends CommandName> = { [N in Names]: Handler<N> };
