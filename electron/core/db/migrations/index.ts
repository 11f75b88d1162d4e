import type { Migration } from './types';
import { m001Meta } from './001_meta';
import { m010IncidentLog } from './010_incident_log';
import { m011EventBigrams } from './011_event_bigrams';
import { m012SearchIndexHead } from './012_search_index_head';
import { m013FoldSnapshots } from './013_fold_snapshots';
import { m030MapFeatures } from './030_map_features';
import { m031MapEvents } from './031_map_events';
import { m032TileSets } from './032_tile_sets';
import { m033MapRtreeLayers } from './033_map_rtree_layers';
import { m034MapRtreeLayerSlots } from './034_map_rtree_layer_slots';
import { m035MapImportStaging } from './035_map_import_staging';
import { fireMigrations } from '../../fire/migrations';
import { m060AuditSeals } from './060_audit_seals';
import { m061DropSealRowIndex } from './061_drop_seal_row_index';
import { m070People } from './070_people';
import { m071DutyLog } from './071_duty_log';
import { m072Handovers } from './072_handovers';
import { m073Roster } from './073_roster';
import { m074Contacts } from './074_contacts';
import { m075Rounds } from './075_rounds';

/**
 * Every migration, in the order they are applied. Ids are reserved by area so parallel work cannot collide:
 *   1–9 core, 10–29 incident log, 30–49 map layers and tiles, 50–59 forest fire (permits, ledgers, rewards),
 *   60–69 the audit seals over all of them, 70–79 the duty room: people, the duty log, handovers, the roster, contacts, notification rounds (each seals its own tables).
 */
export const migrations: readonly Migration[] = [m001Meta, m010IncidentLog, m011EventBigrams, m012SearchIndexHead, m013FoldSnapshots, m030MapFeatures, m031MapEvents, m032TileSets, m033MapRtreeLayers, m034MapRtreeLayerSlots, m035MapImportStaging, ...fireMigrations, m060AuditSeals, m061DropSealRowIndex, m070People, m071DutyLog, m072Handovers, m073Roster, m074Contacts, m075Rounds];

export type { Migration } from './types';
