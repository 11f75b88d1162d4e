import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../electron/core/core';
import { startServer, type RunningServer } from '../../../electron/serve/server';
import { oneTimeUrl, privateProfile } from '../../../electron/start.mjs';
import { rawRequest } from '../../helpers/serve';

let core: Core;
let srv: RunningServer;
let dir: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join((await import('node:os')).tmpdir(), 'ercon-harden-'));
  const www = path.join(dir, 'www');
  fs.mkdirSync(www);
  fs.writeFileSync(path.join(www, 'index.html'), '<!doctype html><title>应急值守台</title>');
  fs.mkdirSync(path.join(www, 'assets'));
  for (const f of ['start-BFuhU7XK.js', 'start-1YYZWGj6.css', 'notes.js', 'start-BFuhU7XK.js.map']) fs.writeFileSync(path.join(www, 'assets', f), '/* */');
  core = createCore({ dbPath: path.join(dir, 'data', 'console.sqlite'), open: { backups: false } });
  srv = await startServer({ core, staticDir: www, maxBodyBytes: 1024 * 1024 });
});
afterAll(async () => {
  await srv.close();
  core.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const bearer = () => ({ Authorization: `Bearer ${srv.token}` });
const json = { 'Content-Type': 'application/json' };

describe('the token never goes into a URL a browser keeps', () => {
  it('npm start opens /?code=<one-time code>; its first load sets an HttpOnly SameSite=Strict cookie and redirects to /', async () => {
    const url = await oneTimeUrl(srv.url);
    expect(url).not.toContain(srv.token);
    const u = new URL(url);
    const first = await rawRequest(srv.port, 'GET', `${u.pathname}${u.search}`);
    expect(first.status).toBe(302);
    expect(first.headers.location).toBe('/');
    const cookie = String(first.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    // Kept across a browser restart (issue 12 item 3: a bookmark without npm start): 30 days, for the whole site.
    expect(cookie).toMatch(/; Path=\/(;|$)/);
    expect(cookie).toMatch(/; Max-Age=2592000(;|$)/);
    const session = cookie.split(';')[0]!;
    // Loading the page with it renews it; a script or a wrong cookie does not.
    const page = await rawRequest(srv.port, 'GET', '/', { Cookie: session });
    expect(page.status).toBe(200);
    expect(String(page.headers['set-cookie'])).toBe(cookie);
    expect((await rawRequest(srv.port, 'GET', '/', { Cookie: 'ercon_session=wrong' })).headers['set-cookie']).toBeUndefined();
    expect((await rawRequest(srv.port, 'GET', '/', {})).headers['set-cookie']).toBeUndefined();
    // The cookie alone authorises the API and the tiles (the page sends it; no token in any URL).
    expect((await rawRequest(srv.port, 'GET', '/api/health', { Cookie: session })).status).toBe(200);
    expect((await rawRequest(srv.port, 'GET', '/api/health', { Cookie: 'ercon_session=wrong' })).status).toBe(401);
    // Used once: the same code again is refused, and issues no cookie.
    const again = await rawRequest(srv.port, 'GET', `${u.pathname}${u.search}`);
    expect(again.status).toBe(401);
    expect(again.headers['set-cookie']).toBeUndefined();
    // A code cannot be had without the token.
    expect((await rawRequest(srv.port, 'POST', '/api/session/code')).status).toBe(401);
  });

  it('the browser profile lives in the data folder, mode 0700', async () => {
    const p = await privateProfile(srv.url);
    expect(p).toBe(path.join(dir, 'data', 'browser-profile'));
    if (process.platform !== 'win32') expect(fs.statSync(p).mode & 0o777).toBe(0o700);
  });
});

describe('bad requests get a 4xx with the error shape, never a 5xx or a reset', () => {
  const shape = (body: string) => {
    const b = JSON.parse(body) as { ok: boolean; error: Record<string, unknown> };
    expect(b.ok).toBe(false);
    for (const k of ['code', 'message', 'messageEn']) expect(typeof b.error[k]).toBe('string');
    return b.error;
  };

  it('content type is matched exactly: application/jsonx and UTF-16 are 415; charset=utf-8 passes', async () => {
    for (const ct of ['application/jsonx', 'application/json; charset=utf-16', 'text/plain', 'application/json-seq']) {
      const r = await rawRequest(srv.port, 'POST', '/api/cmd/system.echo', { ...bearer(), 'Content-Type': ct }, '{"text":"x"}');
      expect(r.status, ct).toBe(415);
      expect(shape(r.body).rule).toBe('content-type');
    }
    const ok = await rawRequest(srv.port, 'POST', '/api/cmd/system.echo', { ...bearer(), 'Content-Type': 'application/json; charset=UTF-8' }, '{"text":"x"}');
    expect(ok.status).toBe(200);
  });

  it('a null, array or scalar body is 400 (not taken as {})', async () => {
    for (const body of ['null', '[]', '1', '"x"']) {
      const r = await rawRequest(srv.port, 'POST', '/api/cmd/incidents.list', { ...bearer(), ...json }, body);
      expect(r.status, body).toBe(400);
      expect(shape(r.body)).toMatchObject({ field: 'body', rule: 'object' });
    }
  });

  it('a body over the limit gets 413 with its message, read to the end instead of a reset', async () => {
    const big = JSON.stringify({ text: 'x'.repeat(3 * 1024 * 1024) });
    const res = await fetch(`${srv.url.replace(/\?.*$/, '')}api/cmd/system.echo`, { method: 'POST', headers: { ...bearer(), ...json }, body: big });
    expect(res.status).toBe(413);
    const e = shape(await res.text());
    expect(e).toMatchObject({ field: 'body', rule: 'max-body' });
    expect(String(e.message)).toContain('1 MB');
  });

  it('nesting of 10,000, a NUL in a search, a lone surrogate: 400 naming the field', async () => {
    const deep = `{"planId":${'['.repeat(10_000)}${']'.repeat(10_000)}}`;
    const d = await rawRequest(srv.port, 'POST', '/api/cmd/incidents.list', { ...bearer(), ...json }, deep);
    expect(d.status).toBe(400);
    expect(shape(d.body).rule).toBe('max-depth');
    const nul = await rawRequest(srv.port, 'POST', '/api/cmd/incidents.search', { ...bearer(), ...json }, '{"query":"疫苗\\u0000"}');
    expect(nul.status).toBe(400);
    expect(shape(nul.body)).toMatchObject({ field: 'query', rule: 'no-control-chars' });
    const sur = await rawRequest(srv.port, 'POST', '/api/cmd/system.echo', { ...bearer(), ...json }, '{"text":"a\\ud800b"}');
    expect(sur.status).toBe(400);
    expect(shape(sur.body)).toMatchObject({ field: 'text', rule: 'well-formed-text' });
  });

  it('a huge command name is not echoed back', async () => {
    const name = 'x'.repeat(5_000);
    const r = await rawRequest(srv.port, 'POST', `/api/cmd/${name}`, { ...bearer(), ...json }, '{}');
    expect(r.status).toBe(404);
    expect(r.body.length).toBeLessThan(2000);
    expect(r.body).not.toContain('xxxx');
  });
});

describe('what a browser may keep', () => {
  it('a build file named by its hash is kept for a year; the page, other files and every answer are asked afresh', async () => {
    const kept = 'private, max-age=31536000, immutable';
    for (const p of ['/assets/start-BFuhU7XK.js', '/assets/start-1YYZWGj6.css']) expect((await rawRequest(srv.port, 'GET', p)).headers['cache-control'], p).toBe(kept);
    // (the page names the current files; a file without a hash, a source map, the API and a 404 are never kept)
    for (const p of ['/', '/index.html', '/incidents/3', '/assets/notes.js', '/assets/start-BFuhU7XK.js.map', '/assets/nothing-BFuhU7XK.js']) {
      expect((await rawRequest(srv.port, 'GET', p)).headers['cache-control'], p).toBe('no-store');
    }
    expect((await rawRequest(srv.port, 'GET', '/api/health', bearer())).headers['cache-control']).toBe('no-store');
  });
});
