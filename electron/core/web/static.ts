import fs from 'node:fs';
import path from 'node:path';

/** Content types of the files the UI build produces (anything else is served as application/octet-stream). */
export const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

export function contentTypeFor(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * How long a browser may keep a UI file. The build's files under /assets/ carry a hash of their content in their name
 * (`start-BFuhU7XK.js`), so a name always means the same bytes: kept for a year without asking again, and V8 keeps
 * their compiled code beside them, so a console restarted while the browser stays open skips fetching and compiling
 * them (test/bench/startup.bench.ts, warm). Everything else, the page above all (it names the current files), is asked
 * afresh every time.
 */
export function cacheControlFor(rawPath: string): string {
  return /^\/assets\/[^/?#]+-[A-Za-z0-9_-]{8}\.[a-z0-9]+(?:[?#]|$)/.test(rawPath) ? 'private, max-age=31536000, immutable' : 'no-store';
}

export type StaticResolution =
  | { ok: true; file: string }
  | { ok: false; status: 400 | 403 | 404; reason: string };

/**
 * Map a URL path (as it arrived, still percent-encoded) to a file under `root`, refusing anything that could leave
 * it. Used by both the Electron app:// handler and the serve shell. Rules:
 * - the path is decoded exactly once; a decode error, a NUL byte, a backslash or a `..`/`.` segment (before or after
 *   decoding, so `%2e%2e`, `..%2f`, `%2e%2e%2f`, `..%5c` are all caught) is refused;
 * - doubly-encoded sequences (`%252e`) decode to a literal `%2e` file name, which does not exist (404);
 * - the resolved path must stay inside `root` after symlinks are resolved;
 * - `/` and unknown paths without an extension fall back to `index.html` (the single-page app's routes).
 */
export function resolveStaticPath(root: string, rawPath: string): StaticResolution {
  const q = rawPath.search(/[?#]/);
  const pathname = q >= 0 ? rawPath.slice(0, q) : rawPath;
  if (!pathname.startsWith('/')) return { ok: false, status: 400, reason: 'path must start with /' };
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return { ok: false, status: 400, reason: 'malformed percent-encoding' };
  }
  if (decoded.includes('\0')) return { ok: false, status: 400, reason: 'NUL byte in path' };
  if (decoded.includes('\\')) return { ok: false, status: 403, reason: 'backslash in path' };
  const segments = decoded.split('/');
  if (segments.some((s) => s === '..' || s === '.')) return { ok: false, status: 403, reason: 'dot segment in path' };
  if (/^[a-zA-Z]:/.test(decoded.slice(1))) return { ok: false, status: 403, reason: 'drive letter in path' };

  const realRoot = fs.realpathSync(root);
  let rel = segments.filter(Boolean).join('/');
  if (rel === '') rel = 'index.html';
  let candidate = path.resolve(realRoot, rel);
  if (!isInside(realRoot, candidate)) return { ok: false, status: 403, reason: 'outside the root' };

  let stat: fs.Stats | null = null;
  try {
    stat = fs.statSync(candidate);
  } catch {
    stat = null;
  }
  if (!stat && path.extname(rel) === '') {
    candidate = path.join(realRoot, 'index.html');
    try {
      stat = fs.statSync(candidate);
    } catch {
      stat = null;
    }
  }
  if (!stat || !stat.isFile()) return { ok: false, status: 404, reason: 'not found' };
  const real = fs.realpathSync(candidate);
  if (!isInside(realRoot, real)) return { ok: false, status: 403, reason: 'symlink leaves the root' };
  return { ok: true, file: real };
}

function isInside(root: string, p: string): boolean {
  const rel = path.relative(root, p);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}
