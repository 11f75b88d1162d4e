import { gpx as gpxToGeoJSON, kml as kmlToGeoJSON } from '@tmcw/togeojson';
import { DOMParser } from '@xmldom/xmldom';
import type { Feature, Geometry } from 'geojson';
import Papa from 'papaparse';
import { AppError } from '../../../shared/api/errors';
import {
  bboxOf,
  checkGeometry,
  convertGeometry,
  LAYER_INFO,
  normalizeGeometry,
  unionBBox,
  type BBox,
  type Datum,
  type LayerName,
} from '../../../shared/geo';
import { decodeTextDetect } from '../textDecode';
import { readZip } from './archive';
import { mapKnownFields } from './importFields';
import { attributeProblems } from './importChecks';
import { shapefileFeatures } from './shapefile';

/**
 * Import of layer data from the files a county office has: GeoJSON, KML and KMZ (as 奥维互动地图 and Google Earth export
 * them), GPX, zipped Shapefile, and CSV with longitude/latitude columns. Every file goes through the same steps:
 * parse (file-level errors refuse the whole file) → per-feature tidy (2D, KML MultiGeometry → Multi*) → per-feature
 * problems (missing or out-of-range coordinates, open or self-intersecting rings, geometry that does not fit the layer)
 * → datum conversion to WGS84 (GCJ-02 via gcoord; WGS84 and CGCS2000 are taken as one). The preview is that result;
 * commit writes nothing unless the preview has no error (or the caller chose to skip the invalid features).
 */
export const IMPORT_FORMATS = ['geojson', 'kml', 'kmz', 'gpx', 'shapefile', 'csv'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** Files above this size are refused: layer data of a county is far smaller; a bigger file is a wrong file. */
export const MAX_IMPORT_BYTES = 64 * 1024 * 1024;

export interface ImportProblem {
  /** 0-based position of the feature in the file (row number − 2 for a CSV with a header), or -1 for the file. */
  index: number;
  name: string | null;
  severity: 'error' | 'warning';
  code: string;
  message: string;
  messageEn: string;
}

export interface ImportCandidate {
  index: number;
  name: string;
  kind: string | null;
  properties: Record<string, unknown>;
  /** WGS84, tidied; null when unusable. */
  geometry: Geometry | null;
  ok: boolean;
}

export interface ImportPlan {
  fileName: string;
  format: ImportFormat;
  datum: Datum;
  layer: LayerName;
  candidates: ImportCandidate[];
  problems: ImportProblem[];
}

export interface ImportPreview {
  fileName: string;
  format: ImportFormat;
  datum: Datum;
  layer: LayerName;
  total: number;
  importable: number;
  /** Count of features by geometry type as found in the file (after tidying), `none` for a feature without geometry. */
  byGeometry: Record<string, number>;
  errors: number;
  warnings: number;
  problems: ImportProblem[];
  /** WGS84 bbox of the importable features. */
  bbox: BBox | null;
  /** The first names, for the officer to recognise the file. */
  sampleNames: string[];
}

function refuse(zh: string, en: string, rule: string): AppError {
  return new AppError({ code: 'invalid-input', message: `文件被拒绝：${zh}。未写入任何内容。`, messageEn: `file refused: ${en}. Nothing was written.`, field: 'file', rule });
}

/** Guess the format from the name, then from the bytes (zip: KMZ or shapefile by content; XML: KML or GPX). */
export function detectFormat(fileName: string, bytes: Uint8Array): ImportFormat | 'zip' | null {
  const ext = fileName.toLowerCase().split('.').pop() ?? '';
  if (ext === 'geojson' || ext === 'json') return 'geojson';
  if (ext === 'kml') return 'kml';
  if (ext === 'kmz') return 'kmz';
  if (ext === 'gpx') return 'gpx';
  if (ext === 'csv' || ext === 'txt') return 'csv';
  if (ext === 'zip' || ext === 'shp') return 'zip';
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return 'zip';
  const head = new TextDecoder().decode(bytes.subarray(0, 512)).replace(/^\uFEFF/, '').trimStart();
  if (head.startsWith('{')) return 'geojson';
  if (head.startsWith('<')) return /<gpx[\s>]/.test(head) ? 'gpx' : 'kml';
  return null;
}

/** UTF-8 when valid; otherwise GB18030 (a superset of GBK/GB2312, what Excel and Chinese tools write), BOM removed. */
export function decodeText(bytes: Uint8Array): string {
  return decodeTextDetect(bytes).text;
}

function parseXml(text: string, what: string) {
  try {
    return new DOMParser({
      onError: (level: string, msg: string) => {
        if (level !== 'warning') throw new Error(msg);
      },
    }).parseFromString(text, 'text/xml');
  } catch (e) {
    throw refuse(`不是有效的 ${what}（XML 解析失败：${(e as Error).message.split('\n')[0]}）`, `not a valid ${what} (XML error: ${(e as Error).message.split('\n')[0]})`, 'xml');
  }
}

const STYLE_KEYS = /^(styleUrl|styleHash|styleMapHash|stroke|stroke-opacity|stroke-width|fill|fill-opacity|icon|icon-.*|label-.*|visibility|_gpxType|coordinateProperties|timespan|timestamp)$/;

function cleanProps(p: Record<string, unknown> | null | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(p ?? {})) {
    if (STYLE_KEYS.test(k) || v === undefined) continue;
    out[k] = v;
  }
  return out;
}

