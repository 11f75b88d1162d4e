/**
 * 森林防火 (Alt+4): today's fire posture, fires (火情) on the forest-fire plan, fire-use permits, ledgers, rewards.
 * `FirePostureCard` (./Posture) is the compact posture card other screens (the incident board) show.
 */
import './fire.css';
import { installFireMarks } from './fires';

export { FireView } from './FireView';

// Open fires are drawn on the map whenever the map or the fire screen is shown.
installFireMarks();
