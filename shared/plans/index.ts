/**
 * The registry of built-in plans, by id. To add a plan: one import line and one entry in `builtInPlans`
 * (see shared/engine/README.md). An incident remembers the plan id and version it was opened under.
 */
import { AppError } from '../api/errors';
import type { Plan } from '../engine/schema';
import { drugPlan } from './drug';
import { forestFirePlan } from './forest-fire';
import { vaccinePlan } from './vaccine';

export const builtInPlans: readonly Plan[] = [
  vaccinePlan,
  drugPlan,
  forestFirePlan,
];

/** Plans loaded at run time (e.g. an office-corrected copy) override the built-in one with the same id. */
const overrides = new Map<string, Plan>();

export function registerPlan(plan: Plan): void {
  overrides.set(plan.id, plan);
}

export function unregisterPlan(id: string): void {
  overrides.delete(id);
}

export function listPlans(): Plan[] {
  const byId = new Map<string, Plan>();
  for (const p of builtInPlans) byId.set(p.id, p);
  for (const [id, p] of overrides) byId.set(id, p);
  return [...byId.values()];
}

/** The plan with this id (and version, when given); AppError not-found otherwise. */
export function getPlan(id: string, version?: string): Plan {
  const candidates = [...(overrides.has(id) ? [overrides.get(id)!] : []), ...builtInPlans.filter((p) => p.id === id)];
  const plan = version ? candidates.find((p) => p.version === version) : candidates[0];
  if (!plan) {
    const known = listPlans().map((p) => p.id).join(', ');
    throw new AppError({
      code: 'not-found',
      message: `没有 id 为 ${id}${version ? `、版本为 ${version}` : ''} 的预案（现有：${known}）`,
      messageEn: `no plan with id ${id}${version ? ` version ${version}` : ''} (known: ${known})`,
      field: 'plan',
      rule: 'known-plan',
    });
  }
  return plan;
}

export { drugPlan, vaccinePlan };
