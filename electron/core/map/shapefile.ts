import type { Feature, Position } from 'geojson';
import { combine, parseDbf, parseShp } from 'shpjs';
import { AppError } from '../../../shared/api/errors';

/**
 * A Shapefile from the parts of an archive, refusing what would otherwise import silently wrong (ESRI Shapefile
 * Technical Description, July 1998: the main file's header holds its length in 16-bit words at byte 24, big-endian,
 * and the bounding box as doubles at byte 36; the .shx holds one 8-byte record per shape after its 100-byte header;
 * dBASE III's header holds the record count at byte 4, little-endian):
 * - a truncated .shp (shorter than its header says, or fewer shapes than the .shx / .dbf list) is refused;
 * - a .prj that declares a projected system (PROJCS) while the coordinates are plainly degrees is refused (points
 *   would land near (106.5°, 0.0003°)); a projected file with projected coordinates is reprojected to WGS84 by shpjs
 *   with proj4 (the maintained PROJ port on npm), and refused when proj4 could not read its .prj;
 * - a .dbf without a .cpg whose text is not UTF-8 is read as GB18030 = GBK (what Chinese desktop GIS writes); bytes that
 *   decode in neither show as U+FFFD, which the preview warns about (./importChecks.ts).
 */
function refuse(zh: string, en: string, rule: string): AppError {
  return new AppError({ code: 'invalid-input', message: `文件被拒绝：${zh}。未写入任何内容。`, messageEn: `file refused: ${en}. Nothing was written.`, field: 'file', rule });
}

const text = (b: Uint8Array | undefined) => (b ? new TextDecoder().decode(b).replace(/^\uFEFF/, '').trim() : undefined);

function firstPosition(g: unknown): Position | null {
  let c: unknown = (g as { coordinates?: unknown } | null)?.coordinates;
  while (Array.isArray(c) && Array.isArray(c[0])) c = c[0];
  return Array.isArray(c) && typeof c[0] === 'number' ? (c as Position) : null;
}

function isUtf8(b: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(b);
    return true;
  } catch {
    return false;
  }
}

/** The features of every .shp in `files` (name → bytes), each with its .dbf, .prj and .cpg by the same base name. */
export function shapefileFeatures(files: Map<string, Uint8Array>): Feature[] {
  const byLower = new Map([...files].map(([k, v]) => [k.toLowerCase(), v]));
  const out: Feature[] = [];
  for (const [name, shpBytes] of files) {
    if (!/\.shp$/i.test(name)) continue;
    const base = name.slice(0, -4).toLowerCase();
    const label = name.slice(0, 100);
    const buf = Buffer.from(shpBytes.buffer, shpBytes.byteOffset, shpBytes.byteLength);
    if (buf.length < 100 || buf.readInt32BE(0) !== 9994) throw refuse(`${label} 不是 Shapefile 主文件`, `${label} is not a shapefile main file`, 'shapefile');
    const declared = buf.readInt32BE(24) * 2;
    if (buf.length < declared) {
      throw refuse(`${label} 被截断：文件头说有 ${declared} 字节，实际只有 ${buf.length} 字节`, `${label} is truncated: its header says ${declared} bytes, it has ${buf.length}`, 'shapefile-truncated');
    }
    const prj = text(byLower.get(`${base}.prj`));
    const projected = !!prj && /^\s*PROJCS\[/i.test(prj);
    const bbox = [36, 44, 52, 60].map((o) => buf.readDoubleLE(o));
    const degreeLike = Math.abs(bbox[0]!) <= 180 && Math.abs(bbox[2]!) <= 180 && Math.abs(bbox[1]!) <= 90 && Math.abs(bbox[3]!) <= 90;
    if (projected && degreeLike) {
      const sys = /^\s*PROJCS\["([^"]{0,100})"/i.exec(prj!)?.[1] ?? 'PROJCS';
      throw refuse(
        `${label} 的 .prj 声明投影坐标系（${sys}），但坐标范围 [${bbox.map((v) => v.toFixed(4)).join(', ')}] 是经纬度：.prj 与数据不符，导入会把点放错位置`,
        `the .prj of ${label} declares a projected system (${sys}) but the coordinates [${bbox.map((v) => v.toFixed(4)).join(', ')}] are degrees: the .prj does not match the data, the points would be misplaced`,
        'shapefile-prj-mismatch',
      );
    }
    let geometries: ReturnType<typeof parseShp>;
    try {
      geometries = parseShp(shpBytes, prj);
    } catch (e) {
      throw refuse(`Shapefile 无法读取（${(e as Error).message}）`, `the shapefile cannot be read (${(e as Error).message})`, 'shapefile');
    }
    const shx = byLower.get(`${base}.shx`);
    const listed = shx && shx.byteLength >= 100 ? (shx.byteLength - 100) / 8 : null;
    const dbf = byLower.get(`${base}.dbf`);
    const rows = dbf && dbf.byteLength >= 32 ? Buffer.from(dbf.buffer, dbf.byteOffset, dbf.byteLength).readUInt32LE(4) : null;
    for (const [what, n] of [['.shx', listed], ['.dbf', rows]] as const) {
      if (n !== null && n !== geometries.length) {
        throw refuse(
          `${label} 只读出 ${geometries.length} 个要素，而 ${what} 列出 ${n} 个：文件不完整（被截断或缺少部分）`,
          `${label} yields ${geometries.length} shapes while its ${what} lists ${n}: the file is incomplete (truncated or mismatched parts)`,
          'shapefile-truncated',
        );
      }
    }
    if (projected) {
      // proj4 could not read the .prj when shpjs handed back the projected numbers themselves (metres, not degrees).
      const after = firstPosition(geometries.find((g) => g));
      if (after && (Math.abs(after[0]!) > 180 || Math.abs(after[1]!) > 90)) {
        throw refuse(`${label} 的投影坐标系无法识别，不能换算为经纬度`, `the projected coordinate system of ${label} could not be read; it cannot be converted to longitude/latitude`, 'shapefile-prj-unsupported');
      }
    }
    let cpg = text(byLower.get(`${base}.cpg`));
    if (!cpg && dbf && !isUtf8(dbf.subarray(32))) cpg = 'gb18030'; // GBK's superset; Node's 'gbk' label drops undecodable bytes silently
    let attrs: ReturnType<typeof parseDbf> | undefined;
    try {
      attrs = dbf ? parseDbf(dbf, cpg) : undefined;
    } catch (e) {
      throw refuse(`${name.slice(0, -4).slice(0, 100)}.dbf 无法读取（${(e as Error).message}）`, `the .dbf cannot be read (${(e as Error).message})`, 'shapefile');
    }
    out.push(...(combine([geometries, attrs]).features as Feature[]));
  }
  return out;
}
