import { loadPlan } from '../../shared/engine';
import { registerPlan } from '../../shared/plans';
import { api } from './api/client';

/**
 * The renderer grades facts as they are typed with the plans compiled into it. When the office has put an edited plan
 * in the data folder (loaded by the core at start-up), fetch it and register it here too, so the live grade, the
 * checklist and the flow chart follow the same numbers as the core. Returns the ids of the edited plans in force.
 */
export async function syncEditedPlans(): Promise<string[]> {
  const list = await api().invoke('plans.list', {});
  const edited = list.filter((p) => !p.builtIn);
  for (const p of edited) registerPlan(loadPlan(await api().invoke('plans.get', { plan: p.id, version: p.version })));
  return edited.map((p) => `${p.id}@${p.version}`);
}
