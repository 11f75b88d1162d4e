import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveStaticPath } from '../../../electron/core/web/static';
import { tmpDir } from '../../helpers/tmp';

function site() {
  const base = tmpDir();
  const root = path.join(base, 'www');
  fs.mkdirSync(path.join(root, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(root, 'index.html'), '<title>应急值守台</title>');
  fs.writeFileSync(path.join(root, 'assets', 'app.js'), 'ok');
  fs.writeFileSync(path.join(root, 'assets', '%2e%2e'), 'literal name');
  fs.writeFileSync(path.join(base, 'secret.txt'), 'outside');
  fs.symlinkSync(path.join(base, 'secret.txt'), path.join(root, 'link.txt'));
  return { base, root };
}

describe('resolveStaticPath (shared by app:// and the serve shell)', () => {
  it('serves files under the root and falls back to index.html for app routes', () => {
    const { root } = site();
    const a = resolveStaticPath(root, '/assets/app.js');
    expect(a).toEqual({ ok: true, file: fs.realpathSync(path.join(root, 'assets', 'app.js')) });
    const idx = resolveStaticPath(root, '/');
    expect(idx.ok && path.basename(idx.file)).toBe('index.html');
    const route = resolveStaticPath(root, '/incidents/42');
    expect(route.ok && path.basename(route.file)).toBe('index.html');
    expect(resolveStaticPath(root, '/assets/missing.js')).toMatchObject({ ok: false, status: 404 });
  });

  it.each([
    '/../secret.txt',
    '/assets/../../secret.txt',
    '/%2e%2e/secret.txt',
    '/%2E%2E/secret.txt',
    '/..%2fsecret.txt',
    '/..%2Fsecret.txt',
    '/%2e%2e%2fsecret.txt',
    '/assets/%2e%2e/%2e%2e/secret.txt',
    '/..%5csecret.txt',
    '/assets\\..\\..\\secret.txt',
    '/./index.html',
    '/%00index.html',
    '/index.html%00.js',
    '/C:/Windows/win.ini',
  ])('refuses %s', (p) => {
    const { root } = site();
    const r = resolveStaticPath(root, p);
    expect(r.ok).toBe(false);
    if (!r.ok) expect([400, 403]).toContain(r.status);
  });

  it('decodes once: a doubly-encoded dot segment is a literal file name, never a parent', () => {
    const { root } = site();
    const r = resolveStaticPath(root, '/assets/%252e%252e');
    expect(r.ok && fs.readFileSync(r.file, 'utf8')).toBe('literal name');
    expect(resolveStaticPath(root, '/%252e%252e/secret.txt')).toMatchObject({ ok: false, status: 404 });
  });

  it('refuses malformed percent-encoding', () => {
    const { root } = site();
    expect(resolveStaticPath(root, '/%E4%B8')).toMatchObject({ ok: false, status: 400 });
  });

  it('refuses a symlink that leaves the root', () => {
    const { root } = site();
    expect(resolveStaticPath(root, '/link.txt')).toMatchObject({ ok: false, status: 403 });
  });
});
