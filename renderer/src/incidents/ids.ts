/** View ids of the incident screens (registered in renderer/src/views/registry.tsx). */
export const INCIDENTS_VIEW = 'incidents';
export const NEW_INCIDENT_VIEW = 'incident-new';

/**
 * Plans whose incidents have a screen of their own (a forest fire is handled on the 森林防火 screen: map, 第三十二条
 * flags, the 24-hour timer, team tiers). Every way into an incident — board, deadline banner, search, a reloaded
 * address — goes through `incidentRoute`, so such an incident never opens on the vaccine/drug page.
 */
const PLAN_SCREENS: Readonly<Record<string, (id: string) => [view: string, param: string]>> = {
  'forest-fire': (id) => ['fire', `fire/${id}`],
};

/** Where to show incident `id` of plan `planId` (the generic incident page unless the plan has a screen of its own). */
export function incidentRoute(id: string, planId?: string): [view: string, param: string] {
  const own = planId ? PLAN_SCREENS[planId] : undefined;
  return own ? own(id) : [INCIDENTS_VIEW, id];
}
