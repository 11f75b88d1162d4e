import { useCallback } from 'react';
import type L from 'leaflet';
import type { CommandOutput } from '../../../shared/api';
import type { NearHitOut } from '../../../shared/api/map';
import { shanghaiDate } from '../../../shared/calendar/date';
import { useLocale, useT } from '../i18n';
import { useErrorInfo } from '../incidents/util';
import { isSample } from '../map/draw';
import { fmtDistance } from '../map/format';
import { kindLabel } from '../map/kinds';
import { MapWidget } from '../map/MapWidget';
import { useCommand } from '../query/client';
import { pathOf } from '../router/routes';
import type { FirePoint } from './location';

type Info = CommandOutput<'map.pointInfo'>;
type Cal = CommandOutput<'fire.calendar'>;

function Hits({ hits, testId }: { hits: NearHitOut[]; testId: string }) {
  const t = useT();
  const locale = useLocale((s) => s.locale);
  if (!hits.length) return <p className="muted small" data-testid={testId}>{t('fire.place.none')}</p>;
  return (
    <ol className="fire-hits" data-testid={testId}>
      {hits.map((h) => {
        const d = fmtDistance(h.distanceM);
        return (
          <li key={h.id}>
            <strong>{h.name}</strong> {isSample(h.properties) && <span className="map-badge-sample">{t('map.sample')}</span>} <span className="muted small">{kindLabel(h.layer, h.kind, locale)}</span>
            {typeof h.properties.capacityM3 === 'number' && <span className="muted small"> {h.properties.capacityM3} m³</span>}
            {typeof h.properties.size === 'number' && <span className="muted small"> {t('fire.place.people', { n: h.properties.size })}</span>}{' '}
            <span className="fire-dist" data-distance-m={h.distanceM}>
              {d.value} {t(d.unit === 'm' ? 'map.unit.m' : 'map.unit.km')}
            </span>
          </li>
        );
      })}
    </ol>
  );
}

/**
 * DOMAIN §3.4: for the fire's location, at once — the control zone it lies in, water within 3 km (5(2)), the nearest
 * checkpoints, teams and towers with straight-line distances, and whether the fire's date is in the special period.
 */
export function PlaceAnswers({ point, name, date }: { point: FirePoint | null; name: string; date: string | null }) {
  const t = useT();
  const toError = useErrorInfo();
  const infoQ = useCommand('map.pointInfo', point ? { lng: point.lng, lat: point.lat, nearest: 3 } : null);
  const calQ = useCommand('fire.calendar', point && date ? { date: shanghaiDate(date) } : null);
  const info: Info | null = infoQ.data ?? null;
  const cal: Cal | null = calQ.data ?? null;
  const error = infoQ.error ? toError(infoQ.error).message : null;
  const lng = point?.lng;
  const lat = point?.lat;
  // Start on the fire at once (focus also keeps the map from fitting the whole county when the boundaries load).
  const onMap = useCallback((m: L.Map) => {
    if (lng !== undefined && lat !== undefined) m.setView([lat, lng], 13, { animate: false });
  }, [lng, lat]);
  if (!point) return <p className="muted">{t('fire.place.noPoint')}</p>;
  return (
    <div className="fire-place" data-testid="fire-place">
      <div className="fire-place-map">
        <MapWidget highlight={{ ...point, label: name || t('fire.new.firePoint'), ringM: 3000 }} focus={{ ...point, zoom: 13 }} onMap={onMap} height={360} />
      </div>
      <section aria-labelledby="fire-place-h" className="fire-place-answers">
        <h2 id="fire-place-h">{t('fire.place.heading')}</h2>
        <a className="small" href={`#${pathOf('map', null, `focus=${point.lng},${point.lat},14`)}`} data-testid="fire-place-open-map">
          {t('fire.place.openMap')}
        </a>
        {error && (
          <p className="alert alert-error" role="alert">
            {error}
          </p>
        )}
        {cal && (
          <p data-testid="fire-place-special">
            {cal.inSpecialPeriod ? <strong className="fire-on">{t('fire.place.inSpecial', { date: cal.date })}</strong> : t('fire.place.notSpecial', { date: cal.date })}
            {cal.highRiskDay && <strong className="fire-hot"> {t('fire.posture.highRiskDay', { name: cal.highRiskDay })}</strong>}
          </p>
        )}
        {!info && !error && <p role="status">{t('fire.loading')}</p>}
        {info && (
          <>
            <h3>{t('fire.place.zones')}</h3>
            {info.zones.length ? (
              <ul data-testid="fire-place-zones">
                {info.zones.map((z) => (
                  <li key={z.id}>
                    <strong>{z.name}</strong> {isSample(z.properties) && <span className="map-badge-sample">{t('map.sample')}</span>}
                  </li>
                ))}
              </ul>
            ) : (
              <p className="muted small" data-testid="fire-place-zones">
                {t('fire.place.noZone')}
              </p>
            )}
            <h3>{t('fire.place.water', { km: info.waterRadiusM / 1000 })}</h3>
            <Hits hits={info.water} testId="fire-place-water" />
            <h3>{t('fire.place.teams')}</h3>
            <Hits hits={info.teams} testId="fire-place-teams" />
            <h3>{t('fire.place.checkpoints')}</h3>
            <Hits hits={info.checkpoints} testId="fire-place-checkpoints" />
            <h3>{t('fire.place.towers')}</h3>
            <Hits hits={info.towers} testId="fire-place-towers" />
            <p className="muted small">{t('fire.place.clause')}</p>
          </>
        )}
      </section>
    </div>
  );
}
