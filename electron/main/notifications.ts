/**
 * Desktop notifications of reporting deadlines for the Electron shell (疫苗预案 5.1: first report within 1 hour of HQ
 * receiving the report; 5.2/6.4: final report within 2 weeks of termination). A main-process timer asks the core
 * which deadlines are due within 15 minutes or overdue (`console.due`, where the decision is made from the deadlines
 * stored in the log) at start-up and every minute, and shows each (incident, obligation, phase) once.
 *
 * Nothing here imports `electron`: main.ts passes Electron's Notification in as `show`, so this runs (and is tested)
 * in plain Node.
 */
import { formatShanghai } from '../../shared/base/time';
import type { DueItem } from '../../shared/api/console';

export interface DeadlineNotice {
  key: string;
  incidentId: string;
  title: string;
  body: string;
  phase: DueItem['phase'];
}

/** Beijing wall time, e.g. 2026-11-24 04:00. */
function beijing(iso: string): string {
  return formatShanghai(iso);
}

/** The notices to show now: due items not announced before, worded for the duty officer (zh-CN). Pure. */
export function noticesFor(items: readonly DueItem[], announced: ReadonlySet<string>): DeadlineNotice[] {
  return items
    .filter((i) => !announced.has(i.key))
    .map((i) => ({
      key: i.key,
      incidentId: i.incidentId,
      phase: i.phase,
      title: i.phase === 'overdue' ? `${i.label}已超时` : `${i.label}即将到期`,
      body: `${i.incidentId} ${i.title}：应于 ${beijing(i.dueAt)} 前报送（${i.clause}）`,
    }));
}

export interface DeadlineWatcherOptions {
  /** The core's `console.due`. */
  due(soonMinutes: number): Promise<{ items: DueItem[] }>;
  /** Show one notification (Electron's Notification in main.ts). */
  show(n: DeadlineNotice): void;
  soonMinutes?: number;
  intervalMs?: number;
  /** Errors while asking the core (e.g. during shutdown) are reported here and never thrown out of the timer. */
  onError?(e: unknown): void;
}

export interface DeadlineWatcher {
  /** One check now (also run at start-up). Resolves to the notices shown. */
  check(): Promise<DeadlineNotice[]>;
  stop(): void;
}

export function startDeadlineWatcher(opts: DeadlineWatcherOptions): DeadlineWatcher {
  const announced = new Set<string>();
  let stopped = false;
  async function check(): Promise<DeadlineNotice[]> {
    if (stopped) return [];
    try {
      const { items } = await opts.due(opts.soonMinutes ?? 15);
      const notices = noticesFor(items, announced);
      for (const n of notices) {
        announced.add(n.key);
        opts.show(n);
      }
      // Forget what is no longer due (filed, closed), so the set stays small over weeks of uptime.
      const live = new Set(items.map((i) => i.key));
      for (const k of announced) if (!live.has(k)) announced.delete(k);
      return notices;
    } catch (e) {
      opts.onError?.(e);
      return [];
    }
  }
  void check();
  const timer = setInterval(() => void check(), opts.intervalMs ?? 60_000);
  timer.unref?.();
  return {
    check,
    stop() {
      stopped = true;
      clearInterval(timer);
    },
  };
}