/** KMZ: the doc.kml (or the first .kml) of the archive, read within the archive limits (./archive.ts). */
function parseKmz(bytes: Uint8Array, files: Map<string, Uint8Array> = readZip(bytes)): Feature[] {
  const kmls = [...files.keys()].filter((n) => /\.kml$/i.test(n));
  const main = kmls.find((n) => /(^|\/)doc\.kml$/i.test(n)) ?? kmls[0];
  if (!main) throw refuse('KMZ 压缩包里没有 .kml 文件', 'the KMZ archive holds no .kml file', 'kmz-no-kml');
  const text = decodeText(files.get(main)!);
  return kmlToGeoJSON(parseXml(text, 'KML') as never).features as Feature[];
}

/** A zip holding a Shapefile (or, without a .shp, a KMZ by another name), read within the archive limits. */
function parseShapefileZip(bytes: Uint8Array, files: Map<string, Uint8Array> = readZip(bytes)): Feature[] {
  const names = [...files.keys()];
  if (!names.some((n) => /\.shp$/i.test(n))) {
    if (names.some((n) => /\.kml$/i.test(n))) return parseKmz(bytes, files);
    throw refuse('压缩包里没有 .shp 文件（Shapefile 须把 .shp、.dbf、.shx、.prj 一起压缩）', 'the zip holds no .shp file (zip the .shp with its .dbf, .shx and .prj)', 'shapefile-no-shp');
  }
  return shapefileFeatures(files);
}

function parseGeoJsonText(text: string): Feature[] {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw refuse(`不是有效的 JSON（${(e as Error).message}）`, `not valid JSON (${(e as Error).message})`, 'json');
  }
  const o = doc as { type?: unknown; features?: unknown; crs?: { properties?: { name?: unknown } } };
  const crs = o?.crs?.properties?.name;
  if (typeof crs === 'string' && !/CRS84|4326|4490|WGS ?84|CGCS ?2000/i.test(crs)) {
    throw refuse(`坐标系 ${crs} 不受支持（只接受经纬度：WGS84/CGCS2000 或 GCJ-02）`, `coordinate reference system ${crs} is not supported (longitude/latitude only)`, 'crs');
  }
  if (o?.type === 'FeatureCollection' && Array.isArray(o.features)) return o.features as Feature[];
  if (o?.type === 'Feature') return [o as Feature];
  if (typeof o?.type === 'string' && ['Point', 'MultiPoint', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon', 'GeometryCollection'].includes(o.type)) {
    return [{ type: 'Feature', properties: {}, geometry: o as Geometry }];
  }
  throw refuse('不是 GeoJSON（缺少 FeatureCollection / Feature / 几何对象）', 'not GeoJSON (no FeatureCollection, Feature or geometry)', 'geojson');
}

const LNG_HEADERS = ['经度', 'lng', 'lon', 'long', 'longitude', 'x', '东经', 'lng_wgs84', 'lon_wgs84'];
const LAT_HEADERS = ['纬度', 'lat', 'latitude', 'y', '北纬', 'lat_wgs84'];
const NAME_HEADERS = ['名称', 'name', '名字', '标题', 'title', '地名', '点名'];
const KIND_HEADERS = ['类型', 'kind', 'type', '种类', '类别'];

function findHeader(headers: string[], wanted: string[]): string | undefined {
  const norm = (h: string) => h.trim().toLowerCase().replace(/[（(].*[)）]$/, '').trim();
  for (const w of wanted) {
    const h = headers.find((x) => norm(x) === w);
    if (h !== undefined) return h;
  }
  return undefined;
}

