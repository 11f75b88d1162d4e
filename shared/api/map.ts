import type { Geometry } from 'geojson';
import { z } from 'zod';
import { DATUMS, LAYERS } from '../geo';
import { command } from './contract';

/** The map area's commands (docs/rules/fire-county-2024.md; 交政发〔2024〕7号 3(1), 4(2), 5(2), 6(2), 6(5)). Coordinates are WGS84. */

const layer = z.enum(LAYERS);
const datum = z.enum(DATUMS as unknown as ['wgs84', 'gcj02']);
const lng = z.number().min(-180).max(180);
const lat = z.number().min(-90).max(90);
const bbox = z.tuple([lng, lat, lng, lat]);
const properties = z.record(z.string(), z.unknown());
/** Shape only; the core checks coordinates, rings and the layer's geometry kind and names the rule it broke. */
const geometryIn = z.custom<Geometry>((v) => typeof v === 'object' && v !== null && typeof (v as { type?: unknown }).type === 'string', {
  message: 'a GeoJSON geometry object with a type',
});
const geometryOut = z.custom<Geometry>();

export const mapFeature = z.object({
  id: z.number().int(),
  layer,
  name: z.string(),
  kind: z.string().nullable(),
  properties,
  geometry: geometryOut,
  lng: z.number(),
  lat: z.number(),
  bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]),
  version: z.number().int(),
  createdAt: z.string(),
  createdBy: z.string(),
  updatedAt: z.string(),
  updatedBy: z.string(),
});
export type MapFeature = z.infer<typeof mapFeature>;

/** A feature as the map screen draws it: everything but who changed it and when (those are in the feature's events). */
export const mapFeatureLite = mapFeature.omit({ createdAt: true, createdBy: true, updatedAt: true, updatedBy: true });
export type MapFeatureLite = z.infer<typeof mapFeatureLite>;

/**
 * Points as columns (one array per field, index i = the i-th point): a point's geometry and bbox follow from lng/lat,
 * and `properties` null stands for {}. About an eighth of the bytes of the same points as features.
 */
const pointColumns = z.object({
  id: z.array(z.number().int()),
  layer: z.array(layer),
  name: z.array(z.string()),
  kind: z.array(z.string().nullable()),
  lng: z.array(z.number()),
  lat: z.array(z.number()),
  version: z.array(z.number().int()),
  properties: z.array(properties.nullable()),
});
export type PointColumns = z.infer<typeof pointColumns>;

/** The compact answer (points as columns) as features again: lines and areas, then the points. */
export function expandFeatures(c: { points: PointColumns; others: MapFeatureLite[] }): MapFeatureLite[] {
  const p = c.points;
  const out = c.others.slice();
  for (let i = 0; i < p.id.length; i++) {
    const lng = p.lng[i]!;
    const lat = p.lat[i]!;
    out.push({ id: p.id[i]!, layer: p.layer[i]!, name: p.name[i]!, kind: p.kind[i]!, properties: p.properties[i] ?? {}, geometry: { type: 'Point', coordinates: [lng, lat] }, lng, lat, bbox: [lng, lat, lng, lat], version: p.version[i]! });
  }
  return out;
}

export const nearHit = z.object({
  id: z.number().int(),
  layer,
  name: z.string(),
  kind: z.string().nullable(),
  /** Great-circle metres, 0.1 m. */
  distanceM: z.number(),
  lng: z.number(),
  lat: z.number(),
  properties,
});
export type NearHitOut = z.infer<typeof nearHit>;

export const zoneHit = z.object({ id: z.number().int(), name: z.string(), kind: z.string().nullable(), properties });

const importFile = {
  fileName: z.string().min(1).max(500),
  /** The file's bytes, base64. */
  contentBase64: z.string().min(1).max(90_000_000),
  layer,
  datum: datum.default('wgs84'),
  format: z.enum(['geojson', 'kml', 'kmz', 'gpx', 'shapefile', 'csv']).optional(),
};

const problem = z.object({
  index: z.number().int(),
  name: z.string().nullable(),
  severity: z.enum(['error', 'warning']),
  code: z.string(),
  message: z.string(),
  messageEn: z.string(),
});

