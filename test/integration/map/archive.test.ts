import zlib from 'node:zlib';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { ARCHIVE_LIMITS, readCentralDirectory, readZip } from '../../../electron/core/map/archive';
import { planImport, previewOf } from '../../../electron/core/map/import';
import { MAX_PROPERTY_BYTES, MAX_PROPERTY_DEPTH } from '../../../electron/core/map/importChecks';
import { buildShapefile, WGS84_PRJ, type ShpFeature } from '../../fixtures/map/shapefile';

/** A zip written by hand: one central-directory record per entry with the sizes we choose to DECLARE. */
function handZip(entries: Array<{ name: string; data: Buffer; method?: 0 | 8; declaredSize?: number; declaredCompressed?: number }>): Uint8Array {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const method = e.method ?? 8;
    const body = method === 8 ? zlib.deflateRawSync(e.data) : e.data;
    const size = e.declaredSize ?? e.data.length;
    const csize = e.declaredCompressed ?? body.length;
    const lh = Buffer.alloc(30);
    lh.writeUInt32LE(0x04034b50, 0);
    lh.writeUInt16LE(20, 4);
    lh.writeUInt16LE(0x800, 6);
    lh.writeUInt16LE(method, 8);
    lh.writeUInt32LE(csize, 18);
    lh.writeUInt32LE(size, 22);
    lh.writeUInt16LE(name.length, 26);
    locals.push(lh, name, body);
    const ch = Buffer.alloc(46);
    ch.writeUInt32LE(0x02014b50, 0);
    ch.writeUInt16LE(20, 4);
    ch.writeUInt16LE(20, 6);
    ch.writeUInt16LE(0x800, 8);
    ch.writeUInt16LE(method, 10);
    ch.writeUInt32LE(csize, 20);
    ch.writeUInt32LE(size, 24);
    ch.writeUInt16LE(name.length, 28);
    ch.writeUInt32LE(offset, 42);
    central.push(ch, name);
    offset += 30 + name.length + body.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, cd, end]));
}

const KML = (n: number) =>
  `<?xml version="1.0"?><kml xmlns="http://www.opengis.net/kml/2.2"><Document>${Array.from({ length: n }, (_, i) => `<Placemark><name>水源${i}</name><Point><coordinates>112.1${i},37.5</coordinates></Point></Placemark>`).join('')}</Document></kml>`;

async function rejection(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    return (e as { body: { rule: string; message: string; messageEn: string; field: string } }).body;
  }
  throw new Error('expected a refusal');
}

describe('archive limits, checked from the central directory before anything is inflated', () => {
  it('a KMZ bomb (30 MiB of one byte in 30 KB) is refused by its ratio, without being inflated', async () => {
    const bomb = handZip([{ name: 'doc.kml', data: Buffer.alloc(30 * 1024 * 1024, 0x20) }]);
    expect(bomb.byteLength).toBeLessThan(64 * 1024);
    const heapBefore = process.memoryUsage().arrayBuffers;
    const b = await rejection(planImport(bomb, 'bomb.kmz', 'water', 'wgs84'));
    expect(process.memoryUsage().arrayBuffers - heapBefore).toBeLessThan(20 * 1024 * 1024);
    expect(b).toMatchObject({ field: 'file', rule: 'archive-ratio' });
    expect(b.message).toMatch(/压缩炸弹/);
  });

  it('ratio limit on both sides: 100:1 passes, just over is refused (entries over 1 MiB only)', () => {
    const size = 2 * 1024 * 1024;
    const at = handZip([{ name: 'a.kml', data: Buffer.alloc(10), method: 0, declaredSize: size, declaredCompressed: Math.ceil(size / 100) }]);
    expect(readCentralDirectory(at)).toHaveLength(1);
    const over = handZip([{ name: 'a.kml', data: Buffer.alloc(10), method: 0, declaredSize: size, declaredCompressed: Math.ceil(size / 100) - 1 }]);
    expect(() => readCentralDirectory(over)).toThrow(/over the limit of 100:1/);
    const small = handZip([{ name: 'a.kml', data: Buffer.alloc(10), method: 0, declaredSize: ARCHIVE_LIMITS.ratioAppliesAboveBytes, declaredCompressed: 1 }]);
    expect(readCentralDirectory(small)).toHaveLength(1);
  });

  it('total uncompressed size: 200 MiB declared passes the directory check, one byte more is refused before inflating', () => {
    const max = ARCHIVE_LIMITS.maxUncompressedBytes;
    const half = max / 2;
    const ok = handZip([0, 1].map((i) => ({ name: `p${i}.bin`, data: Buffer.alloc(1), method: 0 as const, declaredSize: half, declaredCompressed: half / 50 })));
    expect(readCentralDirectory(ok)).toHaveLength(2);
    const over = handZip([0, 1].map((i) => ({ name: `p${i}.bin`, data: Buffer.alloc(1), method: 0 as const, declaredSize: half + i, declaredCompressed: half / 50 })));
    expect(() => readCentralDirectory(over)).toThrow(/expands to more than 200\.0 MB/);
  });

  it('entry count: 10,000 pass, 10,001 are refused', async () => {
    const many = (n: number) => handZip(Array.from({ length: n }, (_, i) => ({ name: `i/${i}.png`, data: Buffer.alloc(0), method: 0 as const })));
    expect(readCentralDirectory(many(10_000))).toHaveLength(10_000);
    const b = await rejection(planImport(many(10_001), 'many.kmz', 'water', 'wgs84'));
    expect(b.rule).toBe('archive-entries');
  });

  it('an archive that lies about its size cannot inflate past what it declared', () => {
    const liar = handZip([{ name: 'doc.kml', data: Buffer.alloc(8 * 1024 * 1024, 0x20), declaredSize: 1000 }]);
    expect(() => readZip(liar)).toThrow(/expands past the 1000 bytes it declared/);
  });

  it('an honest KMZ still imports (JSZip-written, deflated)', async () => {
    const z = new JSZip();
    z.file('doc.kml', KML(3));
    const bytes = new Uint8Array(await z.generateAsync({ type: 'uint8array', compression: 'DEFLATE' }));
    expect(previewOf(await planImport(bytes, 'w.kmz', 'water', 'wgs84'))).toMatchObject({ format: 'kmz', total: 3, importable: 3 });
  });
});

