/**
 * 森林防火 (Alt+4): today's fire posture, fires (火情) on the forest-fire plan, fire-use permits, ledgers, rewards.
 * `FirePostureCard` is the compact posture card other screens (the incident board) may show.
 */
import './fire.css';
import { installFireMarks } from './fires';

export { FireView } from './FireView';
export { FirePostureCard } from './Posture';
export { FIRE_VIEW } from './fires';

// Open fires are drawn on the map whenever the map or the fire screen is shown.
installFireMarks();
