/**
 * 森林防火 (Alt+4): today's fire posture, fires (火情) on the forest-fire plan, fire-use permits, ledgers, rewards.
 * `FirePostureCard` (./Posture) is the compact posture card other screens (the incident board) show.
 */
import './fire.css';
import { whenMapShown } from '../map/store';
import { installFireMarks } from './fires';

export { FireView } from './FireView';

// Open fires are drawn on every map; asked for when a map is first shown (not at start-up, beside the board).
whenMapShown(installFireMarks);
