/**
 * Drawing the map's layers on the map's canvas renderer (pointCanvas.ts: Leaflet's canvas with markers stamped from
 * sprites): CircleMarkers for points (no image icons, nothing fetched), polylines for fire roads, polygons for control
 * zones. Imperative and free of React so the render benchmark (test/bench/map-render.bench.ts) measures exactly this
 * code. Popup and label contents are built as DOM nodes with textContent (never HTML strings: names come from
 * imported files) and carry no inline style attributes (CSP).
 */
import L from 'leaflet';
import type { Geometry, Position } from 'geojson';
import type { MapFeatureLite } from '../../../shared/api/map';
import type { LayerName } from '../../../shared/geo/layers';
import { PointSet } from './pointSet';

/** Everything the legend can switch: the stored layers plus the base and the forest-fire records. */
export type OverlayKey = 'boundaries' | LayerName | 'permits' | 'fires';
export const OVERLAY_ORDER: readonly OverlayKey[] = ['boundaries', 'zones', 'roads', 'checkpoints', 'water', 'teams', 'towers', 'posts', 'permits', 'fires'];

export interface Swatch {
  color: string;
  fill: string;
  radius: number;
  /** Hollow marker (temporary checkpoints). */
  hollow?: boolean;
  dash?: string;
}

/** Colours chosen to stay apart for common colour-vision deficiencies and on a plain or photographic basemap. */
export const SWATCH: Record<OverlayKey, Swatch> = {
  boundaries: { color: '#546e7a', fill: '#f7f8f3', radius: 0 },
  zones: { color: '#c62828', fill: '#ef9a9a', radius: 0, dash: '6 4' },
  roads: { color: '#8d5524', fill: '#8d5524', radius: 0, dash: '8 5' },
  checkpoints: { color: '#5e35b1', fill: '#7e57c2', radius: 7 },
  water: { color: '#01579b', fill: '#29b6f6', radius: 7 },
  teams: { color: '#1b5e20', fill: '#43a047', radius: 8 },
  towers: { color: '#4e342e', fill: '#a1887f', radius: 7 },
  posts: { color: '#e65100', fill: '#ffb300', radius: 5 },
  permits: { color: '#bf360c', fill: '#ff7043', radius: 7 },
  fires: { color: '#7f0000', fill: '#ff1744', radius: 11 },
};
export const RESERVE_SWATCH: Swatch = { color: '#2e7d32', fill: '#a5d6a7', radius: 0, dash: '2 4' };

/** 6(5) tiers: the county professional team (tier 1) drawn largest. */
function teamRadius(props: Record<string, unknown>): number {
  const tier = Number(props.tier);
  return tier === 1 ? 10 : tier === 2 ? 9 : tier === 3 ? 8 : 7;
}

export function isSample(props: Record<string, unknown> | null | undefined): boolean {
  return !!props && (props.sample === true || props.approximate === true);
}

export function pointOptions(f: Pick<MapFeatureLite, 'layer' | 'kind' | 'properties'>, renderer?: L.Renderer): L.CircleMarkerOptions {
  const s = SWATCH[f.layer];
  const hollow = f.layer === 'checkpoints' && f.kind === 'temporary';
  return {
    renderer,
    radius: f.layer === 'teams' ? teamRadius(f.properties) : s.radius,
    color: s.color,
    weight: 2,
    fillColor: hollow ? '#ffffff' : s.fill,
    fillOpacity: hollow ? 1 : 0.9,
    // 示例 / approximate points get a dashed rim, so a sample is never mistaken for a surveyed site.
    dashArray: isSample(f.properties) ? '3 2' : undefined,
  };
}

function ring(ps: Position[]): L.LatLngExpression[] {
  return ps.map((p) => [p[1]!, p[0]!] as [number, number]);
}

/** GeoJSON geometry → Leaflet lat/lng arrays for Polygon / MultiPolygon / (Multi)LineString. */
export function latLngsOf(g: Geometry): L.LatLngExpression[] | L.LatLngExpression[][] | L.LatLngExpression[][][] | null {
  switch (g.type) {
    case 'LineString':
      return ring(g.coordinates);
    case 'MultiLineString':
      return g.coordinates.map(ring);
    case 'Polygon':
      return g.coordinates.map(ring);
    case 'MultiPolygon':
      return g.coordinates.map((poly) => poly.map(ring));
    default:
      return null;
  }
}

