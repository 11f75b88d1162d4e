import { loadPlan, type Plan, type PlanRegistry } from '../../shared/engine';
import { createPlanRegistry } from '../../shared/plans';
import type { CommandOutput } from '../../shared/api';
import { api } from './api/client';

/**
 * The UI's copy of the core's plan registry. It starts with the built-in versions compiled into the UI (so a console
 * whose core cannot be reached yet still grades), and `syncPlans()` adds every version the core has that the UI does
 * not (an office-edited file, or a whole plan the office added to the data folder), so the live grade, the checklist,
 * the flags and the flow chart use exactly the version each incident is pinned to. No screen names a plan id: screens
 * ask this registry which plans are in force (`plansInForce`) and read titles, screens and flags from the plan data.
 */
const registry: PlanRegistry = createPlanRegistry();

export function uiPlans(): PlanRegistry {
  return registry;
}

/** Fetch the versions the core has and the UI lacks (from `listed`, a plans.list already asked); their `id@version`. */
export async function syncPlans(listed?: Promise<CommandOutput<'plans.list'>>): Promise<string[]> {
  const list = await (listed ?? api().invoke('plans.list', {}));
  const added: string[] = [];
  for (const p of list) {
    if (registry.find(p.id, p.version)) continue;
    registry.add(loadPlan(await api().invoke('plans.get', { plan: p.id, version: p.version })), { builtIn: p.builtIn });
    added.push(`${p.id}@${p.version}`);
  }
  return added;
}

/** The plan version an incident is pinned to; null when this console does not have it. */
export function planFor(id: string, version: string): Plan | null {
  return registry.find(id, version) ?? null;
}

/** The versions in force at `at` that a new incident on `screen` may be opened under (presentation.intake). */
export function plansInForce(screen: 'incident' | 'fire', at: Date | string = new Date()): Plan[] {
  return registry.allInForce(at).filter((p) => p.presentation.screen === screen && p.presentation.intake);
}

/** The plan's short name in the officer's language. */
export function planShortName(plan: Pick<Plan, 'presentation'>, en: boolean): string {
  return (en ? plan.presentation.shortNameEn : undefined) ?? plan.presentation.shortName;
}

/** "依据《森林草原防灭火条例》（国务院令第822号）第四十五条…（2026-01-01起施行）": the rules the incident is handled by. */
export function basisText(plan: Plan, en: boolean): string {
  return plan.basis
    .map((b) => {
      const head = `${b.document}${b.number ? `（${b.number}）` : ''}${b.articles.length ? b.articles.join('、') : ''}`;
      const from = b.effectiveFrom ? (en ? ` (in force from ${b.effectiveFrom})` : `（${b.effectiveFrom}起施行）`) : '';
      return `${head}${from}`;
    })
    .join(en ? '; ' : '；');
}

/**
 * The plan's own words in the officer's language (issue 12 item 4): in English mode a state, an action, a checklist,
 * an item, a report kind or a refusal reads its English label where the plan data has one (labelEn / textEn /
 * titleEn), else the plan's Chinese as published. `english` says whether the plan has English labels at all
 * (presentation.english); a page shows once that a plan without them stays in Chinese.
 */
export interface PlanTexts {
  english: boolean;
  state(id: string, zh?: string): string;
  transition(id: string, zh: string): string;
  checklist(id: string, zh: string): string;
  item(checklistId: string, itemId: string, zh: string): string;
  obligation(id: string, zh: string): string;
  reason(v: { reason?: string | undefined; reasonEn?: string | undefined }): string;
}

export function planTexts(plan: Plan | null | undefined, en: boolean): PlanTexts {
  const pick = (zh: string, english: string | undefined) => (en && english ? english : zh);
  return {
    english: !!plan?.presentation.english,
    state: (id, zh) => {
      const s = plan?.states.find((x) => x.id === id);
      return pick(zh ?? s?.label ?? id, s?.labelEn);
    },
    transition: (id, zh) => pick(zh, plan?.transitions.find((x) => x.id === id)?.labelEn),
    checklist: (id, zh) => pick(zh, plan?.checklists.find((x) => x.id === id)?.titleEn),
    item: (cid, iid, zh) => pick(zh, plan?.checklists.find((x) => x.id === cid)?.items.find((i) => i.id === iid)?.textEn),
    obligation: (id, zh) => pick(zh, plan?.obligations.find((o) => o.id === id)?.labelEn),
    reason: (v) => pick(v.reason ?? '', v.reasonEn),
  };
}
