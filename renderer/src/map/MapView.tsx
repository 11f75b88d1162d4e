import type L from 'leaflet';
import type { FeatureCollection, Geometry } from 'geojson';
import { saveBlob } from '../components/files';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { MapFeatureLite, NearHitOut } from '../../../shared/api/map';
import { bboxOf } from '../../../shared/geo/bbox';
import { LAYER_INFO, WATER_RADIUS_M, type LayerName } from '../../../shared/geo/layers';
import { useLocale, useT, type MessageKey } from '../i18n';
import { api } from '../api/client';
import { AnswersPanel, type AnswersState } from './AnswersPanel';
import { draftFromFeature, editableVertices, minVertices, newDraft, withVertices, type Draft } from './draft';
import { EditLayer } from './EditLayer';
import { FeaturePanel } from './FeaturePanel';
import { ImportDialog } from './ImportDialog';
import { LayersPanel } from './LayersPanel';
import { MapWidget, type MapPoint } from './MapWidget';
import { SearchBox } from './SearchBox';
import type { SearchItem } from './search';
import { errorText, useMapData, useMapOverlays, type FireMark, type PermitRow } from './store';
import { focusOf } from '../router/routes';
import { useUi } from '../store';
import { clearDraft, readDraft, writeDraft } from '../components/Draft';

type Tab = 'layers' | 'answers' | 'feature';
type Mode = { kind: 'browse' } | { kind: 'add-point'; layer: LayerName } | { kind: 'draw'; layer: LayerName };

const POINT_LAYERS = (Object.keys(LAYER_INFO) as LayerName[]).filter((l) => LAYER_INFO[l].geometry === 'point');

function isTyping(e: KeyboardEvent): boolean {
  const el = e.target as HTMLElement | null;
  return !!el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable);
}

/** Everything the search box finds: the features, the active permits, the fires and the county names. */
function buildSearchItems({ features, permits, fires, boundaries, locale, t }: { features: readonly MapFeatureLite[]; permits: readonly PermitRow[]; fires: readonly FireMark[]; boundaries: FeatureCollection | null; locale: 'zh-CN' | 'en'; t: (k: MessageKey) => string }): SearchItem[] {
  const items: SearchItem[] = features.map((f) => ({ key: `f${f.id}`, name: f.name, group: locale === 'en' ? LAYER_INFO[f.layer].en : LAYER_INFO[f.layer].zh, lng: f.lng, lat: f.lat, featureId: f.id }));
  for (const p of permits) items.push({ key: `p${p.id}`, name: `${p.placeName}（${p.kindLabel}）`, group: t('map.group.permit'), lng: p.lng, lat: p.lat });
  for (const f of fires) items.push({ key: `x${f.id}`, name: f.name, group: t('map.group.fire'), lng: f.lng, lat: f.lat });
  for (const b of boundaries?.features ?? []) {
    const name = (b.properties as { name?: string } | null)?.name;
    const box = b.geometry ? bboxOf(b.geometry) : null;
    if (name && box) items.push({ key: `c${name}`, name, group: t('map.group.county'), lng: (box[0] + box[2]) / 2, lat: (box[1] + box[3]) / 2 });
  }
  return items;
}

const MAP_DRAFT = 'map:feature';

