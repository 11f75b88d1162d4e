// Offline basemap tiles through the serve shell: XYZ in the URL, TMS rows in the MBTiles file, the token required,
// 204 outside coverage. The MBTiles file is built here with better-sqlite3 (a real file, two real PNG tiles).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import zlib from 'node:zlib';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRequest, startServe, type ServeProcess } from '../../helpers/serve';
import { ROOT, tmpDir } from '../../helpers/tmp';

/** A valid 1×1 PNG of one colour (so two tiles differ in their bytes). */
function png(r: number, g: number, b: number): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf: Buffer) => {
    let c = 0xffffffff;
    for (const byte of buf) c = crcTable[(c ^ byte) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const c = Buffer.alloc(4);
    c.writeUInt32BE(crc(td));
    return Buffer.concat([len, td, c]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(1, 0);
  ihdr.writeUInt32BE(1, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(Buffer.from([0, r, g, b]))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

let dir: string;
let srv: ServeProcess;
const red = png(255, 0, 0);
const blue = png(0, 0, 255);

beforeAll(async () => {
  dir = tmpDir('ercon-tiles-');
  const mb = path.join(dir, 'jiaocheng.mbtiles');
  const t = new BetterSqlite3(mb);
  t.exec('CREATE TABLE metadata (name TEXT, value TEXT); CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB);');
  const meta = t.prepare('INSERT INTO metadata VALUES (?, ?)');
  for (const [k, v] of [['name', '交城测试底图'], ['format', 'png'], ['minzoom', '0'], ['maxzoom', '2'], ['bounds', '-180,-85,180,85']]) meta.run(k, v);
  const ins = t.prepare('INSERT INTO tiles VALUES (?, ?, ?, ?)');
  // XYZ z=1 x=1 y=0 (north-east) is TMS row 2^1-1-0 = 1; XYZ z=1 x=0 y=1 (south-west) is TMS row 0.
  ins.run(1, 1, 1, red);
  ins.run(1, 0, 0, blue);
  t.close();
  const db = path.join(dir, 'console.sqlite');
  const add = spawnSync(process.execPath, [path.join(ROOT, 'electron/cli/ercon.mjs'), '--db', db, 'tiles', 'add', mb, '--name', 'jiaocheng-2026'], { encoding: 'utf8' });
  expect(add.stderr).toBe('');
  expect(add.status).toBe(0);
  srv = await startServe(['--db', db]);
});

afterAll(async () => {
  await srv?.stop();
});

const set = 'jiaocheng-2026';

describe('serve shell /tiles/<set>/<z>/<x>/<y>', () => {
  it('serves a tile by XYZ (flipping to the TMS row of the file)', async () => {
    const ne = await rawRequest(srv.port, 'GET', `/tiles/${set}/1/1/0?token=${srv.token}`);
    expect(ne.status).toBe(200);
    expect(ne.headers['content-type']).toBe('image/png');
    const sw = await rawRequest(srv.port, 'GET', `/tiles/${set}/1/0/1?token=${srv.token}`);
    expect(sw.status).toBe(200);
    expect(sw.body).not.toBe(ne.body);
    expect(Buffer.from(ne.body, 'latin1').length).toBeGreaterThan(0);
  });

  it('answers 204 outside coverage (no tile, or beyond the zoom range)', async () => {
    expect((await rawRequest(srv.port, 'GET', `/tiles/${set}/1/0/0?token=${srv.token}`)).status).toBe(204);
    expect((await rawRequest(srv.port, 'GET', `/tiles/${set}/3/0/0?token=${srv.token}`)).status).toBe(204);
  });

  it('needs the token like every other request', async () => {
    expect((await rawRequest(srv.port, 'GET', `/tiles/${set}/1/1/0`)).status).toBe(401);
  });

  it('404 for an unknown set, 400 for coordinates outside the zoom level', async () => {
    expect((await rawRequest(srv.port, 'GET', `/tiles/nope/1/1/0?token=${srv.token}`)).status).toBe(404);
    expect((await rawRequest(srv.port, 'GET', `/tiles/${set}/1/5/0?token=${srv.token}`)).status).toBe(400);
  });
});
