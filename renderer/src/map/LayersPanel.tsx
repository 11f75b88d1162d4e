import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useT, type MessageKey } from '../i18n';
import { api } from '../api/client';
import { OVERLAY_ORDER, RESERVE_SWATCH, SWATCH, type OverlayKey, type Swatch } from './draw';
import { errorText, useMapData, useMapOverlays, useMapUi } from './store';

function SwatchIcon({ s, area, line, hollow }: { s: Swatch; area?: boolean; line?: boolean; hollow?: boolean }) {
  // SVG with presentation attributes only (CSP: no inline style attributes).
  return (
    <svg className="map-swatch" width="22" height="16" viewBox="0 0 22 16" aria-hidden="true">
      {area ? (
        <rect x="2" y="2" width="18" height="12" fill={s.fill} fillOpacity="0.5" stroke={s.color} strokeWidth="2" strokeDasharray={s.dash} />
      ) : line ? (
        <line x1="1" y1="8" x2="21" y2="8" stroke={s.color} strokeWidth="4" strokeDasharray={s.dash} />
      ) : (
        <circle cx="11" cy="8" r={Math.min(6, s.radius)} fill={hollow ? '#fff' : s.fill} stroke={s.color} strokeWidth="2" />
      )}
    </svg>
  );
}

const LABEL: Record<OverlayKey, MessageKey> = {
  boundaries: 'map.layer.boundaries',
  zones: 'map.layer.zones',
  checkpoints: 'map.layer.checkpoints',
  water: 'map.layer.water',
  teams: 'map.layer.teams',
  towers: 'map.layer.towers',
  roads: 'map.layer.roads',
  posts: 'map.layer.posts',
  permits: 'map.layer.permits',
  fires: 'map.layer.fires',
};

/** Legend and layer switches, basemap choice (offline MBTiles only, "无底图" by default), sample data on request. */
export function LayersPanel() {
  const t = useT();
  const { visible, setVisible, waterRings, setWaterRings, basemap, setBasemap } = useMapUi();
  const { layers, permits, tileSets, reload } = useMapData(useShallow((s) => ({ layers: s.layers, permits: s.permits, tileSets: s.tileSets, reload: s.reload })));
  const anySample = useMapData((s) => s.features.some((f) => f.properties.sample === true));
  const fires = useMapOverlays((s) => s.fires);
  const [seedMsg, setSeedMsg] = useState<string | null>(null);
  const [seedErr, setSeedErr] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const count = (k: OverlayKey): number | null =>
    k === 'boundaries' ? null : k === 'permits' ? permits.length : k === 'fires' ? fires.length : (layers.find((l) => l.name === k)?.count ?? 0);

  async function seed() {
    setBusy(true);
    setSeedErr(null);
    try {
      const r = await api().invoke('map.seedSamples', {});
      setSeedMsg(t('map.seeded', { n: r.added }));
      await reload();
    } catch (e) {
      setSeedErr(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="map-legend-h" className="map-legend">
      <h2 id="map-legend-h">{t('map.legend')}</h2>
      <label className="map-basemap">
        {t('map.basemap')}
        <select value={basemap ?? ''} onChange={(e) => setBasemap(e.target.value || null)}>
          <option value="">{t('map.basemap.none')}</option>
          {tileSets.map((s) => (
            <option key={s.name} value={s.name}>
              {s.title ?? s.name}（{t('map.basemap.range', { min: s.minZoom, max: s.maxZoom })}）
            </option>
          ))}
        </select>
      </label>
      <ul className="map-layer-list">
        {OVERLAY_ORDER.map((k) => {
          const n = count(k);
          return (
            <li key={k}>
              <label className="check">
                <input type="checkbox" checked={visible[k]} onChange={(e) => setVisible(k, e.target.checked)} data-testid={`layer-${k}`} />
                <SwatchIcon s={SWATCH[k]} area={k === 'zones' || k === 'boundaries'} line={k === 'roads'} />
                <span className="map-layer-name">{t(LABEL[k])}</span>
                {n !== null && (
                  <span className="map-layer-count" data-testid={`count-${k}`}>
                    {t('map.count', { n })}
                  </span>
                )}
              </label>
              {k === 'zones' && (
                <ul className="map-sublegend">
                  <li>
                    <SwatchIcon s={SWATCH.zones} area /> {t('map.legend.zoneSample')} <span className="map-badge-sample">{t('map.sample')}</span>
                  </li>
                  <li>
                    <SwatchIcon s={RESERVE_SWATCH} area /> {t('map.legend.reserve')}
                  </li>
                </ul>
              )}
              {k === 'checkpoints' && (
                <ul className="map-sublegend">
                  <li>
                    <SwatchIcon s={SWATCH.checkpoints} /> {t('map.legend.fixed')}
                  </li>
                  <li>
                    <SwatchIcon s={SWATCH.checkpoints} hollow /> {t('map.legend.temporary')}
                  </li>
                </ul>
              )}
              {k === 'water' && (
                <label className="check map-sublegend">
                  <input type="checkbox" checked={waterRings} onChange={(e) => setWaterRings(e.target.checked)} /> {t('map.waterRings')}
                </label>
              )}
            </li>
          );
        })}
      </ul>
      {anySample && <p className="map-sample-note small">{t('map.sampleNote')}</p>}
      {!anySample && (
        <div className="map-seed">
          <p className="muted small">{t('map.noSamples')}</p>
          <button type="button" onClick={() => void seed()} disabled={busy}>
            {t('map.seed')}
          </button>
        </div>
      )}
      {seedMsg && <p role="status">{seedMsg}</p>}
      {seedErr && (
        <p role="alert" className="alert alert-error">
          {seedErr}
        </p>
      )}
    </section>
  );
}
