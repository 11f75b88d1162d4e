// The Electron binary cannot be installed on this machine, so these tests exercise everything of the Electron shell
// that does not need it: the window options, the CSP, the app:// and tiles:// handlers' answers, IPC validation with
// bad payloads, and the hardening wired onto stand-ins for WebContents/Session (not Electron itself — the smoke test
// in test/e2e/electron-smoke.e2e.test.ts runs the real thing where the binary exists).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/api';
import { CONTENT_SECURITY_POLICY, CSP_DIRECTIVES, SECURITY_HEADERS } from '../../../electron/core/web/csp';
import { hardenSession, hardenWebContents, isAllowedNavigation } from '../../../electron/main/harden';
import { checkIpcMessage } from '../../../electron/main/ipc';
import { appProtocolAnswer, tilesProtocolAnswer } from '../../../electron/main/protocol';
import { APP_ENTRY_URL, mainWindowOptions, PRIVILEGED_SCHEMES } from '../../../electron/main/window';
import { tmpDir } from '../../helpers/tmp';

describe('window options', () => {
  const o = mainWindowOptions('/app/preload.cjs');
  it('isolates and sandboxes the page, with no Node anywhere', () => {
    expect(o.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      preload: '/app/preload.cjs',
    });
  });
  it('fits a 1366×768 duty-room screen and loads from app://, never file://', () => {
    expect([o.width, o.height]).toEqual([1366, 768]);
    expect(APP_ENTRY_URL.startsWith('app://console/')).toBe(true);
    expect(PRIVILEGED_SCHEMES.map((s) => s.scheme)).toEqual(['app', 'tiles']);
  });
});

