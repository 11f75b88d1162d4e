import type { DueItem } from '../../../shared/api/console';

/**
 * Which due items to announce now: those whose key (incident, obligation, phase) has not been announced yet.
 * The phases come from the core (console.due): `soon` within 15 minutes, `overdue` once past. Pure, for tests.
 */
export function toAnnounce(items: readonly DueItem[], announced: ReadonlySet<string>): DueItem[] {
  return items.filter((i) => !announced.has(i.key));
}

const KEY = 'ercon.notified';

export function loadAnnounced(store: Storage | undefined = globalThis.localStorage): Set<string> {
  try {
    const raw = store?.getItem(KEY);
    const arr = raw ? (JSON.parse(raw) as unknown) : [];
    return new Set(Array.isArray(arr) ? arr.filter((x): x is string => typeof x === 'string') : []);
  } catch {
    return new Set();
  }
}

/** Remember announced keys (only those still due, so the list does not grow without bound). */
export function saveAnnounced(keys: Set<string>, current: readonly DueItem[], store: Storage | undefined = globalThis.localStorage): void {
  const live = new Set(current.map((c) => c.key));
  try {
    store?.setItem(KEY, JSON.stringify([...keys].filter((k) => live.has(k))));
  } catch {
    /* not remembered: at worst announced again after a reload */
  }
}