/** Alt+3: the offline forest-fire map with its layers, search, answers for a point, editing, import and export. */
export function MapView() {
  const t = useT();
  const locale = useLocale((s) => s.locale);
  // Only what this screen shows: a change elsewhere in the store (tile sets, layer counts) does not render it again.
  const { status, error, features, permits, boundaries, reload, reloadFeatures } = useMapData(
    useShallow((s) => ({ status: s.status, error: s.error, features: s.features, permits: s.permits, boundaries: s.boundaries, reload: s.reload, reloadFeatures: s.reloadFeatures })),
  );
  const fires = useMapOverlays((s) => s.fires);
  // A feature being edited is kept as a draft (components/Draft.tsx) while it differs from the stored one, so another
  // screen, a reload or a crash does not lose it; saving, deleting or 取消 ends it.
  const [draft, setDraft] = useState<Draft | null>(() => readDraft<Draft>(MAP_DRAFT));
  const [tab, setTab] = useState<Tab>(() => (draft ? 'feature' : 'layers'));
  const [mode, setMode] = useState<Mode>({ kind: 'browse' });
  const [pointLayer, setPointLayer] = useState<LayerName>('water');
  const [answers, setAnswers] = useState<AnswersState>({ at: null, info: null, loading: false, error: null });
  const [ring, setRing] = useState(true);
  const [focus, setFocusRaw] = useState<(MapPoint & { zoom?: number; seq?: number }) | null>(null);
  const setFocus = (f: MapPoint & { zoom?: number }) => setFocusRaw((old) => ({ ...f, seq: (old?.seq ?? 0) + 1 }));
  // A deep link #/map?focus=<lng>,<lat>[,<zoom>] (router/routes.ts) centres the map there, also when it changes.
  const search = useUi((s) => s.search);
  const [linked, setLinked] = useState<string | null>(null);
  if (search !== linked) {
    setLinked(search);
    const f = focusOf(search);
    if (f) setFocus({ zoom: 14, ...f });
  }
  const [notice, setNotice] = useState<string | null>(null);
  const [importOpen, setImportOpen] = useState(false);
  // Not needed for the map's first paint (issue 17 item 4): the import dialog (a hidden form) is made when first
  // opened, and the legend is rendered just after the screen's first frame, while the map's data is on its way.
  const [importMade, setImportMade] = useState(false);
  const [legendShown, setLegendShown] = useState(false);
  useEffect(() => {
    const frame = requestAnimationFrame(() => setLegendShown(true));
    return () => cancelAnimationFrame(frame);
  }, []);
  const mapRef = useRef<L.Map | null>(null);
  const onMap = useCallback((m: L.Map) => {
    mapRef.current = m;
  }, []);
  const lastAsk = useRef<{ key: string; at: number } | null>(null);

  const ask = useCallback(async (p: MapPoint, switchTab = true) => {
    const key = `${p.lng.toFixed(7)},${p.lat.toFixed(7)}`;
    const now = performance.now();
    // A click on a canvas feature reaches the map too; one question per click.
    if (lastAsk.current && lastAsk.current.key === key && now - lastAsk.current.at < 400) return;
    lastAsk.current = { key, at: now };
    if (switchTab) setTab('answers');
    setAnswers({ at: p, info: null, loading: true, error: null });
    try {
      const info = await api().invoke('map.pointInfo', { lng: p.lng, lat: p.lat, nearest: 3 });
      setAnswers({ at: p, info, loading: false, error: null });
    } catch (e) {
      setAnswers({ at: p, info: null, loading: false, error: errorText(e) });
    }
  }, []);

  const featureClickAt = useRef(0);
  /** Whether the form holds changes not yet saved (a new feature, or a stored one edited). */
  const dirty = useCallback(
    (d: Draft | null) => {
      if (!d) return false;
      if (d.id === null) return true;
      const f = features.find((x) => x.id === d.id);
      return !f || JSON.stringify(draftFromFeature(f)) !== JSON.stringify(d);
    },
    [features],
  );
  useEffect(() => {
    if (dirty(draft)) writeDraft(MAP_DRAFT, draft);
    else if (status === 'ready') clearDraft(MAP_DRAFT);
  }, [draft, dirty, status]);
  /** Select a stored feature into the form, unless the form holds unsaved changes (never lose an edit silently). */
  const select = useCallback(
    (f: MapFeatureLite) => {
      if (draft && draft.id !== f.id && dirty(draft)) {
        setNotice(t('map.feature.unsaved', { name: draft.name || t('map.feature.new') }));
        setTab('feature');
        return;
      }
      setDraft(draftFromFeature(f));
      setTab('feature');
    },
    [draft, dirty, t],
  );
  const onFeatureClick = useCallback(
    (f: MapFeatureLite) => {
      if (mode.kind !== 'browse') return;
      featureClickAt.current = performance.now();
      select(f);
    },
    [mode.kind, select],
  );

  const onPick = useCallback(
    (p: MapPoint) => {
      if (mode.kind === 'add-point') {
        setDraft(newDraft(mode.layer, { type: 'Point', coordinates: [p.lng, p.lat] }));
        setMode({ kind: 'browse' });
        setTab('feature');
        return;
      }
      if (mode.kind === 'draw') {
        setDraft((d) => {
          if (!d) return d;
          const vs = editableVertices(d.geometry) ?? [];
          const last = vs[vs.length - 1];
          if (last && Math.abs(last[0]! - p.lng) < 1e-9 && Math.abs(last[1]! - p.lat) < 1e-9) return d;
          return { ...d, geometry: withVertices(d.geometry, [...vs, [p.lng, p.lat]]) };
        });
        return;
      }
      // A click on a feature selects it (feature tab) and still answers for the place, without leaving the form.
      const onFeature = performance.now() - featureClickAt.current < 300;
      if (!onFeature) {
        // Leaving a stored feature that was only looked at: drop its handles. A changed one stays until saved/cancelled.
        setDraft((d) => (d && !dirty(d) ? null : d));
      }
      void ask(p, !onFeature);
    },
    [mode, ask, dirty],
  );

  const finishDrawing = useCallback(() => {
    setMode({ kind: 'browse' });
    setTab('feature');
  }, []);
  const cancelEdit = useCallback(() => {
    setMode({ kind: 'browse' });
    setDraft(null);
  }, []);

  // Drawing keys: Enter finishes, Backspace removes the last vertex, Esc cancels (not while typing in a field).
  useEffect(() => {
    if (mode.kind === 'browse') return;
    const map = mapRef.current;
    map?.doubleClickZoom.disable();
    const onDbl = () => mode.kind === 'draw' && finishDrawing();
    map?.on('dblclick', onDbl);
    function onKey(e: KeyboardEvent) {
      if (e.key === 'Escape') {
        e.preventDefault();
        cancelEdit();
        return;
      }
      if (isTyping(e) || mode.kind !== 'draw') return;
      if (e.key === 'Enter') {
        e.preventDefault();
        finishDrawing();
      } else if (e.key === 'Backspace') {
        e.preventDefault();
        setDraft((d) => (d ? { ...d, geometry: withVertices(d.geometry, (editableVertices(d.geometry) ?? []).slice(0, -1)) } : d));
      }
    }
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
      map?.off('dblclick', onDbl);
      map?.doubleClickZoom.enable();
    };
  }, [mode, finishDrawing, cancelEdit]);

  function startDraw(layer: LayerName) {
    const g: Geometry = LAYER_INFO[layer].geometry === 'line' ? { type: 'LineString', coordinates: [] } : { type: 'Polygon', coordinates: [[]] };
    setDraft(newDraft(layer, g));
    setMode({ kind: 'draw', layer });
    setTab('feature');
  }

  // Built when the officer first searches, not at every load of the features (10,000 items): a function, cached.
  const searchItems = useMemo(() => {
    let built: SearchItem[] | null = null;
    return () => (built ??= buildSearchItems({ features, permits, fires, boundaries, locale, t }));
  }, [features, permits, fires, boundaries, locale, t]);

  function choose(item: SearchItem) {
    setFocus({ lng: item.lng, lat: item.lat, zoom: item.key.startsWith('c') ? 10 : 14 });
    const f = item.featureId !== undefined ? features.find((x) => x.id === item.featureId) : undefined;
    if (f && mode.kind === 'browse') select(f);
  }

  function go(h: NearHitOut) {
    setFocus({ lng: h.lng, lat: h.lat, zoom: 15 });
  }

  async function doExport(format: 'geojson' | 'kml') {
    try {
      const r = await api().invoke('map.export', { format });
      saveBlob(r.fileName, new Blob([r.text], { type: r.contentType }));
      setNotice(t('map.export.done', { n: r.count, file: r.fileName }));
    } catch (e) {
      setNotice(t('map.error', { message: errorText(e) }));
    }
  }

  const drawingCount = mode.kind === 'draw' && draft ? (editableVertices(draft.geometry) ?? []).length : 0;
  const highlight = answers.at ? { ...answers.at, ringM: ring ? WATER_RADIUS_M : undefined } : null;

  return (
    <section className="map-view" aria-labelledby="map-h">
      <div className="map-toolbar">
        <h1 id="map-h" className="map-title">
          {t('map.heading')}
        </h1>
        <SearchBox items={searchItems} onChoose={choose} />
        <div className="map-tools" role="group" aria-label={t('map.edit.addPoint')}>
          <label className="sr-only" htmlFor="map-point-layer">
            {t('map.edit.layerFor')}
          </label>
          <select id="map-point-layer" value={pointLayer} onChange={(e) => setPointLayer(e.target.value as LayerName)}>
            {POINT_LAYERS.map((l) => (
              <option key={l} value={l}>
                {locale === 'en' ? LAYER_INFO[l].en : LAYER_INFO[l].zh}
              </option>
            ))}
          </select>
          <button type="button" aria-pressed={mode.kind === 'add-point'} onClick={() => setMode({ kind: 'add-point', layer: pointLayer })}>
            {t('map.edit.addPoint')}
          </button>
          <button type="button" aria-pressed={mode.kind === 'draw' && mode.layer === 'zones'} onClick={() => startDraw('zones')}>
            {t('map.edit.drawArea')}
          </button>
          <button type="button" aria-pressed={mode.kind === 'draw' && mode.layer === 'roads'} onClick={() => startDraw('roads')}>
            {t('map.edit.drawLine')}
          </button>
        </div>
        <div className="map-tools">
          <button type="button" className="secondary" onClick={() => {
              setImportMade(true);
              setImportOpen(true);
            }}>
            {t('map.import')}
          </button>
          <button type="button" className="secondary" onClick={() => void doExport('geojson')}>
            {t('map.export.geojson')}
          </button>
          <button type="button" className="secondary" onClick={() => void doExport('kml')}>
            {t('map.export.kml')}
          </button>
        </div>
      </div>
      {(mode.kind !== 'browse' || notice || status === 'error' || status === 'loading') && (
        <div className="map-notice" role="status">
          {mode.kind === 'add-point' && <span>{t('map.edit.clickToPlace')}</span>}
          {mode.kind === 'draw' && (
            <span>
              {t('map.edit.clickToDraw', { n: drawingCount })}{' '}
              <button type="button" disabled={draft ? drawingCount < minVertices(draft.geometry) : true} onClick={finishDrawing}>
                {t('map.edit.finish')}
              </button>{' '}
              <button type="button" className="secondary" onClick={cancelEdit}>
                {t('map.edit.cancel')}
              </button>
            </span>
          )}
          {mode.kind === 'browse' && notice && <span>{notice}</span>}
          {status === 'loading' && <span>{t('map.loading')}</span>}
          {status === 'error' && (
            <span className="alert-error">
              {t('map.loadFailed', { message: error ?? '' })}{' '}
              <button type="button" onClick={() => void reload()}>
                {t('map.retry')}
              </button>
            </span>
          )}
        </div>
      )}
      <div className={`map-main${mode.kind !== 'browse' ? ' map-mode-edit' : ''}`}>
        <MapWidget
          highlight={highlight}
          onPick={onPick}
          onFeatureClick={onFeatureClick}
          focus={focus}
          onMap={onMap}
          popups={mode.kind === 'browse'}
        >
          {draft && <EditLayer geometry={draft.geometry} drawing={mode.kind === 'draw'} onGeometry={(g) => setDraft((d) => (d ? { ...d, geometry: g } : d))} />}
        </MapWidget>
        <aside className="map-aside" aria-label={t('map.tabs')}>
          <div role="tablist" aria-label={t('map.tabs')} className="map-tabs">
            {(['layers', 'answers', 'feature'] as const).map((k) => (
              <button key={k} type="button" role="tab" id={`map-tab-${k}`} aria-selected={tab === k} aria-controls={`map-panel-${k}`} onClick={() => setTab(k)}>
                {t(`map.tab.${k}`)}
              </button>
            ))}
          </div>
          <div role="tabpanel" id={`map-panel-${tab}`} aria-labelledby={`map-tab-${tab}`} className="map-panel" tabIndex={-1}>
            {tab === 'layers' && legendShown && <LayersPanel />}
            {tab === 'answers' && <AnswersPanel
                state={answers}
                onAsk={(p) => void ask(p)}
                onGo={go}
                onZone={(id) => {
                  const f = features.find((x) => x.id === id);
                  if (f && mode.kind === 'browse') select(f);
                }}
                ring={ring}
                onRing={setRing}
              />}
            {tab === 'feature' &&
              (draft ? (
                <FeaturePanel
                  key={draft.id ?? 'new'}
                  draft={draft}
                  onChange={setDraft}
                  onCancel={cancelEdit}
                  onAnswersHere={(p) => void ask(p)}
                  onSaved={(f) => {
                    setDraft(draftFromFeature(f));
                    setNotice(`${t('map.feature.saved')}：${f.name}`);
                    void reloadFeatures();
                  }}
                  onDeleted={(name) => {
                    setDraft(null);
                    setNotice(t('map.feature.deleted', { name }));
                    void reloadFeatures();
                  }}
                />
              ) : (
                <p className="muted small">{t('map.feature.none')}</p>
              ))}
          </div>
        </aside>
      </div>
      {importMade && (
        <ImportDialog
          open={importOpen}
          onClose={() => setImportOpen(false)}
          onImported={() => {
            void reloadFeatures();
          }}
        />
      )}
    </section>
  );
}
