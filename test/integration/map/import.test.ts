import fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from '../../../electron/core/db/database';
import { planImport, previewOf } from '../../../electron/core/map/import';
import { commitImport } from '../../../electron/core/map/service';
import { listFeatures, listMapEvents } from '../../../electron/core/map/store';
import { distanceM, gcj02ToWgs84, type LayerName } from '../../../shared/geo';
import { WGS84_PRJ, zippedShapefile } from '../../fixtures/map/shapefile';
import { count, FIX, meta, tempDb } from './helpers';

let db: Database;
afterEach(() => db?.close());

const read = (f: string) => new Uint8Array(fs.readFileSync(path.join(FIX, f)));
const plan = (f: string, layer: LayerName, datum: 'wgs84' | 'gcj02' = 'wgs84') => planImport(read(f), f, layer, datum);

describe('import: KML and KMZ (奥维互动地图, Google Earth)', () => {
  it('KML with Chinese names: preview counts, then commit writes each feature with an add event in one batch', async () => {
    ({ db } = tempDb());
    const p = await plan('water-ovital.kml', 'water');
    const pv = previewOf(p);
    expect(pv).toMatchObject({ format: 'kml', total: 3, importable: 3, errors: 0, byGeometry: { Point: 3 } });
    expect(pv.sampleNames).toEqual(['卦山东蓄水池', '磁窑河取水点', '石壁集雨窖']);
    const r = await commitImport(db, p, meta());
    expect(r.imported).toBe(3);
    const fs_ = listFeatures(db, { layer: 'water' });
    const pool = fs_.find((f) => f.name === '卦山东蓄水池')!;
    expect(pool.geometry).toEqual({ type: 'Point', coordinates: [112.16, 37.58] }); // altitude dropped
    expect(pool.kind).toBe('pool');
    expect(pool.properties).toMatchObject({ 容量: '200', description: '容量200立方米' });
    expect(pool.properties).not.toHaveProperty('styleUrl');
    const ev = listMapEvents(db, { batch: r.batch });
    expect(ev).toHaveLength(3);
    expect(ev.every((e) => e.action === 'add' && e.actor === '值班员甲')).toBe(true);
  });

  it('KMZ: the doc.kml inside is read the same', async () => {
    const pv = previewOf(await plan('water.kmz', 'water'));
    expect(pv).toMatchObject({ format: 'kmz', total: 3, importable: 3 });
  });

  it('Google Earth polygons: a hole is kept, a MultiGeometry becomes a MultiPolygon', async () => {
    ({ db } = tempDb());
    const p = await plan('zones-google-earth.kml', 'zones');
    expect(previewOf(p).byGeometry).toEqual({ Polygon: 1, MultiPolygon: 1 });
    await commitImport(db, p, meta());
    const a = listFeatures(db, { layer: 'zones' }).find((f) => f.name.startsWith('测试管控区甲'))!;
    expect(a.geometry.type === 'Polygon' && a.geometry.coordinates.length).toBe(2);
  });

  it('a KMZ without a .kml is refused with the reason', async () => {
    await expect(plan('no-kml.kmz', 'water')).rejects.toMatchObject({ body: { code: 'invalid-input', field: 'file', rule: 'kmz-no-kml' } });
  });
});

describe('import: datum', () => {
  it('gcj02 is converted to WGS84 on import (several hundred metres west/south here)', async () => {
    ({ db } = tempDb());
    await commitImport(db, await plan('water-ovital.kml', 'water', 'gcj02'), meta());
    const pool = listFeatures(db, { layer: 'water' }).find((f) => f.name === '卦山东蓄水池')!;
    const expected = gcj02ToWgs84([112.16, 37.58]);
    expect(distanceM([pool.lng, pool.lat], expected)).toBeLessThan(0.01);
    expect(distanceM([pool.lng, pool.lat], [112.16, 37.58])).toBeGreaterThan(300);
  });
});

