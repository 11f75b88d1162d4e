// A long map import commits in chunks yet stays one all-or-nothing write (electron/core/map/importStaging.ts), on real
// SQLite files: another process writes between the chunks, a reader sees none of the import until it is all there, and
// a failure in a chunk, a failure in the final copy, or a kill -9 of the CLI in the middle leave nothing visible, an
// intact seal chain, and staged rows that the next start removes.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { Geometry } from 'geojson';
import { createCore } from '../../../electron/core/core';
import { openDatabase, type Database } from '../../../electron/core/db/database';
import { verifyFile } from '../../../electron/core/log/backup';
import { toFeatureCollection } from '../../../electron/core/map/export';
import { planImport, type ImportPlan } from '../../../electron/core/map/import';
import { near } from '../../../electron/core/map/query';
import { commitImport } from '../../../electron/core/map/service';
import { applyFeatureChange, layerCounts, listFeatures, listFeaturesCompact } from '../../../electron/core/map/store';
import { count, meta, ROOT, tempDb } from './helpers';

const ERCON = path.join(ROOT, 'electron/cli/ercon.mjs');

function waterFile(n: number, prefix = '水源'): string {
  const features = Array.from({ length: n }, (_, i) => ({
    type: 'Feature',
    properties: { name: `${prefix}${i}` },
    geometry: { type: 'Point', coordinates: [111.8 + ((i * 7919) % 10_000) / 20_000, 37.4 + ((i * 104_729) % 10_000) / 20_000] },
  }));
  return JSON.stringify({ type: 'FeatureCollection', features });
}

const planOf = (n: number, prefix?: string): Promise<ImportPlan> => planImport(new Uint8Array(Buffer.from(waterFile(n, prefix))), 'w.geojson', 'water', 'wgs84', 'geojson');

/** What every reader of the map could see of layer `water`: counts, the list, the map screen, map.near, an export. */
function visibleWater(db: Database) {
  return {
    features: count(db, "SELECT count(*) AS n FROM map_features WHERE layer = 'water'"),
    events: count(db, "SELECT count(*) AS n FROM map_events WHERE layer = 'water'"),
    counted: layerCounts(db).water,
    listed: listFeatures(db, { layer: 'water' }).length,
    onScreen: listFeaturesCompact(db, 1_000_000).points.id.length,
    near: near(db, [111.9, 37.5], 'water', { limit: 5 }).length,
    exported: toFeatureCollection(listFeatures(db, { layer: 'water' })).features.length,
  };
}
const none = { features: 0, events: 0, counted: 0, listed: 0, onScreen: 0, near: 0, exported: 0 };
const staged = (db: Database) => ({ rows: count(db, 'SELECT count(*) AS n FROM map_import_rows'), imports: count(db, 'SELECT count(*) AS n FROM map_imports') });

