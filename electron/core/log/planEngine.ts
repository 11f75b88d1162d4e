import { apply, eventPayloadSchemas, fold, initialState, type IncidentState, type PlanRegistry } from '../../../shared/engine';
import { createPlanRegistry } from '../../../shared/plans';
import { APP_VERSION } from '../version';
import { sha256Hex } from './canonical';
import type { LogEngine, PlanRef } from './engine';
import { OPENED } from './types';

/**
 * The plan engine (shared/engine) behind the log's small LogEngine interface, over one plan registry (the core's).
 * An incident's state is `fold(plan pinned to the incident's plan id + version, events)`. The log's own opening record
 * (seq 0, `incident.opened`) carries the pin and the title and is not a plan event; plan events are seq 1, 2, …
 * A new incident is pinned to the version in force at the time it OCCURRED (PlanRegistry.inForce).
 */
/** Bump when `apply` folds the same events to a different state (stored fold snapshots then stop being used). */
const FOLD_FORMAT = 1;

export function createPlanEngine(plans: PlanRegistry): LogEngine {
  const keys = new WeakMap<object, string>();
  return {
    eventPayloadSchemas,
    resolvePlan(planId, planVersion, at) {
      const p = planVersion ? plans.find(planId, planVersion) : plans.findInForce(planId, at ?? new Date());
      return p ? { planId: p.id, planVersion: p.version } : null;
    },
    knownPlans: () => plans.all().map((e) => ({ planId: e.plan.id, planVersion: e.plan.version })),
    fold(plan: PlanRef, events) {
      // get throws not-found when the pinned version is no longer in the registry: never regrade under another one.
      const p = plans.get(plan.planId, plan.planVersion);
      return fold(
        p,
        events
          .filter((e) => e.type !== OPENED)
          .map((e) => ({ seq: e.seq, type: e.type, payload: e.payload, occurredAt: e.occurredAt, recordedAt: e.recordedAt, actor: e.actor })),
      );
    },
    step(plan, state, e) {
      const p = plans.get(plan.planId, plan.planVersion);
      if (e.type === OPENED) return state ?? initialState(p);
      return apply(p, state as IncidentState, { seq: e.seq, type: e.type, payload: e.payload, occurredAt: e.occurredAt, recordedAt: e.recordedAt, actor: e.actor });
    },
    foldKey(plan) {
      const p = plans.get(plan.planId, plan.planVersion);
      let k = keys.get(p);
      if (!k) {
        k = `${FOLD_FORMAT}|${APP_VERSION}|${p.id}@${p.version}|${sha256Hex(JSON.stringify(p))}`;
        keys.set(p, k);
      }
      return k;
    },
    isClosed(state) {
      const s = state as IncidentState;
      const p = plans.get(s.plan, s.planVersion);
      return p.states.find((x) => x.id === s.state)?.kind === 'terminal';
    },
  };
}

/** The engine over the built-in plans only (tests, benchmarks and tools without a core). */
export const planEngine: LogEngine = createPlanEngine(createPlanRegistry());
