import type { FeatureCollection } from 'geojson';
import { create } from 'zustand';
import type { CommandOutput } from '../../../shared/api';
import { expandFeatures, type MapFeatureLite } from '../../../shared/api/map';
import { api } from '../api/client';
import { onMapChange } from '../query/changes';
import { useUi } from '../store';
import { OVERLAY_ORDER, type OverlayKey } from './draw';

export type LayerRow = CommandOutput<'map.layers'>['layers'][number];
export type TileSetRow = CommandOutput<'tiles.list'>['sets'][number];
export type PermitRow = CommandOutput<'fire.permits.list'>['permits'][number];
export type PointInfo = CommandOutput<'map.pointInfo'>;

/** A fire to show on the map: the fire screens publish theirs with `useMapOverlays.getState().setFires(...)`. */
export interface FireMark {
  id: string;
  name: string;
  lng: number;
  lat: number;
  /** e.g. 一般森林火灾 / 接报 — shown in the popup. */
  detail?: string;
}

export function errorText(e: unknown): string {
  const b = (e as { body?: { message?: string; messageEn?: string } }).body;
  return b?.message ?? (e as Error).message ?? String(e);
}

interface MapDataState {
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: string | null;
  boundaries: FeatureCollection | null;
  features: MapFeatureLite[];
  truncated: boolean;
  layers: LayerRow[];
  permits: PermitRow[];
  tileSets: TileSetRow[];
  /** Bumped after every reload so drawings know to refresh. */
  rev: number;
  /** Read everything while no map is shown yet (views/registry.tsx), without starting what waits for a shown map. */
  prefetch(): Promise<void>;
  ensureLoaded(): Promise<void>;
  reload(): Promise<void>;
  reloadFeatures(): Promise<void>;
}

/** Everything the map draws, fetched from the core once (compactly: map.features.compact) and refreshed after each change. */
export const useMapData = create<MapDataState>((set, get) => ({
  status: 'idle',
  error: null,
  boundaries: null,
  features: [],
  truncated: false,
  layers: [],
  permits: [],
  tileSets: [],
  rev: 0,
  async prefetch() {
    if (get().status === 'idle') await get().reload();
  },
  async ensureLoaded() {
    const status = get().status;
    // Read before (prefetch, or another screen's map): the layers are kept fresh by the change stream, but whether a
    // permit is in its window now (validNow) changes with the clock alone, so the permits are asked again.
    const loading = status === 'idle' ? get().reload() : status === 'ready' ? refreshPermits() : undefined;
    // A map is about to be shown: what waits for one (the fires' marks) starts now too, asked after the map's own data.
    mapShown();
    await loading;
  },
  async reload() {
    set({ status: 'loading', error: null });
    try {
      const c = api();
      // Asked in the order the map draws them (the shell answers one request after the other) and each put in the store
      // as soon as it is here: the county boundaries are drawn (and the map fitted to them) while the features are
      // still on their way, and the features are drawn without waiting for the layer counts, tile sets and permits.
      const [boundaries, , layers, tiles, permits] = await Promise.all([
        c.invoke('map.boundaries', {}).then((b) => {
          set({ boundaries: b as unknown as FeatureCollection });
          return b;
        }),
        c.invoke('map.features.compact', { limit: 100_000 }).then((feats) => {
          set((s) => ({ features: expandFeatures(feats), truncated: feats.truncated, rev: s.rev + 1 }));
        }),
        c.invoke('map.layers', {}),
        c.invoke('tiles.list', {}),
        activePermits(),
      ]);
      set({
        status: 'ready',
        boundaries: boundaries as unknown as FeatureCollection,
        layers: layers.layers,
        tileSets: tiles.sets,
        permits: permits ?? [],
      });
    } catch (e) {
      set({ status: 'error', error: errorText(e) });
    }
  },
  async reloadFeatures() {
    const c = api();
    const [feats, layers] = await Promise.all([c.invoke('map.features.compact', { limit: 100_000 }), c.invoke('map.layers', {})]);
    set((s) => ({ features: expandFeatures(feats), truncated: feats.truncated, layers: layers.layers, rev: s.rev + 1 }));
  },
}));

