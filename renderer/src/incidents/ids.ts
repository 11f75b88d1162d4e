/** View ids of the incident screens (registered in renderer/src/views/registry.tsx). */
export const INCIDENTS_VIEW = 'incidents';
export const NEW_INCIDENT_VIEW = 'incident-new';
