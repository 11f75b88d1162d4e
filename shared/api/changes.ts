/**
 * The "what changed" stream from the core to the screens (the core emits it in electron/core/changes.ts; the serve
 * shell serves it on `GET /api/events`, the Electron preload as `window.ercon.onChange`). A change names what kind of
 * data a committed write touched and, when the command names one, which object; it carries no data itself.
 */
import type { CommandName } from './index';

/** What kind of data a write touched. */
export type ChangeTopic = 'incidents' | 'fire' | 'map' | 'people' | 'duty';

export interface Change {
  /** Increasing within one core's life, so a listener can tell it missed nothing. */
  seq: number;
  topic: ChangeTopic;
  /** The object written (incident, permit, feature, …) when the command names one. */
  id: string | null;
  /** The command that wrote. */
  command: CommandName;
}

/** The topic of a writing command, from its name's namespace (incidents, console, reports, log → incidents). */
export function topicOf(name: CommandName): ChangeTopic {
  const ns = name.split('.')[0];
  if (ns === 'fire') return 'fire';
  if (ns === 'map' || ns === 'tiles') return 'map';
  if (ns === 'people' || ns === 'auth' || ns === 'contacts') return 'people';
  if (ns === 'duty' || ns === 'handover' || ns === 'roster' || ns === 'rounds') return 'duty';
  return 'incidents';
}

/** How far a long job (an import, a backup, a report file) run for one request is; from the serve shell's job worker. */
export interface JobProgress {
  kind: 'progress';
  /** The id the client sent with its request (`X-Ercon-Job`). */
  job: string;
  command: CommandName;
  done: number;
  /** 0 while the size is not known (a job that only says it has started). */
  total: number;
}