/** A coordinate as written in a spreadsheet: decimal degrees, or degrees-minutes-seconds (112°9′30.5″E, 112度9分30秒). */
export function parseCoordinate(text: unknown): number | null {
  if (typeof text === 'number') return Number.isFinite(text) ? text : null;
  if (typeof text !== 'string') return null;
  const t = text.trim();
  if (!t) return null;
  if (/^[-+]?\d+(\.\d+)?$/.test(t)) return Number(t);
  const m = /^([-+]?\d+(?:\.\d+)?)\s*[°度]\s*(?:(\d+(?:\.\d+)?)\s*['′分])?\s*(?:(\d+(?:\.\d+)?)\s*["″秒])?\s*([NSEW东西南北])?$/i.exec(t);
  if (!m) return null;
  const v = Number(m[1]) + Number(m[2] ?? 0) / 60 + Number(m[3] ?? 0) / 3600;
  return m[4] && /[SW西南]/i.test(m[4]) ? -v : v;
}

function parseCsv(text: string): Feature[] {
  const r = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: 'greedy', transformHeader: (h) => h.trim() });
  const headers = r.meta.fields ?? [];
  const lngH = findHeader(headers, LNG_HEADERS);
  const latH = findHeader(headers, LAT_HEADERS);
  if (!lngH || !latH) {
    throw refuse(
      `CSV 缺少经度/纬度列（表头须有“经度”“纬度”，或 lng/lon/longitude 与 lat/latitude；现有表头：${headers.join('、') || '无'}）`,
      `the CSV has no longitude/latitude columns (need 经度/纬度, lng/lon/longitude and lat/latitude; found: ${headers.join(', ') || 'none'})`,
      'csv-columns',
    );
  }
  const nameH = findHeader(headers, NAME_HEADERS);
  const kindH = findHeader(headers, KIND_HEADERS);
  return r.data.map((row) => {
    const x = parseCoordinate(row[lngH]);
    const y = parseCoordinate(row[latH]);
    const props: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(row)) if (k !== lngH && k !== latH && k !== '__parsed_extra' && v !== '') props[k] = v;
    if (nameH) props.name = row[nameH];
    if (kindH) props.kind = row[kindH];
    const geometry: Geometry | null = x === null || y === null ? null : { type: 'Point', coordinates: [x, y] };
    return { type: 'Feature', properties: props, geometry } as Feature;
  });
}

function pick(p: Record<string, unknown>, keys: string[]): string | null {
  for (const k of keys) {
    const v = p[k];
    if (typeof v === 'string' && v.trim()) return v.trim();
    if (typeof v === 'number') return String(v);
  }
  return null;
}

