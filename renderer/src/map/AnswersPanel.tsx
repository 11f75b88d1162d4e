import { useState, type FormEvent } from 'react';
import type { NearHitOut } from '../../../shared/api/map';
import { useLocale, useT } from '../i18n';
import { isSample } from './draw';
import { fmtDeg, fmtDistance, parseDeg } from './format';
import { kindLabel } from './kinds';
import type { PointInfo } from './store';

export interface AnswersState {
  at: { lng: number; lat: number } | null;
  info: PointInfo | null;
  loading: boolean;
  error: string | null;
}

function Dist({ m }: { m: number }) {
  const t = useT();
  const d = fmtDistance(m);
  return (
    <span className="map-dist" data-distance-m={m}>
      {d.value} {t(d.unit === 'm' ? 'map.unit.m' : 'map.unit.km')}
    </span>
  );
}

function HitList({ hits, empty, onGo, testId }: { hits: NearHitOut[]; empty: string; onGo: (h: NearHitOut) => void; testId: string }) {
  const t = useT();
  const locale = useLocale((s) => s.locale);
  if (!hits.length) return <p className="muted small">{empty}</p>;
  return (
    <ol className="map-hits" data-testid={testId}>
      {hits.map((h) => (
        <li key={h.id}>
          <div className="map-hit">
            <button type="button" className="link" onClick={() => onGo(h)}>
              {h.name}
            </button>
            {isSample(h.properties) && <span className="map-badge-sample">{t('map.sample')}</span>}
            <span className="map-hit-kind">{kindLabel(h.layer, h.kind, locale)}</span>
            {typeof h.properties.capacityM3 === 'number' && <span className="map-hit-kind">{h.properties.capacityM3} m³</span>}
            {typeof h.properties.size === 'number' && <span className="map-hit-kind">{h.properties.size}人</span>}
            <Dist m={h.distanceM} />
          </div>
          {/* who answers and holds the key (奥维 descriptions and import columns, mapped at import) */}
          {(typeof h.properties.keyholder === 'string' || typeof h.properties.phone === 'string') && (
            <div className="map-hit-contact small" data-testid="map-hit-contact">
              {typeof h.properties.keyholder === 'string' && (
                <span>
                  {t('map.feature.keyholder')}：{h.properties.keyholder}
                </span>
              )}{' '}
              {typeof h.properties.phone === 'string' && (
                <span>
                  {t('map.feature.phone')}：<span className="mono">{h.properties.phone}</span>
                </span>
              )}
            </div>
          )}
        </li>
      ))}
    </ol>
  );
}

/**
 * DOMAIN §3.4: for a place (a click, a fire) the control zones containing it, the water sources within 3 km sorted by
 * distance (5(2)), the nearest checkpoints, teams and towers — great-circle metres, from map.pointInfo.
 */
export function AnswersPanel({ state, onAsk, onGo, onZone, ring, onRing }: { state: AnswersState; onAsk: (p: { lng: number; lat: number }) => void; onGo: (h: NearHitOut) => void; onZone: (id: number) => void; ring: boolean; onRing: (v: boolean) => void }) {
  const t = useT();
  const [lngText, setLngText] = useState('');
  const [latText, setLatText] = useState('');
  const [bad, setBad] = useState<'lng' | 'lat' | null>(null);
  const { info, at } = state;

  function submit(e: FormEvent) {
    e.preventDefault();
    const lng = parseDeg(lngText);
    const lat = parseDeg(latText);
    if (lng === null || Math.abs(lng) > 180) return setBad('lng');
    if (lat === null || Math.abs(lat) > 90) return setBad('lat');
    setBad(null);
    onAsk({ lng, lat });
  }

  const km = info ? info.waterRadiusM / 1000 : 3;
  return (
    <section aria-labelledby="map-answers-h" className="map-answers" data-testid="map-answers">
      <h2 id="map-answers-h">{t('map.answers')}</h2>
      {!at && <p className="muted small">{t('map.answers.hint')}</p>}
      <form className="map-ask" onSubmit={submit}>
        <label>
          {t('map.lng')}
          <input value={lngText} onChange={(e) => setLngText(e.target.value)} inputMode="decimal" aria-invalid={bad === 'lng'} placeholder="112.160000" />
        </label>
        <label>
          {t('map.lat')}
          <input value={latText} onChange={(e) => setLatText(e.target.value)} inputMode="decimal" aria-invalid={bad === 'lat'} placeholder="37.560000" />
        </label>
        <button type="submit">{t('map.answers.ask')}</button>
      </form>
      {bad && (
        <p role="alert" className="field-error">
          {t(bad === 'lng' ? 'map.lng' : 'map.lat')}：{t('map.feature.badCoord')}
        </p>
      )}
      {at && (
        <p className="map-at" data-testid="map-answers-at">
          {t('map.answers.at', { lng: fmtDeg(at.lng), lat: fmtDeg(at.lat) })}
        </p>
      )}
      {state.loading && <p role="status">{t('map.answers.loading')}</p>}
      {state.error && (
        <p role="alert" className="alert alert-error">
          {t('map.error', { message: state.error })}
        </p>
      )}
      {info && !state.loading && (
        <div aria-live="polite">
          <label className="check">
            <input type="checkbox" checked={ring} onChange={(e) => onRing(e.target.checked)} /> {t('map.answers.showRing')}
          </label>
          <h3>{t('map.answers.zones')}</h3>
          {info.zones.length ? (
            <ul className="map-zones" data-testid="map-answers-zones">
              {info.zones.map((z) => (
                <li key={z.id} className="map-zone-hit">
                  <button type="button" className="link" onClick={() => onZone(z.id)} title={t('map.popup.edit')}>
                    <strong>{z.name}</strong>
                  </button>
                  {isSample(z.properties) && <span className="map-badge-sample">{t('map.sample')}</span>}
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted small" data-testid="map-answers-zones">
              {t('map.answers.noZone')}
            </p>
          )}
          <h3>{t('map.answers.water', { km })}</h3>
          <HitList hits={info.water} empty={t('map.answers.noWater', { km })} onGo={onGo} testId="map-answers-water" />
          <h3>{t('map.answers.checkpoints')}</h3>
          <HitList hits={info.checkpoints} empty={t('map.answers.none')} onGo={onGo} testId="map-answers-checkpoints" />
          <h3>{t('map.answers.teams')}</h3>
          <HitList hits={info.teams} empty={t('map.answers.none')} onGo={onGo} testId="map-answers-teams" />
          <h3>{t('map.answers.towers')}</h3>
          <HitList hits={info.towers} empty={t('map.answers.none')} onGo={onGo} testId="map-answers-towers" />
          <h3>{t('map.answers.road')}</h3>
          {info.road ? (
            <p className="small">
              <button type="button" className="link" onClick={() => onGo(info.road!)}>
                {info.road.name}
              </button>{' '}
              <Dist m={info.road.distanceM} /> · {t(info.roadWithinWalkingRadius ? 'map.answers.roadOk' : 'map.answers.roadFar')}
            </p>
          ) : (
            <p className="muted small">{t('map.answers.none')}</p>
          )}
          <p className="muted small">{t('map.answers.clause')}</p>
        </div>
      )}
    </section>
  );
}
