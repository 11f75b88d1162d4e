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
import { fireMigrations } from '../../fire/migrations';
import { m060AuditSeals } from './060_audit_seals';

/**
 * Every migration, in the order they are applied. Ids are reserved by area so parallel work cannot collide:
 *   1–9 core, 10–29 incident log, 30–49 map layers and tiles, 50–59 forest fire (permits, ledgers, rewards),
 *   60–69 the audit seals over all of them (listed last: it seals tables the others create).
 */
export const migrations: readonly Migration[] = [m001Meta, m010IncidentLog, m011EventBigrams, m012SearchIndexHead, m013FoldSnapshots, m030MapFeatures, m031MapEvents, m032TileSets, m033MapRtreeLayers, m034MapRtreeLayerSlots, ...fireMigrations, m060AuditSeals];

export type { Migration } from './types';
