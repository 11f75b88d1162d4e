/**
 * Which checklists concern an incident: the ones of its current stage (and level), and the ones of stages it went
 * through whose items are still open — an item nobody ticked does not vanish when the state moves on.
 */
import type { IncidentState } from './machine';
import type { Plan } from './schema';

/** Does checklist `c` apply now (its state and, if it names levels, the level in force)? */
export function appliesNow(c: Plan['checklists'][number], state: IncidentState): boolean {
  return c.state === state.state && (!c.levels || (state.level !== null && c.levels.includes(state.level)));
}

/** Did checklist `c` apply at some earlier point (its state visited, and one of its levels in force at some time)? */
export function appliedBefore(c: Plan['checklists'][number], state: IncidentState): boolean {
  return state.visited.includes(c.state) && (!c.levels || state.levelHistory.some((h) => h.level !== null && c.levels!.includes(h.level)));
}

/** Items not yet done of the checklists that apply now or applied earlier (what a close must account for). */
export function openChecklistItems(plan: Plan, state: IncidentState): Array<{ id: string; text: string; checklist: string }> {
  return plan.checklists
    .filter((c) => appliesNow(c, state) || appliedBefore(c, state))
    .flatMap((c) => c.items.filter((i) => !state.checklistDone[i.id]).map((i) => ({ id: i.id, text: i.text, checklist: c.title })));
}