/** Parse a file into an import plan (nothing written). Throws invalid-input (field `file`) for a file-level refusal. */
export async function planImport(bytes: Uint8Array, fileName: string, layer: LayerName, datum: Datum, format?: ImportFormat): Promise<ImportPlan> {
  if (bytes.byteLength === 0) throw refuse('文件是空的', 'the file is empty', 'empty');
  if (bytes.byteLength > MAX_IMPORT_BYTES) throw refuse(`文件太大（上限 ${MAX_IMPORT_BYTES / 1048576} MB）`, `the file is too large (limit ${MAX_IMPORT_BYTES / 1048576} MB)`, 'size');
  const detected = format ?? detectFormat(fileName, bytes);
  let features: Feature[];
  let fmt: ImportFormat;
  switch (detected) {
    case 'geojson':
      fmt = 'geojson';
      features = parseGeoJsonText(decodeText(bytes));
      break;
    case 'kml':
      fmt = 'kml';
      features = kmlToGeoJSON(parseXml(decodeText(bytes), 'KML') as never).features as Feature[];
      break;
    case 'gpx':
      fmt = 'gpx';
      features = gpxToGeoJSON(parseXml(decodeText(bytes), 'GPX') as never).features as Feature[];
      break;
    case 'csv':
      fmt = 'csv';
      features = parseCsv(decodeText(bytes));
      break;
    case 'kmz':
      fmt = 'kmz';
      features = parseKmz(bytes);
      break;
    case 'shapefile':
    case 'zip': {
      const files = readZip(bytes);
      const names = [...files.keys()];
      const isKmz = !names.some((n) => /\.shp$/i.test(n)) && names.some((n) => /\.kml$/i.test(n));
      fmt = isKmz ? 'kmz' : 'shapefile';
      features = isKmz ? parseKmz(bytes, files) : parseShapefileZip(bytes, files);
      break;
    }
    default:
      throw refuse(
        `无法识别文件格式 ${fileName}（支持 GeoJSON、KML、KMZ、GPX、zip 压缩的 Shapefile、带经纬度列的 CSV）`,
        `unrecognised file format ${fileName} (GeoJSON, KML, KMZ, GPX, zipped Shapefile, CSV with longitude/latitude)`,
        'format',
      );
  }
  if (!features.length) throw refuse('文件里没有任何要素', 'the file holds no features', 'no-features');

  const problems: ImportProblem[] = [];
  const candidates: ImportCandidate[] = features.map((f, index) => {
    let props = cleanProps((f.properties ?? {}) as Record<string, unknown>);
    const attrs = attributeProblems(props);
    if (attrs.some((a) => a.severity === 'error')) props = {};
    // known facts (奥维 descriptions, columns) → the layer's fields, the file's own id → sourceId (importFields.ts)
    props = mapKnownFields(props, layer, (f.id as string | number | undefined) ?? null);
    const rawName = pick(props, ['name', 'Name', 'NAME', '名称', '名字', 'title', '标题']);
    const kind = pick(props, ['kind', '类型', 'type', 'Type']);
    const name = rawName ?? `${LAYER_INFO[layer].zh} ${index + 1}`;
    const add = (severity: 'error' | 'warning', code: string, message: string, messageEn: string) =>
      problems.push({ index, name: rawName, severity, code, message, messageEn });
    if (!rawName) add('warning', 'missing-name', `没有名称，将命名为“${name}”`, `no name; will be named "${name}"`);
    let g: Geometry | null = (f.geometry as Geometry | null) ?? null;
    if (g) {
      try {
        g = normalizeGeometry(g);
      } catch {
        /* malformed: checkGeometry reports it */
      }
    }
    const found = checkGeometry(g, layer);
    for (const p of found) add('error', p.code, p.message, p.messageEn);
    for (const a of attrs) add(a.severity, a.code, a.message, a.messageEn);
    const ok = found.length === 0 && g !== null && !attrs.some((a) => a.severity === 'error');
    const geometry = ok ? convertGeometry(g!, datum, 'wgs84') : g;
    return { index, name, kind, properties: props, geometry, ok };
  });
  return { fileName, format: fmt, datum, layer, candidates, problems };
}

export function previewOf(plan: ImportPlan): ImportPreview {
  const byGeometry: Record<string, number> = {};
  let bbox: BBox | null = null;
  for (const c of plan.candidates) {
    const t = c.geometry && typeof c.geometry === 'object' && 'type' in c.geometry ? String(c.geometry.type) : 'none';
    byGeometry[t] = (byGeometry[t] ?? 0) + 1;
    if (c.ok && c.geometry) bbox = unionBBox(bbox, bboxOf(c.geometry));
  }
  const errors = plan.problems.filter((p) => p.severity === 'error').length;
  return {
    fileName: plan.fileName,
    format: plan.format,
    datum: plan.datum,
    layer: plan.layer,
    total: plan.candidates.length,
    importable: plan.candidates.filter((c) => c.ok).length,
    byGeometry,
    errors,
    warnings: plan.problems.length - errors,
    problems: plan.problems.slice(0, 500),
    bbox,
    sampleNames: plan.candidates.slice(0, 20).map((c) => c.name),
  };
}

/**
 * Why a plan may not be committed, or null. With `skipInvalid` the features with errors are left out, but a file with
 * no usable feature at all is still refused.
 */
export function refusalOf(plan: ImportPlan, skipInvalid: boolean): AppError | null {
  const bad = plan.candidates.filter((c) => !c.ok);
  const good = plan.candidates.length - bad.length;
  if (good === 0) {
    const first = plan.problems.find((p) => p.severity === 'error');
    return refuse(
      `没有一个要素可以导入${first ? `（第 ${first.index + 1} 个：${first.message}）` : ''}`,
      `no feature can be imported${first ? ` (#${first.index + 1}: ${first.messageEn})` : ''}`,
      first?.code ?? 'no-features',
    );
  }
  if (bad.length && !skipInvalid) {
    const first = plan.problems.find((p) => p.severity === 'error')!;
    return refuse(
      `${bad.length} 个要素有错误，例如第 ${first.index + 1} 个${first.name ? `“${first.name}”` : ''}：${first.message}（可先预览；或选择跳过有错误的要素）`,
      `${bad.length} feature(s) have errors, e.g. #${first.index + 1}${first.name ? ` "${first.name}"` : ''}: ${first.messageEn} (preview first, or skip the invalid features)`,
      first.code,
    );
  }
  return null;
}
