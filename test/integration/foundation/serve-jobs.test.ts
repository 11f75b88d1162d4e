// Long jobs in the serve shell's worker thread (electron/serve/jobs.ts) over a real HTTP server and a real SQLite
// file: the import runs there, reports progress on /api/events, its write reaches the change stream, and the main
// thread goes on answering meanwhile; a refused job writes nothing and says why.
import http from 'node:http';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { Change, JobProgress } from '../../../shared/api';
import { createCore, type Core } from '../../../electron/core/core';
import { createJobRunner, type JobRunner } from '../../../electron/serve/jobs';
import { startServer, type RunningServer } from '../../../electron/serve/server';
import { readEvents } from '../../helpers/sse';
import { signedIn } from '../../helpers/people';
import { tmpDir } from '../../helpers/tmp';

let core: Core | null = null;
let jobs: JobRunner | null = null;
let srv: RunningServer | null = null;
afterEach(async () => {
  await srv?.close();
  await jobs?.close();
  core?.close();
  srv = null;
  jobs = null;
  core = null;
});

async function start() {
  const dbPath = path.join(tmpDir(), 'db.sqlite');
  core = createCore({ dbPath });
  jobs = createJobRunner(dbPath);
  srv = await startServer({ core, jobs, token: 'jobs-token-0123456789abcdef' });
  // A write is made by a signed-in person; the worker resolves the same session from the same file.
  cookie = (await signedIn(core)).cookie;
  return { dbPath, srv };
}
let cookie = '';

function post(s: RunningServer, name: string, body: string, headers: Record<string, string> = {}) {
  return fetch(`http://127.0.0.1:${s.port}/api/cmd/${name}`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${s.token}`, cookie, ...headers }, body });
}

function water(n: number): string {
  const features = Array.from({ length: n }, (_, i) => ({ type: 'Feature', properties: { name: `水源${i}` }, geometry: { type: 'Point', coordinates: [112 + i / 1e5, 37.6] } }));
  return Buffer.from(JSON.stringify({ type: 'FeatureCollection', features })).toString('base64');
}

describe('serve shell long jobs (worker thread)', () => {
  it('imports 2,500 features in the worker with progress events, its change on the stream, and answers meanwhile', async () => {
    const { dbPath, srv: s } = await start();
    const url = `http://127.0.0.1:${s.port}/api/events?token=${s.token}`;
    const progress = readEvents<JobProgress>(url, 10, 20_000, 'progress', (e) => e.total > 0 && e.done === e.total);
    const changes = readEvents<Change>(url, 1, 20_000);
    expect(await progress.ready).toBe(200);
    await changes.ready;
    const job = post(s, 'map.import.commit', JSON.stringify({ fileName: 'w.geojson', contentBase64: water(2500), layer: 'water' }), { 'X-Ercon-Job': 'job-1' });
    // the main thread answers while the job runs
    const health = await post(s, 'system.health', '{}');
    expect(health.status).toBe(200);
    const r = (await (await job).json()) as { ok: boolean; result: { imported: number } };
    expect(r).toMatchObject({ ok: true, result: { imported: 2500 } });
    const p = await progress.events;
    expect(p.map((e) => [e.job, e.command, e.done, e.total])).toEqual([
      ['job-1', 'map.import.commit', 0, 0], // started, size not known yet
      ['job-1', 'map.import.commit', 1000, 2500],
      ['job-1', 'map.import.commit', 2000, 2500],
      ['job-1', 'map.import.commit', 2500, 2500],
    ]);
    expect((await changes.events).map((c) => [c.topic, c.command])).toEqual([['map', 'map.import.commit']]);
    const db = new BetterSqlite3(dbPath, { readonly: true });
    expect(db.prepare("SELECT count(*) FROM map_features WHERE layer = 'water'").pluck().get()).toBe(2500);
    db.close();
  });

  it('a body that is not JSON, or an import with a bad feature, is refused with the rule and writes nothing', async () => {
    const { dbPath, srv: s } = await start();
    const bad = await post(s, 'map.import.commit', '{"fileName":');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: unknown }).error).toMatchObject({ code: 'invalid-input', rule: 'json', messageEn: 'the body is not valid JSON' });
    const fc = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { name: '好' }, geometry: { type: 'Point', coordinates: [112, 37.6] } }, { type: 'Feature', properties: { name: '坏' }, geometry: { type: 'Point', coordinates: [300, 37.6] } }] };
    const refused = await post(s, 'map.import.commit', JSON.stringify({ fileName: 'w.geojson', contentBase64: Buffer.from(JSON.stringify(fc)).toString('base64'), layer: 'water' }));
    expect(refused.status).toBe(400);
    const db = new BetterSqlite3(dbPath, { readonly: true });
    expect(db.prepare('SELECT count(*) FROM map_features').pluck().get()).toBe(0);
    db.close();
  });

  it('a body without Content-Length (chunked), a UTF-8 character split between its pieces, reaches the worker whole', async () => {
    const { dbPath, srv: s } = await start();
    const body = Buffer.from(JSON.stringify({ fileName: '水源普查.geojson', contentBase64: water(3), layer: 'water' }));
    const cut = body.indexOf(Buffer.from('源')) + 1; // inside the three bytes of 源
    const answer = await new Promise<{ status: number; json: { ok: boolean; result?: { imported: number } } }>((resolve, reject) => {
      const req = http.request(
        { host: '127.0.0.1', port: s.port, path: '/api/cmd/map.import.commit', method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${s.token}`, cookie } },
        (res) => {
          let text = '';
          res.setEncoding('utf8').on('data', (d: string) => (text += d));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(text) as never }));
        },
      );
      req.on('error', reject);
      req.write(body.subarray(0, cut));
      setTimeout(() => req.end(body.subarray(cut)), 50);
    });
    expect(answer).toMatchObject({ status: 200, json: { ok: true, result: { imported: 3 } } });
    const db = new BetterSqlite3(dbPath, { readonly: true });
    expect(db.prepare('SELECT DISTINCT reason FROM map_events').pluck().all()).toEqual(['导入 水源普查.geojson（geojson，WGS84/CGCS2000）']);
    db.close();
  });

  it('only the named long commands go to the worker', () => {
    const r = createJobRunner(':memory:');
    expect(['map.import.commit', 'reports.render', 'log.backup', 'log.verify', 'fire.ledger.import'].every((n) => r.handles(n))).toBe(true);
    expect(['system.health', 'console.board', 'map.near', 'incidents.note', 42].some((n) => r.handles(n))).toBe(false);
  });
});
