/** The duty officer's incident screens: board (Alt+1) with the incident page, deadline banner. The
 * new-incident screen (Alt+2, ./NewIncident) is loaded on its own (views/registry.tsx). */
import './incidents.css';
export { IncidentsView, loadIncidentPage } from './Board';
export { DueBanner } from './DueBanner';
