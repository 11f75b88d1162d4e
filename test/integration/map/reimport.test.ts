/**
 * Re-import and field mapping (issue 12 item 7) through the core on a real SQLite file: a KML imported twice is not
 * doubled (refused until the officer says skip or update); the same name within 5 m is the same feature, 8 m away
 * is another; 奥维 descriptions (容量, 管护人, 电话) reach the layer's fields and the point answers.
 */
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../electron/core/clock';
import { createCore, type Core } from '../../../electron/core/core';
import type { CallContext } from '../../../electron/core/handlers/types';
import { descriptionPairs, descriptionText, mapKnownFields, numberIn } from '../../../electron/core/map/importFields';
import { tempDir } from './helpers';

let core: Core;
afterEach(() => core?.close());
const ctx: CallContext = { actor: '值班员甲', transport: 'test' };
const R = 6_371_008.8;
const north = (p: [number, number], m: number): [number, number] => [p[0], p[1] + ((m / R) * 180) / Math.PI];

function open(): Core {
  core = createCore({ dbPath: path.join(tempDir('reimport'), 'console.sqlite'), clock: new ManualClock('2026-11-20T02:00:00.000Z') });
  return core;
}

// as 奥维互动地图 exports a 收藏夹 (folders, Placemark ids, the facts in the description)
const OVITAL_KML = `<?xml version="1.0" encoding="UTF-8"?>
<kml xmlns="http://www.opengis.net/kml/2.2"><Document><name>奥维收藏夹</name><Folder><name>水源地</name>
<Placemark id="ovobj-1001"><name>卦山二号蓄水池</name><description><![CDATA[容量：500立方米<br/>管护人：王某某<br/>电话：13800001111<br/>钥匙在村委会]]></description><Point><coordinates>112.1501,37.5801,0</coordinates></Point></Placemark>
<Placemark id="ovobj-1002"><name>沟口集雨窖</name><description>蓄水量:80方；联系人:李某；联系电话:0358-7220000</description><Point><coordinates>112.1601,37.5901,0</coordinates></Point></Placemark>
</Folder></Document></kml>`;

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
const kml = { fileName: '奥维水源.kml', contentBase64: b64(OVITAL_KML), layer: 'water' as const, datum: 'wgs84' as const };

async function refusal(p: Promise<unknown>): Promise<{ code: string; field?: string; rule?: string; message: string }> {
  try {
    await p;
  } catch (e) {
    return (e as { body: { code: string; field?: string; rule?: string; message: string } }).body;
  }
  throw new Error('expected a refusal');
}

