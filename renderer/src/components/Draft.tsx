import { useCallback, useState, type SetStateAction } from 'react';
import { formatBeijing, useT } from '../i18n';

/**
 * Drafts of the forms (issue 12 item 2: nothing typed is lost). A form's state is written to localStorage at every
 * change, under `ercon.draft:<form>:<object id>`, synchronously (a crash or a reload one keystroke later keeps it),
 * and read back when the form mounts again: after Alt+digit, a reload, a crash. It goes only when the form is filed
 * (`clear`) or the officer discards it on purpose (`discard`, the 放弃草稿 button of `DraftBar`).
 * A form whose key changes reads the new key's draft (parents also remount forms with `key=`): one hook never mixes
 * two drafts.
 */
const PREFIX = 'ercon.draft:';

interface Stored<T> {
  v: T;
  at: number;
}

function storage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

function read<T>(key: string): Stored<T> | null {
  try {
    const s = storage()?.getItem(PREFIX + key);
    const p = s ? (JSON.parse(s) as Stored<T>) : null;
    return p && typeof p === 'object' && 'v' in p && typeof p.at === 'number' ? p : null;
  } catch {
    return null;
  }
}

function write(key: string, v: unknown, at: number): void {
  try {
    storage()?.setItem(PREFIX + key, JSON.stringify({ v, at }));
  } catch {
    // storage full or off: the form still works, only without the safety net
  }
}

/** The draft key of an action's dialog on an incident (incident page, fire page): the incident and the transition. */
export function actionDraftKey(incidentId: string, transition: string): string {
  return `action:${incidentId}:${transition}`;
}

/** The kept draft of a form, or null (for state a hook cannot hold: a map's selection, a table's edited row). */
export function readDraft<T>(key: string): T | null {
  return read<T>(key)?.v ?? null;
}

/** Keep a form's draft now. */
export function writeDraft(key: string, v: unknown): void {
  write(key, v, Date.now());
}

/** Whether a draft is kept for this form. */
export function hasDraft(key: string): boolean {
  return read(key) !== null;
}

export function clearDraft(key: string): void {
  try {
    storage()?.removeItem(PREFIX + key);
  } catch {
    // nothing kept
  }
}

const isPlain = (x: unknown): x is Record<string, unknown> => !!x && typeof x === 'object' && !Array.isArray(x);

export interface DraftState {
  /** When the draft was last written (ms), null while nothing was typed. */
  savedAt: number | null;
  /** The form started from a kept draft. */
  restored: boolean;
  /** Throw the draft away and start the form afresh. */
  discard(): void;
  /** The form was filed: the draft goes. */
  clear(): void;
}

/** A form's state, kept as a draft. `initial` is the empty (or pre-filled) form; a kept draft is laid over it. */
export function useDraft<T>(key: string, initial: () => T): [T, (u: SetStateAction<T>) => void, DraftState] {
  const load = () => {
    const kept = read<T>(key);
    if (!kept) return { key, v: initial(), at: null as number | null, restored: false };
    const base = initial();
    return { key, v: (isPlain(base) && isPlain(kept.v) ? { ...base, ...kept.v } : kept.v) as T, at: kept.at as number | null, restored: true };
  };
  const [s, setS] = useState(load);
  // Another form (its key changed without a remount): its own draft, never the previous form's.
  if (s.key !== key) setS(load());
  const set = useCallback(
    (u: SetStateAction<T>) =>
      setS((prev) => {
        const v = typeof u === 'function' ? (u as (p: T) => T)(prev.v) : u;
        const at = Date.now();
        write(key, v, at);
        return { key, v, at, restored: prev.restored };
      }),
    [key],
  );
  const discard = () => {
    clearDraft(key);
    setS({ key, v: initial(), at: null, restored: false });
  };
  const clear = () => clearDraft(key);
  return [s.v, set, { savedAt: s.at, restored: s.restored, discard, clear }];
}

/** Setters of one field of a draft object: `const put = fieldSetter(setDraft); put('reason')('…')`. */
export function fieldSetter<T extends object>(set: (u: SetStateAction<T>) => void) {
  return <K extends keyof T>(k: K) =>
    (u: SetStateAction<T[K]>) =>
      set((x) => ({ ...x, [k]: typeof u === 'function' ? (u as (p: T[K]) => T[K])(x[k]) : u }));
}

/** “有草稿” on what opens a form whose draft is kept (an action, a checklist tick, a reward, a permit step). */
export function DraftMark({ draftKey }: { draftKey: string }) {
  const t = useT();
  return hasDraft(draftKey) ? (
    <span className="prefill-tag" data-testid="draft-mark">
      {t('draft.kept')}
    </span>
  ) : null;
}

/** “草稿已自动保存 05:27:13 · 放弃草稿” under a form with a draft; nothing while nothing was typed. */
export function DraftBar({ draft, id }: { draft: DraftState; id: string }) {
  const t = useT();
  if (draft.savedAt === null) return null;
  return (
    <p className="draft-bar" data-testid={`draft-${id}`} role="status">
      <span>{t(draft.restored ? 'draft.restored' : 'draft.saved', { at: formatBeijing(new Date(draft.savedAt)).slice(11) })}</span>{' '}
      <button type="button" className="linkish" onClick={draft.discard} data-testid={`draft-${id}-discard`}>
        {t('draft.discard')}
      </button>
    </p>
  );
}
