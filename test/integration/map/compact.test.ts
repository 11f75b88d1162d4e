import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../electron/core/core';
import type { CallContext } from '../../../electron/core/handlers/types';
import { expandFeatures } from '../../../shared/api/map';
import { tempDir } from './helpers';

let core: Core;
afterEach(() => core?.close());
const ctx: CallContext = { actor: '值班员甲', transport: 'test' };

describe('map.features.compact: what the map screen draws, in an eighth of the bytes', () => {
  it('expanded, it is every feature of map.features without the audit fields; points as columns, the rest as features', async () => {
    core = createCore({ dbPath: path.join(tempDir('compact'), 'console.sqlite') });
    const add = (layer: string, name: string, geometry: unknown, properties: Record<string, unknown> = {}, kind: string | null = null) =>
      core.invoke('map.feature.add', { layer, name, kind, properties, geometry } as never, ctx);
    await add('water', '水源甲', { type: 'Point', coordinates: [111.9, 37.6] });
    await add('water', '水源乙', { type: 'Point', coordinates: [111.91, 37.61] }, { capacityM3: 300, sample: true });
    await add('checkpoints', '卡口', { type: 'Point', coordinates: [111.95, 37.58] }, { staffedBy: '西社镇' }, 'temporary');
    await add('roads', '防火道', { type: 'LineString', coordinates: [[111.9, 37.6], [112.0, 37.65]] });
    await add('zones', '管控区', { type: 'Polygon', coordinates: [[[111.9, 37.5], [112.1, 37.5], [112.1, 37.6], [111.9, 37.5]]] }, {}, 'control');
    const moved = await add('teams', '扑火队', { type: 'Point', coordinates: [112.0, 37.5] }, { tier: 1 });
    await core.invoke('map.feature.update', { id: moved.id, expectedVersion: 1, geometry: { type: 'Point', coordinates: [112.01, 37.51] } }, ctx);

    const full = (await core.invoke('map.features', { limit: 100_000 }, ctx)).features;
    const compact = await core.invoke('map.features.compact', {}, ctx);
    expect(compact.truncated).toBe(false);
    expect(compact.points.id).toHaveLength(4);
    expect(compact.points.properties.filter((p) => p === null)).toHaveLength(1); // {} travels as null
    expect(compact.others.map((f) => f.geometry.type).sort()).toEqual(['LineString', 'Polygon']);
    const strip = ({ createdAt: _a, createdBy: _b, updatedAt: _c, updatedBy: _d, ...rest }: (typeof full)[number]) => rest;
    const byId = <T extends { id: number }>(xs: T[]) => [...xs].sort((a, b) => a.id - b.id);
    expect(byId(expandFeatures(compact))).toEqual(byId(full.map(strip)));
    expect(JSON.stringify(compact).length).toBeLessThan(JSON.stringify(full).length * 0.7);

    const two = await core.invoke('map.features.compact', { limit: 2 }, ctx);
    expect(two.truncated).toBe(true);
    expect(two.points.id.length + two.others.length).toBe(2);
  });
});
