import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../../electron/core/web/csp';
import { rawRequest, startServe, type ServeProcess } from '../../helpers/serve';

let srv: ServeProcess;
let dir: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ercon-serve-'));
  const www = path.join(dir, 'www');
  fs.mkdirSync(path.join(www, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(www, 'index.html'), '<!doctype html><title>应急值守台</title>');
  fs.writeFileSync(path.join(www, 'assets', 'a.js'), 'console.log(1)');
  fs.writeFileSync(path.join(dir, 'secret.txt'), 'SECRET');
  srv = await startServe(['--db', path.join(dir, 'db.sqlite'), '--static', www]);
});

afterAll(async () => {
  await srv?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

const auth = () => ({ Authorization: `Bearer ${srv.token}` });

describe('serve shell', () => {
  it('prints its URL with a random token as the first line, bound to 127.0.0.1 on a free port', () => {
    expect(srv.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{20,}$/);
    expect(srv.port).toBeGreaterThan(0);
  });

  it('GET /api/health: 401 without the token, JSON with it (header or ?token=)', async () => {
    const no = await rawRequest(srv.port, 'GET', '/api/health');
    expect(no.status).toBe(401);
    expect(JSON.parse(no.body)).toMatchObject({ ok: false, error: { rule: 'token' } });
    const wrong = await rawRequest(srv.port, 'GET', '/api/health', { Authorization: 'Bearer nope' });
    expect(wrong.status).toBe(401);
    const yes = await rawRequest(srv.port, 'GET', '/api/health', auth());
    expect(yes.status).toBe(200);
    expect(JSON.parse(yes.body)).toMatchObject({ ok: true, app: '应急值守台', dbPath: path.join(dir, 'db.sqlite') });
    const q = await rawRequest(srv.port, 'GET', `/api/health?token=${srv.token}`);
    expect(q.status).toBe(200);
  });

  it('does nothing for a command without the token', async () => {
    const r = await rawRequest(srv.port, 'POST', '/api/cmd/system.echo', { 'Content-Type': 'application/json' }, JSON.stringify({ text: 'x' }));
    expect(r.status).toBe(401);
    expect(r.body).not.toContain('"text"');
  });

  it('runs a command over HTTP with the same contract as the core', async () => {
    const ok = await rawRequest(srv.port, 'POST', '/api/cmd/system.echo', { ...auth(), 'Content-Type': 'application/json' }, JSON.stringify({ text: '森林防火' }));
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body)).toEqual({ ok: true, result: { text: '森林防火', length: 4 } });
    const bad = await rawRequest(srv.port, 'POST', '/api/cmd/system.echo', { ...auth(), 'Content-Type': 'application/json' }, JSON.stringify({ text: 1 }));
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body).error).toMatchObject({ code: 'invalid-input', field: 'text' });
    const unknown = await rawRequest(srv.port, 'POST', '/api/cmd/nope', { ...auth(), 'Content-Type': 'application/json' }, '{}');
    expect(unknown.status).toBe(404);
    const notJson = await rawRequest(srv.port, 'POST', '/api/cmd/system.echo', { ...auth(), 'Content-Type': 'application/json' }, '{oops');
    expect(notJson.status).toBe(400);
    const get = await rawRequest(srv.port, 'GET', '/api/cmd/system.echo', auth());
    expect(get.status).toBe(405);
  });

  it('sends the same CSP as the Electron shell on every answer', async () => {
    for (const [m, p, h] of [
      ['GET', '/', {}],
      ['GET', '/api/health', {}],
      ['GET', '/api/health', auth()],
      ['GET', '/%2e%2e/secret.txt', {}],
    ] as const) {
      const r = await rawRequest(srv.port, m, p, h as Record<string, string>);
      expect(r.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
      expect(r.headers['x-content-type-options']).toBe('nosniff');
    }
  });

  it('serves static files by GET and HEAD only', async () => {
    const page = await rawRequest(srv.port, 'GET', '/');
    expect(page.status).toBe(200);
    expect(page.body).toContain('应急值守台');
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect((await rawRequest(srv.port, 'HEAD', '/assets/a.js')).status).toBe(200);
    for (const m of ['POST', 'PUT', 'DELETE', 'PATCH']) expect((await rawRequest(srv.port, m, '/index.html')).status).toBe(405);
  });

  it.each([
    '/../secret.txt',
    '/%2e%2e/secret.txt',
    '/%2E%2E/secret.txt',
    '/..%2fsecret.txt',
    '/..%2Fsecret.txt',
    '/%2e%2e%2fsecret.txt',
    '/assets/%2e%2e/%2e%2e/secret.txt',
    '/assets/..%2f..%2fsecret.txt',
    '/..%5csecret.txt',
    '/%2e%2e%5csecret.txt',
    '/%252e%252e/secret.txt',
    '/assets/%00a.js',
  ])('refuses path traversal %s', async (p) => {
    const r = await rawRequest(srv.port, 'GET', p);
    expect([400, 403, 404]).toContain(r.status);
    expect(r.body).not.toContain('SECRET');
  });

  it('refuses a non-loopback Host header when bound to loopback (DNS rebinding)', async () => {
    const r = await rawRequest(srv.port, 'GET', '/api/health', { ...auth(), Host: 'evil.example:80' });
    expect(r.status).toBe(421);
  });
});

describe('serve shell flags', () => {
  it('--port picks the port, --lan binds every interface and still needs the token', async () => {
    const probe = await startServe(['--db', path.join(dir, 'lan.sqlite'), '--lan']);
    const port = probe.port;
    await probe.stop();
    const lan = await startServe(['--db', path.join(dir, 'lan.sqlite'), '--lan', '--port', String(port)]);
    try {
      expect(lan.port).toBe(port);
      // Bound to 0.0.0.0: a LAN Host header is accepted, yet the token is still required.
      expect((await rawRequest(lan.port, 'GET', '/api/health', { Host: '192.0.2.10' })).status).toBe(401);
      expect((await rawRequest(lan.port, 'GET', '/api/health', { Host: '192.0.2.10', Authorization: `Bearer ${lan.token}` })).status).toBe(200);
      // the same data folder keeps its token across launches (serve.json, electron/serve/address.ts)
      expect(lan.token).toBe(probe.token);
    } finally {
      await lan.stop();
    }
  });

  it('refuses a bad --port with exit code 2', async () => {
    await expect(startServe(['--port', 'abc'])).rejects.toThrow(/exited with 2/);
  });
});
