import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import './map.css';
import { memo, useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { MapContainer, ScaleControl, useMap, useMapEvents } from 'react-leaflet';
import type { MapFeatureLite } from '../../../shared/api/map';
import { LAYER_INFO, WATER_RADIUS_M } from '../../../shared/geo/layers';
import { formatBeijing, useLocale, useT, type MessageKey } from '../i18n';
import { api } from '../api/client';
import { drawFeatures, el, isSample, SWATCH, type OverlayKey } from './draw';
import { whenIdle } from '../idle';
import { pointCanvas } from './pointCanvas';
import { fmtDeg, fmtDms } from './format';
import { kindLabel } from './kinds';
import { useMapData, useMapOverlays, useMapUi, type FireMark, type PermitRow } from './store';

/** 交城县 county seat; the map opens on the county's boundary once it is loaded. */
export const JIAOCHENG_CENTER: [number, number] = [37.555, 112.16];

export interface MapPoint {
  lng: number;
  lat: number;
}

export interface MapWidgetProps {
  /** A point to mark (a fire, the place asked about), with an optional label and a ring of `ringM` metres. */
  highlight?: (MapPoint & { label?: string; ringM?: number }) | null;
  /** Click on the map (anywhere, features included): the WGS84 point. */
  onPick?: (p: MapPoint) => void;
  /** Click on a stored feature. */
  onFeatureClick?: (f: MapFeatureLite) => void;
  /** Extra fires to draw besides those the fire screens publish in useMapOverlays. */
  fires?: readonly FireMark[];
  /** CSS height of the map (default 100%). */
  height?: number | string;
  /** Coordinates under the cursor and the feature count under the map (default true). */
  statusBar?: boolean;
  /** Fly here when the place (or `seq`, to fly again to the same place) changes. */
  focus?: (MapPoint & { zoom?: number; seq?: number }) | null;
  className?: string;
  /** Receives the Leaflet map once (for the editing tools of the map view). */
  onMap?: (map: L.Map) => void;
  /** Popups on features (default true). */
  popups?: boolean;
  children?: ReactNode;
}

type T = (k: MessageKey, p?: Record<string, string | number>) => string;

function sampleBadge(t: T): HTMLElement {
  return el('span', 'map-badge-sample', t('map.sample'));
}

function featurePopup(f: MapFeatureLite, t: T, locale: 'zh-CN' | 'en'): HTMLElement {
  const p = f.properties;
  const rows: [string, unknown][] = [
    [t('map.feature.kind'), kindLabel(f.layer, f.kind, locale)],
    [t('map.feature.staffedBy'), p.staffedBy],
    [t('map.feature.hours'), p.hours],
    [t('map.feature.capacity'), p.capacityM3],
    [t('map.feature.tier'), p.tier],
    [t('map.feature.size'), p.size],
    [t('map.feature.base'), p.base],
    [t('map.feature.standby'), p.standby],
    [t('map.feature.trigger'), p.triggerRadiusM],
  ];
  const dl = el('dl', 'map-popup-facts');
  for (const [k, v] of rows) {
    if (v === undefined || v === null || v === '') continue;
    dl.append(el('dt', undefined, k), el('dd', undefined, String(v)));
  }
  const layerName = locale === 'en' ? LAYER_INFO[f.layer].en : LAYER_INFO[f.layer].zh;
  return el('div', 'map-popup', undefined, [
    el('div', 'map-popup-title', undefined, [el('strong', undefined, f.name), isSample(p) ? sampleBadge(t) : null]),
    el('div', 'map-popup-layer', layerName),
    dl,
    isSample(p) ? el('p', 'map-popup-note', t('map.sampleNote')) : null,
  ]);
}

function permitPopup(p: PermitRow, t: T): HTMLElement {
  const dl = el('dl', 'map-popup-facts', undefined, [
    el('dt', undefined, t('map.permit.applicant')),
    el('dd', undefined, p.applicant),
    el('dt', undefined, t('map.permit.window')),
    el('dd', undefined, `${formatBeijing(p.windowStart, false)} — ${formatBeijing(p.windowEnd, false)}`),
    el('dt', undefined, t('map.permit.approver')),
    el('dd', undefined, p.approver ?? '—'),
  ]);
  return el('div', 'map-popup', undefined, [
    el('div', 'map-popup-title', undefined, [el('strong', undefined, `${p.kindLabel}：${p.placeName}`)]),
    el('div', 'map-popup-layer', `${t('map.layer.permits')} · ${p.stateLabel} · ${p.authorityName}`),
    dl,
  ]);
}

/** A Leaflet layer group added to the map for the component's life. */
function useGroup(pane?: string): L.LayerGroup {
  const map = useMap();
  const group = useMemo(() => L.layerGroup([], pane ? { pane } : undefined), [pane]);
  useEffect(() => {
    group.addTo(map);
    return () => {
      group.remove();
    };
  }, [map, group]);
  return group;
}

const renderers = new WeakMap<L.Map, L.Renderer>();

/**
 * ONE canvas renderer per map for everything clickable: a canvas catches every pointer event over its whole area,
 * so a second interactive canvas on top would hide the features below it. Only the county boundaries (never
 * clickable) get their own canvas, in a lower pane that lets pointer events through (map.css).
 */
function useSharedRenderer(): L.Renderer {
  const map = useMap();
  return useMemo(() => {
    let r = renderers.get(map);
    if (!r) {
      r = pointCanvas({ padding: 0.5, tolerance: 3 });
      renderers.set(map, r);
    }
    return r;
  }, [map]);
}

function useBoundaryRenderer(): L.Renderer {
  const map = useMap();
  return useMemo(() => {
    if (!map.getPane('map-boundaries')) map.createPane('map-boundaries').style.zIndex = '250';
    return L.canvas({ pane: 'map-boundaries', padding: 0.5 });
  }, [map]);
}

/**
 * Put `count` in the map element's `attr` in the animation frame that draws what was just added: Leaflet's canvas
 * renderers draw in an animation frame requested when a layer is added, and this one is requested after it, so it
 * runs right after the drawing, in the same frame, before that frame is painted. Tests and the map-app benchmark
 * read `data-drawn` (features) and `data-boundaries` (county shapes). Returns the cancel for an effect's cleanup.
 */
function reportDrawn(map: L.Map, attr: 'data-drawn' | 'data-boundaries', count: number): () => void {
  const frame = requestAnimationFrame(() => map.getContainer().setAttribute(attr, String(count)));
  return () => cancelAnimationFrame(frame);
}

/** Fired after the features are redrawn, so the highlight and fires can come back to the top. */
const REDRAWN = 'ercon:redrawn';

function Setup({ onMap, focus }: { onMap?: (m: L.Map) => void; focus?: MapWidgetProps['focus'] }) {
  const map = useMap();
  const t = useT();
  const boundaries = useMapData((s) => s.boundaries);
  const fitted = useRef(false);
  useEffect(() => {
    map.getContainer().setAttribute('aria-label', t('map.region'));
    map.getContainer().setAttribute('role', 'application');
  }, [map, t]);
  useEffect(() => {
    onMap?.(map);
  }, [map, onMap]);
  useEffect(() => {
    if (fitted.current || !boundaries || focus) return;
    const jc = boundaries.features.find((f) => (f.properties as { name?: string } | null)?.name === '交城县');
    if (jc) {
      // No animation: a zoom animation still running when the officer jumps to a zone would end on the county.
      map.fitBounds(L.geoJSON(jc).getBounds(), { padding: [10, 10], animate: false });
      fitted.current = true;
    }
  }, [map, boundaries, focus]);
  // By value: callers may pass a new object literal on every render; fly only when the place really changes.
  const fLng = focus?.lng;
  const fLat = focus?.lat;
  const fZoom = focus?.zoom;
  const fSeq = focus?.seq;
  useEffect(() => {
    if (fLng === undefined || fLat === undefined) return;
    const zoom = fZoom ?? Math.max(map.getZoom(), 13);
    const here = map.getCenter();
    // Already there (e.g. a caller that jumped and then set the focus): no flight, which would zoom out and back in.
    if (zoom === map.getZoom() && Math.abs(here.lat - fLat) < 1e-7 && Math.abs(here.lng - fLng) < 1e-7) return;
    map.flyTo([fLat, fLng], zoom, { duration: 0.6 });
  }, [map, fLng, fLat, fZoom, fSeq]);
  return null;
}

function Basemap() {
  const map = useMap();
  const name = useMapUi((s) => s.basemap);
  const sets = useMapData((s) => s.tileSets);
  useEffect(() => {
    const set = sets.find((s) => s.name === name);
    if (!set) return;
    const layer = L.tileLayer(api().tileUrl(set.name), {
      minZoom: 0,
      maxZoom: 19,
      minNativeZoom: set.minZoom,
      maxNativeZoom: set.maxZoom,
      bounds: set.bounds ? L.latLngBounds([set.bounds[1], set.bounds[0]], [set.bounds[3], set.bounds[2]]) : undefined,
      // Leaflet never asks for a tile outside the file's bounds; nothing goes to the internet.
      crossOrigin: false,
    });
    layer.addTo(map);
    return () => {
      layer.remove();
    };
  }, [map, name, sets]);
  return null;
}

function Boundaries() {
  const boundaries = useMapData((s) => s.boundaries);
  const visible = useMapUi((s) => s.visible.boundaries);
  // On a basemap the counties are outlines only; without one they are the plain background.
  const onBasemap = useMapUi((s) => s.basemap !== null);
  const renderer = useBoundaryRenderer();
  const group = useGroup('map-boundaries');
  const map = useMap();
  const t = useT();
  useEffect(() => {
    group.clearLayers();
    if (!boundaries || !visible) return;
    const s = SWATCH.boundaries;
    const shapes = L.geoJSON(boundaries, {
      // Orientation only: clicks fall through to the map.
      interactive: false,
      style: (f) => {
        const jc = (f?.properties as { name?: string } | null)?.name === '交城县';
        // noClip: the canvas clips the 13 shapes itself; Leaflet's clipping of their 8,110 vertices to the canvas at every
        // draw only leaves out what lies outside it (its clip edge is padded by the stroke, so nothing shows of it).
        return { renderer, color: onBasemap ? '#263238' : s.color, weight: jc ? 2.5 : 1, fillColor: jc ? '#fbfbf6' : s.fill, fillOpacity: onBasemap ? 0 : 1, opacity: 0.9, noClip: true } as L.PathOptions;
      },
    }).addTo(group);
    const cancelReport = reportDrawn(map, 'data-boundaries', shapes.getLayers().length);
    // The county names (13 permanent tooltips, each placed by reading its size: about 10 ms) follow in the first idle
    // moment, so that they do not hold back the shapes' and the points' first paint (issue 17 item 4).
    const label = () => {
      let n = 0;
      shapes.eachLayer((layer) => {
        const name = ((layer as L.Polygon).feature?.properties as { name?: string } | null)?.name;
        if (!name) return;
        layer.bindTooltip(el('span', undefined, name), { permanent: true, direction: 'center', className: 'map-county-label', interactive: false });
        n++;
      });
      map.getContainer().setAttribute('data-county-labels', String(n));
    };
    const idle = whenIdle(label);
    return () => {
      cancelReport();
      idle();
    };
  }, [map, boundaries, visible, onBasemap, group, renderer, t]);
  return null;
}

function Features({ onFeatureClick, popups }: { onFeatureClick?: (f: MapFeatureLite) => void; popups: boolean }) {
  const map = useMap();
  const features = useMapData((s) => s.features);
  const rev = useMapData((s) => s.rev);
  const visible = useMapUi((s) => s.visible);
  const renderer = useSharedRenderer();
  const group = useGroup();
  const t = useT();
  const locale = useLocale((s) => s.locale);
  const clickRef = useRef(onFeatureClick);
  useLayoutEffect(() => {
    clickRef.current = onFeatureClick;
  });
  useEffect(() => {
    const shown = features.filter((f) => visible[f.layer]);
    const n = drawFeatures(group, shown, {
      renderer,
      onClick: (f) => clickRef.current?.(f),
      popup: popups ? (f) => featurePopup(f, t, locale) : undefined,
      areaLabel: (f) => el('span', undefined, undefined, [el('span', undefined, f.name), isSample(f.properties) ? sampleBadge(t) : null]),
    });
    map.fire(REDRAWN);
    // Only once the features have come (rev counts the loads): before that, 0 drawn is no answer.
    return rev ? reportDrawn(map, 'data-drawn', n) : undefined;
  }, [map, features, rev, visible, group, renderer, t, locale, popups]);
  return null;
}

function WaterRings() {
  const features = useMapData((s) => s.features);
  const on = useMapUi((s) => s.waterRings && s.visible.water);
  const renderer = useSharedRenderer();
  const group = useGroup();
  useEffect(() => {
    group.clearLayers();
    if (!on) return;
    for (const f of features) {
      if (f.layer !== 'water') continue;
      // 5(2): 按照3公里取水半径规划设置 — the circle is a great-circle radius on the ground.
      L.circle([f.lat, f.lng], { radius: WATER_RADIUS_M, renderer, color: SWATCH.water.color, weight: 1, dashArray: '4 4', fillColor: SWATCH.water.fill, fillOpacity: 0.06, interactive: false }).addTo(group);
    }
  }, [features, on, group, renderer]);
  return null;
}

function Permits() {
  const permits = useMapData((s) => s.permits);
  const on = useMapUi((s) => s.visible.permits);
  const renderer = useSharedRenderer();
  const group = useGroup();
  const t = useT();
  useEffect(() => {
    group.clearLayers();
    if (!on) return;
    const s = SWATCH.permits;
    for (const p of permits) {
      L.circleMarker([p.lat, p.lng], { renderer, radius: s.radius, color: s.color, fillColor: s.fill, fillOpacity: 0.9, weight: 3 })
        .bindPopup(() => permitPopup(p, t))
        .addTo(group);
    }
  }, [permits, on, group, renderer, t]);
  return null;
}

/** Keep a group's paths above the features drawn after it on the shared canvas. */
function useOnTop(group: L.LayerGroup) {
  const map = useMap();
  useEffect(() => {
    const up = () => group.eachLayer((l) => (l as L.Path).bringToFront?.());
    map.on(REDRAWN, up);
    return () => {
      map.off(REDRAWN, up);
    };
  }, [map, group]);
}

function Fires({ extra }: { extra?: readonly FireMark[] }) {
  const published = useMapOverlays((s) => s.fires);
  const on = useMapUi((s) => s.visible.fires);
  const renderer = useSharedRenderer();
  const group = useGroup();
  const t = useT();
  useOnTop(group);
  useEffect(() => {
    group.clearLayers();
    if (!on) return;
    const s = SWATCH.fires;
    for (const f of [...published, ...(extra ?? [])]) {
      L.circleMarker([f.lat, f.lng], { renderer, radius: s.radius, color: s.color, fillColor: s.fill, fillOpacity: 0.95, weight: 3 })
        .bindPopup(() => el('div', 'map-popup', undefined, [el('strong', undefined, f.name), el('div', 'map-popup-layer', `${t('map.layer.fires')}${f.detail ? ` · ${f.detail}` : ''}`)]))
        .addTo(group);
    }
  }, [published, extra, on, group, renderer, t]);
  return null;
}

function Highlight({ h: given }: { h: MapWidgetProps['highlight'] }) {
  const renderer = useSharedRenderer();
  const group = useGroup();
  useOnTop(group);
  // By value, like focus: a new literal with the same place must not redraw.
  const key = JSON.stringify(given ? { lng: given.lng, lat: given.lat, label: given.label, ringM: given.ringM } : null);
  const h = useMemo(() => JSON.parse(key) as MapWidgetProps['highlight'] | null, [key]);
  useEffect(() => {
    group.clearLayers();
    if (!h) return;
    if (h.ringM) L.circle([h.lat, h.lng], { radius: h.ringM, renderer, color: '#1d4f91', weight: 2, dashArray: '6 4', fill: false, interactive: false }).addTo(group);
    L.circleMarker([h.lat, h.lng], { renderer, radius: 9, color: '#1d4f91', weight: 3, fillColor: '#ffffff', fillOpacity: 0.6, interactive: false }).addTo(group);
    L.circleMarker([h.lat, h.lng], { renderer, radius: 3, color: '#1d4f91', weight: 1, fillColor: '#1d4f91', fillOpacity: 1, interactive: false }).addTo(group);
    if (h.label) {
      group.addLayer(
        L.tooltip({ permanent: true, direction: 'top', offset: [0, -10], className: 'map-highlight-label', interactive: false })
          .setLatLng([h.lat, h.lng])
          .setContent(el('span', undefined, h.label)),
      );
    }
  }, [h, group, renderer]);
  return null;
}

function Events({ onPick, onCursor }: { onPick?: (p: MapPoint) => void; onCursor: (p: MapPoint | null) => void }) {
  const pending = useRef<{ frame: number; last: MapPoint | null }>({ frame: 0, last: null });
  useMapEvents({
    click(e) {
      onPick?.({ lng: L.Util.wrapNum(e.latlng.lng, [-180, 180], true), lat: e.latlng.lat });
    },
    mousemove(e) {
      const p = pending.current;
      p.last = { lng: e.latlng.lng, lat: e.latlng.lat };
      if (!p.frame) {
        p.frame = requestAnimationFrame(() => {
          p.frame = 0;
          onCursor(p.last);
        });
      }
    },
    mouseout() {
      onCursor(null);
    },
  });
  return null;
}

function CursorBar({ register }: { register: (fn: (p: MapPoint | null) => void) => void }) {
  const t = useT();
  const [p, setP] = useState<MapPoint | null>(null);
  const count = useMapData((s) => s.features.length);
  useEffect(() => register(setP), [register]);
  return (
    <div className="map-statusbar">
      <span className="map-cursor" aria-live="off" data-testid="map-cursor">
        <span className="muted-inline">{t('map.cursor')} </span>
        {p ? (
          <>
            <span>
              {t('map.lng')} <span className="mono-num">{fmtDeg(p.lng)}</span>
            </span>{' '}
            <span>
              {t('map.lat')} <span className="mono-num">{fmtDeg(p.lat)}</span>
            </span>{' '}
            <span className="map-dms mono-num">
              {fmtDms(p.lng, 'lng')} {fmtDms(p.lat, 'lat')}
            </span>
          </>
        ) : (
          <span className="muted-inline">{t('map.cursor.none')}</span>
        )}
      </span>
      <span className="map-offline">{t('map.features.shown', { n: count })} · WGS84 · {t('map.offline')}</span>
    </div>
  );
}

/**
 * The console's offline map, reusable by any screen: county boundaries on a plain background (or an offline MBTiles
 * basemap), the control zones and facilities, active permits and fires, a highlighted point and click-to-pick.
 * Never fetches anything from the internet. Canvas renderer throughout (10,000 points pan smoothly; see
 * test/bench/map-render.bench.ts). Memoised: a screen that renders again for its own state does not render the map's
 * layers again (their effects compare what they draw anyway).
 */
export const MapWidget = memo(function MapWidget(props: MapWidgetProps) {
  const { highlight, onPick, onFeatureClick, fires, height = '100%', statusBar = true, focus, className, onMap, popups = true, children } = props;
  const ensureLoaded = useMapData((s) => s.ensureLoaded);
  const cursorSink = useRef<((p: MapPoint | null) => void) | null>(null);
  useEffect(() => {
    void ensureLoaded();
  }, [ensureLoaded]);
  const register = useMemo(() => (fn: (p: MapPoint | null) => void) => {
    cursorSink.current = fn;
  }, []);
  const onCursor = useMemo(() => (p: MapPoint | null) => cursorSink.current?.(p), []);
  return (
    <div className={`map-widget${className ? ` ${className}` : ''}`} style={{ height }}>
      <div className="map-canvas-wrap">
        <MapContainer center={JIAOCHENG_CENTER} zoom={10} minZoom={6} maxZoom={18} preferCanvas attributionControl={false} keyboard zoomControl className="map-leaflet">
          <ScaleControl metric imperial={false} position="bottomleft" maxWidth={160} />
          <Setup onMap={onMap} focus={focus} />
          <Basemap />
          <Boundaries />
          <Features onFeatureClick={onFeatureClick} popups={popups} />
          <WaterRings />
          <Permits />
          <Fires extra={fires} />
          <Highlight h={highlight} />
          <Events onPick={onPick} onCursor={onCursor} />
          {children}
        </MapContainer>
      </div>
      {statusBar && <CursorBar register={register} />}
    </div>
  );
});

export type { OverlayKey };
