import type { DueItem } from '../../../shared/api/console';

/** A deadline is announced as `soon` within this many minutes of it. */
export const SOON_MINUTES = 15;
/** How far ahead the banner reads the core's deadlines (console.due's largest window). */
export const HORIZON_MINUTES = 24 * 60;

/**
 * The deadlines due now, each with its phase at `now`: `overdue` once past, `soon` within SOON_MINUTES, others left
 * out; the key names incident, obligation and phase (as the core's). Pure, for tests.
 */
export function dueNow(items: readonly DueItem[], now: number): DueItem[] {
  const out: DueItem[] = [];
  for (const i of items) {
    const msLeft = Date.parse(i.dueAt) - now;
    const phase = i.phase === 'overdue' || msLeft < 0 ? 'overdue' : msLeft <= SOON_MINUTES * 60_000 ? 'soon' : null;
    if (phase) out.push({ ...i, phase, msLeft, key: `${i.incidentId}:${i.obligationId}:${phase}` });
  }
  return out;
}

/** Which due items to announce now: those whose key (incident, obligation, phase) has not been announced yet. Pure. */
export function toAnnounce(items: readonly DueItem[], announced: ReadonlySet<string>): DueItem[] {
  return items.filter((i) => !announced.has(i.key));
}

const KEY = 'ercon.notified';
/** The keys the in-app alarm has sounded for (apart from the desktop notifications: either may be on without the other). */
export const ALARMED_KEY = 'ercon.alarmed';

export function loadAnnounced(store: Storage | undefined = globalThis.localStorage, key = KEY): Set<string> {
  try {
    const raw = store?.getItem(key);
    const arr = raw ? (JSON.parse(raw) as unknown) : [];
    return new Set(Array.isArray(arr) ? arr.filter((x): x is string => typeof x === 'string') : []);
  } catch {
    return new Set();
  }
}

/** Remember announced keys (only those still due, so the list does not grow without bound). */
export function saveAnnounced(keys: Set<string>, current: readonly DueItem[], store: Storage | undefined = globalThis.localStorage, key = KEY): void {
  const live = new Set(current.map((c) => c.key));
  try {
    store?.setItem(key, JSON.stringify([...keys].filter((k) => live.has(k))));
  } catch {
    /* not remembered: at worst announced again after a reload */
  }
}