/**
 * Permits belong to the forest-fire area; the map shows the active ones inside their approved window (3(2)). A
 * failure here must not take the map down with it: null.
 */
async function activePermits(): Promise<PermitRow[] | null> {
  try {
    return (await api().invoke('fire.permits.list', { state: 'active' })).permits.filter((p) => p.validNow);
  } catch {
    return null;
  }
}

let refreshing: Promise<void> | null = null;
/**
 * The permits asked again (a failure keeps those shown); put in the store only if they differ, so that the map does
 * not redraw the same marks. Once for the key and the screen's mount that follows it.
 */
function refreshPermits(): Promise<void> {
  refreshing ??= activePermits().then((permits) => {
    refreshing = null;
    if (permits && JSON.stringify(permits) !== JSON.stringify(useMapData.getState().permits)) useMapData.setState({ permits });
  });
  return refreshing;
}

// The map's data is asked for as soon as the map screen is chosen (Alt+3, the navigation, a link), not once the screen
// has mounted: its first render and Leaflet's setup then overlap the answer's way over HTTP (issue 17 item 4).
useUi.subscribe((s, prev) => {
  if (s.view === 'map' && prev.view !== 'map') void useMapData.getState().ensureLoaded();
});

interface MapUiState {
  visible: Record<OverlayKey, boolean>;
  waterRings: boolean;
  basemap: string | null;
  setVisible(k: OverlayKey, v: boolean): void;
  setWaterRings(v: boolean): void;
  setBasemap(name: string | null): void;
}

export const useMapUi = create<MapUiState>((set) => ({
  visible: Object.fromEntries(OVERLAY_ORDER.map((k) => [k, true])) as Record<OverlayKey, boolean>,
  waterRings: false,
  basemap: null,
  setVisible: (k, v) => set((s) => ({ visible: { ...s.visible, [k]: v } })),
  setWaterRings: (waterRings) => set({ waterRings }),
  setBasemap: (basemap) => set({ basemap }),
}));

interface OverlayState {
  fires: FireMark[];
  setFires(f: FireMark[]): void;
}

export const useMapOverlays = create<OverlayState>((set) => ({
  fires: [],
  setFires: (fires) => set({ fires }),
}));

const onFirstMap: Array<() => void> = [];
let mapSeen = false;
/**
 * Run `fn` the first time a map is on screen (at once if one has been): work only a map needs, such as the open fires'
 * marks (fire/fires.ts), waits until then instead of competing with the board at start-up.
 */
export function whenMapShown(fn: () => void): void {
  if (mapSeen) fn();
  else onFirstMap.push(fn);
}

/** A map is on screen (MapWidget calls it when it mounts). */
export function mapShown(): void {
  if (mapSeen) return;
  mapSeen = true;
  for (const fn of onFirstMap.splice(0)) fn();
}

/**
 * A map change on the stream (query/changes.ts) reloads the layers when they have been loaded, once per burst of
 * changes and not while a reload (e.g. the one the editing workstation started itself) is running.
 */
let mapTimer: ReturnType<typeof setTimeout> | null = null;
onMapChange(() => {
  if (mapTimer) return;
  mapTimer = setTimeout(() => {
    mapTimer = null;
    const m = useMapData.getState();
    if (m.status !== 'idle' && m.status !== 'loading') void m.reload();
  }, 300);
});

// This module comes with the map's code (views/registry.tsx loads it on first use): if the map was chosen before it had
// loaded, the map asks now (last in the module: ensureLoaded uses the state above), still before its screen mounts.
if (useUi.getState().view === 'map') void useMapData.getState().ensureLoaded();
