import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { AppError } from '../../../shared/api/errors';

/**
 * Offline basemaps: raster MBTiles (1.3 spec: tables `metadata(name, value)` and `tiles(zoom_level, tile_column,
 * tile_row, tile_data)`, rows in TMS order, i.e. tile_row counts from the south). The map never fetches tiles from the
 * internet; it asks `readTile(set, z, x, y)` with XYZ (web) numbering, and we flip y: tmsY = 2^z − 1 − y.
 *
 * Decision: `tiles add` COPIES the file into the data folder (`<folder of the database>/tiles/<name>.mbtiles`) by
 * default, so the basemap survives the USB stick being unplugged and is backed up with the data; `reference` mode
 * keeps the file where it is (for multi-gigabyte sets on a shared drive).
 */
export type TileFormat = 'png' | 'jpg' | 'webp';

export interface TileSetInfo {
  name: string;
  title: string | null;
  format: TileFormat;
  minZoom: number;
  maxZoom: number;
  /** [west, south, east, north] in WGS84 degrees, from the metadata `bounds`, or null when the file gives none. */
  bounds: [number, number, number, number] | null;
  attribution: string | null;
  mode: 'copy' | 'reference';
  file: string;
  bytes: number;
  tileCount: number;
  addedAt: string;
  addedBy: string;
}

export interface Tile {
  contentType: string;
  bytes: Buffer;
}

const CONTENT_TYPE: Record<TileFormat, string> = { png: 'image/png', jpg: 'image/jpeg', webp: 'image/webp' };

function invalid(field: string, rule: string, zh: string, en: string): AppError {
  return new AppError({ code: 'invalid-input', message: zh, messageEn: en, field, rule });
}

/** The tile image's own type from its first bytes (sets that mix PNG and JPEG exist), or null. */
export function sniffImage(b: Uint8Array): TileFormat | null {
  if (b.length >= 8 && b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47) return 'png';
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpg';
  if (b.length >= 12 && b[0] === 0x52 && b[1] === 0x49 && b[2] === 0x46 && b[3] === 0x46 && b[8] === 0x57 && b[9] === 0x45 && b[10] === 0x42 && b[11] === 0x50) return 'webp';
  return null;
}

interface Inspected {
  format: TileFormat;
  minZoom: number;
  maxZoom: number;
  bounds: [number, number, number, number] | null;
  title: string | null;
  attribution: string | null;
  tileCount: number;
}

/** Open an MBTiles read-only and read what the console needs; refuses anything that is not a raster MBTiles. */
export function inspectMbtiles(file: string): Inspected {
  let db: Database;
  try {
    db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  } catch (e) {
    throw invalid('file', 'readable-file', `无法打开 ${file}：${(e as Error).message}`, `cannot open ${file}: ${(e as Error).message}`);
  }
  try {
    let names: string[];
    try {
      names = (db.prepare("SELECT name FROM sqlite_master WHERE type IN ('table','view')").all() as { name: string }[]).map((r) => r.name);
    } catch {
      throw invalid('file', 'mbtiles', `${file} 不是 SQLite 文件，不是 MBTiles`, `${file} is not an SQLite file, so not an MBTiles`);
    }
    if (!names.includes('metadata') || !names.includes('tiles')) {
      throw invalid('file', 'mbtiles', `${file} 不是 MBTiles（缺少 metadata 或 tiles 表）`, `${file} is not an MBTiles (no metadata or tiles table)`);
    }
    const meta = new Map((db.prepare('SELECT name, value FROM metadata').all() as { name: string; value: string }[]).map((r) => [r.name, r.value]));
    const first = db.prepare('SELECT tile_data FROM tiles LIMIT 1').get() as { tile_data: Buffer } | undefined;
    if (!first) throw invalid('file', 'mbtiles-empty', `${file} 里没有任何瓦片`, `${file} holds no tiles`);
    const declared = (meta.get('format') ?? '').toLowerCase();
    if (declared === 'pbf' || declared === 'mvt') {
      throw invalid('file', 'mbtiles-format', '这是矢量瓦片（pbf），只支持栅格瓦片 png/jpg/webp', 'vector tiles (pbf) are not supported; raster png/jpg/webp only');
    }
    const fmt: TileFormat | null = declared === 'jpeg' ? 'jpg' : declared === 'png' || declared === 'jpg' || declared === 'webp' ? declared : sniffImage(first.tile_data);
    if (!fmt) throw invalid('file', 'mbtiles-format', `不支持的瓦片格式 ${declared || '（未声明）'}：只支持 png、jpg、webp`, `unsupported tile format ${declared || '(none)'}: png, jpg, webp only`);
    const z = db.prepare('SELECT MIN(zoom_level) AS lo, MAX(zoom_level) AS hi, COUNT(*) AS n FROM tiles').get() as { lo: number; hi: number; n: number };
    const num = (k: string) => (meta.has(k) && /^\s*\d+\s*$/.test(meta.get(k)!) ? Number(meta.get(k)) : null);
    const minZoom = num('minzoom') ?? z.lo;
    const maxZoom = num('maxzoom') ?? z.hi;
    let bounds: Inspected['bounds'] = null;
    const b = meta.get('bounds');
    if (b) {
      const v = b.split(',').map((s) => Number(s.trim()));
      if (v.length !== 4 || v.some((x) => !Number.isFinite(x)) || v[0]! >= v[2]! || v[1]! >= v[3]!) {
        throw invalid('file', 'mbtiles-bounds', `metadata 里的 bounds 无效：${b}（应为“西,南,东,北”）`, `invalid bounds in metadata: ${b} (want "west,south,east,north")`);
      }
      bounds = [v[0]!, v[1]!, v[2]!, v[3]!];
    }
    if (minZoom > maxZoom || maxZoom > 30) throw invalid('file', 'mbtiles-zoom', `缩放级别无效：${minZoom}–${maxZoom}`, `invalid zoom range ${minZoom}–${maxZoom}`);
    return { format: fmt, minZoom, maxZoom, bounds, title: meta.get('name') ?? null, attribution: meta.get('attribution') ?? null, tileCount: z.n };
  } finally {
    db.close();
  }
}

