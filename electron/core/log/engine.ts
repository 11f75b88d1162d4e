import type { z } from 'zod';
import type { LoggedEvent } from './types';

/** The plan an incident is pinned to (ARCHITECTURE.md: changing a plan never regrades history). */
export interface PlanRef {
  planId: string;
  planVersion: string;
}

/**
 * What the log needs from the plan engine (shared/engine). Kept this small so the store does not depend on the
 * engine's internals: payload schemas for plan event types, plan lookup by id (+version), and the fold.
 */
export interface LogEngine {
  /** Payload schema per plan event type (merged with the log's own `incident.opened` and `note`). */
  readonly eventPayloadSchemas: Readonly<Record<string, z.ZodType>>;
  /** The plan an incident is pinned to: the version asked for, else the one in force at `at` (when it occurred);
   *  null if there is none. */
  resolvePlan(planId: string, planVersion?: string, at?: string): PlanRef | null;
  /** Plan ids and versions, for error messages. */
  knownPlans(): PlanRef[];
  /**
   * The incident's state: fold(plan pinned to the incident, events). Throws an AppError (`conflict`/`forbidden`)
   * when an event is not legal in the state before it; the store folds before committing a new event.
   */
  fold(plan: PlanRef, events: readonly LoggedEvent[]): unknown;
  /** One step of the fold: `fold(plan, [...events, e])` equals `step(plan, fold(plan, events), e)`. Optional: without it
   *  every append replays the incident. */
  step?(plan: PlanRef, state: unknown, event: LoggedEvent): unknown;
  /** What a folded state depends on besides the events (engine format, app version, the plan's content): a stored
   *  snapshot of the fold (snapshots.ts) is used only under the same key. Optional: without it (or `step`) nothing is
   *  snapshotted. */
  foldKey?(plan: PlanRef): string;
  /** Whether a folded state is a closed incident (for `incidents.list --status`). */
  isClosed(state: unknown): boolean;
}

/** State the log can compute without a plan engine: who, what, how many, which events were corrected. */
export interface GenericState {
  incidentId: string;
  planId: string;
  planVersion: string;
  title: string;
  openedAt: string;
  eventCount: number;
  lastSeq: number;
  lastOccurredAt: string;
  notes: number;
  correctedSeqs: number[];
}

export function genericFold(plan: PlanRef, events: readonly LoggedEvent[]): GenericState {
  const first = events[0];
  const opened = (first?.payload ?? {}) as { title?: string };
  const corrected = new Set<number>();
  let notes = 0;
  let lastOccurredAt = first?.occurredAt ?? '';
  for (const e of events) {
    if (e.type === 'note') notes++;
    if (e.corrects !== null) corrected.add(e.corrects);
    if (e.occurredAt > lastOccurredAt) lastOccurredAt = e.occurredAt;
  }
  return {
    incidentId: first?.incidentId ?? '',
    planId: plan.planId,
    planVersion: plan.planVersion,
    title: opened.title ?? '',
    openedAt: first?.occurredAt ?? '',
    eventCount: events.length,
    lastSeq: events.at(-1)?.seq ?? 0,
    lastOccurredAt,
    notes,
    correctedSeqs: [...corrected].sort((a, b) => a - b),
  };
}