const pts: ShpFeature[] = [0, 1, 2, 3, 4].map((i) => ({ geometry: { type: 'Point', coordinates: [112.1 + i / 100, 37.5] }, properties: { name: `点${i}` } }));

async function shpZip(parts: Record<string, Buffer | string>): Promise<Uint8Array> {
  const z = new JSZip();
  for (const [n, b] of Object.entries(parts)) z.file(n, b);
  return new Uint8Array(await z.generateAsync({ type: 'uint8array' }));
}

describe('Shapefiles are never silently moved or cut', () => {
  it('a truncated .shp (1 of 5 shapes left) is refused, naming the sizes', async () => {
    const { shp, shx, dbf } = buildShapefile(pts);
    const b = await rejection(planImport(await shpZip({ 'a.shp': shp.subarray(0, 100 + 28 + 10), 'a.shx': shx, 'a.dbf': dbf, 'a.cpg': 'UTF-8' }), 'a.zip', 'water', 'wgs84'));
    expect(b).toMatchObject({ rule: 'shapefile-truncated' });
    expect(b.messageEn).toMatch(/header says \d+ bytes/);
    // The same file with its header patched to match the cut still disagrees with its .shx and .dbf.
    const cut = Buffer.from(shp.subarray(0, 100 + 28));
    cut.writeInt32BE(cut.length / 2, 24);
    const b2 = await rejection(planImport(await shpZip({ 'a.shp': cut, 'a.shx': shx, 'a.dbf': dbf, 'a.cpg': 'UTF-8' }), 'a.zip', 'water', 'wgs84'));
    expect(b2.messageEn).toMatch(/yields 1 shapes while its .shx lists 5/);
    const whole = await planImport(await shpZip({ 'a.shp': shp, 'a.shx': shx, 'a.dbf': dbf, 'a.cpg': 'UTF-8' }), 'a.zip', 'water', 'wgs84');
    expect(previewOf(whole).importable).toBe(5);
  });

  const UTM49N =
    'PROJCS["WGS_1984_UTM_Zone_49N",GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",111.0],PARAMETER["Scale_Factor",0.9996],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';

  it('a projected .prj over longitude/latitude numbers is refused (the points would land near the equator)', async () => {
    const { shp, shx, dbf } = buildShapefile(pts);
    const b = await rejection(planImport(await shpZip({ 'a.shp': shp, 'a.shx': shx, 'a.dbf': dbf, 'a.cpg': 'UTF-8', 'a.prj': UTM49N }), 'a.zip', 'water', 'wgs84'));
    expect(b).toMatchObject({ rule: 'shapefile-prj-mismatch' });
    expect(b.message).toContain('WGS_1984_UTM_Zone_49N');
  });

  it('projected coordinates with their .prj are reprojected to WGS84 (proj4 through shpjs)', async () => {
    // UTM 49N metres of (112.15, 37.58) and (112.08, 37.64), computed with proj4 2.22 (EPSG:32649).
    const utm: ShpFeature[] = [
      { geometry: { type: 'Point', coordinates: [601541.8043505104, 4159838.3396934085] }, properties: { name: '卦山蓄水池' } },
      { geometry: { type: 'Point', coordinates: [595284.215086434, 4166421.9599736636] }, properties: { name: '石壁集雨窖' } },
    ];
    const { shp, shx, dbf } = buildShapefile(utm);
    const p = await planImport(await shpZip({ 'u.shp': shp, 'u.shx': shx, 'u.dbf': dbf, 'u.cpg': 'UTF-8', 'u.prj': UTM49N }), 'u.zip', 'water', 'wgs84');
    const [a, b] = p.candidates.map((c) => (c.geometry as { coordinates: number[] }).coordinates);
    expect(a![0]).toBeCloseTo(112.15, 6);
    expect(a![1]).toBeCloseTo(37.58, 6);
    expect(b![0]).toBeCloseTo(112.08, 6);
    const withWgs = await planImport(await shpZip({ 'w.shp': buildShapefile(pts).shp, 'w.shx': buildShapefile(pts).shx, 'w.dbf': buildShapefile(pts).dbf, 'w.prj': WGS84_PRJ }), 'w.zip', 'water', 'wgs84');
    expect(previewOf(withWgs).importable).toBe(5);
  });

  it('a .dbf in GBK without its .cpg is read as GBK; bytes that decode in neither are a preview warning', async () => {
    const { shp, shx, dbf } = buildShapefile([{ geometry: { type: 'Point', coordinates: [112.1, 37.5] }, properties: { name: '水池ab' } }]);
    const utf8 = Buffer.from('水池ab', 'utf8'); // 8 bytes
    const at = dbf.indexOf(utf8);
    expect(at).toBeGreaterThan(0);
    const gbk = Buffer.from(dbf);
    Buffer.from([0xcb, 0xae, 0xb3, 0xd8, 0x61, 0x62, 0x20, 0x20]).copy(gbk, at); // 水池ab in GBK, padded
    const p = await planImport(await shpZip({ 'g.shp': shp, 'g.shx': shx, 'g.dbf': gbk }), 'g.zip', 'water', 'wgs84');
    expect(p.candidates[0]!.name).toBe('水池ab');
    expect(p.problems.filter((x) => x.code === 'undecodable-text')).toEqual([]);
    const broken = Buffer.from(dbf);
    Buffer.from([0xff, 0xff, 0xff, 0xff, 0x61, 0x62, 0x20, 0x20]).copy(broken, at);
    const q = previewOf(await planImport(await shpZip({ 'g.shp': shp, 'g.shx': shx, 'g.dbf': broken }), 'g.zip', 'water', 'wgs84'));
    expect(q.problems.map((x) => x.code)).toContain('undecodable-text');
    expect(q.importable).toBe(1); // a warning, not a refusal
  });
});