interface SetRow {
  name: string;
  title: string | null;
  file: string;
  mode: 'copy' | 'reference';
  format: TileFormat;
  min_zoom: number;
  max_zoom: number;
  bounds: string | null;
  attribution: string | null;
  bytes: number;
  tile_count: number;
  added_at: string;
  added_by: string;
}

const toInfo = (r: SetRow): TileSetInfo => ({
  name: r.name,
  title: r.title,
  format: r.format,
  minZoom: r.min_zoom,
  maxZoom: r.max_zoom,
  bounds: r.bounds ? (JSON.parse(r.bounds) as TileSetInfo['bounds']) : null,
  attribution: r.attribution,
  mode: r.mode,
  file: r.file,
  bytes: r.bytes,
  tileCount: r.tile_count,
  addedAt: r.added_at,
  addedBy: r.added_by,
});

export function listTileSets(db: Database): TileSetInfo[] {
  return (db.prepare('SELECT * FROM tile_sets ORDER BY name').all() as SetRow[]).map(toInfo);
}

export const TILE_SET_NAME = /^[A-Za-z0-9_-]{1,64}$/;

/** Where copied sets live: `tiles/` beside the database file. */
export function tilesDir(dbPath: string): string {
  return path.join(path.dirname(path.resolve(dbPath)), 'tiles');
}

/**
 * Register a raster MBTiles under `name`. Validates the file first; copies it (to a temporary name, then renamed, so a
 * half-copied file is never registered) unless `mode` is `reference`. A name already taken is a conflict unless
 * `replace`.
 */
export function addTileSet(
  svc: { db: Database; dbPath: string },
  input: { file: string; name: string; mode?: 'copy' | 'reference'; replace?: boolean },
  meta: { actor: string; at: Date },
): TileSetInfo {
  if (!TILE_SET_NAME.test(input.name)) {
    throw invalid('name', 'tile-set-name', '字段 name：底图名只能用字母、数字、- 和 _（1–64 个字符）', 'field name: letters, digits, - and _ only (1–64 characters)');
  }
  const src = path.resolve(input.file);
  if (!fs.existsSync(src) || !fs.statSync(src).isFile()) throw invalid('file', 'readable-file', `找不到文件 ${src}`, `no such file ${src}`);
  const info = inspectMbtiles(src);
  const existing = svc.db.prepare('SELECT * FROM tile_sets WHERE name = ?').get(input.name) as SetRow | undefined;
  if (existing && !input.replace) {
    throw new AppError({ code: 'conflict', message: `已有名为 ${input.name} 的底图`, messageEn: `a basemap named ${input.name} exists`, field: 'name', rule: 'unique' });
  }
  const mode = input.mode ?? 'copy';
  let file = src;
  if (mode === 'copy') {
    if (svc.dbPath === ':memory:') throw invalid('mode', 'copy-needs-folder', '内存数据库没有数据目录，请用 reference 方式', 'an in-memory database has no data folder; use reference mode');
    const dir = tilesDir(svc.dbPath);
    fs.mkdirSync(dir, { recursive: true });
    file = path.join(dir, `${input.name}.mbtiles`);
    if (path.resolve(file) !== src) {
      const tmp = `${file}.part-${process.pid}`;
      fs.copyFileSync(src, tmp);
      closeCachedHandle(svc.db, file);
      fs.renameSync(tmp, file);
    }
  }
  const bytes = fs.statSync(file).size;
  svc.db
    .prepare(
      `INSERT INTO tile_sets (name, title, file, mode, format, min_zoom, max_zoom, bounds, attribution, bytes, tile_count, added_at, added_by)
       VALUES (@name, @title, @file, @mode, @format, @min, @max, @bounds, @attribution, @bytes, @count, @at, @by)
       ON CONFLICT(name) DO UPDATE SET title = excluded.title, file = excluded.file, mode = excluded.mode, format = excluded.format,
         min_zoom = excluded.min_zoom, max_zoom = excluded.max_zoom, bounds = excluded.bounds, attribution = excluded.attribution,
         bytes = excluded.bytes, tile_count = excluded.tile_count, added_at = excluded.added_at, added_by = excluded.added_by`,
    )
    .run({
      name: input.name,
      title: info.title,
      file,
      mode,
      format: info.format,
      min: info.minZoom,
      max: info.maxZoom,
      bounds: info.bounds ? JSON.stringify(info.bounds) : null,
      attribution: info.attribution,
      bytes,
      count: info.tileCount,
      at: meta.at.toISOString(),
      by: meta.actor,
    });
  forgetSet(svc.db, input.name);
  return toInfo(svc.db.prepare('SELECT * FROM tile_sets WHERE name = ?').get(input.name) as SetRow);
}