describe('import: GPX, CSV, GeoJSON, Shapefile', () => {
  it('GPX: waypoints are points; the track is a line and so an error for a point layer → refused unless skipped', async () => {
    ({ db } = tempDb());
    const p = await plan('checkpoints.gpx', 'checkpoints');
    const pv = previewOf(p);
    expect(pv).toMatchObject({ format: 'gpx', total: 3, importable: 2, errors: 1, byGeometry: { Point: 2, LineString: 1 } });
    expect(pv.problems).toEqual([expect.objectContaining({ name: '巡护路线', code: 'wrong-geometry-for-layer', severity: 'error' })]);
    await expect(commitImport(db, p, meta())).rejects.toThrow(expect.objectContaining({ body: expect.objectContaining({ code: 'invalid-input', rule: 'wrong-geometry-for-layer' }) }));
    expect(count(db, 'SELECT COUNT(*) AS n FROM map_features')).toBe(0);
    expect(count(db, 'SELECT COUNT(*) AS n FROM map_events')).toBe(0);
    expect(await commitImport(db, p, meta(), { skipInvalid: true })).toMatchObject({ imported: 2, skipped: 1 });
    expect(listFeatures(db, { layer: 'checkpoints' }).map((f) => f.name).sort()).toEqual(['卦山入口卡口', '石壁入口卡口'].sort());
  });

  it('CSV with 名称/类型/经度/纬度, one row in degrees-minutes-seconds', async () => {
    ({ db } = tempDb());
    const p = await plan('water.csv', 'water');
    expect(previewOf(p)).toMatchObject({ format: 'csv', total: 2, importable: 2, errors: 0 });
    await commitImport(db, p, meta());
    const cellar = listFeatures(db, { layer: 'water' }).find((f) => f.name === '集雨窖（东）')!;
    expect(cellar.lng).toBeCloseTo(112 + 9 / 60 + 36 / 3600, 9);
    expect(cellar.lat).toBeCloseTo(37 + 35 / 60 + 42 / 3600, 9);
    expect(cellar.kind).toBe('cellar');
    expect(cellar.properties).toMatchObject({ '容量(立方米)': '30' });
  });

  it('CSV saved as GBK by Excel is decoded', async () => {
    const p = await plan('water-gbk.csv', 'water');
    expect(p.candidates[0]).toMatchObject({ name: '西社蓄水池', ok: true });
  });

  it('CSV with lng/lat headers: a missing longitude and swapped lng/lat are both errors; the file is refused, nothing written', async () => {
    ({ db } = tempDb());
    const p = await plan('water-bad.csv', 'water');
    const pv = previewOf(p);
    expect(pv).toMatchObject({ total: 2, importable: 0, errors: 2 });
    expect(pv.problems.map((x) => x.code)).toEqual(['missing-geometry', 'out-of-range']);
    await expect(commitImport(db, p, meta(), { skipInvalid: true })).rejects.toThrow(expect.objectContaining({ body: expect.objectContaining({ field: 'file' }) }));
    expect(count(db, 'SELECT COUNT(*) AS n FROM map_features')).toBe(0);
  });

  it('CSV without coordinate columns is refused naming the headers it found', async () => {
    await expect(planImport(new TextEncoder().encode('名称,地址\n甲,某村\n'), 'x.csv', 'water', 'wgs84')).rejects.toMatchObject({
      body: { code: 'invalid-input', rule: 'csv-columns', message: expect.stringContaining('名称、地址') },
    });
  });

  it('GeoJSON FeatureCollection; broken JSON refused; a projected CRS refused', async () => {
    expect(previewOf(await plan('towers.geojson', 'towers'))).toMatchObject({ format: 'geojson', importable: 2 });
    await expect(plan('broken.geojson', 'towers')).rejects.toMatchObject({ body: { rule: 'json' } });
    const projected = JSON.stringify({ type: 'FeatureCollection', crs: { type: 'name', properties: { name: 'EPSG:4547' } }, features: [] });
    await expect(planImport(new TextEncoder().encode(projected), 'p.geojson', 'towers', 'wgs84')).rejects.toMatchObject({ body: { rule: 'crs' } });
  });

  it('zipped Shapefile (built in code) with UTF-8 Chinese attributes and a WGS84 .prj', async () => {
    ({ db } = tempDb());
    const zip = await zippedShapefile(
      '水源',
      [
        { geometry: { type: 'Point', coordinates: [112.15, 37.58] }, properties: { name: '卦山蓄水池', kind: 'pool' } },
        { geometry: { type: 'Point', coordinates: [112.08, 37.64] }, properties: { name: '石壁集雨窖', kind: 'cellar' } },
      ],
      { prj: WGS84_PRJ },
    );
    const p = await planImport(new Uint8Array(zip), '水源.zip', 'water', 'wgs84');
    expect(previewOf(p)).toMatchObject({ format: 'shapefile', total: 2, importable: 2 });
    await commitImport(db, p, meta());
    const f = listFeatures(db, { layer: 'water' }).find((x) => x.name === '卦山蓄水池')!;
    expect(f.lng).toBeCloseTo(112.15, 6);
    expect(f.lat).toBeCloseTo(37.58, 6);
    expect(f.kind).toBe('pool');
  });

  it('zipped Shapefile of polygons (no .prj → taken as longitude/latitude)', async () => {
    const ring: [number, number][] = [[112, 37.5], [112, 37.6], [112.1, 37.6], [112.1, 37.5], [112, 37.5]]; // clockwise: outer ring
    const zip = await zippedShapefile('zones', [{ geometry: { type: 'Polygon', coordinates: [ring] }, properties: { name: '测试区' } }]);
    const p = await planImport(new Uint8Array(zip), 'zones.zip', 'zones', 'wgs84');
    expect(previewOf(p)).toMatchObject({ importable: 1, byGeometry: { Polygon: 1 } });
  });

  it('a zip with neither .shp nor .kml is refused', async () => {
    const z = new JSZip();
    z.file('readme.txt', 'x');
    const bytes = new Uint8Array(await z.generateAsync({ type: 'nodebuffer' }));
    await expect(planImport(bytes, 'x.zip', 'water', 'wgs84')).rejects.toMatchObject({ body: { rule: 'shapefile-no-shp' } });
  });

  it('empty files, unknown formats and XML errors are refused with the reason', async () => {
    await expect(planImport(new Uint8Array(), 'a.kml', 'water', 'wgs84')).rejects.toMatchObject({ body: { rule: 'empty' } });
    await expect(planImport(new TextEncoder().encode('hello'), 'a.docx', 'water', 'wgs84')).rejects.toMatchObject({ body: { rule: 'format' } });
    await expect(planImport(new TextEncoder().encode('<kml><Placemark>'), 'a.kml', 'water', 'wgs84')).rejects.toMatchObject({ body: { rule: 'xml' } });
  });
});
