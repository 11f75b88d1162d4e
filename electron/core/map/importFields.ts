/**
 * Field mapping of imported features (issue 12 item 7): 奥维互动地图 (Ovital) and most county spreadsheets keep a point's
 * facts as "键：值" lines in the KML <description> (or as columns / ExtendedData). The known ones are mapped to the
 * layer's fields, so that they reach the map's answers instead of staying buried in the description:
 *  - 容量 / 蓄水量 / 库容 … → `capacityM3` (a number of m³; "5万方" = 50,000), for water sources (5(2));
 *  - 电话 / 联系电话 / 手机 … → `phone`;
 *  - 管护人 / 看护人 / 钥匙保管人 / 负责人 / 联系人 … → `keyholder` (who holds the key of a pool or cellar, who answers);
 *  - 人数 / 队员人数 → `size` (teams, 6(5));
 * and the feature's own id (KML Placemark id, GeoJSON id, a CSV 编号 column) → `sourceId`, which re-import uses to
 * recognise a feature already present (importMatch.ts). A value already in a layer field is never overwritten. The
 * description itself stays, as plain text (HTML tags and entities removed).
 */
import type { LayerName } from '../../../shared/geo';

export interface MappedField {
  key: 'capacityM3' | 'phone' | 'keyholder' | 'size';
  /** Labels as written in county files, matched at the start of a key (after trimming). */
  labels: RegExp;
  number: boolean;
  layers: readonly LayerName[] | 'all';
}

export const KNOWN_FIELDS: readonly MappedField[] = [
  { key: 'capacityM3', labels: /^(容量|蓄水量|储水量|库容|容积|水量|capacity)/i, number: true, layers: ['water'] },
  { key: 'phone', labels: /^(联系电话|电话|手机号?|联系方式|值班电话|phone|tel)/i, number: false, layers: 'all' },
  { key: 'keyholder', labels: /^(管护人|看护人|钥匙保管人|钥匙管理人|管理人|负责人|联系人|keyholder|keeper)/i, number: false, layers: 'all' },
  { key: 'size', labels: /^(队员人数|人数|size)/i, number: true, layers: ['teams'] },
];

const SOURCE_ID_KEYS = ['sourceId', 'id', 'ID', '编号', '序号'];

/** Plain text of a KML description: <br> and block ends become line breaks, tags and common entities go. */
export function descriptionText(v: unknown): string | null {
  const raw = typeof v === 'string' ? v : v && typeof v === 'object' && typeof (v as { value?: unknown }).value === 'string' ? (v as { value: string }).value : null;
  if (raw === null) return null;
  const text = raw
    .replace(/<\s*br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|tr|li)>/gi, '\n')
    .replace(/<\/t[dh]>\s*<t[dh][^>]*>/gi, '：')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&amp;/g, '&');
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .join('\n');
}

/** "键：值" pairs of a description: one a line, or several on a line separated by ；/; /，. */
export function descriptionPairs(text: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const part of text.split(/[\n；;]+/)) {
    const m = /^\s*([^:：]{1,20}?)\s*[:：]\s*(.+?)\s*$/.exec(part);
    if (m) out.push([m[1]!, m[2]!]);
  }
  return out;
}

/** A number in a value such as "500立方米", "500 m³", "5万方", "1,200"; null without one. */
export function numberIn(v: string): number | null {
  const m = /(\d[\d,]*(?:\.\d+)?)\s*(万)?/.exec(v);
  if (!m) return null;
  const n = Number(m[1]!.replace(/,/g, '')) * (m[2] ? 10_000 : 1);
  return Number.isFinite(n) ? n : null;
}

function applies(f: MappedField, layer: LayerName): boolean {
  return f.layers === 'all' || f.layers.includes(layer);
}

/**
 * The properties of one imported feature with the known facts mapped to the layer's fields. `featureId` is the
 * feature's own id from the file (GeoJSON / KML), if any.
 */
export function mapKnownFields(props: Record<string, unknown>, layer: LayerName, featureId?: string | number | null): Record<string, unknown> {
  const out: Record<string, unknown> = { ...props };
  const desc = descriptionText(props.description);
  if (desc !== null) {
    if (desc) out.description = desc;
    else delete out.description;
  }
  // columns / ExtendedData first (their own keys), then the description's lines
  const pairs: Array<[string, unknown]> = [...Object.entries(props).filter(([k]) => k !== 'description'), ...(desc ? descriptionPairs(desc) : [])];
  for (const f of KNOWN_FIELDS) {
    if (!applies(f, layer) || (out[f.key] !== undefined && out[f.key] !== '')) continue;
    for (const [k, v] of pairs) {
      if (k === f.key || !f.labels.test(k.trim()) || v === null || v === undefined || String(v).trim() === '') continue;
      const value = f.number ? (typeof v === 'number' ? v : numberIn(String(v))) : String(v).trim();
      if (value === null) continue;
      out[f.key] = value;
      break;
    }
  }
  if (out.sourceId === undefined) {
    const own = featureId ?? SOURCE_ID_KEYS.map((k) => props[k]).find((v) => (typeof v === 'string' && v.trim()) || typeof v === 'number');
    if (own !== undefined && own !== null && String(own).trim()) out.sourceId = String(own).trim();
  }
  return out;
}
