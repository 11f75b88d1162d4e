import { uiPlans } from '../plans';
import { INCIDENTS_VIEW } from './ids';

/**
 * A plan whose `presentation.screen` is `fire` has its incidents on the 森林防火 screen (map, report-up flags, the
 * burning clock, team tiers). Every way into an incident — board, deadline banner, search, a reloaded address — goes
 * through `incidentRoute`, so such an incident never opens on the generic incident page. The screen is plan data.
 */
export function incidentRoute(id: string, planId?: string): [view: string, param: string] {
  const screen = planId ? uiPlans().versions(planId)[0]?.presentation.screen : undefined;
  return screen === 'fire' ? ['fire', `fire/${id}`] : [INCIDENTS_VIEW, id];
}
