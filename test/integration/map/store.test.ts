import { afterEach, describe, expect, it } from 'vitest';
import { LAYER_NO } from '../../../electron/core/map/rtree';
import { applyFeatureChange, getFeature, listFeatures, listMapEvents } from '../../../electron/core/map/store';
import { LAYERS, type LayerName } from '../../../shared/geo';
import type { Database } from '../../../electron/core/db/database';
import { count, meta, tempDb } from './helpers';

let db: Database;
afterEach(() => db?.close());

const pool = { layer: 'water' as const, name: '蓄水池甲', kind: 'pool', properties: { capacityM3: 200 }, geometry: { type: 'Point' as const, coordinates: [112.15, 37.58] } };

function rtreeMatchesTable(d: Database): void {
  const t = d.prepare('SELECT id, min_lng, max_lng, min_lat, max_lat, layer FROM map_features ORDER BY id').all() as Array<Record<string, number | string>>;
  const r = d.prepare('SELECT id, min_lng, max_lng, min_lat, max_lat, min_layer, max_layer FROM map_features_rtree ORDER BY id').all() as Array<Record<string, number | string>>;
  expect(r.map((x) => x.id)).toEqual(t.map((x) => x.id));
  t.forEach((row, i) => {
    const box = r[i]!;
    // the layer's slot [n, n + 1] (migration 34)
    expect(box.min_layer).toBe(LAYER_NO[row.layer as LayerName]);
    expect(box.max_layer).toBe(LAYER_NO[row.layer as LayerName] + 1);
    // 32-bit boxes rounded outward: they always contain the exact box.
    expect(box.min_lng as number).toBeLessThanOrEqual(row.min_lng as number);
    expect(box.max_lng as number).toBeGreaterThanOrEqual(row.max_lng as number);
    expect(box.min_lat as number).toBeLessThanOrEqual(row.min_lat as number);
    expect(box.max_lat as number).toBeGreaterThanOrEqual(row.max_lat as number);
  });
}

