/**
 * The feature being edited in the map view: pure conversion between a stored feature, the form's text fields and the
 * geometry sent to the core. The core validates again (rings, coordinates, layer geometry kind) and names the rule.
 */
import type { Geometry, Position } from 'geojson';
import type { MapFeatureLite } from '../../../shared/api/map';
import { LAYER_INFO, type LayerName } from '../../../shared/geo/layers';
import { fmtDeg, parseDeg } from './format';

/** Properties the form edits per layer (交政发〔2024〕7号 4(2) checkpoints, 5(2) water, 6(5) teams, 6(2) posts). */
export interface FieldDef {
  key: string;
  label: 'map.feature.staffedBy' | 'map.feature.hours' | 'map.feature.capacity' | 'map.feature.tier' | 'map.feature.size' | 'map.feature.base' | 'map.feature.standby' | 'map.feature.trigger' | 'map.feature.boundaryText' | 'map.feature.note';
  type: 'text' | 'number' | 'textarea';
}

export const LAYER_FIELDS: Record<LayerName, FieldDef[]> = {
  zones: [{ key: 'boundaryText', label: 'map.feature.boundaryText', type: 'textarea' }],
  checkpoints: [
    { key: 'staffedBy', label: 'map.feature.staffedBy', type: 'text' },
    { key: 'hours', label: 'map.feature.hours', type: 'text' },
  ],
  water: [{ key: 'capacityM3', label: 'map.feature.capacity', type: 'number' }],
  teams: [
    { key: 'tier', label: 'map.feature.tier', type: 'number' },
    { key: 'size', label: 'map.feature.size', type: 'number' },
    { key: 'base', label: 'map.feature.base', type: 'text' },
    { key: 'standby', label: 'map.feature.standby', type: 'text' },
  ],
  towers: [],
  roads: [],
  posts: [{ key: 'triggerRadiusM', label: 'map.feature.trigger', type: 'number' }],
};
const NOTE: FieldDef = { key: 'note', label: 'map.feature.note', type: 'textarea' };

export function fieldsOf(layer: LayerName): FieldDef[] {
  return [...LAYER_FIELDS[layer], NOTE];
}

export interface Draft {
  id: number | null;
  version: number | null;
  layer: LayerName;
  name: string;
  kind: string;
  /** Form text of the layer's fields. */
  fields: Record<string, string>;
  approximate: boolean;
  /** Properties the form does not edit (from imports, sample markers): kept unchanged on save. */
  extra: Record<string, unknown>;
  geometry: Geometry;
}

const EDITED_FLAGS = ['approximate', 'sample'];

export function draftFromFeature(f: MapFeatureLite): Draft {
  const fields: Record<string, string> = {};
  const extra: Record<string, unknown> = {};
  const keys = new Set(fieldsOf(f.layer).map((d) => d.key));
  for (const [k, v] of Object.entries(f.properties)) {
    if (keys.has(k) && (typeof v === 'string' || typeof v === 'number')) fields[k] = String(v);
    else if (!EDITED_FLAGS.includes(k)) extra[k] = v;
  }
  return {
    id: f.id,
    version: f.version,
    layer: f.layer,
    name: f.name,
    kind: f.kind ?? '',
    fields,
    approximate: f.properties.approximate === true || f.properties.sample === true,
    extra,
    geometry: f.geometry,
  };
}

export function newDraft(layer: LayerName, geometry: Geometry): Draft {
  const kinds = Object.keys(LAYER_INFO[layer].kinds);
  return { id: null, version: null, layer, name: '', kind: kinds.length === 1 ? kinds[0]! : '', fields: {}, approximate: false, extra: {}, geometry };
}

export interface FormProblem {
  field: string;
  key: 'map.feature.nameRequired' | 'map.feature.badNumber' | 'map.feature.badCoords' | 'map.feature.tooFew' | 'map.feature.badCoord';
  params?: Record<string, string | number>;
}

/** The properties to send: the untouched extras, the form's fields (numbers as numbers, blanks dropped), the flags. */
export function propertiesOf(d: Draft): { properties: Record<string, unknown>; problems: FormProblem[] } {
  const properties: Record<string, unknown> = { ...d.extra };
  const problems: FormProblem[] = [];
  for (const def of fieldsOf(d.layer)) {
    const raw = (d.fields[def.key] ?? '').trim();
    if (!raw) continue;
    if (def.type === 'number') {
      const n = Number(raw);
      if (!Number.isFinite(n)) problems.push({ field: def.key, key: 'map.feature.badNumber' });
      else properties[def.key] = n;
    } else properties[def.key] = raw;
  }
  if (d.approximate) properties.approximate = true;
  // An office that unticks "approximate" on a sample has surveyed it: it is no longer a sample either.
  else if (d.extra.sampleSet !== undefined) properties.sample = false;
  return { properties, problems };
}

/** The editable ring of an area (first ring of a Polygon, closing vertex left out) or the vertices of a line. */
export function editableVertices(g: Geometry): Position[] | null {
  if (g.type === 'Polygon') {
    const r = g.coordinates[0] ?? [];
    const open = r.length > 1 && r[0]![0] === r[r.length - 1]![0] && r[0]![1] === r[r.length - 1]![1] ? r.slice(0, -1) : r;
    return open.map((p) => [p[0]!, p[1]!]);
  }
  if (g.type === 'LineString') return g.coordinates.map((p) => [p[0]!, p[1]!]);
  return null;
}

/** Put edited vertices back: closes a polygon's outer ring (holes kept), or replaces a line's vertices. */
export function withVertices(g: Geometry, vs: Position[]): Geometry {
  if (g.type === 'Polygon') {
    const ring = vs.length ? [...vs, vs[0]!] : [];
    return { type: 'Polygon', coordinates: [ring, ...g.coordinates.slice(1)] };
  }
  if (g.type === 'LineString') return { type: 'LineString', coordinates: vs };
  return g;
}

export function minVertices(g: Geometry): number {
  return g.type === 'Polygon' ? 3 : g.type === 'LineString' ? 2 : 1;
}

export function verticesToText(vs: Position[]): string {
  return vs.map((p) => `${fmtDeg(p[0]!)},${fmtDeg(p[1]!)}`).join('\n');
}

/** "lng,lat" per line (comma, space or tab); blank lines ignored. Errors name the 1-based line. */
export function textToVertices(text: string): { vertices: Position[] } | { problem: FormProblem } {
  const out: Position[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (!line) continue;
    const parts = line.split(/\s*[,，\t]\s*|\s+/).filter(Boolean);
    const lng = parts.length === 2 ? parseDeg(parts[0]!) : null;
    const lat = parts.length === 2 ? parseDeg(parts[1]!) : null;
    if (lng === null || lat === null || Math.abs(lng) > 180 || Math.abs(lat) > 90) return { problem: { field: 'coords', key: 'map.feature.badCoords', params: { line: i + 1 } } };
    out.push([lng, lat]);
  }
  return { vertices: out };
}