describe('re-import', () => {
  it('a KML imported twice: refused until skip or update, never doubled', async () => {
    open();
    expect((await core.invoke('map.import.commit', kml, ctx)).imported).toBe(2);
    const preview = await core.invoke('map.import.preview', kml, ctx);
    expect(preview.duplicates.map((d) => [d.index, d.by, d.existingName])).toEqual([
      [0, 'source-id', '卦山二号蓄水池'],
      [1, 'source-id', '沟口集雨窖'],
    ]);
    const e = await refusal(core.invoke('map.import.commit', kml, ctx));
    expect(e).toMatchObject({ code: 'invalid-input', field: 'onDuplicate', rule: 'duplicate-features' });
    expect(e.message).toContain('2 个要素已在图层中');
    expect((await core.invoke('map.features', { layer: 'water' }, ctx)).features).toHaveLength(2);
    const skipped = await core.invoke('map.import.commit', { ...kml, onDuplicate: 'skip' }, ctx);
    expect(skipped).toMatchObject({ imported: 0, updated: 0, skipped: 2, duplicates: 2 });
    expect((await core.invoke('map.features', { layer: 'water' }, ctx)).features).toHaveLength(2);
    const changed = { ...kml, contentBase64: b64(OVITAL_KML.replace('500立方米', '650立方米')), onDuplicate: 'update' as const };
    const upd = await core.invoke('map.import.commit', changed, ctx);
    expect(upd).toMatchObject({ imported: 0, updated: 2 });
    const feats = (await core.invoke('map.features', { layer: 'water' }, ctx)).features;
    expect(feats).toHaveLength(2);
    expect(feats.find((f) => f.name === '卦山二号蓄水池')!.properties.capacityM3).toBe(650);
  });

  it('without a source id: the same name within 5 m is the same feature; 8 m away, or another name, is not', async () => {
    open();
    const p0: [number, number] = [112.2, 37.6];
    const gj = (name: string, p: [number, number]) => ({
      fileName: 'w.geojson',
      contentBase64: b64(JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { name }, geometry: { type: 'Point', coordinates: p } }] })),
      layer: 'water' as const,
      datum: 'wgs84' as const,
    });
    await core.invoke('map.import.commit', gj('东沟蓄水池', p0), ctx);
    const near = await core.invoke('map.import.preview', gj('东沟蓄水池', north(p0, 4.9)), ctx);
    expect(near.duplicates).toEqual([expect.objectContaining({ by: 'name-place', distanceM: 4.9 })]);
    expect((await core.invoke('map.import.preview', gj('东沟蓄水池', north(p0, 5.2)), ctx)).duplicates).toEqual([]);
    expect((await core.invoke('map.import.preview', gj('东沟蓄水池', north(p0, 8)), ctx)).duplicates).toEqual([]);
    expect((await core.invoke('map.import.preview', gj('西沟蓄水池', north(p0, 1)), ctx)).duplicates).toEqual([]);
    expect((await core.invoke('map.import.commit', gj('东沟蓄水池', north(p0, 8)), ctx)).imported).toBe(1);
  });
});

describe('奥维 descriptions and known columns → the layer fields → the answers', () => {
  it('capacity, keyholder and phone from the description; the answers for a point carry them', async () => {
    open();
    await core.invoke('map.import.commit', kml, ctx);
    const info = await core.invoke('map.pointInfo', { lng: 112.151, lat: 37.581 }, ctx);
    const pool = info.water.find((w) => w.name === '卦山二号蓄水池')!;
    expect(pool.properties).toMatchObject({ capacityM3: 500, keyholder: '王某某', phone: '13800001111', sourceId: 'ovobj-1001' });
    expect(pool.properties.description).toBe('容量：500立方米\n管护人：王某某\n电话：13800001111\n钥匙在村委会');
    const cellar = info.water.find((w) => w.name === '沟口集雨窖')!;
    expect(cellar.properties).toMatchObject({ capacityM3: 80, keyholder: '李某', phone: '0358-7220000' });
  });

  it('CSV columns map the same way; a value already in the field is kept', () => {
    expect(mapKnownFields({ name: '甲', 容量: '1.2万方', 管护人: '赵某', 编号: 'W-07' }, 'water')).toMatchObject({ capacityM3: 12_000, keyholder: '赵某', sourceId: 'W-07' });
    expect(mapKnownFields({ capacityM3: 30, description: '容量：99立方米' }, 'water').capacityM3).toBe(30);
    // capacity is a water field only; a team's 人数 is its size
    expect(mapKnownFields({ 容量: '500' }, 'teams').capacityM3).toBeUndefined();
    expect(mapKnownFields({ description: '人数：52人；负责人：钱某' }, 'teams')).toMatchObject({ size: 52, keyholder: '钱某' });
  });

  it('descriptions: HTML tags and entities go, table cells become 键：值, numbers with units', () => {
    expect(descriptionText('<table><tr><td>电话</td><td>123</td></tr></table>&amp;<br>x')).toBe('电话：123\n&\nx');
    expect(descriptionText({ '@type': 'html', value: 'a<br/>b' })).toBe('a\nb');
    expect(descriptionPairs('容量:5；电话：1\n无冒号的一行')).toEqual([
      ['容量', '5'],
      ['电话', '1'],
    ]);
    expect([numberIn('500 m³'), numberIn('1,200方'), numberIn('约5万立方米'), numberIn('无')]).toEqual([500, 1200, 50_000, null]);
  });
});
