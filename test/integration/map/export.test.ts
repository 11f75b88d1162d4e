import { kml as kmlToGeoJSON } from '@tmcw/togeojson';
import { DOMParser } from '@xmldom/xmldom';
import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from '../../../electron/core/db/database';
import { toFeatureCollection, toKml } from '../../../electron/core/map/export';
import { planImport } from '../../../electron/core/map/import';
import { applyFeatureChange, listFeatures } from '../../../electron/core/map/store';
import { distanceM, wgs84ToGcj02 } from '../../../shared/geo';
import { meta, tempDb } from './helpers';

let db: Database;
afterEach(() => db?.close());

function seed(d: Database) {
  applyFeatureChange(d, { op: 'add', draft: { layer: 'water', name: '蓄水池 <甲> & "乙"', kind: 'pool', properties: { capacityM3: 200, 备注: '平时抗旱' }, geometry: { type: 'Point', coordinates: [112.15, 37.58] } } }, meta());
  applyFeatureChange(
    d,
    {
      op: 'add',
      draft: {
        layer: 'zones',
        name: '带洞的区',
        geometry: { type: 'Polygon', coordinates: [[[112, 37.5], [112.1, 37.5], [112.1, 37.6], [112, 37.6], [112, 37.5]], [[112.04, 37.54], [112.04, 37.56], [112.06, 37.56], [112.06, 37.54], [112.04, 37.54]]] },
      },
    },
    meta(),
  );
  applyFeatureChange(d, { op: 'add', draft: { layer: 'roads', name: '通道', geometry: { type: 'MultiLineString', coordinates: [[[112, 37], [112.1, 37.1]], [[112.2, 37.2], [112.3, 37.3]]] } } }, meta());
}

describe('export', () => {
  it('KML parses back (Google Earth reader) with the same names, geometry and properties, XML-escaped', () => {
    ({ db } = tempDb());
    seed(db);
    const text = toKml(listFeatures(db));
    const back = kmlToGeoJSON(new DOMParser().parseFromString(text, 'text/xml') as never).features;
    expect(back.map((f) => f.properties!.name).sort()).toEqual(['带洞的区', '蓄水池 <甲> & "乙"', '通道'].sort());
    const pool = back.find((f) => f.properties!.name === '蓄水池 <甲> & "乙"')!;
    expect(pool.geometry).toEqual({ type: 'Point', coordinates: [112.15, 37.58] });
    expect(pool.properties).toMatchObject({ capacityM3: '200', 备注: '平时抗旱', layer: 'water', kind: 'pool' });
    const zone = back.find((f) => f.properties!.name === '带洞的区')!;
    const zg = zone.geometry!;
    expect(zg.type === 'Polygon' && zg.coordinates.length).toBe(2);
  });

  it('KML exported then imported through our own importer gives the same features', async () => {
    ({ db } = tempDb());
    seed(db);
    const text = toKml(listFeatures(db, { layer: 'zones' }));
    const plan = await planImport(new TextEncoder().encode(text), 'x.kml', 'zones', 'wgs84');
    expect(plan.candidates.map((c) => [c.name, c.ok])).toEqual([['带洞的区', true]]);
    expect(plan.candidates[0]!.geometry).toEqual(listFeatures(db, { layer: 'zones' })[0]!.geometry);
  });

  it('GeoJSON export carries name, layer and kind; GCJ-02 export is shifted as the datum requires', () => {
    ({ db } = tempDb());
    seed(db);
    const fc = toFeatureCollection(listFeatures(db, { layer: 'water' }));
    expect(fc.features[0]).toMatchObject({ type: 'Feature', properties: { name: '蓄水池 <甲> & "乙"', layer: 'water', kind: 'pool', capacityM3: 200 }, geometry: { type: 'Point', coordinates: [112.15, 37.58] } });
    const gcj = toFeatureCollection(listFeatures(db, { layer: 'water' }), 'gcj02').features[0]!.geometry as unknown as { coordinates: [number, number] };
    expect(distanceM(gcj.coordinates, wgs84ToGcj02([112.15, 37.58]))).toBeLessThan(0.001);
  });
});

describe('KML export of awkward text', () => {
  it('drops control characters XML 1.0 forbids, keeps tabs and newlines', () => {
    ({ db } = tempDb());
    applyFeatureChange(db, { op: 'add', draft: { layer: 'towers', name: '瞭望\u0001台', properties: { 备注: '第一行\n第二行\t\u0007' }, geometry: { type: 'Point', coordinates: [112.1, 37.6] } } }, meta());
    const text = toKml(listFeatures(db));
    expect(text.includes('\u0001') || text.includes('\u0007')).toBe(false);
    const back = kmlToGeoJSON(new DOMParser().parseFromString(text, 'text/xml') as never).features;
    expect(back[0]!.properties).toMatchObject({ name: '瞭望台', 备注: '第一行\n第二行\t' });
  });
});
