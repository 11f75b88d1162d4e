import crypto from 'node:crypto';
import type http from 'node:http';

/**
 * How a browser gets the token without it ever sitting in a URL the browser keeps (History, Cache, Sessions, Favicons,
 * or Chromium's command line where `ps` shows it): `npm start` asks the serve shell for a ONE-TIME code (with the
 * token, over the loopback connection), opens the browser at `/?code=…`, and the serve shell answers that first load
 * with an HttpOnly, SameSite=Strict cookie and a redirect to `/`. The code is good once, for CODE_TTL_MS.
 * Scripts and tests keep using `Authorization: Bearer <token>` (or `?token=`, kept for them).
 * The token is kept across restarts (serve.json), so the cookie is kept across browser restarts too, for
 * LAUNCH_COOKIE_DAYS, renewed each time the page is loaded with it: a bookmark of `http://127.0.0.1:PORT/` works after
 * the browser (or the computer) restarted, without `npm start`. It only proves this browser was opened by the console
 * on this computer; acting still needs a person signed in (`ercon_user`, its own shorter lifetime).
 */
export const SESSION_COOKIE = 'ercon_session';
export const LAUNCH_COOKIE_DAYS = 30;
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
  return cookieValue(req, SESSION_COOKIE);
}

export function sessionCookie(token: string): string {
  return `${SESSION_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${LAUNCH_COOKIE_DAYS * 86_400}`;
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

/** The signed-in person's session (issue 15): HttpOnly, SameSite=Strict, set when they sign in, cleared on sign-out. */
export const USER_COOKIE = 'ercon_user';

function cookieValue(req: http.IncomingMessage, name: string): string | null {
  const header = req.headers.cookie;
  if (!header) return null;
  for (const part of header.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=') || null;
  }
  return null;
}

export function userSession(req: http.IncomingMessage): string | null {
  return cookieValue(req, USER_COOKIE);
}

/** The Set-Cookie for a command's answer that opened a session (sign-in, the first administrator), else null. */
export function sessionCookieFor(command: string, result: unknown): string | null {
  if (command !== 'auth.signIn' && command !== 'auth.setup') return null;
  const s = (result as { session?: { token?: unknown; expiresAt?: unknown } } | null)?.session;
  if (typeof s?.token !== 'string' || typeof s.expiresAt !== 'string') return null;
  const maxAge = Math.max(0, Math.floor((Date.parse(s.expiresAt) - Date.now()) / 1000));
  return `${USER_COOKIE}=${s.token}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${maxAge}`;
}

export function clearUserCookie(): string {
  return `${USER_COOKIE}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0`;
}

/**
 * A POST whose Origin (or, without one, Referer) is another site is refused. Browsers send Origin on every POST from a
 * page; scripts and the CLI's HTTP callers send neither and are judged by their token alone.
 */
export function sameOrigin(req: http.IncomingMessage): boolean {
  const from = req.headers.origin ?? (req.headers.referer ? safeOrigin(req.headers.referer) : undefined);
  if (!from || from === 'null') return !from;
  return safeOrigin(from) === `http://${req.headers.host ?? ''}`;
}

function safeOrigin(u: string): string | undefined {
  try {
    return new URL(u).origin;
  } catch {
    return undefined;
  }
}