export interface DrawOptions {
  renderer: L.Renderer;
  /** Called on click of a feature (the map's own click still follows). */
  onClick?: (f: MapFeatureLite, e: L.LeafletMouseEvent) => void;
  /** Lazy popup content (built only when opened). */
  popup?: (f: MapFeatureLite) => HTMLElement;
  /** Permanent label for areas (zone names with 示例). */
  areaLabel?: (f: MapFeatureLite) => HTMLElement;
  interactive?: boolean;
  /** One Leaflet CircleMarker per point instead of one PointSet per look: the plain-Leaflet reference of
   *  test/e2e/map-point-canvas.e2e.test.ts and the baselines of test/bench/map-render.bench.ts, nothing else. */
  layerPerPoint?: boolean;
}

/** One Leaflet layer for one stored feature, or null for an unsupported geometry. */
export function featureToLayer(f: MapFeatureLite, o: DrawOptions): L.Path | null {
  const interactive = o.interactive ?? true;
  let layer: L.Path | null = null;
  if (f.geometry.type === 'Point') {
    layer = L.circleMarker([f.lat, f.lng], { ...pointOptions(f, o.renderer), interactive, bubblingMouseEvents: true });
  } else if (f.geometry.type === 'MultiPoint') {
    layer = L.circleMarker([f.lat, f.lng], { ...pointOptions(f, o.renderer), interactive });
  } else {
    const ll = latLngsOf(f.geometry);
    if (!ll) return null;
    const reserve = f.layer === 'zones' && f.kind === 'reserve';
    const s = reserve ? RESERVE_SWATCH : SWATCH[f.layer];
    if (f.geometry.type === 'LineString' || f.geometry.type === 'MultiLineString') {
      layer = L.polyline(ll as L.LatLngExpression[], { renderer: o.renderer, color: s.color, weight: 4, opacity: 0.9, dashArray: s.dash, interactive });
    } else {
      // Areas are not clickable: a click inside a control zone asks "what is here" (the zone is in the answer, with
      // a link to edit it); otherwise every click in a large zone would open its form instead.
      layer = L.polygon(ll as L.LatLngExpression[][], {
        renderer: o.renderer,
        color: s.color,
        weight: 2,
        fillColor: s.fill,
        fillOpacity: reserve ? 0.12 : 0.22,
        // Approximate (示例) boundaries are dashed; surveyed ones imported later are drawn solid.
        dashArray: isSample(f.properties) ? s.dash : undefined,
        interactive: false,
      });
      if (o.areaLabel) layer.bindTooltip(o.areaLabel(f), { permanent: true, direction: 'center', className: 'map-area-label', interactive: false });
    }
  }
  if (!layer.options.interactive) return layer;
  bindFeature(layer, o, () => f);
  return layer;
}

/** Clicks and the shared popup of a drawn layer, for the feature `which()` names at that moment. */
function bindFeature(layer: L.Path, o: DrawOptions, which: () => MapFeatureLite | undefined): void {
  if (o.onClick) {
    layer.on('click', (e) => {
      const f = which();
      if (f) o.onClick!(f, e as L.LeafletMouseEvent);
    });
  }
  if (o.popup) {
    drawnFeature.set(layer, which);
    layer.bindPopup(sharedPopup(o), POPUP_OPTIONS);
  }
}

/** The points of one look as one PointSet (pointSet.ts), clickable and with the shared popup like a feature's layer. */
function pointSetOf(items: MapFeatureLite[], o: DrawOptions): PointSet<MapFeatureLite> {
  const set = new PointSet(items, { ...pointOptions(items[0]!, o.renderer), interactive: o.interactive ?? true, bubblingMouseEvents: true });
  if (set.options.interactive) bindFeature(set, o, () => set.items[set.hit]);
  return set;
}

