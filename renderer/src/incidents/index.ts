/** The duty officer's incident screens: board (Alt+1), new incident (Alt+2), incident page, deadline banner. */
import './incidents.css';
export { IncidentsView } from './Board';
export { NewIncident } from './NewIncident';
export { DueBanner } from './DueBanner';
