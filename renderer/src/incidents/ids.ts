/** View ids of the incident screens (registered in renderer/src/views/registry.tsx). */
export const INCIDENTS_VIEW = 'incidents';
export const NEW_INCIDENT_VIEW = 'incident-new';

/** `incidentRoute` (./route.ts) for a board row, which names its screen itself: the board draws without the plans. */
export function routeOfRow(r: { id: string; screen: 'incident' | 'fire' }): [view: string, param: string] {
  return r.screen === 'fire' ? ['fire', `fire/${r.id}`] : [INCIDENTS_VIEW, r.id];
}
