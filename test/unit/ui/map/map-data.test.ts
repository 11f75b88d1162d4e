// @vitest-environment jsdom
// The map's layers are read while the console is idle, before any map is shown (views/registry.tsx `prefetch`, issue
// 17 item 4); a map shown later asks again only whether each permit is in its window now, which changes with the
// clock alone. The core here is a STAND-IN for the Electron bridge (window.ercon): it answers the five commands the
// map reads and counts what it is asked. The real shell and page: test/e2e/map.e2e.test.ts.
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ErconBridge } from '../../../../shared/api';
import type * as Module from '../../../../renderer/src/map/store';

const asked: string[] = [];
let permits: Array<{ id: number; validNow: boolean; placeName: string }> = [];
let permitsFail = false;

const standInBridge = {
  transport: 'electron',
  async invoke(name: string) {
    asked.push(name);
    switch (name) {
      case 'map.boundaries':
        return { type: 'FeatureCollection', features: [] };
      case 'map.features.compact':
        return { points: { id: [1], layer: ['water'], name: ['水源1'], kind: ['pool'], properties: [{}], version: [1], lng: [112.1], lat: [37.5] }, others: [], truncated: false };
      case 'map.layers':
        return { layers: [] };
      case 'tiles.list':
        return { sets: [] };
      case 'fire.permits.list':
        if (permitsFail) throw new Error('{"code":"internal","message":"数据库忙","messageEn":"busy"}');
        return { permits: permits.map((p) => ({ ...p })) };
      default:
        throw new Error(`not answered by this stand-in: ${name}`);
    }
  },
  onChange: () => () => undefined,
  onProgress: () => () => undefined,
  onOpen: () => () => undefined,
} as unknown as ErconBridge;

let store: typeof Module;

beforeAll(async () => {
  (window as unknown as { ercon: ErconBridge }).ercon = standInBridge;
  store = await import('../../../../renderer/src/map/store');
});

beforeEach(() => {
  asked.length = 0;
  permitsFail = false;
});

describe('the map data read before a map is shown', () => {
  it('prefetch reads every layer once, and does not start what waits for a shown map', async () => {
    permits = [{ id: 1, validNow: true, placeName: '西社村' }];
    const waiting: string[] = [];
    store.whenMapShown(() => waiting.push('fires'));
    await Promise.all([store.useMapData.getState().prefetch(), store.useMapData.getState().prefetch()]);
    expect(asked.sort()).toEqual(['fire.permits.list', 'map.boundaries', 'map.features.compact', 'map.layers', 'tiles.list']);
    const s = store.useMapData.getState();
    expect(s.status).toBe('ready');
    expect(s.features.map((f) => f.name)).toEqual(['水源1']);
    expect(s.permits.map((p) => p.id)).toEqual([1]);
    expect(waiting).toEqual([]);
    await store.useMapData.getState().prefetch();
    expect(asked).toHaveLength(5);
  });

  it('a map shown later asks only the permits again, once for two asks at once, and keeps the same array when nothing changed', async () => {
    const before = store.useMapData.getState().permits;
    const features = store.useMapData.getState().features;
    await Promise.all([store.useMapData.getState().ensureLoaded(), store.useMapData.getState().ensureLoaded()]);
    expect(asked).toEqual(['fire.permits.list']);
    expect(store.useMapData.getState().permits).toBe(before);
    expect(store.useMapData.getState().features).toBe(features);
  });

  it('a permit whose window opened or closed since is drawn as it is now', async () => {
    // Permit 1's window closed, permit 2's opened: only those in their window are drawn (validNow).
    permits = [
      { id: 1, validNow: false, placeName: '西社村' },
      { id: 2, validNow: true, placeName: '东坡村' },
    ];
    await store.useMapData.getState().ensureLoaded();
    expect(store.useMapData.getState().permits.map((p) => p.id)).toEqual([2]);
  });

  it('a failed ask keeps the permits shown', async () => {
    permitsFail = true;
    await store.useMapData.getState().ensureLoaded();
    expect(asked).toEqual(['fire.permits.list']);
    expect(store.useMapData.getState().permits.map((p) => p.id)).toEqual([2]);
  });
});
