import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../electron/core/clock';
import { createCore, type Core } from '../../../electron/core/core';
import { countyBoundaries, sampleLayers } from '../../../electron/core/map/assets';
import type { CallContext } from '../../../electron/core/handlers/types';
import { pointInPolygon, positions } from '../../../shared/geo';
import { solidPng, writeMbtiles } from '../../fixtures/map/mbtiles';
import { FIX, tempDir } from './helpers';

let core: Core;
afterEach(() => core?.close());
const ctx: CallContext = { actor: '值班员甲', transport: 'test' };
const R = 6_371_008.8;
const north = (p: [number, number], m: number): [number, number] => [p[0], p[1] + ((m / R) * 180) / Math.PI];

function open(): { core: Core; clock: ManualClock; dir: string } {
  const dir = tempDir('core');
  const clock = new ManualClock('2026-11-20T02:00:00.000Z');
  core = createCore({ dbPath: path.join(dir, 'console.sqlite'), clock });
  return { core, clock, dir };
}

describe('map.* commands through the core (schema-validated, events with actor and clock time)', () => {
  it('add, move, edit, delete: every change is an event with who, when, before and after', async () => {
    const { clock } = open();
    const f = await core.invoke('map.feature.add', { layer: 'checkpoints', name: '临时卡口甲', kind: 'temporary', properties: { staffedBy: '西社镇', hours: '全天' }, geometry: { type: 'Point', coordinates: [111.88, 37.66] } }, ctx);
    clock.advance(60_000);
    await core.invoke('map.feature.update', { id: f.id, expectedVersion: 1, geometry: { type: 'Point', coordinates: [111.89, 37.66] } }, { ...ctx, actor: '值班员乙' });
    clock.advance(60_000);
    await core.invoke('map.feature.update', { id: f.id, properties: { staffedBy: '西社镇、县林业局', hours: '08:00–20:00' } }, ctx);
    clock.advance(60_000);
    await core.invoke('map.feature.delete', { id: f.id, expectedVersion: 3 }, ctx);
    const { events } = await core.invoke('map.events', { featureId: f.id }, ctx);
    expect(events.map((e) => [e.action, e.actor, e.recordedAt])).toEqual([
      ['add', '值班员甲', '2026-11-20T02:00:00.000Z'],
      ['move', '值班员乙', '2026-11-20T02:01:00.000Z'],
      ['update', '值班员甲', '2026-11-20T02:02:00.000Z'],
      ['delete', '值班员甲', '2026-11-20T02:03:00.000Z'],
    ]);
    expect(events[2]!.before!.properties).toEqual({ staffedBy: '西社镇', hours: '全天' });
    expect(events[2]!.after!.properties).toEqual({ staffedBy: '西社镇、县林业局', hours: '08:00–20:00' });
  });

  it('schema errors name the field: bad layer, latitude out of range', async () => {
    open();
    await expect(core.invoke('map.near', { lng: 112, lat: 95, layer: 'water' } as never, ctx)).rejects.toMatchObject({ body: { code: 'invalid-input', field: 'lat' } });
    await expect(core.invoke('map.feature.add', { layer: 'lakes', name: 'x', geometry: { type: 'Point', coordinates: [1, 1] } } as never, ctx)).rejects.toMatchObject({ body: { field: 'layer' } });
  });

  it('import preview writes nothing; commit writes; export gives GeoJSON and KML', async () => {
    open();
    const contentBase64 = fs.readFileSync(path.join(FIX, 'water-ovital.kml')).toString('base64');
    const pv = await core.invoke('map.import.preview', { fileName: 'water-ovital.kml', contentBase64, layer: 'water', datum: 'wgs84' }, ctx);
    expect(pv).toMatchObject({ total: 3, importable: 3, errors: 0 });
    expect((await core.invoke('map.layers', {}, ctx)).layers.find((l) => l.name === 'water')!.count).toBe(0);
    const r = await core.invoke('map.import.commit', { fileName: 'water-ovital.kml', contentBase64, layer: 'water', datum: 'wgs84' }, ctx);
    expect(r.imported).toBe(3);
    const gj = await core.invoke('map.export', { layers: ['water'], format: 'geojson' }, ctx);
    expect(JSON.parse(gj.text).features).toHaveLength(3);
    expect(gj.fileName).toBe('map-water-2026-11-20.geojson');
    const kml = await core.invoke('map.export', { format: 'kml' }, ctx);
    expect(kml.text).toContain('<name>卦山东蓄水池</name>');
    expect(kml.count).toBe(3);
  });

  it('tiles.add and tiles.list', async () => {
    const { dir } = open();
    const mb = path.join(dir, 'src.mbtiles');
    writeMbtiles(mb, { name: 't', format: 'png', minzoom: '0', maxzoom: '1' }, [{ z: 0, x: 0, y: 0, data: solidPng([1, 2, 3]) }]);
    await core.invoke('tiles.add', { file: mb, name: 'base' }, ctx);
    expect((await core.invoke('tiles.list', {}, ctx)).sets.map((s) => [s.name, s.minZoom, s.maxZoom])).toEqual([['base', 0, 1]]);
    expect(core.readTile('base', 0, 0, 0)!.contentType).toBe('image/png');
  });
});