/** Longitude/latitude box of an XYZ tile (Web Mercator). */
export function tileBounds(z: number, x: number, y: number): [number, number, number, number] {
  const n = 2 ** z;
  const lng = (xx: number) => (xx / n) * 360 - 180;
  const lat = (yy: number) => (Math.atan(Math.sinh(Math.PI * (1 - (2 * yy) / n))) * 180) / Math.PI;
  return [lng(x), lat(y + 1), lng(x + 1), lat(y)];
}

// Open read-only handles and set rows, per console database, so serving a tile is one indexed SELECT.
interface Reader {
  sets: Map<string, TileSetInfo>;
  handles: Map<string, { db: Database; stmt: BetterSqlite3.Statement }>;
}
const readers = new WeakMap<Database, Reader>();

function readerFor(db: Database): Reader {
  let r = readers.get(db);
  if (!r) {
    r = { sets: new Map(), handles: new Map() };
    readers.set(db, r);
  }
  return r;
}

function forgetSet(db: Database, name: string): void {
  readerFor(db).sets.delete(name);
}

function closeCachedHandle(db: Database, file: string): void {
  const r = readerFor(db);
  const h = r.handles.get(file);
  if (h) {
    h.db.close();
    r.handles.delete(file);
  }
}

/** Close the tile files opened for this console database (call when the core closes). */
export function closeTileReaders(db: Database): void {
  const r = readers.get(db);
  if (!r) return;
  for (const h of r.handles.values()) h.db.close();
  readers.delete(db);
}

/**
 * The one tile reader behind `tiles://` (Electron) and `/tiles/<set>/<z>/<x>/<y>` (serve shell): XYZ in, the image
 * bytes and content type out, or null when the tile lies outside the set's zoom range or bounds or is simply not in
 * the file (the shells answer 204). An unknown set is `not-found`; non-integer or out-of-range z/x/y `invalid-input`.
 */
export function readTile(svc: { db: Database }, set: string, z: number, x: number, y: number): Tile | null {
  if (!Number.isInteger(z) || z < 0 || z > 30) throw invalid('z', 'tile-z', `缩放级别 z 无效：${z}`, `invalid zoom z: ${z}`);
  const n = 2 ** z;
  if (!Number.isInteger(x) || x < 0 || x >= n) throw invalid('x', 'tile-x', `瓦片列号 x 无效：${x}`, `invalid tile column x: ${x}`);
  if (!Number.isInteger(y) || y < 0 || y >= n) throw invalid('y', 'tile-y', `瓦片行号 y 无效：${y}`, `invalid tile row y: ${y}`);
  const r = readerFor(svc.db);
  let info = r.sets.get(set);
  if (!info) {
    const row = svc.db.prepare('SELECT * FROM tile_sets WHERE name = ?').get(set) as SetRow | undefined;
    if (!row) throw new AppError({ code: 'not-found', message: `没有名为 ${set} 的底图`, messageEn: `no basemap named ${set}`, field: 'set' });
    info = toInfo(row);
    r.sets.set(set, info);
  }
  if (z < info.minZoom || z > info.maxZoom) return null;
  if (info.bounds) {
    const tb = tileBounds(z, x, y);
    const b = info.bounds;
    if (tb[2] <= b[0] || tb[0] >= b[2] || tb[3] <= b[1] || tb[1] >= b[3]) return null;
  }
  let h = r.handles.get(info.file);
  if (!h) {
    let tdb: Database;
    try {
      tdb = new BetterSqlite3(info.file, { readonly: true, fileMustExist: true });
    } catch (e) {
      throw new AppError({
        code: 'storage',
        message: `底图文件 ${info.file} 无法打开（${(e as Error).message}）`,
        messageEn: `the basemap file ${info.file} cannot be opened (${(e as Error).message})`,
      });
    }
    h = { db: tdb, stmt: tdb.prepare('SELECT tile_data FROM tiles WHERE zoom_level = ? AND tile_column = ? AND tile_row = ?') };
    r.handles.set(info.file, h);
  }
  const tmsY = n - 1 - y; // MBTiles rows are TMS (origin south-west)
  const row = h.stmt.get(z, x, tmsY) as { tile_data: Buffer } | undefined;
  if (!row) return null;
  const fmt = sniffImage(row.tile_data) ?? info.format;
  return { contentType: CONTENT_TYPE[fmt], bytes: row.tile_data };
}
