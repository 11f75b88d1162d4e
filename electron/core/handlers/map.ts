import { AppError } from '../../../shared/api/errors';
import { LAYER_INFO, LAYERS, type LngLat } from '../../../shared/geo';
import { countyBoundaries } from '../map/assets';
import { toFeatureCollection, toKml } from '../map/export';
import { near, pointInfo, zonesAt } from '../map/query';
import { applyFeatureChange, layerCounts, listFeatures, listFeaturesCompact, listMapEvents, type ChangeMeta } from '../map/store';
import { addTileSet, listTileSets } from '../map/tiles';
import { clientPath, ownedFolder } from '../paths';
import type { CallContext, CoreServices, HandlerTable } from './types';

type MapCommandName =
  | 'map.layers'
  | 'map.features'
  | 'map.features.compact'
  | 'map.feature.add'
  | 'map.feature.update'
  | 'map.feature.delete'
  | 'map.events'
  | 'map.import.preview'
  | 'map.import.commit'
  | 'map.export'
  | 'map.near'
  | 'map.zones'
  | 'map.pointInfo'
  | 'map.seedSamples'
  | 'map.boundaries'
  | 'tiles.list'
  | 'tiles.add';

// The import parsers (jszip, shpjs/proj4, xmldom) and the buffer code (JSTS) are loaded on first use only, so that
// every other command — and every `ercon` start — does not pay for them.
const importModule = () => import('../map/import');
const serviceModule = () => import('../map/service');

const meta = (ctx: CallContext, s: CoreServices): ChangeMeta => ({ actor: ctx.actor, transport: ctx.transport, at: s.clock.now() });

function decodeBase64(b64: string): Uint8Array {
  const clean = b64.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean)) {
    throw new AppError({ code: 'invalid-input', message: '字段 contentBase64：不是有效的 base64', messageEn: 'field contentBase64: not valid base64', field: 'contentBase64', rule: 'base64' });
  }
  return new Uint8Array(Buffer.from(clean, 'base64'));
}

export const mapHandlers: HandlerTable<MapCommandName> = {
  'map.layers': (_i, _c, s) => {
    const counts = layerCounts(s.db);
    return { layers: LAYERS.map((name) => ({ name, ...LAYER_INFO[name], count: counts[name] })) };
  },
  'map.features': (i, _c, s) => {
    const rows = listFeatures(s.db, { layer: i.layer, bbox: i.bbox, limit: i.limit + 1 });
    return { features: rows.slice(0, i.limit), truncated: rows.length > i.limit };
  },
  'map.features.compact': (i, _c, s) => listFeaturesCompact(s.db, i.limit),
  'map.feature.add': (i, c, s) =>
    applyFeatureChange(s.db, { op: 'add', draft: { layer: i.layer, name: i.name, kind: i.kind ?? null, properties: i.properties ?? {}, geometry: i.geometry } }, meta(c, s))!,
  'map.feature.update': (i, c, s) => {
    const { id, expectedVersion, ...patch } = i;
    return applyFeatureChange(s.db, { op: 'update', id, expectedVersion, patch }, meta(c, s))!;
  },
  'map.feature.delete': (i, c, s) => {
    applyFeatureChange(s.db, { op: 'delete', id: i.id, expectedVersion: i.expectedVersion }, meta(c, s));
    return { deleted: i.id };
  },
  'map.events': (i, _c, s) => ({ events: listMapEvents(s.db, { featureId: i.featureId, batch: i.batch, limit: i.limit }) }),
  'map.import.preview': async (i, _c, s) => {
    const [{ planImport, previewOf }, { findDuplicates }] = await Promise.all([importModule(), import('../map/importMatch')]);
    const plan = await planImport(decodeBase64(i.contentBase64), i.fileName, i.layer, i.datum, i.format);
    return { ...previewOf(plan), duplicates: findDuplicates(s.db, plan) };
  },
  'map.import.commit': async (i, c, s) => {
    const [{ planImport }, { commitImport }] = await Promise.all([importModule(), serviceModule()]);
    const plan = await planImport(decodeBase64(i.contentBase64), i.fileName, i.layer, i.datum, i.format);
    return commitImport(s.db, plan, meta(c, s), { skipInvalid: i.skipInvalid, onDuplicate: i.onDuplicate, progress: c.progress });
  },
  'map.export': (i, _c, s) => {
    const layers = i.layers?.length ? i.layers : [...LAYERS];
    const features = layers.flatMap((layer) => listFeatures(s.db, { layer }));
    const stamp = s.clock.now().toISOString().slice(0, 10);
    const base = `map-${layers.length === LAYERS.length ? 'all' : layers.join('-')}-${stamp}${i.datum === 'gcj02' ? '-gcj02' : ''}`;
    if (i.format === 'kml') {
      return { format: 'kml' as const, fileName: `${base}.kml`, contentType: 'application/vnd.google-earth.kml+xml', count: features.length, text: toKml(features, { datum: i.datum }) };
    }
    return {
      format: 'geojson' as const,
      fileName: `${base}.geojson`,
      contentType: 'application/geo+json',
      count: features.length,
      text: JSON.stringify(toFeatureCollection(features, i.datum)),
    };
  },
  'map.near': (i, _c, s) => near(s.db, [i.lng, i.lat] as LngLat, i.layer, { withinM: i.withinM, limit: i.limit }),
  'map.zones': (i, _c, s) => zonesAt(s.db, [i.lng, i.lat]),
  'map.pointInfo': (i, _c, s) => pointInfo(s.db, [i.lng, i.lat], { nearest: i.nearest }),
  'map.seedSamples': async (_i, c, s) => (await serviceModule()).seedSamples(s.db, meta(c, s)),
  'map.boundaries': () => countyBoundaries() as never,
  'tiles.list': (_i, _c, s) => ({ sets: listTileSets(s.db) }),
  'tiles.add': (i, c, s) =>
    addTileSet(s, { ...i, file: clientPath(i.file, c, s, { field: 'file', base: ownedFolder(s.dbPath, 'imports') }) }, { actor: c.actor, at: s.clock.now() }),
};
