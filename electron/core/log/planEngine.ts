import { apply, eventPayloadSchemas, fold, initialState, type IncidentState } from '../../../shared/engine';
import { getPlan, listPlans } from '../../../shared/plans';
import type { LogEngine, PlanRef } from './engine';
import { OPENED } from './types';

/**
 * The plan engine (shared/engine) behind the log's small LogEngine interface. An incident's state is
 * `fold(plan pinned to the incident's plan id + version, events)`. The log's own opening record (seq 0,
 * `incident.opened`) carries the pin and the title and is not a plan event; plan events are seq 1, 2, …
 */
export const planEngine: LogEngine = {
  eventPayloadSchemas,
  resolvePlan(planId, planVersion) {
    try {
      const p = getPlan(planId, planVersion);
      return { planId: p.id, planVersion: p.version };
    } catch {
      return null;
    }
  },
  knownPlans: () => listPlans().map((p) => ({ planId: p.id, planVersion: p.version })),
  fold(plan: PlanRef, events) {
    // getPlan throws not-found when the pinned version is no longer in the registry: never regrade under another one.
    const p = getPlan(plan.planId, plan.planVersion);
    return fold(
      p,
      events
        .filter((e) => e.type !== OPENED)
        .map((e) => ({ seq: e.seq, type: e.type, payload: e.payload, occurredAt: e.occurredAt, recordedAt: e.recordedAt, actor: e.actor })),
    );
  },
  step(plan, state, e) {
    const p = getPlan(plan.planId, plan.planVersion);
    if (e.type === OPENED) return state ?? initialState(p);
    return apply(p, state as IncidentState, { seq: e.seq, type: e.type, payload: e.payload, occurredAt: e.occurredAt, recordedAt: e.recordedAt, actor: e.actor });
  },
  isClosed(state) {
    const s = state as IncidentState;
    const p = getPlan(s.plan, s.planVersion);
    return p.states.find((x) => x.id === s.state)?.kind === 'terminal';
  },
};
