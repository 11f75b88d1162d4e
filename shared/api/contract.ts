import type { z } from 'zod';

/**
 * A command of the contract between the UI (or the CLI, or HTTP) and the core: a name, an input schema and an
 * output schema. The core registers one handler per name; the Electron preload and the HTTP shell carry the same
 * names, and the renderer's client is typed from this table.
 */
export interface CommandSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
  /** One line for `--help` style listings and the API index. */
  summary: string;
  /** true when the command writes to the log; shells may serialise such calls. */
  mutates?: boolean;
}

export function command<I extends z.ZodType, O extends z.ZodType>(spec: CommandSpec<I, O>): CommandSpec<I, O> {
  return spec;
}

export type CommandTable = Record<string, CommandSpec>;
