import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/core/db/database';
import { solidPng, writeMbtiles } from '../../fixtures/map/mbtiles';
import { FIX, ROOT, tempDir } from './helpers';

/** Run the real CLI in a child process, as the duty officer (or a script) would. */
function ercon(db: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'electron/cli/ercon.mjs'), '--db', db, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const R = 6_371_008.8;
const northLat = (lat: number, m: number) => lat + ((m / R) * 180) / Math.PI;

function countRows(db: string, table: string): number {
  const d = openDatabase(db);
  try {
    return (d.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
  } finally {
    d.close();
  }
}

// Each child process starts tsx and the whole core: seconds each on a loaded machine, hence the long timeouts.
describe('ercon map (exact CLI contract, real child processes)', { timeout: 240_000 }, () => {
  const dir = tempDir('cli');
  const db = path.join(dir, 'console.sqlite');

  it('map import prints {"imported":N}', () => {
    const r = ercon(db, 'map', 'import', path.join(FIX, 'water-ovital.kml'), '--layer', 'water');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toBe('{"imported":3}\n');
  });

  it('map import of a CSV with 经度/纬度 and --datum gcj02', () => {
    const db2 = path.join(dir, 'gcj.sqlite');
    const r = ercon(db2, 'map', 'import', path.join(FIX, 'water.csv'), '--layer', 'water', '--datum', 'gcj02');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual({ imported: 2 });
  });

  it('a bad file is refused (exit 2, reason on stderr, nothing on stdout, nothing written)', () => {
    const before = countRows(db, 'map_features');
    const r = ercon(db, 'map', 'import', path.join(FIX, 'checkpoints.gpx'), '--layer', 'checkpoints');
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toContain('巡护路线');
    const r2 = ercon(db, 'map', 'import', path.join(FIX, 'broken.geojson'), '--layer', 'towers');
    expect(r2.code).toBe(2);
    expect(r2.out).toBe('');
    expect(countRows(db, 'map_features')).toBe(before);
  });

  it('map near: a JSON array of {id,name,distanceM,lng,lat}, sorted by distance; --within keeps 2999 m and drops 3001 m', () => {
    // Two more sources due north of the query point at 2999 m and 3001 m.
    const base: [number, number] = [112.3, 37.7];
    const csv = path.join(dir, 'edge.csv');
    fs.writeFileSync(csv, `名称,经度,纬度\n内,${base[0]},${northLat(base[1], 2999)}\n外,${base[0]},${northLat(base[1], 3001)}\n`);
    expect(ercon(db, 'map', 'import', csv, '--layer', 'water').out).toBe('{"imported":2}\n');

    const r = ercon(db, 'map', 'near', '--lng', String(base[0]), '--lat', String(base[1]), '--layer', 'water', '--within', '3000');
    expect(r.code).toBe(0);
    const hits = JSON.parse(r.out) as Array<Record<string, unknown>>;
    expect(hits.map((h) => h.name)).toEqual(['内']);
    expect(Object.keys(hits[0]!)).toEqual(['id', 'name', 'distanceM', 'lng', 'lat']);
    expect(hits[0]!.distanceM as number).toBeCloseTo(2999, 0);

    const all = JSON.parse(ercon(db, 'map', 'near', '--lng', '112.16', '--lat', '37.58', '--layer', 'water', '--limit', '3').out) as Array<{ name: string; distanceM: number }>;
    expect(all).toHaveLength(3);
    expect(all[0]).toMatchObject({ name: '卦山东蓄水池', distanceM: 0 });
    expect(all.every((h, i) => i === 0 || all[i - 1]!.distanceM <= h.distanceM)).toBe(true);
  });

  it('map zones: the zones containing the point, each with name', () => {
    expect(ercon(db, 'map', 'import', path.join(FIX, 'zones-google-earth.kml'), '--layer', 'zones').out).toBe('{"imported":2}\n');
    const inA = JSON.parse(ercon(db, 'map', 'zones', '--lng', '112.01', '--lat', '37.51').out) as Array<{ name: string }>;
    expect(inA.map((z) => z.name)).toEqual(['测试管控区甲（带内洞）']);
    expect(JSON.parse(ercon(db, 'map', 'zones', '--lng', '112.05', '--lat', '37.55').out)).toEqual([]); // in the hole
    expect(JSON.parse(ercon(db, 'map', 'zones', '--lng', '112.32', '--lat', '37.52').out).map((z: { name: string }) => z.name)).toEqual(['测试管控区乙（两块）']);
  });

  it('bad arguments exit 2 with nothing on stdout', () => {
    for (const args of [
      ['map', 'near', '--lng', 'abc', '--lat', '37.5', '--layer', 'water'],
      ['map', 'near', '--lng', '112', '--lat', '37.5', '--layer', 'lakes'],
      ['map', 'near', '--lng', '112', '--lat', '37.5'],
      ['map', 'near', '--lng', '112', '--lat', '97', '--layer', 'water'],
      ['map', 'import', path.join(FIX, 'water.csv'), '--layer', 'water', '--datum', 'bd09'],
      ['map', 'import', path.join(dir, 'missing.kml'), '--layer', 'water'],
    ]) {
      const r = ercon(db, ...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.out, args.join(' ')).toBe('');
    }
  });

  it('map seed-samples, then map point answers zones, water within 3 km and nearest teams', () => {
    const db3 = path.join(dir, 'samples.sqlite');
    const s = ercon(db3, 'map', 'seed-samples');
    expect(s.code).toBe(0);
    expect(JSON.parse(s.out).added).toBeGreaterThan(20);
    expect(ercon(db3, 'map', 'seed-samples').code).toBe(1); // conflict: already there
    const p = JSON.parse(ercon(db3, 'map', 'point', '--lng', '112.15', '--lat', '37.585').out);
    expect(p.zones.map((z: { name: string }) => z.name)).toEqual(['卦山风景区重点管控区（示例）']);
    expect(p.water.length).toBeGreaterThan(0);
  });

  it('tiles add / tiles list', () => {
    const mb = path.join(dir, 'base.mbtiles');
    writeMbtiles(mb, { name: '测试底图', format: 'png', minzoom: '0', maxzoom: '0', bounds: '-180,-85,180,85' }, [{ z: 0, x: 0, y: 0, data: solidPng([9, 9, 9]) }]);
    const a = ercon(db, 'tiles', 'add', mb, '--name', 'base');
    expect(a.code).toBe(0);
    expect(JSON.parse(a.out)).toMatchObject({ name: 'base', format: 'png', minZoom: 0, maxZoom: 0, mode: 'copy' });
    expect(JSON.parse(ercon(db, 'tiles', 'list').out).sets.map((s: { name: string }) => s.name)).toEqual(['base']);
    expect(ercon(db, 'tiles', 'add', mb, '--name', 'bad name').code).toBe(2);
  });
});
