import type { Feature, FeatureCollection, Geometry, Position } from 'geojson';
import { convertGeometry, LAYER_INFO, type Datum } from '../../../shared/geo';
import type { FeatureRecord } from './store';

/** A stored feature as a GeoJSON Feature: its own properties plus layer, name, kind and version. */
export function toGeoJsonFeature(f: FeatureRecord, datum: Datum = 'wgs84'): Feature {
  return {
    type: 'Feature',
    id: f.id,
    properties: { ...f.properties, name: f.name, layer: f.layer, kind: f.kind, version: f.version, updatedAt: f.updatedAt },
    geometry: datum === 'wgs84' ? f.geometry : convertGeometry(f.geometry, 'wgs84', datum),
  };
}

export function toFeatureCollection(features: FeatureRecord[], datum: Datum = 'wgs84'): FeatureCollection {
  return { type: 'FeatureCollection', features: features.map((f) => toGeoJsonFeature(f, datum)) };
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
// XML 1.0 forbids most control characters even escaped.
const clean = (s: string) =>
  [...s].filter((ch) => {
    const c = ch.charCodeAt(0);
    return c >= 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
  }).join('');
const coords = (ps: Position[]) => ps.map((p) => `${p[0]},${p[1]}`).join(' ');

function kmlGeometry(g: Geometry): string {
  switch (g.type) {
    case 'Point':
      return `<Point><coordinates>${coords([g.coordinates])}</coordinates></Point>`;
    case 'LineString':
      return `<LineString><tessellate>1</tessellate><coordinates>${coords(g.coordinates)}</coordinates></LineString>`;
    case 'Polygon': {
      const [outer, ...holes] = g.coordinates;
      return (
        `<Polygon><outerBoundaryIs><LinearRing><coordinates>${coords(outer ?? [])}</coordinates></LinearRing></outerBoundaryIs>` +
        holes.map((h) => `<innerBoundaryIs><LinearRing><coordinates>${coords(h)}</coordinates></LinearRing></innerBoundaryIs>`).join('') +
        `</Polygon>`
      );
    }
    case 'MultiPoint':
      return `<MultiGeometry>${g.coordinates.map((c) => kmlGeometry({ type: 'Point', coordinates: c })).join('')}</MultiGeometry>`;
    case 'MultiLineString':
      return `<MultiGeometry>${g.coordinates.map((c) => kmlGeometry({ type: 'LineString', coordinates: c })).join('')}</MultiGeometry>`;
    case 'MultiPolygon':
      return `<MultiGeometry>${g.coordinates.map((c) => kmlGeometry({ type: 'Polygon', coordinates: c })).join('')}</MultiGeometry>`;
    case 'GeometryCollection':
      return `<MultiGeometry>${g.geometries.map(kmlGeometry).join('')}</MultiGeometry>`;
  }
}

function dataValue(v: unknown): string {
  return clean(typeof v === 'string' ? v : JSON.stringify(v) ?? '');
}

/**
 * KML 2.2 for Google Earth and 奥维互动地图: one Folder per layer, a Placemark per feature with its name, and its
 * properties as ExtendedData (objects as JSON text). Coordinates in `datum` (WGS84 unless asked otherwise).
 */
export function toKml(features: FeatureRecord[], opts: { datum?: Datum; title?: string } = {}): string {
  const datum = opts.datum ?? 'wgs84';
  const byLayer = new Map<string, FeatureRecord[]>();
  for (const f of features) byLayer.set(f.layer, [...(byLayer.get(f.layer) ?? []), f]);
  const folders = [...byLayer.entries()].map(([layer, fs]) => {
    const label = LAYER_INFO[layer as keyof typeof LAYER_INFO]?.zh ?? layer;
    const marks = fs.map((f) => {
      const g = datum === 'wgs84' ? f.geometry : convertGeometry(f.geometry, 'wgs84', datum);
      const props: Record<string, unknown> = { ...f.properties, layer: f.layer, id: f.id, ...(f.kind ? { kind: f.kind } : {}) };
      const data = Object.entries(props)
        .filter(([, v]) => v !== undefined && v !== null)
        .map(([k, v]) => `<Data name="${esc(clean(k))}"><value>${esc(dataValue(v))}</value></Data>`)
        .join('');
      return `<Placemark><name>${esc(clean(f.name))}</name><ExtendedData>${data}</ExtendedData>${kmlGeometry(g)}</Placemark>`;
    });
    return `<Folder><name>${esc(label)}</name>${marks.join('\n')}</Folder>`;
  });
  const title = opts.title ?? '应急值守台 地图图层';
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<kml xmlns="http://www.opengis.net/kml/2.2"><Document><name>${esc(title)}</name>` +
    `<description>${esc(`坐标系 ${datum === 'wgs84' ? 'WGS84 / CGCS2000' : 'GCJ-02'}`)}</description>\n${folders.join('\n')}\n</Document></kml>\n`
  );
}
