// The serve shell's bundle (electron/serve/build.mjs → dist/serve, issue 17): serve.mjs runs it only while it is at
// least as new as every source, and the bundle works from any working folder: it finds the UI and the map data beside
// it, runs a long job in its own bundled worker thread, and loads the code it splits off (exceljs) on first use.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { fresh } from '../../../electron/serve/fresh.mjs';
import { addAccountToFile, signInHttp } from '../../helpers/people';
import { ROOT, tmpDir } from '../../helpers/tmp';

describe('serve.mjs takes the bundle only while it is fresh', () => {
  it('fresh while the stamp is newer than every source; stale after a source is saved; stale without a stamp', () => {
    const dir = tmpDir();
    const src = path.join(dir, 'src');
    const out = path.join(dir, 'out');
    fs.mkdirSync(path.join(src, 'deep'), { recursive: true });
    fs.mkdirSync(out);
    const file = path.join(src, 'deep', 'a.ts');
    fs.writeFileSync(file, 'export {};');
    const bundle = pathToFileURL(path.join(out, 'main.mjs'));
    fs.writeFileSync(path.join(out, 'main.mjs'), '');
    expect(fresh(bundle, [src])).toBe(false); // no stamp: never built
    const stamp = path.join(out, 'built.json');
    fs.writeFileSync(stamp, '{}');
    const t = Date.now() / 1000;
    fs.utimesSync(file, t - 10, t - 10);
    fs.utimesSync(stamp, t - 5, t - 5);
    expect(fresh(bundle, [src])).toBe(true);
    fs.utimesSync(file, t - 4, t - 4); // saved one second after the build started
    expect(fresh(bundle, [src])).toBe(false);
    fs.utimesSync(file, t - 5, t - 5); // the same instant as the stamp: built from it
    expect(fresh(bundle, [src])).toBe(true);
    fs.rmSync(path.join(out, 'main.mjs'));
    expect(fresh(bundle, [src])).toBe(false);
  });
});

describe('the bundled serve shell', () => {
  // A folder of its own two levels below the checkout, like dist/serve (the real one may be in use by other tests).
  const outdir = path.join(ROOT, 'dist', `serve-test-${process.pid}`);
  afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));

  it('run from another folder: serves the API and map data, runs a map import in its bundled job worker, exports XLSX', async () => {
    const b = spawnSync(process.execPath, ['electron/serve/build.mjs', '--outdir', outdir], { cwd: ROOT, encoding: 'utf8' });
    expect(b.status, b.stderr).toBe(0);
    expect(fs.existsSync(path.join(outdir, 'job-worker.mjs'))).toBe(true);
    expect(fresh(pathToFileURL(path.join(outdir, 'main.mjs')))).toBe(true);
    // exceljs is not imported by the code that runs at start (electron/core/xlsx.ts loads it on first use)
    const eager = fs.readFileSync(path.join(outdir, 'main.mjs'), 'utf8');
    const chunks = [...eager.matchAll(/from "\.\/(chunk-[\w-]+\.mjs)"/g)].map((m) => fs.readFileSync(path.join(outdir, m[1]!), 'utf8'));
    for (const code of [eager, ...chunks]) expect(code).not.toMatch(/^import [^;]*from "(exceljs|pdfkit|docx)"/m);
    // and the small packages the shell runs at its start are in the bundle, not resolved in node_modules one file at a
    // time (zod alone is some twenty files: 60-75 ms of the shell's start, electron/serve/build.mjs)
    for (const code of [eager, ...chunks]) expect(code).not.toMatch(/^import [^;]*from "(zod|tyme4ts|gcoord|papaparse|@turf\/[\w-]+)"/m);

    const db = path.join(tmpDir(), 'bundle.sqlite');
    await addAccountToFile(db);
    const runner = `const { main } = await import(${JSON.stringify(pathToFileURL(path.join(outdir, 'main.mjs')).href)}); await main(process.argv.slice(2));`;
    // (a file, not -e: the job worker thread would inherit --input-type)
    const runnerFile = path.join(tmpDir(), 'run.mjs');
    fs.writeFileSync(runnerFile, runner);
    const child = spawn(process.execPath, [runnerFile, '--db', db, '--port', '0'], { cwd: os.tmpdir(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    try {
      const url = await new Promise<URL>((resolve, reject) => {
        readline.createInterface({ input: child.stdout }).once('line', (l) => resolve(new URL(l.trim())));
        child.once('exit', (code) => reject(new Error(`exited ${code}: ${stderr}`)));
      });
      const token = url.searchParams.get('token')!;
      const cookie = await signInHttp(url.origin, token);
      const post = (name: string, body: unknown, headers: Record<string, string> = {}) =>
        fetch(`${url.origin}/api/cmd/${name}`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}`, cookie, ...headers }, body: JSON.stringify(body) }).then(async (r) => ({ status: r.status, body: (await r.json()) as { ok: boolean; result: never } }));
      // the UI beside it (dist/renderer, when built) and the county boundaries from assets/geo
      const page = await fetch(url.href);
      expect(page.status).toBe(fs.existsSync(path.join(ROOT, 'dist/renderer/index.html')) ? 200 : 404);
      const bounds = await post('map.boundaries', {});
      expect(bounds.status).toBe(200);
      expect((bounds.body.result as { features: unknown[] }).features.length).toBeGreaterThan(0);
      // a job in the bundled worker thread
      const features = Array.from({ length: 1200 }, (_, i) => ({ type: 'Feature', properties: { name: `水源${i}` }, geometry: { type: 'Point', coordinates: [112 + i / 1e5, 37.6] } }));
      const job = await post('map.import.commit', { fileName: 'w.geojson', contentBase64: Buffer.from(JSON.stringify({ type: 'FeatureCollection', features })).toString('base64'), layer: 'water' }, { 'X-Ercon-Job': 'bundle-job' });
      expect(job.body, JSON.stringify(job.body)).toMatchObject({ ok: true, result: { imported: 1200 } });
      // exceljs, loaded on first use
      const xlsx = await post('contacts.export', {});
      expect(xlsx.status, JSON.stringify(xlsx.body)).toBe(200);
      expect(Buffer.from((xlsx.body.result as { content: string }).content, 'base64').subarray(0, 2).toString()).toBe('PK');
    } finally {
      child.kill('SIGTERM');
    }
  }, 60_000);
});