describe('Content-Security-Policy', () => {
  it('allows nothing remote, no inline script and no eval', () => {
    expect(CSP_DIRECTIVES['script-src']).toEqual(["'self'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval|https?:|\*/);
    expect(CONTENT_SECURITY_POLICY).toContain("object-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
    expect(SECURITY_HEADERS['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
  });
});

describe('app:// handler', () => {
  function ui() {
    const root = tmpDir();
    fs.writeFileSync(path.join(root, 'index.html'), '<title>应急值守台</title>');
    return root;
  }
  it('serves the UI with the CSP', () => {
    const a = appProtocolAnswer(ui(), 'GET', 'app://console/index.html');
    expect(a.status).toBe(200);
    expect(a.headers['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(a.headers['Content-Type']).toMatch(/text\/html/);
  });
  it.each(['app://console/../etc/passwd', 'app://console/%2e%2e/%2e%2e/etc/passwd', 'app://console/..%2f..%2fetc%2fpasswd', 'app://console/..%5c..%5cwin.ini'])(
    'refuses traversal %s',
    (u) => {
      const a = appProtocolAnswer(ui(), 'GET', u);
      expect([400, 403]).toContain(a.status);
      expect(a.file).toBeUndefined();
    },
  );
  it('GET/HEAD only, host console only', () => {
    expect(appProtocolAnswer(ui(), 'POST', 'app://console/index.html').status).toBe(405);
    expect(appProtocolAnswer(ui(), 'GET', 'app://evil/index.html').status).toBe(404);
  });
});

describe('tiles:// handler', () => {
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47]);
  const reader = (set: string, z: number, x: number, y: number) => (set === '交城' && z === 1 && x === 0 && y === 1 ? { contentType: 'image/png', bytes: png } : null);
  it('answers a tile, 204 outside coverage, 404 for a malformed path', () => {
    expect(tilesProtocolAnswer(reader, 'GET', `tiles://${encodeURIComponent('交城')}/1/0/1`)).toMatchObject({ status: 200, body: png });
    expect(tilesProtocolAnswer(reader, 'GET', `tiles://${encodeURIComponent('交城')}/1/1/1`).status).toBe(204);
    expect(tilesProtocolAnswer(reader, 'GET', 'tiles://x/1/../1').status).toBe(404);
    expect(tilesProtocolAnswer(reader, 'POST', 'tiles://x/1/0/1').status).toBe(405);
  });
  it('maps the core reader\'s errors: unknown set 404, bad coordinates 400', () => {
    const throwing = (set: string) => {
      throw new AppError(set === 'none' ? { code: 'not-found', message: '没有', messageEn: 'no basemap' } : { code: 'invalid-input', message: '无效', messageEn: 'invalid zoom', field: 'z' });
    };
    expect(tilesProtocolAnswer(throwing, 'GET', 'tiles://none/1/0/0').status).toBe(404);
    expect(tilesProtocolAnswer(throwing, 'GET', 'tiles://bad/31/0/0').status).toBe(400);
  });
});

describe('IPC validation', () => {
  const page = { url: 'app://console/index.html', isMainFrame: true };
  it('accepts a known command from the console page', () => {
    expect(checkIpcMessage(page, { name: 'system.echo', input: { text: 'hi' } })).toEqual({ ok: true, name: 'system.echo', input: { text: 'hi' } });
    // a job id for progress events: word characters and '-', at most 64; anything else is refused
    expect(checkIpcMessage(page, { name: 'map.import.commit', input: {}, job: 'a1-b2' })).toEqual({ ok: true, name: 'map.import.commit', input: {}, job: 'a1-b2' });
    expect(checkIpcMessage(page, { name: 'map.import.commit', input: {}, job: 'x'.repeat(64) })).toMatchObject({ ok: true });
    expect(checkIpcMessage(page, { name: 'map.import.commit', input: {}, job: 'x'.repeat(65) })).toMatchObject({ ok: false, error: { rule: 'ipc-schema', field: 'job' } });
    expect(checkIpcMessage(page, { name: 'map.import.commit', input: {}, job: '../x' })).toMatchObject({ ok: false, error: { rule: 'ipc-schema', field: 'job' } });
  });
  it.each([
    ['a foreign page', { url: 'https://evil.example/', isMainFrame: true }, { name: 'system.health', input: {} }, 'forbidden'],
    ['a file:// page', { url: 'file:///tmp/x.html', isMainFrame: true }, { name: 'system.health', input: {} }, 'forbidden'],
    ['an app:// look-alike host', { url: 'app://console.evil/index.html', isMainFrame: true }, { name: 'system.health', input: {} }, 'forbidden'],
    ['a subframe', { url: 'app://console/index.html', isMainFrame: false }, { name: 'system.health', input: {} }, 'forbidden'],
    ['no sender url', { url: undefined, isMainFrame: true }, { name: 'system.health', input: {} }, 'forbidden'],
    ['a non-object payload', page, 'system.health', 'invalid-input'],
    ['null', page, null, 'invalid-input'],
    ['a missing name', page, { input: {} }, 'invalid-input'],
    ['a numeric name', page, { name: 42, input: {} }, 'invalid-input'],
    ['an extra key', page, { name: 'system.health', input: {}, __proto_hack: 1 }, 'invalid-input'],
    ['an unknown command', page, { name: 'fs.readFile', input: {} }, 'unknown-command'],
    ['a prototype name', page, { name: 'constructor', input: {} }, 'unknown-command'],
  ])('refuses %s', (_what, sender, payload, code) => {
    const r = checkIpcMessage(sender as { url: string | undefined; isMainFrame: boolean }, payload);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe(code);
  });
});

describe('hardening (on stand-ins for Electron WebContents/Session; the real objects need the binary)', () => {
  it('denies navigation away, new windows, webviews and permission requests', () => {
    const listeners: Record<string, (e: { preventDefault(): void }, url?: string) => void> = {};
    let openHandler: ((d: { url: string }) => { action: string }) | null = null;
    hardenWebContents({
      on: (ev: string, l: (e: { preventDefault(): void }, url?: string) => void) => {
        listeners[ev] = l;
        return undefined;
      },
      setWindowOpenHandler: (h: (d: { url: string }) => { action: string }) => {
        openHandler = h;
      },
    } as never);
    const prevented = (ev: string, url?: string) => {
      let p = false;
      listeners[ev]!({ preventDefault: () => (p = true) }, url);
      return p;
    };
    expect(prevented('will-navigate', 'https://example.com/')).toBe(true);
    expect(prevented('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(prevented('will-navigate', 'app://console/index.html')).toBe(false);
    expect(prevented('will-redirect', 'http://127.0.0.1/')).toBe(true);
    expect(prevented('will-attach-webview')).toBe(true);
    expect(openHandler!({ url: 'app://console/index.html' })).toEqual({ action: 'deny' });
    expect(isAllowedNavigation('APP://CONSOLE/x')).toBe(true);

    let granted: boolean | null = null;
    let check: ((wc: unknown, p: string) => boolean) | null = null;
    hardenSession({
      setPermissionRequestHandler: (h) => h(null, 'geolocation', (g) => (granted = g)),
      setPermissionCheckHandler: (h) => {
        check = h;
      },
    });
    expect(granted).toBe(false);
    expect(check!(null, 'notifications')).toBe(false);
  });
});