describe('a long map import commits in chunks, as one all-or-nothing write', () => {
  it('another process writes between the chunks (busy_timeout far below the import), and a reader sees 0 of the import, then all', async () => {
    const { db, file } = tempDb('chunks');
    db.exec('CREATE TABLE probe_writes (at REAL NOT NULL)');
    const N = 20_000;
    const plan = await planOf(N);
    // A writer in its own process, as a second serve shell or the CLI would be: a short IMMEDIATE transaction every
    // 10 ms, waiting at most 1.5 s for the lock. One transaction for the whole import held it about 3 s here.
    const writer = spawn(
      process.execPath,
      [
        '-e',
        `const db = new (require('better-sqlite3'))(${JSON.stringify(file)}); db.pragma('busy_timeout = 1500');
         const ins = db.prepare('INSERT INTO probe_writes (at) VALUES (?)'); let ok = 0, busy = 0;
         const t = setInterval(() => { try { db.transaction(() => ins.run(Date.now())).immediate(); ok++; } catch (e) { busy++; } }, 10);
         process.stdin.on('data', () => { clearInterval(t); console.log(JSON.stringify({ ok, busy })); db.close(); });`,
      ],
      { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'] },
    );
    let out = '';
    writer.stdout!.setEncoding('utf8').on('data', (d: string) => (out += d));
    while (count(db, 'SELECT count(*) AS n FROM probe_writes') === 0) await new Promise((r) => setTimeout(r, 20));

    const reader = new BetterSqlite3(file, { readonly: true });
    const seenDuring: Array<ReturnType<typeof visibleWater>> = [];
    const chunkEnds: number[] = [];
    const r = await commitImport(db, plan, meta(), {
      chunkSize: 1000,
      progress: (done, total) => {
        if (done < total) {
          chunkEnds.push(Date.now());
          seenDuring.push(visibleWater(reader));
        }
      },
    });
    const importEnd = Date.now();
    writer.stdin!.end('stop\n');
    await new Promise((res) => writer.once('close', res));
    const w = JSON.parse(out) as { ok: number; busy: number };

    expect(r).toMatchObject({ imported: N, skipped: 0 });
    expect(chunkEnds).toHaveLength(N / 1000 - 1);
    // Nobody saw a half-written import, at any chunk ...
    expect(seenDuring.every((s) => JSON.stringify(s) === JSON.stringify(none))).toBe(true);
    // ... and everybody sees all of it after the commit.
    expect(visibleWater(reader)).toEqual({ features: N, events: N, counted: N, listed: N, onScreen: N, near: 5, exported: N });
    reader.close();
    // The other process never met SQLITE_BUSY, and it did commit while the chunks were being written.
    expect(w.busy).toBe(0);
    const during = count(db, 'SELECT count(*) AS n FROM probe_writes WHERE at > ? AND at < ?', chunkEnds[0]!, chunkEnds.at(-1)!);
    expect(during).toBeGreaterThanOrEqual(5);
    expect(count(db, 'SELECT count(*) AS n FROM probe_writes WHERE at > ? AND at <= ?', chunkEnds[0]!, importEnd)).toBeGreaterThanOrEqual(during);
    // ids in file order, each event's `after` the feature as stored, nothing left in staging, the chain intact.
    expect(r.ids).toEqual(Array.from({ length: N }, (_, i) => i + 1));
    const last = db.prepare('SELECT after FROM map_events ORDER BY seq DESC LIMIT 1').pluck().get() as string;
    expect(JSON.parse(last)).toMatchObject({ id: N, name: `水源${N - 1}`, version: 1, createdBy: '值班员甲' });
    expect(last.startsWith(`{"id":${N},"layer":"water",`)).toBe(true);
    expect(staged(db)).toEqual({ rows: 0, imports: 0 });
    db.close();
    expect(verifyFile(file)).toMatchObject({ ok: true, problems: [] });
  });

  it('a feature the layer refuses in chunk 3 fails the whole import: nothing visible, nothing staged, the chain as before', async () => {
    const { db, file } = tempDb('chunks');
    applyFeatureChange(db, { op: 'add', draft: { layer: 'water', name: '已有水源', geometry: { type: 'Point', coordinates: [112, 37.6] } } }, meta());
    const seals = count(db, 'SELECT count(*) AS n FROM audit_seals');
    const plan = await planOf(5000);
    // Marked importable, but an area is no water source: the chunk that holds it is refused as a single add would be.
    plan.candidates[2500]!.geometry = { type: 'Polygon', coordinates: [[[112, 37], [112.1, 37], [112.1, 37.1], [112, 37]]] } as Geometry;
    const chunks: number[] = [];
    await expect(commitImport(db, plan, meta(), { chunkSize: 1000, progress: (d) => chunks.push(d) })).rejects.toMatchObject({
      body: expect.objectContaining({ code: 'invalid-input', field: 'geometry' }),
    });
    expect(chunks).toEqual([1000, 2000]); // two chunks were staged before the third failed
    expect(visibleWater(db)).toMatchObject({ features: 1, events: 1, listed: 1 });
    expect(count(db, 'SELECT count(*) AS n FROM audit_seals')).toBe(seals);
    expect(staged(db)).toEqual({ rows: 0, imports: 0 });
    db.close();
    expect(verifyFile(file)).toMatchObject({ ok: true, problems: [] });
  });

  it('a failure in the final copy (the feature to update was deleted meanwhile) rolls it all back', async () => {
    const { db, file } = tempDb('chunks');
    await commitImport(db, await planOf(10), meta());
    const plan = await planOf(3000);
    const target = count(db, "SELECT id AS n FROM map_features WHERE name = '水源5'");
    const other = openDatabase(file);
    let deleted = false;
    const p = commitImport(db, plan, meta(), {
      onDuplicate: 'update',
      chunkSize: 1000,
      // Between chunks, another connection deletes a feature the import is to update.
      progress: () => {
        if (!deleted) applyFeatureChange(other, { op: 'delete', id: target }, meta('值班员乙'));
        deleted = true;
      },
    });
    await expect(p).rejects.toMatchObject({ body: expect.objectContaining({ code: 'not-found', field: 'id' }) });
    other.close();
    expect(visibleWater(db)).toMatchObject({ features: 9, events: 11, listed: 9 }); // 10 adds and the delete
    expect(staged(db)).toEqual({ rows: 0, imports: 0 });
    db.close();
    expect(verifyFile(file)).toMatchObject({ ok: true, problems: [] });
  });

  it('two imports of one file at the same time (two shells): the one that copies second is refused, the layer never doubled', async () => {
    const { db, file } = tempDb('chunks');
    const other = openDatabase(file);
    for (const onDuplicate of ['ask', 'skip'] as const) {
      const prefix = `${onDuplicate}水源`;
      // Both judge the duplicates before either has copied anything: neither finds one at the start.
      const [a, b] = await Promise.allSettled([
        commitImport(db, await planOf(3000, prefix), meta(), { chunkSize: 500, onDuplicate }),
        commitImport(other, await planOf(3000, prefix), meta('值班员乙'), { chunkSize: 500, onDuplicate }),
      ]);
      const refused = [a, b].filter((r) => r.status === 'rejected');
      expect([a, b].filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      expect(refused).toHaveLength(1);
      const rule = onDuplicate === 'ask' ? 'duplicate-features' : 'layer-changed-during-import';
      expect((refused[0] as PromiseRejectedResult).reason).toMatchObject({ body: expect.objectContaining({ rule, field: 'onDuplicate' }) });
      expect(count(db, "SELECT count(*) AS n FROM map_features WHERE name LIKE ? || '%'", prefix)).toBe(3000);
    }
    other.close();
    expect(staged(db)).toEqual({ rows: 0, imports: 0 });
    db.close();
    expect(verifyFile(file)).toMatchObject({ ok: true, problems: [] });
  });

  it('the CLI killed with SIGKILL in the middle: nothing visible, verify ok, the next start sweeps the staged rows, the next import works', async () => {
    const { db, file, dir } = tempDb('chunks');
    db.close();
    const big = path.join(dir, 'big.geojson');
    fs.writeFileSync(big, waterFile(40_000));
    const child = spawn(process.execPath, [ERCON, '--db', file, 'map', 'import', big, '--layer', 'water'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise<NodeJS.Signals | null>((r) => child.once('close', (_c, sig) => r(sig)));
    const raw = new BetterSqlite3(file, { readonly: true });
    let rows = 0;
    for (let i = 0; i < 3000 && rows < 3000; i++) {
      await new Promise((r) => setTimeout(r, 10));
      rows = count(raw, 'SELECT count(*) AS n FROM map_import_rows');
    }
    expect(rows).toBeGreaterThanOrEqual(3000); // mid-import: chunks staged, not copied
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    expect(visibleWater(raw)).toEqual(none);
    expect(staged(raw).imports).toBe(1);
    raw.close();
    expect(verifyFile(file)).toMatchObject({ ok: true, problems: [] });

    // The next start (any shell: the core) removes what the dead process staged ...
    const core = createCore({ dbPath: file });
    expect(staged(core.services.db)).toEqual({ rows: 0, imports: 0 });
    // ... and the next import goes in whole.
    const r = await commitImport(core.services.db, await planOf(2500, '新水源'), meta(), { chunkSize: 1000 });
    expect(r.imported).toBe(2500);
    expect(visibleWater(core.services.db)).toMatchObject({ features: 2500, events: 2500 });
    core.close();
    expect(verifyFile(file)).toMatchObject({ ok: true, problems: [] });
  });
  it('the CLI killed with SIGKILL during the final copy: all of the import or none of it, never a part', async () => {
    const { db, file, dir } = tempDb('chunks');
    db.close();
    const N = 40_000;
    const big = path.join(dir, 'big.geojson');
    fs.writeFileSync(big, waterFile(N));
    const child = spawn(process.execPath, [ERCON, '--db', file, 'map', 'import', big, '--layer', 'water'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise<NodeJS.Signals | null>((r) => child.once('close', (_c, sig) => r(sig)));
    const raw = new BetterSqlite3(file, { readonly: true });
    // Every chunk staged and the import still in progress: the final copy is running (or about to).
    let rows = 0;
    for (let i = 0; i < 6000 && rows < N; i++) {
      await new Promise((r) => setTimeout(r, 5));
      rows = count(raw, 'SELECT count(*) AS n FROM map_import_rows');
    }
    expect(rows).toBe(N);
    child.kill('SIGKILL');
    await exited;
    const seen = visibleWater(raw);
    raw.close();
    // SQLite's commit is atomic: the copy is all there (it committed just before the kill) or not at all.
    expect([JSON.stringify(none), JSON.stringify({ features: N, events: N, counted: N, listed: N, onScreen: N, near: 5, exported: N })]).toContain(JSON.stringify(seen));
    expect(verifyFile(file)).toMatchObject({ ok: true, problems: [] });
    const core = createCore({ dbPath: file });
    expect(staged(core.services.db)).toEqual({ rows: 0, imports: 0 });
    expect(visibleWater(core.services.db).features).toBe(seen.features);
    core.close();
    process.stderr.write(`kill during the final copy: ${seen.features} of ${N} features visible after\n`);
  });
});
