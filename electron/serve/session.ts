import crypto from 'node:crypto';
import type http from 'node:http';

/**
 * How a browser gets the token without it ever sitting in a URL the browser keeps (History, Cache, Sessions, Favicons,
 * or Chromium's command line where `ps` shows it): `npm start` asks the serve shell for a ONE-TIME code (with the
 * token, over the loopback connection), opens the browser at `/?code=…`, and the serve shell answers that first load
 * with an HttpOnly, SameSite=Strict cookie and a redirect to `/`. The code is good once, for CODE_TTL_MS.
 * Scripts and tests keep using `Authorization: Bearer <token>` (or `?token=`, kept for them).
 */
export const SESSION_COOKIE = 'ercon_session';
export const CODE_TTL_MS = 60_000;

export class OneTimeCodes {
  private readonly codes = new Map<string, number>();
  issue(now = Date.now()): string {
    for (const [c, exp] of this.codes) if (exp < now) this.codes.delete(c);
    const code = crypto.randomBytes(18).toString('base64url');
    this.codes.set(code, now + CODE_TTL_MS);
    return code;
  }
  /** True once for a code that was issued and has not expired. */
  redeem(code: string, now = Date.now()): boolean {
    const exp = this.codes.get(code);
    this.codes.delete(code);
    return exp !== undefined && exp >= now;
  }
}

export function cookieToken(req: http.IncomingMessage): string | null {
  const header = req.headers.cookie;
  if (!header) return null;
  for (const part of header.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === SESSION_COOKIE) return v.join('=') || null;
  }
  return null;
}

export function sessionCookie(token: string): string {
  return `${SESSION_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`;
}

/** The token a request carries: the Authorization header, then `?token=` (non-empty), then the session cookie. */
export function givenToken(req: http.IncomingMessage, url: URL): string | null {
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ') && auth.length > 7) return auth.slice(7);
  const q = url.searchParams.get('token');
  if (q) return q;
  return cookieToken(req);
}

/** `application/json`, with at most a `charset=utf-8` parameter: a prefix test let `application/jsonx` and UTF-16 in. */
export function isJsonUtf8(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const [type, ...params] = contentType.split(';').map((p) => p.trim().toLowerCase());
  if (type !== 'application/json') return false;
  return params.every((p) => p === '' || p === 'charset=utf-8');
}