describe('map features: one function writes the change and its event', () => {
  it('add → an add event with actor, time and after; R*Tree row follows', () => {
    ({ db } = tempDb());
    const f = applyFeatureChange(db, { op: 'add', draft: pool }, meta('值班员甲', '2026-11-20T02:00:00.000Z'))!;
    expect(f).toMatchObject({ layer: 'water', name: '蓄水池甲', kind: 'pool', version: 1, lng: 112.15, lat: 37.58, createdBy: '值班员甲' });
    const ev = listMapEvents(db, { featureId: f.id });
    expect(ev).toHaveLength(1);
    expect(ev[0]).toMatchObject({ action: 'add', actor: '值班员甲', recordedAt: '2026-11-20T02:00:00.000Z', before: null });
    expect(ev[0]!.after!.name).toBe('蓄水池甲');
    rtreeMatchesTable(db);
  });

  it('move a point → a move event with before and after positions; the R*Tree moves too', () => {
    ({ db } = tempDb());
    const f = applyFeatureChange(db, { op: 'add', draft: pool }, meta())!;
    const moved = applyFeatureChange(db, { op: 'update', id: f.id, patch: { geometry: { type: 'Point', coordinates: [112.2, 37.6] } } }, meta('值班员乙', '2026-11-20T03:00:00.000Z'))!;
    expect(moved.version).toBe(2);
    expect(moved.updatedBy).toBe('值班员乙');
    const ev = listMapEvents(db, { featureId: f.id });
    expect(ev.map((e) => e.action)).toEqual(['add', 'move']);
    expect(ev[1]!.before!.geometry).toEqual({ type: 'Point', coordinates: [112.15, 37.58] });
    expect(ev[1]!.after!.geometry).toEqual({ type: 'Point', coordinates: [112.2, 37.6] });
    expect(listFeatures(db, { layer: 'water', bbox: [112.19, 37.59, 112.21, 37.61] }).map((x) => x.id)).toEqual([f.id]);
    expect(listFeatures(db, { layer: 'water', bbox: [112.14, 37.57, 112.16, 37.59] })).toEqual([]);
    rtreeMatchesTable(db);
  });

  it('edit properties → an update event; delete → a delete event keeping what it was; the R*Tree row goes', () => {
    ({ db } = tempDb());
    const f = applyFeatureChange(db, { op: 'add', draft: pool }, meta())!;
    applyFeatureChange(db, { op: 'update', id: f.id, patch: { properties: { capacityM3: 250 } } }, meta());
    expect(getFeature(db, f.id)!.properties).toEqual({ capacityM3: 250 });
    applyFeatureChange(db, { op: 'delete', id: f.id }, meta());
    expect(getFeature(db, f.id)).toBeNull();
    const ev = listMapEvents(db, { featureId: f.id });
    expect(ev.map((e) => e.action)).toEqual(['add', 'update', 'delete']);
    expect(ev[2]!.before!.properties).toEqual({ capacityM3: 250 });
    expect(ev[2]!.after).toBeNull();
    expect(count(db, 'SELECT COUNT(*) AS n FROM map_features_rtree')).toBe(0);
  });

  it('polygons: add and reshape a zone', () => {
    ({ db } = tempDb());
    const sq = (d: number) => ({ type: 'Polygon' as const, coordinates: [[[112, 37.5], [112 + d, 37.5], [112 + d, 37.5 + d], [112, 37.5 + d], [112, 37.5]]] });
    const z = applyFeatureChange(db, { op: 'add', draft: { layer: 'zones', name: '测试区', kind: 'control-zone', geometry: sq(0.1) } }, meta())!;
    expect(z.bbox).toEqual([112, 37.5, 112.1, 37.6]);
    const z2 = applyFeatureChange(db, { op: 'update', id: z.id, patch: { geometry: sq(0.2) } }, meta())!;
    expect(z2.bbox[2]).toBeCloseTo(112.2, 9);
    expect(listMapEvents(db, { featureId: z.id }).map((e) => e.action)).toEqual(['add', 'update']);
    rtreeMatchesTable(db);
  });

  it('a stale version is a conflict and writes nothing', () => {
    ({ db } = tempDb());
    const f = applyFeatureChange(db, { op: 'add', draft: pool }, meta())!;
    applyFeatureChange(db, { op: 'update', id: f.id, expectedVersion: 1, patch: { name: '蓄水池乙' } }, meta());
    expect(() => applyFeatureChange(db, { op: 'update', id: f.id, expectedVersion: 1, patch: { name: '蓄水池丙' } }, meta())).toThrow(
      expect.objectContaining({ code: 'conflict' }),
    );
    expect(getFeature(db, f.id)!.name).toBe('蓄水池乙');
    expect(count(db, 'SELECT COUNT(*) AS n FROM map_events')).toBe(2);
  });

  it('bad input names the field and the rule, and nothing is written', () => {
    ({ db } = tempDb());
    const bad = [
      { draft: { ...pool, geometry: { type: 'Point' as const, coordinates: [37.58, 112.15] } }, field: 'geometry', rule: 'out-of-range' },
      { draft: { ...pool, geometry: { type: 'LineString' as const, coordinates: [[112, 37], [112.1, 37.1]] } }, field: 'geometry', rule: 'wrong-geometry-for-layer' },
      { draft: { ...pool, name: '   ' }, field: 'name', rule: 'required' },
      { draft: { ...pool, layer: 'lakes' as never }, field: 'layer', rule: 'enum' },
    ];
    for (const b of bad) {
      expect(() => applyFeatureChange(db, { op: 'add', draft: b.draft }, meta())).toThrow(expect.objectContaining({ body: expect.objectContaining({ code: 'invalid-input', field: b.field, rule: b.rule }) }));
    }
    expect(count(db, 'SELECT COUNT(*) AS n FROM map_features')).toBe(0);
    expect(count(db, 'SELECT COUNT(*) AS n FROM map_events')).toBe(0);
    expect(count(db, 'SELECT COUNT(*) AS n FROM map_features_rtree')).toBe(0);
  });

  it('a missing feature is not-found', () => {
    ({ db } = tempDb());
    expect(() => applyFeatureChange(db, { op: 'delete', id: 999 }, meta())).toThrow(expect.objectContaining({ code: 'not-found' }));
  });

  it('every layer gets its own number in the R*Tree, and a bbox query never mixes layers', () => {
    ({ db } = tempDb());
    expect(new Set(Object.values(LAYER_NO)).size).toBe(LAYERS.length);
    const geom = (layer: LayerName) =>
      layer === 'zones'
        ? { type: 'Polygon' as const, coordinates: [[[112.14, 37.57], [112.16, 37.57], [112.16, 37.59], [112.14, 37.57]]] }
        : layer === 'roads'
          ? { type: 'LineString' as const, coordinates: [[112.14, 37.57], [112.16, 37.59]] }
          : { type: 'Point' as const, coordinates: [112.15, 37.58] };
    for (const layer of LAYERS) applyFeatureChange(db, { op: 'add', draft: { layer, name: layer, geometry: geom(layer) } }, meta());
    rtreeMatchesTable(db);
    for (const layer of LAYERS) expect(listFeatures(db, { layer, bbox: [112.1, 37.5, 112.2, 37.6] }).map((f) => f.name)).toEqual([layer]);
    expect(listFeatures(db, { bbox: [112.1, 37.5, 112.2, 37.6] })).toHaveLength(LAYERS.length);
  });

  it('map_events is append-only: UPDATE and DELETE are refused by the database', () => {
    ({ db } = tempDb());
    applyFeatureChange(db, { op: 'add', draft: pool }, meta());
    expect(() => db.prepare("UPDATE map_events SET actor = 'x'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM map_events').run()).toThrow(/append-only/);
    expect(count(db, 'SELECT COUNT(*) AS n FROM map_events')).toBe(1);
  });

  it('a failure after the feature write rolls back the feature too (one transaction)', () => {
    ({ db } = tempDb());
    // Make the event insert fail: a trigger that aborts on the second event.
    db.exec(`CREATE TRIGGER fail_second BEFORE INSERT ON map_events WHEN (SELECT COUNT(*) FROM map_events) >= 1
             BEGIN SELECT RAISE(ABORT, 'disk full (simulated)'); END;`);
    const f = applyFeatureChange(db, { op: 'add', draft: pool }, meta())!;
    expect(() => applyFeatureChange(db, { op: 'update', id: f.id, patch: { name: '改名' } }, meta())).toThrow(/simulated/);
    expect(getFeature(db, f.id)!.name).toBe('蓄水池甲');
    expect(getFeature(db, f.id)!.version).toBe(1);
  });
});
