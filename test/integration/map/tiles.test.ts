import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from '../../../electron/core/db/database';
import { addTileSet, listTileSets, readTile, tilesDir } from '../../../electron/core/map/tiles';
import { solidPng, tileOf, writeMbtiles } from '../../fixtures/map/mbtiles';
import { tempDb } from './helpers';

let db: Database;
let file: string;
let dir: string;
afterEach(() => db?.close());

const RED = solidPng([255, 0, 0]);
const BLUE = solidPng([0, 0, 255]);
const who = { actor: '值班员甲', at: new Date('2026-11-20T02:00:00Z') };

/** A two-zoom set over 交城县: at z=10 the tile holding the county seat is red, its southern neighbour blue. */
function makeSet(dirName: string, metadata: Record<string, string> = {}): { mb: string; x: number; y: number } {
  const { x, y } = tileOf(112.15, 37.55, 10);
  const mb = path.join(dirName, 'jiaocheng.mbtiles');
  writeMbtiles(mb, { name: '交城测试底图', format: 'png', minzoom: '9', maxzoom: '10', bounds: '111.3,37.3,112.4,37.95', attribution: 'test', ...metadata }, [
    { z: 10, x, y, data: RED },
    { z: 10, x, y: y + 1, data: BLUE },
    { z: 9, x: x >> 1, y: y >> 1, data: BLUE },
  ]);
  return { mb, x, y };
}

