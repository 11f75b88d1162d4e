import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { CommandOutput } from '../../../shared/api';
import { LAYER_INFO, LAYERS, type LayerName } from '../../../shared/geo/layers';
import { useLocale, useT, type MessageKey } from '../i18n';
import { api } from '../api/client';
import { errorText } from './store';
import { bytesToBase64 } from '../components/files';

type Preview = CommandOutput<'map.import.preview'>;
const MAX_BYTES = 60 * 1024 * 1024;

function readFile(file: File, onProgress: (pct: number) => void): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onprogress = (e) => e.lengthComputable && onProgress(Math.round((e.loaded / e.total) * 100));
    r.onload = () => resolve(new Uint8Array(r.result as ArrayBuffer));
    r.onerror = () => reject(r.error ?? new Error('read failed'));
    r.readAsArrayBuffer(file);
  });
}

/**
 * Import a GeoJSON / KML / KMZ / GPX / zipped Shapefile / CSV file into a layer: datum WGS84/CGCS2000 or GCJ-02
 * (converted by the core); a preview with counts and problems before anything is written; a file with errors is
 * refused with the reason and nothing written (unless the officer ticks "skip the features with errors").
 */
export function ImportDialog({ open, onClose, onImported }: { open: boolean; onClose: () => void; onImported: (n: number, layer: LayerName) => void }) {
  const t = useT();
  const locale = useLocale((s) => s.locale);
  const ref = useRef<HTMLDialogElement>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const [layer, setLayer] = useState<LayerName>('water');
  const [datum, setDatum] = useState<'wgs84' | 'gcj02'>('wgs84');
  const [file, setFile] = useState<{ name: string; b64: string } | null>(null);
  const [progress, setProgress] = useState<{ label: string; pct?: number } | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [skipInvalid, setSkipInvalid] = useState(false);
  // Features already in the layer: skip or update, chosen for this file (no default: the officer must say).
  const [onDuplicate, setOnDuplicate] = useState<'skip' | 'update' | null>(null);
  const [done, setDone] = useState<string | null>(null);

  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) {
      setPreview(null);
      setError(null);
      setDone(null);
      setSkipInvalid(false);
      d.showModal();
    } else if (!open && d.open) d.close();
  }, [open]);

  // A new file, layer or datum invalidates the preview and the choices made for the last one: the officer must look
  // again, and tick again, before importing (a box left ticked would import part of a file the red box refuses).
  // Adjusted while rendering, React's pattern for state that follows other state.
  const [previewFor, setPreviewFor] = useState({ file, layer, datum });
  if (previewFor.file !== file || previewFor.layer !== layer || previewFor.datum !== datum) {
    setPreviewFor({ file, layer, datum });
    setPreview(null);
    setSkipInvalid(false);
    setOnDuplicate(null);
  }

  async function pick(f: File | undefined) {
    setError(null);
    setDone(null);
    setFile(null);
    if (!f) return;
    if (f.size > MAX_BYTES) return setError(t('map.import.tooBig'));
    try {
      setProgress({ label: t('map.import.reading', { pct: 0 }), pct: 0 });
      const bytes = await readFile(f, (pct) => setProgress({ label: t('map.import.reading', { pct }), pct }));
      setFile({ name: f.name, b64: bytesToBase64(bytes) });
    } catch (e) {
      setError(errorText(e));
    } finally {
      setProgress(null);
    }
  }

  async function doPreview(ev: FormEvent) {
    ev.preventDefault();
    if (!file) return setError(t('map.import.needFile'));
    setError(null);
    setProgress({ label: t('map.import.previewing') });
    try {
      setPreview(await api().invoke('map.import.preview', { fileName: file.name, contentBase64: file.b64, layer, datum }));
    } catch (e) {
      setError(t('map.import.nothingWritten', { message: errorText(e) }));
    } finally {
      setProgress(null);
    }
  }

  async function commit() {
    if (!file || !preview) return;
    setError(null);
    setProgress({ label: t('map.import.committing') });
    try {
      const r = await api().invoke('map.import.commit', { fileName: file.name, contentBase64: file.b64, layer, datum, skipInvalid, ...(onDuplicate ? { onDuplicate } : {}) });
      const layerName = locale === 'en' ? LAYER_INFO[layer].en : LAYER_INFO[layer].zh;
      setDone(t('map.import.done', { n: r.imported, layer: layerName }) + (r.duplicates ? t(onDuplicate === 'update' ? 'map.import.dup.doneUpdated' : 'map.import.dup.doneSkipped', { n: r.duplicates }) : ''));
      setPreview(null);
      setFile(null);
      if (fileRef.current) fileRef.current.value = '';
      onImported(r.imported, layer);
    } catch (e) {
      setError(t('map.import.nothingWritten', { message: errorText(e) }));
    } finally {
      setProgress(null);
    }
  }

  const dups = preview?.duplicates ?? [];
  const blocked = !!preview && ((preview.errors > 0 && !skipInvalid) || (dups.length > 0 && !onDuplicate));
  const n = preview ? preview.importable - (onDuplicate === 'skip' ? dups.length : 0) : 0;
  return (
    <dialog ref={ref} className="map-import" aria-labelledby="map-import-h" onClose={onClose} onCancel={onClose}>
      <h2 id="map-import-h">{t('map.import.title')}</h2>
      <form onSubmit={(ev) => void doPreview(ev)}>
        <label className="field">
          {t('map.import.file')}
          <input ref={fileRef} type="file" accept=".geojson,.json,.kml,.kmz,.gpx,.zip,.csv,.txt" onChange={(e) => void pick(e.target.files?.[0])} data-testid="map-import-file" />
        </label>
        <div className="row-2">
          <label className="field">
            {t('map.import.layer')}
            <select value={layer} onChange={(e) => setLayer(e.target.value as LayerName)}>
              {LAYERS.map((l) => (
                <option key={l} value={l}>
                  {locale === 'en' ? LAYER_INFO[l].en : LAYER_INFO[l].zh}
                </option>
              ))}
            </select>
          </label>
          <fieldset className="field">
            <legend>{t('map.import.datum')}</legend>
            <label className="check">
              <input type="radio" name="map-datum" value="wgs84" checked={datum === 'wgs84'} onChange={() => setDatum('wgs84')} /> {t('map.import.datum.wgs84')}
            </label>
            <label className="check">
              <input type="radio" name="map-datum" value="gcj02" checked={datum === 'gcj02'} onChange={() => setDatum('gcj02')} /> {t('map.import.datum.gcj02')}
            </label>
          </fieldset>
        </div>
        <div className="map-form-buttons">
          <button type="submit" disabled={!file || !!progress}>
            {t('map.import.preview')}
          </button>
          <button type="button" className="secondary" onClick={onClose}>
            {t('map.import.close')}
          </button>
        </div>
      </form>
      {progress && (
        <div role="status" className="map-progress">
          <span>{progress.label}</span>
          <progress max={100} value={progress.pct} />
        </div>
      )}
      {error && (
        <p role="alert" className="alert alert-error" data-testid="map-import-error">
          {error}
        </p>
      )}
      {done && (
        <p role="status" className="alert alert-ok" data-testid="map-import-done">
          {done}
        </p>
      )}
      {preview && (
        <div className="map-preview" data-testid="map-import-preview">
          <p>
            <strong>{t('map.import.summary', { format: preview.format.toUpperCase(), total: preview.total, ok: preview.importable, errors: preview.errors, warnings: preview.warnings })}</strong>
          </p>
          <p className="small">
            {t('map.import.byGeometry')}：{Object.entries(preview.byGeometry).map(([k, v]) => `${geometryName(k, t)} ${v}`).join('，') || '—'}
          </p>
          {preview.sampleNames.length > 0 && (
            <p className="small">
              {t('map.import.samples')}：{preview.sampleNames.join('、')}
            </p>
          )}
          <h3>{t('map.import.problems')}</h3>
          {preview.problems.length === 0 ? (
            <p className="small muted">{t('map.import.noProblems')}</p>
          ) : (
            <ul className="map-problems">
              {preview.problems.slice(0, 200).map((p, i) => (
                <li key={i} className={p.severity === 'error' ? 'problem-error' : 'problem-warning'}>
                  {t('map.import.row', { n: p.index + 1 })}
                  {p.name ? `（${p.name}）` : ''}：{locale === 'en' ? p.messageEn : p.message}
                </li>
              ))}
            </ul>
          )}
          {preview.errors > 0 && (
            <>
              <p role="alert" className="alert alert-error">
                {t('map.import.refused')}
              </p>
              {preview.importable > 0 && (
                <label className="check">
                  <input type="checkbox" checked={skipInvalid} onChange={(e) => setSkipInvalid(e.target.checked)} data-testid="map-import-skip-invalid" /> {t('map.import.skipInvalid', { n: preview.importable })}
                </label>
              )}
            </>
          )}
          {dups.length > 0 && (
            <fieldset className="map-dups" data-testid="map-import-duplicates">
              <legend>{t('map.import.dup.title', { n: dups.length })}</legend>
              <ul className="small">
                {dups.slice(0, 20).map((d) => (
                  <li key={d.index}>
                    {t('map.import.row', { n: d.index + 1 })}“{d.name}”→“{d.existingName}”（{d.by === 'source-id' ? t('map.import.dup.bySource') : t('map.import.dup.byPlace', { m: d.distanceM })}）
                  </li>
                ))}
              </ul>
              <label className="check">
                <input type="radio" name="map-dup" checked={onDuplicate === 'skip'} onChange={() => setOnDuplicate('skip')} data-testid="map-import-dup-skip" /> {t('map.import.dup.skip')}
              </label>
              <label className="check">
                <input type="radio" name="map-dup" checked={onDuplicate === 'update'} onChange={() => setOnDuplicate('update')} data-testid="map-import-dup-update" /> {t('map.import.dup.update')}
              </label>
            </fieldset>
          )}
          <div className="map-form-buttons">
            <button type="button" onClick={() => void commit()} disabled={blocked || n === 0 || !!progress}>
              {t('map.import.commit', { n })}
            </button>
          </div>
        </div>
      )}
    </dialog>
  );
}

const GEOMETRY_KEYS: Readonly<Record<string, MessageKey>> = {
  Point: 'map.geom.Point',
  MultiPoint: 'map.geom.MultiPoint',
  LineString: 'map.geom.LineString',
  MultiLineString: 'map.geom.MultiLineString',
  Polygon: 'map.geom.Polygon',
  MultiPolygon: 'map.geom.MultiPolygon',
  GeometryCollection: 'map.geom.GeometryCollection',
  none: 'map.geom.none',
};

/** A GeoJSON geometry type (or `none`) in the officer's words: 点 / 线 / 面 …, not "Point" or "none". */
function geometryName(type: string, t: ReturnType<typeof useT>): string {
  const key = GEOMETRY_KEYS[type];
  return key ? t(key) : type;
}
