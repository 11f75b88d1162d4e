import type { z } from 'zod';
import { systemCommands } from './system';
import { planCommands } from './plans';
import { mapCommands } from './map';
import { fireCommands } from './fire';
import { incidentCommands } from './incidents';
import { reportCommands } from './reports';
import { consoleCommands } from './console';
import { peopleCommands } from './people';
import { dutyCommands } from './duty';
import { handoverCommands } from './handover';
import { rosterCommands } from './roster';
import { contactCommands } from './contacts';
import { roundCommands } from './rounds';
import { statsCommands } from './stats';
import type { Change, JobProgress } from './changes';

export * from './errors';
export * from './contract';
export * from './people';
export * from './actor';
export type { DutyEntryView } from './duty';
export type { HandoverContent, HandoverView } from './handover';
export type { RosterSlot } from './roster';
export type { ContactUnit } from './contacts';
export type { Round } from './rounds';
export type { OfficeStats } from './stats';
export { PERMISSIONS, type Permission } from './permissions';
export { checkInputText, parseOrThrow } from './validate';
export type { Change, ChangeTopic, JobProgress } from './changes';

/**
 * Every command of the console, by name. Each area adds its own table here (`plans.*`, `incidents.*`,
 * `map.*`, `fire.*`); the core must register a handler for each (checked by the type of `Handlers`).
 */
export const commands = {
  ...systemCommands,
  ...planCommands,
  ...mapCommands,
  ...fireCommands,
  ...incidentCommands,
  ...reportCommands,
  ...consoleCommands,
  ...peopleCommands,
  ...dutyCommands,
  ...handoverCommands,
  ...rosterCommands,
  ...contactCommands,
  ...roundCommands,
  ...statsCommands,
};

export type Commands = typeof commands;
export type CommandName = keyof Commands & string;
export type CommandInput<N extends CommandName> = z.input<Commands[N]['input']>;
export type CommandOutput<N extends CommandName> = z.output<Commands[N]['output']>;

export function isCommandName(name: unknown): name is CommandName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(commands, name);
}

/** What the Electron preload exposes on `window.ercon`. */
export interface ErconBridge {
  readonly transport: 'electron';
  /** `job`: an id for the request, which a long job's progress events carry (onProgress). */
  invoke<N extends CommandName>(name: N, input: CommandInput<N>, job?: string): Promise<CommandOutput<N>>;
  /** The core's change stream (./changes.ts); returns the unsubscribe. */
  onChange(listener: (c: Change) => void): () => void;
  /** Progress of a long job started with `invoke(…, job)`. */
  onProgress(listener: (p: JobProgress) => void): () => void;
  /** The main process asks the window to show an address (e.g. a notification's incident, `/incidents/<id>`). */
  onOpen(listener: (path: string) => void): () => void;
  /**
   * The desktop app's folder dialog: the folder the person picked (then allowed for `log.backup {dest}` and
   * `tiles.add {file}`), or null when they cancelled. Absent in the browser console.
   */
  pickFolder?: () => Promise<string | null>;
}

export const APP_NAME_ZH = '应急值守台';
export const TIME_ZONE = 'Asia/Shanghai' as const;