describe('offline basemaps (MBTiles)', () => {
  it('tiles add copies into the data folder and reads the metadata; list shows it', () => {
    ({ db, file, dir } = tempDb('tiles'));
    const { mb } = makeSet(dir);
    const info = addTileSet({ db, dbPath: file }, { file: mb, name: 'jc' }, who);
    expect(info).toMatchObject({ name: 'jc', title: '交城测试底图', format: 'png', minZoom: 9, maxZoom: 10, bounds: [111.3, 37.3, 112.4, 37.95], mode: 'copy', tileCount: 3, addedBy: '值班员甲' });
    expect(info.file).toBe(path.join(tilesDir(file), 'jc.mbtiles'));
    expect(fs.readFileSync(info.file).equals(fs.readFileSync(mb))).toBe(true);
    expect(listTileSets(db).map((s) => s.name)).toEqual(['jc']);
  });

  it('readTile flips XYZ y to the TMS row: the red tile at (x, y), the blue one at y + 1', () => {
    ({ db, file, dir } = tempDb('tiles'));
    const { mb, x, y } = makeSet(dir);
    addTileSet({ db, dbPath: file }, { file: mb, name: 'jc' }, who);
    fs.rmSync(mb); // the copy is what is read
    const red = readTile({ db }, 'jc', 10, x, y)!;
    expect(red.contentType).toBe('image/png');
    expect(red.bytes.equals(RED)).toBe(true);
    expect(readTile({ db }, 'jc', 10, x, y + 1)!.bytes.equals(BLUE)).toBe(true);
    // What a reader that forgot the flip would ask for is empty:
    expect(readTile({ db }, 'jc', 10, x, 2 ** 10 - 1 - y)).toBeNull();
  });

  it('outside coverage → null: zoom below min / above max, outside bounds, or no such row', () => {
    ({ db, file, dir } = tempDb('tiles'));
    const { mb, x, y } = makeSet(dir);
    addTileSet({ db, dbPath: file }, { file: mb, name: 'jc' }, who);
    expect(readTile({ db }, 'jc', 8, x >> 2, y >> 2)).toBeNull();
    expect(readTile({ db }, 'jc', 11, x * 2, y * 2)).toBeNull();
    expect(readTile({ db }, 'jc', 10, 0, 0)).toBeNull(); // far outside the bounds
    expect(readTile({ db }, 'jc', 10, x + 1, y)).toBeNull(); // inside bounds, not in the file
  });

  it('bad z/x/y are invalid-input; an unknown set is not-found', () => {
    ({ db, file, dir } = tempDb('tiles'));
    const { mb } = makeSet(dir);
    addTileSet({ db, dbPath: file }, { file: mb, name: 'jc' }, who);
    expect(() => readTile({ db }, 'jc', 1.5, 0, 0)).toThrow(expect.objectContaining({ body: expect.objectContaining({ field: 'z' }) }));
    expect(() => readTile({ db }, 'jc', 2, 4, 0)).toThrow(expect.objectContaining({ body: expect.objectContaining({ field: 'x' }) }));
    expect(() => readTile({ db }, 'jc', 2, 0, -1)).toThrow(expect.objectContaining({ body: expect.objectContaining({ field: 'y' }) }));
    expect(() => readTile({ db }, 'nope', 2, 0, 0)).toThrow(expect.objectContaining({ code: 'not-found' }));
  });

  it('reference mode keeps the file where it is; the same name again is a conflict unless replace', () => {
    ({ db, file, dir } = tempDb('tiles'));
    const { mb } = makeSet(dir);
    expect(addTileSet({ db, dbPath: file }, { file: mb, name: 'jc', mode: 'reference' }, who).file).toBe(mb);
    expect(fs.existsSync(tilesDir(file))).toBe(false);
    expect(() => addTileSet({ db, dbPath: file }, { file: mb, name: 'jc' }, who)).toThrow(expect.objectContaining({ code: 'conflict' }));
    expect(addTileSet({ db, dbPath: file }, { file: mb, name: 'jc', replace: true }, who).mode).toBe('copy');
  });

  it('JPEG and WebP tiles get their content type from their bytes; missing metadata zooms come from the tiles', () => {
    ({ db, file, dir } = tempDb('tiles'));
    const jpg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0]);
    const webp = Buffer.concat([Buffer.from('RIFF'), Buffer.from([0, 0, 0, 0]), Buffer.from('WEBPVP8 ')]);
    const mb = path.join(dir, 'mixed.mbtiles');
    writeMbtiles(mb, { name: 'mixed', format: 'jpg' }, [
      { z: 3, x: 6, y: 3, data: jpg },
      { z: 4, x: 13, y: 6, data: webp },
    ]);
    const info = addTileSet({ db, dbPath: file }, { file: mb, name: 'mixed' }, who);
    expect(info).toMatchObject({ minZoom: 3, maxZoom: 4, bounds: null, format: 'jpg' });
    expect(readTile({ db }, 'mixed', 3, 6, 3)!.contentType).toBe('image/jpeg');
    expect(readTile({ db }, 'mixed', 4, 13, 6)!.contentType).toBe('image/webp');
  });

  it('refuses what is not a raster MBTiles, and registers nothing', () => {
    ({ db, file, dir } = tempDb('tiles'));
    const txt = path.join(dir, 'a.mbtiles');
    fs.writeFileSync(txt, 'not sqlite at all');
    expect(() => addTileSet({ db, dbPath: file }, { file: txt, name: 'a' }, who)).toThrow(expect.objectContaining({ body: expect.objectContaining({ field: 'file', rule: 'mbtiles' }) }));
    const pbf = path.join(dir, 'v.mbtiles');
    writeMbtiles(pbf, { name: 'vector', format: 'pbf' }, [{ z: 0, x: 0, y: 0, data: Buffer.from([0x1a, 0x00]) }]);
    expect(() => addTileSet({ db, dbPath: file }, { file: pbf, name: 'v' }, who)).toThrow(expect.objectContaining({ body: expect.objectContaining({ rule: 'mbtiles-format' }) }));
    expect(() => addTileSet({ db, dbPath: file }, { file: pbf, name: 'bad name!' }, who)).toThrow(expect.objectContaining({ body: expect.objectContaining({ field: 'name' }) }));
    expect(() => addTileSet({ db, dbPath: file }, { file: path.join(dir, 'missing.mbtiles'), name: 'm' }, who)).toThrow(expect.objectContaining({ body: expect.objectContaining({ rule: 'readable-file' }) }));
    expect(listTileSets(db)).toEqual([]);
    expect(fs.existsSync(tilesDir(file))).toBe(false);
  });
});