const POPUP_OPTIONS: L.PopupOptions = { autoPan: true, maxWidth: 320 };
/** The feature each layer with a popup draws (the shared popup's content is built from it when it opens). */
const drawnFeature = new WeakMap<L.Layer, () => MapFeatureLite | undefined>();
const popups = new WeakMap<L.Renderer, { popup: L.Popup; build: NonNullable<DrawOptions['popup']> }>();

/**
 * ONE Leaflet popup per map, bound to every feature (Leaflet takes a Popup instance as a binding and opens it on the
 * clicked layer, whose feature its content function is given): a popup object per marker was 10,000 of them made at
 * each draw of the water sources. Content is built when it opens, from the latest draw's `popup`.
 */
function sharedPopup(o: DrawOptions): L.Popup {
  let p = popups.get(o.renderer);
  if (!p) {
    const popup = L.popup(POPUP_OPTIONS);
    const entry = { popup, build: o.popup! };
    popup.setContent((layer: L.Layer) => {
      const f = drawnFeature.get(layer)?.();
      return f ? entry.build(f) : '';
    });
    popups.set(o.renderer, (p = entry));
  }
  p.build = o.popup!;
  return p.popup;
}

/** What pointOptions reads of a feature: features that agree here get the same options. */
function lookInputs(f: MapFeatureLite): string {
  return `${f.layer}|${f.layer === 'checkpoints' && f.kind === 'temporary' ? 1 : 0}|${isSample(f.properties) ? 1 : 0}|${f.layer === 'teams' ? teamRadius(f.properties) : 0}`;
}

/** Markers with the same key look the same (pointOptions varies these). */
function lookKey(o: L.CircleMarkerOptions): string {
  return `${o.radius}|${o.color}|${o.fillColor}|${o.dashArray ?? ''}|${o.fillOpacity}`;
}

/** Replace the contents of `group` with `features` (areas first so points stay clickable on top). */
export function drawFeatures(group: L.LayerGroup, features: readonly MapFeatureLite[], o: DrawOptions): number {
  group.clearLayers();
  const areas: L.Path[] = [];
  const lines: L.Path[] = [];
  const points: L.Path[] = [];
  // Points of one look in one PointSet, in feature order; the sets in the order of their looks (as the layers were).
  const looksOf = new Map<string, MapFeatureLite[]>();
  // The look of a point follows from a few of its fields (pointOptions): its key is computed once per combination of
  // them, not once per point (10,000 option objects and keys at every draw of the water sources).
  const keyOfInputs = new Map<string, string>();
  let n = 0;
  for (const f of features) {
    if (!o.layerPerPoint && (f.geometry.type === 'Point' || f.geometry.type === 'MultiPoint')) {
      const inputs = lookInputs(f);
      let key = keyOfInputs.get(inputs);
      if (key === undefined) keyOfInputs.set(inputs, (key = lookKey(pointOptions(f))));
      const list = looksOf.get(key);
      if (list) list.push(f);
      else looksOf.set(key, [f]);
      n++;
      continue;
    }
    const l = featureToLayer(f, o);
    if (!l) continue;
    (f.geometry.type === 'Point' || f.geometry.type === 'MultiPoint' ? points : f.geometry.type.includes('Line') ? lines : areas).push(l);
  }
  // Points of one look next to each other in the drawing order (the same sprite stamped in a row on each redraw).
  const looks = new Map<L.Path, string>();
  for (const l of points) looks.set(l, lookKey(l.options as L.CircleMarkerOptions));
  points.sort((a, b) => {
    const ka = looks.get(a)!;
    const kb = looks.get(b)!;
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
  const sets = [...looksOf.keys()].sort().map((k) => pointSetOf(looksOf.get(k)!, o));
  for (const l of [...areas, ...lines, ...points, ...sets]) group.addLayer(l);
  return areas.length + lines.length + points.length + n;
}

/** A small DOM helper for popups and labels: text only. */
export function el(tag: string, className?: string, text?: string, children: (Node | null | false | undefined)[] = []): HTMLElement {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  for (const c of children) if (c) e.appendChild(c);
  return e;
}