describe('very large or deep properties are an error for that feature, nothing stored from them', () => {
  const geo = (props: Record<string, unknown>) =>
    new TextEncoder().encode(JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: props, geometry: { type: 'Point', coordinates: [112.1, 37.5] } }] }));
  it('size: just under the limit passes, over it is refused', async () => {
    const under = await planImport(geo({ name: 'a', note: 'x'.repeat(MAX_PROPERTY_BYTES - 100) }), 'a.geojson', 'water', 'wgs84');
    expect(previewOf(under).importable).toBe(1);
    const over = await planImport(geo({ name: 'a', note: 'x'.repeat(MAX_PROPERTY_BYTES + 1) }), 'a.geojson', 'water', 'wgs84');
    expect(over.problems.map((p) => p.code)).toContain('properties-too-large');
    expect(over.candidates[0]).toMatchObject({ ok: false, properties: {} });
  });
  it('depth: 16 levels pass, 17 and 10,000 are refused', async () => {
    // Written as text: JSON.stringify itself would overflow the stack at 10,000 levels.
    const file = (n: number) =>
      new TextEncoder().encode(
        `{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[112.1,37.5]},"properties":{"name":"a","d":${'{"k":'.repeat(n)}"x"${'}'.repeat(n)}}}]}`,
      );
    expect(previewOf(await planImport(file(MAX_PROPERTY_DEPTH - 1), 'a.geojson', 'water', 'wgs84')).importable).toBe(1);
    for (const n of [MAX_PROPERTY_DEPTH, 10_000]) {
      const p = await planImport(file(n), 'a.geojson', 'water', 'wgs84');
      expect(p.problems.map((x) => x.code)).toContain('properties-too-deep');
      expect(p.candidates[0]).toMatchObject({ ok: false, properties: {} });
    }
  });
});
