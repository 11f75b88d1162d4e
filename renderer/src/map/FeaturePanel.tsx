import { actorLabel } from '../../../shared/api/actor';
import { useRef, useState, type FormEvent } from 'react';
import type { CommandOutput } from '../../../shared/api';
import type { MapFeature } from '../../../shared/api/map';
import { LAYER_INFO } from '../../../shared/geo/layers';
import { formatBeijing, useLocale, useT, type MessageKey } from '../i18n';
import { api } from '../api/client';
import { editableVertices, fieldsOf, minVertices, propertiesOf, textToVertices, verticesToText, withVertices, type Draft, type FormProblem } from './draft';
import { fmtDeg, parseDeg } from './format';
import { kindLabel, kindOptions } from './kinds';
import { errorText } from './store';

type MapEvent = CommandOutput<'map.events'>['events'][number];

interface Props {
  draft: Draft;
  onChange: (d: Draft) => void;
  onSaved: (f: MapFeature) => void;
  onDeleted: (name: string) => void;
  onCancel: () => void;
  onAnswersHere: (p: { lng: number; lat: number }) => void;
}

/** Which form field a core error names (`field` of the AppError). */
function fieldOfError(field: string | undefined): string {
  if (!field) return 'form';
  if (field.startsWith('geometry')) return 'coords';
  if (field.startsWith('properties.')) return field.slice('properties.'.length);
  return field;
}

/**
 * The properties form of one feature (new or stored): name, kind, the layer's own fields, position (lng/lat, or the
 * vertex list of an area or road), Save and Delete (with confirmation). Every change goes through the core, which
 * records an event with who, when, before and after.
 */
