/**
 * The core's "what changed" stream: after every command that writes (`mutates` in the contract) and has committed,
 * one Change is emitted. The shells carry it to the screens (server-sent events on `GET /api/events`, an IPC event in
 * Electron), where it becomes query invalidations: a change made on one workstation shows on the others without any
 * screen polling.
 *
 * A change says what kind of data moved (`topic`) and, when the command names one, which object (`id`). It carries no
 * data: the screens ask again with their own queries, through the same validated commands.
 */
import { topicOf, type Change } from '../../shared/api/changes';
import type { CommandName } from '../../shared/api';

export type { Change } from '../../shared/api/changes';

export type ChangeListener = (c: Change) => void;

function idOf(input: unknown, result: unknown): string | null {
  for (const v of [input, result]) {
    const o = v as { id?: unknown; incidentId?: unknown } | null;
    const id = o?.id ?? o?.incidentId;
    if (typeof id === 'string' || typeof id === 'number') return String(id);
  }
  return null;
}

/** Listeners of one core; a listener that throws is dropped from that emit only, never breaks the write. */
export function createChangeFeed() {
  const listeners = new Set<ChangeListener>();
  let seq = 0;
  return {
    subscribe(l: ChangeListener): () => void {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    emit(command: CommandName, input: unknown, result: unknown): Change {
      const c: Change = { seq: ++seq, topic: topicOf(command), id: idOf(input, result), command };
      for (const l of listeners) {
        try {
          l(c);
        } catch {
          /* a shell's broken connection must not undo or fail a committed write */
        }
      }
      return c;
    },
  };
}