describe('交城县 sample layers (示例, approximate) and county boundaries', () => {
  it('seeded only on request, once; every feature says sample and approximate; names carry 示例', async () => {
    open();
    expect((await core.invoke('map.features', {}, ctx)).features).toHaveLength(0);
    const r = await core.invoke('map.seedSamples', {}, ctx);
    expect(r.byLayer).toMatchObject({ zones: 4, checkpoints: 4, water: 5, towers: 3, teams: 6, roads: 2, posts: 2 });
    const { features } = await core.invoke('map.features', {}, ctx);
    expect(features).toHaveLength(r.added);
    for (const f of features) {
      expect(f.name).toContain('示例');
      expect(f.properties).toMatchObject({ sample: true, approximate: true });
    }
    for (const z of features.filter((f) => f.layer === 'zones')) expect(String(z.properties.boundaryText)).toMatch(/管控区域/);
    await expect(core.invoke('map.seedSamples', {}, ctx)).rejects.toMatchObject({ code: 'conflict' });
    expect((await core.invoke('map.features', {}, ctx)).features).toHaveLength(r.added);
  });

  it('庞泉沟: 1 km band outside the reserve is the control zone; the reserve interior answers the reserve', async () => {
    open();
    await core.invoke('map.seedSamples', {}, ctx);
    // The sample reserve's western vertex is (111.44, 37.815); its northern edge runs (111.5, 37.875)–(111.555, 37.86).
    const inside: [number, number] = [111.5, 37.83];
    expect((await core.invoke('map.zones', { lng: inside[0], lat: inside[1] }, ctx)).map((z) => z.kind)).toEqual(['reserve']);
    const outsideNear = north([111.5, 37.875], 900);
    const outsideFar = north([111.5, 37.875], 1100);
    const near = await core.invoke('map.zones', { lng: outsideNear[0], lat: outsideNear[1] }, ctx);
    expect(near.map((z) => z.name)).toEqual(['庞泉沟风景区重点管控区（示例）']);
    expect(near[0]!.properties).toMatchObject({ sample: true, approximate: true });
    expect(await core.invoke('map.zones', { lng: outsideFar[0], lat: outsideFar[1] }, ctx)).toEqual([]);
  });

  it('pointInfo for a fire in 卦山: its zone, water within 3 km, nearest teams', async () => {
    open();
    await core.invoke('map.seedSamples', {}, ctx);
    const info = await core.invoke('map.pointInfo', { lng: 112.15, lat: 37.585 }, ctx);
    expect(info.zones.map((z) => z.name)).toEqual(['卦山风景区重点管控区（示例）']);
    expect(info.water.length).toBeGreaterThan(0);
    expect(info.water.every((w, i, a) => w.distanceM <= 3000 && (i === 0 || a[i - 1]!.distanceM <= w.distanceM))).toBe(true);
    expect(info.water.map((w) => w.name)).not.toContain('庞泉沟蓄水池（示例）');
    expect(info.teams).toHaveLength(3);
  });

  it('every sample position lies inside 交城县 as drawn by the boundary file', () => {
    const jc = countyBoundaries().features.find((f) => f.properties!.name === '交城县')!;
    for (const f of sampleLayers().features) {
      for (const p of positions(f.geometry)) expect(pointInPolygon(p, jc.geometry as never), `${f.properties!.name} ${p}`).toBe(true);
    }
  });

  it('boundaries: 13 counties of 吕梁市; 交城县 spans about 111.4–112.3°E, 37.46–37.90°N and holds its seat', async () => {
    open();
    const fc = await core.invoke('map.boundaries', {}, ctx);
    expect(fc.features).toHaveLength(13);
    const jc = fc.features.find((f) => f.properties.name === '交城县')!;
    const xs = [...positions(jc.geometry)].map((p) => p[0]!);
    const ys = [...positions(jc.geometry)].map((p) => p[1]!);
    expect(Math.min(...xs)).toBeGreaterThan(111.35);
    expect(Math.max(...xs)).toBeLessThan(112.35);
    expect(Math.min(...ys)).toBeGreaterThan(37.4);
    expect(Math.max(...ys)).toBeLessThan(37.95);
    expect(pointInPolygon([112.1494, 37.5512], jc.geometry as never)).toBe(true);
    expect(jc.properties).toMatchObject({ approximate: true });
  });

  it('the boundary file is read and converted once per assets folder, not at every opening of the map', () => {
    const first = countyBoundaries();
    expect(countyBoundaries()).toBe(first);
    expect(first.features).toHaveLength(13);
  });
});