export const tileSet = z.object({
  name: z.string(),
  title: z.string().nullable(),
  format: z.enum(['png', 'jpg', 'webp']),
  minZoom: z.number().int(),
  maxZoom: z.number().int(),
  bounds: z.tuple([z.number(), z.number(), z.number(), z.number()]).nullable(),
  attribution: z.string().nullable(),
  mode: z.enum(['copy', 'reference']),
  file: z.string(),
  bytes: z.number().int(),
  tileCount: z.number().int(),
  addedAt: z.string(),
  addedBy: z.string(),
});

const mapEvent = z.object({
  seq: z.number().int(),
  featureId: z.number().int(),
  layer,
  action: z.enum(['add', 'update', 'move', 'delete']),
  actor: z.string(),
  transport: z.string(),
  recordedAt: z.string(),
  batch: z.string().nullable(),
  reason: z.string().nullable(),
  before: mapFeature.nullable(),
  after: mapFeature.nullable(),
});

export const mapCommands = {
  'map.layers': command({
    summary: 'The map layers with their Chinese names, geometry kind, clause and feature counts',
    input: z.object({}).strict(),
    output: z.object({
      layers: z.array(
        z.object({ name: layer, zh: z.string(), en: z.string(), geometry: z.enum(['point', 'line', 'area']), clause: z.string(), kinds: z.record(z.string(), z.string()), count: z.number().int() }),
      ),
    }),
  }),
  'map.features': command({
    summary: 'Features of a layer (or all layers), optionally only those meeting a bbox [w,s,e,n] (R*Tree)',
    input: z.object({ layer: layer.optional(), bbox: bbox.optional(), limit: z.number().int().min(1).max(100_000).default(20_000) }).strict(),
    output: z.object({ features: z.array(mapFeature), truncated: z.boolean() }),
  }),
  'map.features.compact': command({
    summary: "Every feature for the map screen in a compact form: points as columns, lines and areas as features, no audit fields",
    input: z.object({ limit: z.number().int().min(1).max(100_000).default(100_000) }).strict(),
    output: z.object({ points: pointColumns, others: z.array(mapFeatureLite), truncated: z.boolean() }),
  }),
  'map.feature.add': command({
    summary: 'Add a feature (point, line or polygon by layer); recorded as an event with actor and time',
    mutates: true,
    input: z.object({ layer, name: z.string().min(1).max(200), kind: z.string().max(100).nullable().optional(), properties: properties.optional(), geometry: geometryIn }).strict(),
    output: mapFeature,
  }),
  'map.feature.update': command({
    summary: 'Edit a feature: move a point, reshape a polygon, rename, change properties; an event keeps before and after',
    mutates: true,
    input: z
      .object({
        id: z.number().int(),
        expectedVersion: z.number().int().optional(),
        name: z.string().min(1).max(200).optional(),
        kind: z.string().max(100).nullable().optional(),
        properties: properties.optional(),
        geometry: geometryIn.optional(),
      })
      .strict(),
    output: mapFeature,
  }),
  'map.feature.delete': command({
    summary: 'Delete a feature; the event keeps what it was',
    mutates: true,
    input: z.object({ id: z.number().int(), expectedVersion: z.number().int().optional() }).strict(),
    output: z.object({ deleted: z.number().int() }),
  }),
  'map.events': command({
    summary: 'The change history of the map (or of one feature / one import batch), oldest first',
    input: z.object({ featureId: z.number().int().optional(), batch: z.string().optional(), limit: z.number().int().min(1).max(10_000).default(1000) }).strict(),
    output: z.object({ events: z.array(mapEvent) }),
  }),
  'map.import.preview': command({
    summary: 'Read a GeoJSON/KML/KMZ/GPX/zipped Shapefile/CSV file and report counts and problems; writes nothing',
    input: z.object(importFile).strict(),
    output: z.object({
      fileName: z.string(),
      format: z.string(),
      datum,
      layer,
      total: z.number().int(),
      importable: z.number().int(),
      byGeometry: z.record(z.string(), z.number().int()),
      errors: z.number().int(),
      warnings: z.number().int(),
      problems: z.array(problem),
      bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]).nullable(),
      sampleNames: z.array(z.string()),
      /** Features of the file already in the layer: the same source id, or the same name within 5 m. */
      duplicates: z.array(
        z.object({ index: z.number().int(), name: z.string(), existingId: z.number().int(), existingName: z.string(), by: z.enum(['source-id', 'name-place']), distanceM: z.number() }),
      ),
    }),
  }),
  'map.import.commit': command({
    summary: 'Import a file into a layer (datum converted to WGS84); refused with the reason and nothing written if any feature has an error, unless skipInvalid',
    mutates: true,
    input: z
      .object({
        ...importFile,
        skipInvalid: z.boolean().default(false),
        /** Features already in the layer: ask (refuse, nothing written), skip them, or update the stored ones. */
        onDuplicate: z.enum(['ask', 'skip', 'update']).default('ask'),
      })
      .strict(),
    output: z.object({ imported: z.number().int(), skipped: z.number().int(), updated: z.number().int(), duplicates: z.number().int(), batch: z.string(), ids: z.array(z.number().int()) }),
  }),
  'map.export': command({
    summary: 'Export layers as GeoJSON or KML (WGS84, or GCJ-02 on request)',
    input: z.object({ layers: z.array(layer).optional(), format: z.enum(['geojson', 'kml']).default('geojson'), datum: datum.default('wgs84') }).strict(),
    output: z.object({ format: z.enum(['geojson', 'kml']), fileName: z.string(), contentType: z.string(), count: z.number().int(), text: z.string() }),
  }),
  'map.near': command({
    summary: 'Features of a layer nearest to a point, sorted by great-circle distance in metres, optionally within a radius',
    input: z.object({ lng, lat, layer, withinM: z.number().positive().max(20_100_000).optional(), limit: z.number().int().min(1).max(1000).default(10) }).strict(),
    output: z.array(nearHit),
  }),
  'map.zones': command({
    summary: 'The control zones (and reserves) containing a point (交政发〔2024〕7号 3(1))',
    input: z.object({ lng, lat }).strict(),
    output: z.array(zoneHit),
  }),
  'map.pointInfo': command({
    summary: 'For a point: its zones, water sources within 3 km, the nearest checkpoints, teams, towers and fire road',
    input: z.object({ lng, lat, nearest: z.number().int().min(1).max(20).default(3) }).strict(),
    output: z.object({
      lng: z.number(),
      lat: z.number(),
      zones: z.array(zoneHit),
      water: z.array(nearHit),
      waterRadiusM: z.number(),
      checkpoints: z.array(nearHit),
      teams: z.array(nearHit),
      towers: z.array(nearHit),
      road: nearHit.nullable(),
      roadWithinWalkingRadius: z.boolean(),
    }),
  }),
  'map.seedSamples': command({
    summary: 'Add the 交城县 sample layers (示例, approximate), on request only; refused if already there',
    mutates: true,
    input: z.object({}).strict(),
    output: z.object({ added: z.number().int(), byLayer: z.record(z.string(), z.number().int()), batch: z.string() }),
  }),
  'map.boundaries': command({
    summary: 'County boundaries of 吕梁市 (approximate, converted to WGS84) for the base layer',
    input: z.object({}).strict(),
    output: z.object({ type: z.literal('FeatureCollection'), features: z.array(z.object({ type: z.literal('Feature'), id: z.unknown(), properties: properties, geometry: geometryOut })) }),
  }),
  'tiles.list': command({
    summary: 'Registered offline basemaps (raster MBTiles) with bounds and zoom range',
    input: z.object({}).strict(),
    output: z.object({ sets: z.array(tileSet) }),
  }),
  'tiles.add': command({
    summary: 'Register a raster MBTiles file (copied into the data folder unless mode is reference)',
    mutates: true,
    input: z.object({ file: z.string().min(1), name: z.string().min(1).max(64), mode: z.enum(['copy', 'reference']).default('copy'), replace: z.boolean().default(false) }).strict(),
    output: tileSet,
  }),
};
