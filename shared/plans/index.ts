/**
 * The built-in plan versions. To add a plan or a new version of one: one plan file and one entry in `builtInPlans`
 * (see shared/engine/README.md). The registry itself belongs to whoever runs the console (the core makes one per
 * database; the CLI and the UI make their own): `createPlanRegistry()`.
 */
import { PlanRegistry } from '../engine/registry';
import type { Plan } from '../engine/schema';
import { drugPlan } from './drug';
import { forestFire2026Plan, grasslandFire2026Plan } from './fire-2026';
import { forestFirePlan } from './forest-fire';
import { vaccinePlan } from './vaccine';

export const builtInPlans: readonly Plan[] = [vaccinePlan, drugPlan, forestFirePlan, forestFire2026Plan, grasslandFire2026Plan];

/** A registry holding the built-in versions (office-edited ones are added by the core from the data folder). */
export function createPlanRegistry(extra: readonly Plan[] = []): PlanRegistry {
  const r = new PlanRegistry(builtInPlans);
  for (const p of extra) r.add(p);
  return r;
}

export { drugPlan, forestFire2026Plan, forestFirePlan, grasslandFire2026Plan, vaccinePlan };