export function FeaturePanel({ draft, onChange, onSaved, onDeleted, onCancel, onAnswersHere }: Props) {
  const t = useT();
  const locale = useLocale((s) => s.locale);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const [history, setHistory] = useState<MapEvent[] | null>(null);
  const confirmRef = useRef<HTMLDialogElement>(null);
  const cancelDeleteRef = useRef<HTMLButtonElement>(null);
  const g = draft.geometry;
  const vertices = editableVertices(g);

  // Text of the position fields, rewritten when the geometry changes on the map (drag) but not while typing.
  const [lngText, setLngText] = useState('');
  const [latText, setLatText] = useState('');
  const [coordsText, setCoordsText] = useState('');
  // Adjusted while rendering (React's pattern for state that follows a prop): the geometry the texts were last
  // written for, and whether the latest change came from typing (then the texts stay as typed).
  const [shownG, setShownG] = useState<typeof g | null>(null);
  const [typed, setTyped] = useState(false);
  if (g !== shownG) {
    setShownG(g);
    if (typed) setTyped(false);
    else if (g.type === 'Point') {
      setLngText(fmtDeg(g.coordinates[0]!));
      setLatText(fmtDeg(g.coordinates[1]!));
    } else if (vertices) setCoordsText(verticesToText(vertices));
  }

  // Another feature: its own errors, saved flag and history.
  const [shownId, setShownId] = useState(draft.id);
  if (draft.id !== shownId) {
    setShownId(draft.id);
    setErrors({});
    setSaved(false);
    setHistory(null);
  }

  const problemText = (p: FormProblem) => t(p.key, p.params);
  const set = (patch: Partial<Draft>) => {
    setSaved(false);
    onChange({ ...draft, ...patch });
  };

  function typePoint(lngS: string, latS: string) {
    setLngText(lngS);
    setLatText(latS);
    const lng = parseDeg(lngS);
    const lat = parseDeg(latS);
    const e: Record<string, string> = { ...errors };
    delete e.lng;
    delete e.lat;
    if (lng === null || Math.abs(lng) > 180) e.lng = t('map.feature.badCoord');
    if (lat === null || Math.abs(lat) > 90) e.lat = t('map.feature.badCoord');
    setErrors(e);
    if (!e.lng && !e.lat) {
      setTyped(true);
      set({ geometry: { type: 'Point', coordinates: [lng!, lat!] } });
    }
  }

  function typeCoords(text: string) {
    setCoordsText(text);
    const r = textToVertices(text);
    const e = { ...errors };
    delete e.coords;
    if ('problem' in r) e.coords = problemText(r.problem);
    else if (r.vertices.length < minVertices(g)) e.coords = t('map.feature.tooFew', { n: minVertices(g) });
    setErrors(e);
    if (!e.coords && 'vertices' in r) {
      setTyped(true);
      set({ geometry: withVertices(g, r.vertices) });
    }
  }

  async function save(ev: FormEvent) {
    ev.preventDefault();
    const e: Record<string, string> = {};
    if (!draft.name.trim()) e.name = t('map.feature.nameRequired');
    const { properties, problems } = propertiesOf(draft);
    for (const p of problems) e[p.field] = problemText(p);
    if (vertices && vertices.length < minVertices(g)) e.coords = t('map.feature.tooFew', { n: minVertices(g) });
    if (errors.lng) e.lng = errors.lng;
    if (errors.lat) e.lat = errors.lat;
    if (errors.coords && !e.coords) e.coords = errors.coords;
    setErrors(e);
    if (Object.keys(e).length) return;
    setSaving(true);
    try {
      const common = { name: draft.name.trim(), kind: draft.kind || null, properties, geometry: draft.geometry };
      const f =
        draft.id === null
          ? await api().invoke('map.feature.add', { layer: draft.layer, ...common })
          : await api().invoke('map.feature.update', { id: draft.id, expectedVersion: draft.version ?? undefined, ...common });
      setSaved(true);
      onSaved(f);
    } catch (err) {
      const field = (err as { body?: { field?: string } }).body?.field;
      setErrors({ [fieldOfError(field)]: errorText(err) });
    } finally {
      setSaving(false);
    }
  }

  async function doDelete() {
    confirmRef.current?.close();
    if (draft.id === null) return;
    try {
      await api().invoke('map.feature.delete', { id: draft.id, expectedVersion: draft.version ?? undefined });
      onDeleted(draft.name);
    } catch (err) {
      setErrors({ form: errorText(err) });
    }
  }

  async function loadHistory() {
    if (draft.id === null) return;
    try {
      setHistory((await api().invoke('map.events', { featureId: draft.id })).events);
    } catch (err) {
      setErrors({ form: errorText(err) });
    }
  }

  const fieldErr = (k: string) =>
    errors[k] ? (
      <span className="field-error" role="alert" id={`mf-err-${k}`}>
        {errors[k]}
      </span>
    ) : null;
  const info = LAYER_INFO[draft.layer];
  const kinds = kindOptions(draft.layer, locale);
  const here = g.type === 'Point' ? { lng: g.coordinates[0]!, lat: g.coordinates[1]! } : vertices?.[0] ? { lng: vertices[0][0]!, lat: vertices[0][1]! } : null;

  return (
    <section aria-labelledby="map-feature-h" className="map-feature">
      <h2 id="map-feature-h">
        {draft.id === null ? t('map.feature.new') : draft.name}
        {draft.approximate && <span className="map-badge-sample">{t('map.sample')}</span>}
      </h2>
      <p className="muted small">
        {t('map.feature.layer')}：{locale === 'en' ? info.en : info.zh}（交政发〔2024〕7号 {info.clause}）
      </p>
      <form onSubmit={(ev) => void save(ev)} noValidate data-testid="map-feature-form">
        <label className="field">
          {t('map.feature.name')}
          <input value={draft.name} maxLength={200} onChange={(e) => set({ name: e.target.value })} aria-invalid={!!errors.name} aria-describedby={errors.name ? 'mf-err-name' : undefined} autoFocus={draft.id === null} />
          {fieldErr('name')}
        </label>
        {(kinds.length > 0 || draft.kind) && (
          <label className="field">
            {t('map.feature.kind')}
            <select value={draft.kind} onChange={(e) => set({ kind: e.target.value })}>
              <option value="">—</option>
              {kinds.map((k) => (
                <option key={k.value} value={k.value}>
                  {k.label}
                </option>
              ))}
              {draft.kind && !kinds.some((k) => k.value === draft.kind) && <option value={draft.kind}>{kindLabel(draft.layer, draft.kind, locale)}</option>}
            </select>
            {fieldErr('kind')}
          </label>
        )}
        {fieldsOf(draft.layer).map((def) => (
          <label className="field" key={def.key}>
            {t(def.label as MessageKey)}
            {def.type === 'textarea' ? (
              <textarea rows={2} value={draft.fields[def.key] ?? ''} onChange={(e) => set({ fields: { ...draft.fields, [def.key]: e.target.value } })} />
            ) : (
              <input
                value={draft.fields[def.key] ?? ''}
                inputMode={def.type === 'number' ? 'decimal' : undefined}
                aria-invalid={!!errors[def.key]}
                onChange={(e) => set({ fields: { ...draft.fields, [def.key]: e.target.value } })}
              />
            )}
            {fieldErr(def.key)}
          </label>
        ))}
        {g.type === 'Point' && (
          <div className="map-lnglat">
            <label className="field">
              {t('map.feature.lng')}
              <input value={lngText} inputMode="decimal" aria-invalid={!!errors.lng} onChange={(e) => typePoint(e.target.value, latText)} />
              {fieldErr('lng')}
            </label>
            <label className="field">
              {t('map.feature.lat')}
              <input value={latText} inputMode="decimal" aria-invalid={!!errors.lat} onChange={(e) => typePoint(lngText, e.target.value)} />
              {fieldErr('lat')}
            </label>
            <p className="muted small">{t('map.feature.dragHint')}</p>
          </div>
        )}
        {vertices && (
          <label className="field">
            {t('map.feature.coords')}
            <textarea rows={5} className="mono" value={coordsText} aria-invalid={!!errors.coords} onChange={(e) => typeCoords(e.target.value)} />
            <span className="muted small">{t('map.feature.coordsHint')}</span>
          </label>
        )}
        {!vertices && g.type !== 'Point' && <p className="muted small">{t('map.feature.multi')}</p>}
        {fieldErr('coords')}
        <label className="check">
          <input type="checkbox" checked={draft.approximate} onChange={(e) => set({ approximate: e.target.checked })} /> {t('map.feature.approximate')}
        </label>
        {Object.keys(draft.extra).length > 0 && (
          <details className="map-extra">
            <summary>{t('map.feature.other')}</summary>
            <dl>
              {Object.entries(draft.extra).map(([k, v]) => (
                <div key={k}>
                  <dt>{k}</dt>
                  <dd>{typeof v === 'string' ? v : JSON.stringify(v)}</dd>
                </div>
              ))}
            </dl>
          </details>
        )}
        {fieldErr('form')}
        <div className="map-form-buttons">
          <button type="submit" disabled={saving}>
            {saving ? t('map.feature.saving') : t('map.feature.save')}
          </button>
          <button type="button" className="secondary" onClick={onCancel}>
            {t('map.feature.cancel')}
          </button>
          {draft.id !== null && (
            <button type="button" className="danger" onClick={() => confirmRef.current?.showModal()}>
              {t('map.feature.delete')}
            </button>
          )}
          {here && (
            <button type="button" className="secondary" onClick={() => onAnswersHere(here)}>
              {t('map.feature.answersHere')}
            </button>
          )}
        </div>
        {saved && <p role="status">{t('map.feature.saved')}</p>}
      </form>
      {draft.id !== null && (
        <details className="map-history" onToggle={(e) => (e.currentTarget as HTMLDetailsElement).open && void loadHistory()}>
          <summary>{t('map.feature.history')}</summary>
          {history && (
            <ol className="small">
              {history.map((h) => (
                <li key={h.seq}>
                  {formatBeijing(h.recordedAt)} · {actorLabel(h.actor, locale === 'en' ? 'en' : 'zh')} · {h.action}
                  {h.reason ? ` · ${h.reason}` : ''}
                </li>
              ))}
            </ol>
          )}
        </details>
      )}
      <dialog
        ref={confirmRef}
        className="map-confirm"
        aria-labelledby="map-confirm-t"
        onKeyDown={(e) => {
          if (e.key === 'Escape') confirmRef.current?.close();
        }}
      >
        <p id="map-confirm-t">{t('map.feature.deleteConfirm', { name: draft.name })}</p>
        <div className="map-form-buttons">
          <button type="button" ref={cancelDeleteRef} className="secondary" autoFocus onClick={() => confirmRef.current?.close()}>
            {t('map.feature.cancel')}
          </button>
          <button type="button" className="danger" onClick={() => void doDelete()}>
            {t('map.feature.confirmDelete')}
          </button>
        </div>
      </dialog>
    </section>
  );
}
