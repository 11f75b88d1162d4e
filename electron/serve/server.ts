import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { AppError, commands, type AppErrorBody } from '../../shared/api';
import { errorBody, type Core } from '../core/core';
import { SECURITY_HEADERS } from '../core/web/csp';
import { cacheControlFor, contentTypeFor, resolveStaticPath } from '../core/web/static';
import { START_ANSWER_MARK, START_COMMAND, START_INPUT, startAnswerBlock } from '../../shared/api/startAnswer';
import { serveChangeEvents } from './events';
import { parseJsonBody } from './json-body';
import type { JobRunner } from './jobs';
import { clearUserCookie, cookieToken, givenToken, isJsonUtf8, OneTimeCodes, sameOrigin, sessionCookie, sessionCookieFor, userSession } from './session';

export interface TileAnswer {
  contentType: string;
  bytes: Uint8Array;
}

export interface ServeOptions {
  core: Core;
  /** Folder of the built UI (dist/renderer). When absent, only the API is served. */
  staticDir?: string;
  host?: string;
  port?: number;
  /** A fixed token (tests); by default a random one per launch. */
  token?: string;
  /** Map tiles for `/tiles/<set>/<z>/<x>/<y>`; null means outside coverage (answered 204). Default: the core's reader. */
  readTile?: (set: string, z: number, x: number, y: number) => TileAnswer | null;
  /** Largest accepted request body, bytes (map imports travel as base64 in JSON). */
  maxBodyBytes?: number;
  /** Long jobs (imports, report files, backups, verify) in a worker thread (jobs.ts); without it they run inline. */
  jobs?: JobRunner;
  /**
   * The duty room's shared console (`--lan`): a workstation without the launch token may use the API once a person has
   * signed in on it (the session cookie); before that only signing in is answered.
   */
  lan?: boolean;
}

export interface RunningServer {
  url: string;
  token: string;
  port: number;
  host: string;
  server: http.Server;
  /**
   * Works out the start screen's answer now, once, for the first page asked within AHEAD_MS, and resolves when it is
   * ready (main.ts waits for it, a bounded time, before it prints the address). Nothing to do when the page served is
   * not the console's (no mark: another UI, a static page).
   */
  warmStart(): Promise<void>;
  close(): Promise<void>;
}

/** How long an answer worked out ahead (RunningServer.warmStart) is good for the first page. */
const AHEAD_MS = 10_000;

/** Who calls the core over HTTP: the person of the session cookie (resolved by the core), from this address. */
function httpContext(req: http.IncomingMessage, session: string | null): Parameters<Core['invoke']>[2] {
  return { actor: 'http', transport: 'http', ...(session ? { session } : {}), from: req.socket.remoteAddress ?? '' };
}

const STATUS_BY_CODE: Record<AppErrorBody['code'], number> = {
  'invalid-input': 400,
  'not-found': 404,
  conflict: 409,
  forbidden: 403,
  unauthenticated: 401,
  'unknown-command': 404,
  storage: 503,
  internal: 500,
};

export function newToken(): string {
  return crypto.randomBytes(24).toString('base64url');
}

function tokenMatches(given: string | null | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

/** The console's page (not its scripts, styles, fonts): where the launch cookie is renewed. */
const isDocument = (p: string): boolean => p === '/' || p === '/index.html';

function send(res: http.ServerResponse, status: number, body: string | Uint8Array, contentType: string, extra: Record<string, string> = {}): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': contentType, 'Cache-Control': 'no-store', ...extra });
  res.end(body);
}

function sendJson(res: http.ServerResponse, status: number, value: unknown): void {
  send(res, status, JSON.stringify(value), 'application/json; charset=utf-8');
}

function sendError(res: http.ServerResponse, status: number, body: AppErrorBody): void {
  sendJson(res, status, { ok: false, error: body });
}

const UNAUTHORIZED: AppErrorBody = {
  code: 'forbidden',
  message: '缺少或错误的访问令牌（token）',
  messageEn: 'missing or wrong access token',
  rule: 'token',
};

const CROSS_SITE: AppErrorBody = {
  code: 'forbidden',
  message: '拒绝来自其他网站的请求（Origin 不是本控制台）',
  messageEn: 'cross-site request refused (the Origin is not this console)',
  rule: 'origin',
};

/** What a LAN workstation without the launch token may ask before anyone has signed in on it. */
const LAN_SIGN_IN = new Set(['/api/cmd/auth.status', '/api/cmd/auth.signIn']);

/** A LAN workstation without the token or a session: the page opens its sign-in dialog on this code. */
const SIGN_IN_FIRST: AppErrorBody = {
  code: 'unauthenticated',
  message: '请先登录：这是值班室的共享控制台，每台工作站由本人账户登录后使用',
  messageEn: 'sign in first: this is the duty room\'s shared console; each workstation is used under its person\'s account',
  rule: 'sign-in',
};

/** Past the limit the rest of the body is read and dropped (up to DRAIN_BYTES more), so the client gets the 413 with
 * its message instead of a connection reset; beyond that the connection is closed after the answer. */
const DRAIN_BYTES = 512 * 1024 * 1024;

export class BodyTooLarge extends AppError {
  constructor(limit: number) {
    super({
      code: 'invalid-input',
      message: `请求体超过 ${Math.round(limit / 1048576)} MB 的上限，未处理（地图文件请先压缩或拆分）`,
      messageEn: `the request body is over the ${Math.round(limit / 1048576)} MB limit; nothing was done (compress or split a map file)`,
      field: 'body',
      rule: 'max-body',
    });
  }
}

/**
 * The request body's bytes in a buffer of their own (not a slice of Node's shared pool), so that a long job's body can
 * be moved to the worker thread instead of copied (jobs.ts). With a Content-Length (every browser and fetch upload)
 * each chunk is copied into place as it arrives: gathering a 17 MB import body into one buffer at its end took this
 * thread 5–130 ms in one go (serve-jobs bench, with the page faults of a fresh 17 MB buffer), time every other request
 * waited. Without one, the chunks are joined at the end.
 */
function readBody(req: http.IncomingMessage, limit: number): Promise<Uint8Array> {
  const declared = Number(req.headers['content-length']);
  let into: Buffer | null = Number.isSafeInteger(declared) && declared > 0 && declared <= limit ? Buffer.allocUnsafeSlow(declared) : null;
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (over) {
        if (size > limit + DRAIN_BYTES) req.destroy();
        return;
      }
      if (size > limit) {
        over = true;
        chunks.length = 0;
        into = null;
        return;
      }
      if (into && size <= into.length) c.copy(into, size - c.length);
      else chunks.push(c);
    });
    req.on('end', () => {
      if (over) return reject(new BodyTooLarge(limit));
      if (into && size === into.length && chunks.length === 0) return resolve(into);
      // No (or a wrong) Content-Length: join what came, in order, into a buffer of its own.
      const all = Buffer.allocUnsafeSlow(size);
      let at = into ? into.copy(all, 0, 0, Math.min(size, into.length)) : 0;
      for (const c of chunks) at += c.copy(all, at);
      resolve(all);
    });
    req.on('error', reject);
  });
}

/**
 * The serve shell: the same core over HTTP, for the browser console and the e2e tests.
 * - Every /api and /tiles request needs the per-launch token (`Authorization: Bearer …` or `?token=…`); without it the
 *   answer is 401 and nothing is done.
 * - Commands: `POST /api/cmd/<name>` with the input as JSON; answers `{ok:true,result}` or `{ok:false,error}`.
 * - Static UI files by GET/HEAD only, path traversal refused (see resolveStaticPath).
 * - Every response carries the same CSP and security headers as the Electron shell.
 * - Bound to 127.0.0.1 unless `host` says otherwise (the --lan flag); when bound to loopback, a Host header that is not
 *   loopback is refused (DNS rebinding).
 */
export async function startServer(opts: ServeOptions): Promise<RunningServer> {
  const host = opts.host ?? '127.0.0.1';
  const token = opts.token ?? newToken();
  // A map import travels as base64 in JSON: its 64 MiB file limit is ~86 MiB of body.
  const maxBody = opts.maxBodyBytes ?? 96 * 1024 * 1024;
  const codes = new OneTimeCodes();
  const loopbackOnly = host === '127.0.0.1' || host === 'localhost' || host === '::1';
  const readTile = opts.readTile ?? ((set: string, z: number, x: number, y: number) => opts.core.readTile(set, z, x, y));
  let port = 0;
  // Every change passed on to the pages so far (the core's and the job worker's): a page whose start answer was worked
  // out before some of them is told so when its change stream opens (../../shared/api/startAnswer.ts).
  const sources = [opts.core.onChange, ...(opts.jobs ? [opts.jobs.subscribe] : [])];
  let changesPassed = 0;
  const countOffs = sources.map((on) =>
    on((e) => {
      if (!('kind' in e)) changesPassed++;
    }),
  );

  const server = http.createServer((req, res) => {
    handle(req, res).catch((e) => {
      if (!res.headersSent) sendError(res, 500, errorBody(e));
      else res.destroy();
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    const rawPath = (req.url ?? '/').split(/[?#]/)[0] ?? '/';
    if (loopbackOnly) {
      const h = (req.headers.host ?? '').replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
      if (!['127.0.0.1', 'localhost', '::1'].includes(h)) {
        sendError(res, 421, { code: 'forbidden', message: '拒绝非本机的 Host', messageEn: 'Host header is not loopback', rule: 'host' });
        return;
      }
    }
    const isApi = rawPath === '/api' || rawPath.startsWith('/api/');
    const isTiles = rawPath.startsWith('/tiles/');
    if (isApi || isTiles) {
      const session = userSession(req);
      const hasToken = tokenMatches(givenToken(req, url), token);
      // The launch token proves the browser was opened by the console; on the LAN a signed-in session does too.
      if (!hasToken && !(opts.lan && (LAN_SIGN_IN.has(rawPath) || (session && (await signedIn(session)))))) {
        sendError(res, 401, opts.lan ? SIGN_IN_FIRST : UNAUTHORIZED);
        return;
      }
      // A write that carries the person's cookie must come from the console's own page (SameSite=Strict, and this).
      if (req.method === 'POST' && !sameOrigin(req)) {
        sendError(res, 403, CROSS_SITE);
        return;
      }
      if (rawPath === '/api/session/code') return hasToken ? handleSessionCode(req, res) : sendError(res, 401, UNAUTHORIZED);
      if (isTiles) return handleTiles(req, res, rawPath);
      return handleApi(req, res, rawPath, url, session, hasToken);
    }
    if (url.searchParams.has('code') && (req.method === 'GET' || req.method === 'HEAD')) return redeemCode(res, url);
    return handleStatic(req, res, rawPath, isDocument(rawPath) && tokenMatches(cookieToken(req), token), tokenMatches(givenToken(req, url), token));
  }

  /** `POST /api/session/code` (token required): a one-time code for `npm start` to open the browser with. */
  function handleSessionCode(req: http.IncomingMessage, res: http.ServerResponse): void {
    if (req.method !== 'POST') {
      sendError(res, 405, { code: 'invalid-input', message: '只接受 POST', messageEn: 'POST only', rule: 'method' });
      return;
    }
    sendJson(res, 200, { code: codes.issue() });
  }

  /** `GET /?code=…`: a valid one-time code becomes the HttpOnly session cookie, and the URL without it. */
  function redeemCode(res: http.ServerResponse, url: URL): void {
    const code = url.searchParams.get('code') ?? '';
    if (!codes.redeem(code)) {
      send(res, 401, '401 这个登录码无效或已用过，请重新运行 npm start / this one-time code is invalid or used: run npm start again', 'text/plain; charset=utf-8');
      return;
    }
    url.searchParams.delete('code');
    res.writeHead(302, { ...SECURITY_HEADERS, 'Cache-Control': 'no-store', 'Set-Cookie': sessionCookie(token), Location: `${url.pathname}${url.search}` });
    res.end();
  }

  async function signedIn(session: string): Promise<boolean> {
    const st = await opts.core.invoke('auth.status', {}, { actor: 'http', transport: 'http', session });
    return !!st.person;
  }

  async function handleApi(req: http.IncomingMessage, res: http.ServerResponse, p: string, url: URL, session: string | null, hasToken: boolean): Promise<void> {
    // Who acts is the person of the session cookie, resolved by the core; no client-sent name is trusted.
    const ctx = httpContext(req, session);
    if (p === '/api/health' && (req.method === 'GET' || req.method === 'HEAD')) {
      const health = await opts.core.invoke('system.health', {}, ctx);
      sendJson(res, 200, health);
      return;
    }
    if (p === '/api/events' && req.method === 'GET') {
      const since = Number(url.searchParams.get('since') ?? NaN);
      return serveChangeEvents(req, res, sources, { missed: Number.isSafeInteger(since) && since >= 0 && changesPassed > since });
    }
    if (p === '/api/commands' && req.method === 'GET') {
      sendJson(res, 200, Object.entries(commands).map(([name, c]) => ({ name, summary: c.summary, mutates: !!c.mutates })));
      return;
    }
    const m = /^\/api\/cmd\/([A-Za-z0-9_.-]{1,100})$/.exec(p);
    if (!m) {
      sendError(res, 404, { code: 'not-found', message: '没有这个接口', messageEn: 'no such endpoint' });
      return;
    }
    if (req.method !== 'POST') {
      sendError(res, 405, { code: 'invalid-input', message: '命令只接受 POST', messageEn: 'commands accept POST only', rule: 'method' });
      return;
    }
    if (!isJsonUtf8(req.headers['content-type'])) {
      sendError(res, 415, { code: 'invalid-input', message: '请求体必须是 UTF-8 编码的 JSON（application/json）', messageEn: 'the body must be application/json in UTF-8', field: 'content-type', rule: 'content-type' });
      return;
    }
    try {
      const bytes = await readBody(req, maxBody);
      // The first administrator is created on the machine that holds the launch token, not from another workstation.
      if (m[1] === 'auth.setup' && !hasToken) {
        sendError(res, 401, UNAUTHORIZED);
        return;
      }
      // A long job gets the body's bytes as they came (moved, not copied) and runs in the worker, which decodes and
      // parses them: a 10 MB import is neither decoded, parsed nor run on this thread (jobs.ts).
      const result = opts.jobs?.handles(m[1])
        ? await opts.jobs.run(m[1]!, bytes, ctx, String(req.headers['x-ercon-job'] ?? ''))
        : await opts.core.invokeUnknown(m[1], parseJsonBody(bytes), ctx);
      // A new session's token goes into the HttpOnly cookie, never to the page; signing out clears it.
      const cookie = sessionCookieFor(m[1]!, result);
      if (cookie) {
        const { session: s2, ...rest } = result as { session: { token: string; expiresAt: string } };
        send(res, 200, JSON.stringify({ ok: true, result: { ...rest, session: { expiresAt: s2.expiresAt } } }), 'application/json; charset=utf-8', { 'Set-Cookie': cookie });
        return;
      }
      if (m[1] === 'auth.signOut') {
        send(res, 200, JSON.stringify({ ok: true, result }), 'application/json; charset=utf-8', { 'Set-Cookie': clearUserCookie() });
        return;
      }
      sendJson(res, 200, { ok: true, result });
    } catch (e) {
      const body = errorBody(e);
      sendError(res, e instanceof BodyTooLarge ? 413 : STATUS_BY_CODE[body.code], body);
    }
  }

  async function handleTiles(req: http.IncomingMessage, res: http.ServerResponse, p: string): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendError(res, 405, { code: 'invalid-input', message: '只接受 GET', messageEn: 'GET only', rule: 'method' });
      return;
    }
    const m = /^\/tiles\/([^/]+)\/(\d{1,2})\/(\d{1,9})\/(\d{1,9})(?:\.\w+)?$/.exec(p);
    if (!m) {
      sendError(res, 404, { code: 'not-found', message: '没有这个瓦片', messageEn: 'no such tile' });
      return;
    }
    let set: string;
    try {
      set = decodeURIComponent(m[1]!);
    } catch {
      sendError(res, 400, { code: 'invalid-input', message: '瓦片集名称编码错误', messageEn: 'bad tile set name', rule: 'encoding' });
      return;
    }
    try {
      const tile = readTile(set, Number(m[2]), Number(m[3]), Number(m[4]));
      if (!tile) {
        res.writeHead(204, { ...SECURITY_HEADERS, 'Cache-Control': 'no-store' });
        res.end();
        return;
      }
      send(res, 200, req.method === 'HEAD' ? '' : tile.bytes, tile.contentType, { 'Cache-Control': 'private, max-age=3600' });
    } catch (e) {
      const body = errorBody(e);
      sendError(res, STATUS_BY_CODE[body.code], body);
    }
  }

  /**
   * `renew`: the page itself, loaded with the launch cookie — its lifetime starts again (a bookmark used daily lasts).
   * `trusted`: the request carries the launch token, so the page may carry the start screen's answer.
   */
  async function handleStatic(req: http.IncomingMessage, res: http.ServerResponse, p: string, renew: boolean, trusted: boolean): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(res, 405, '405 method not allowed', 'text/plain; charset=utf-8', { Allow: 'GET, HEAD' });
      return;
    }
    if (!opts.staticDir) {
      send(res, 404, '404 not found (no UI build)', 'text/plain; charset=utf-8');
      return;
    }
    const r = resolveStaticPath(opts.staticDir, p);
    if (!r.ok) {
      send(res, r.status, `${r.status} ${r.reason}`, 'text/plain; charset=utf-8');
      return;
    }
    const bytes = await fs.promises.readFile(r.file);
    const headers = { 'Cache-Control': cacheControlFor(p), ...(renew ? { 'Set-Cookie': sessionCookie(token) } : {}) };
    const page = trusted && req.method === 'GET' && path.basename(r.file) === 'index.html' ? bytes.toString('utf8') : null;
    const at = page?.indexOf(START_ANSWER_MARK) ?? -1;
    if (page === null || at < 0) {
      send(res, 200, req.method === 'HEAD' ? '' : bytes, contentTypeFor(r.file), headers);
      return;
    }
    // The page up to its mark goes out at once (the browser fetches and compiles the scripts it names meanwhile), then
    // the start screen's answer, worked out now (or ahead), and the rest (../../shared/api/startAnswer.ts).
    res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': 'text/html; charset=utf-8', ...headers });
    res.write(page.slice(0, at));
    res.end(`${await startAnswer(req)}${page.slice(at + START_ANSWER_MARK.length)}`);
  }

  /**
   * The start answer's data block, or nothing if the core cannot answer (the page then asks, and shows why not). The
   * first page within AHEAD_MS of the shell's start takes the one worked out ahead (`warmStart`) unless a change came in
   * since; the page refreshes a deadline that passed after the answer's `now` (useRefetchAt), and `changes` covers writes.
   */
  function startAnswer(req: http.IncomingMessage): Promise<string> {
    const kept = ahead;
    ahead = null;
    if (kept && Date.now() - kept.at < AHEAD_MS && kept.changes === changesPassed) return kept.block;
    return workOutStartAnswer(httpContext(req, userSession(req)));
  }

  async function workOutStartAnswer(ctx: Parameters<Core['invoke']>[2]): Promise<string> {
    const changes = changesPassed;
    try {
      const result = await opts.core.invoke(START_COMMAND, START_INPUT, ctx);
      return startAnswerBlock({ command: START_COMMAND, input: START_INPUT, changes, result });
    } catch {
      return '';
    }
  }
  let ahead: { at: number; changes: number; block: Promise<string> } | null = null;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  const urlHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${port}/?token=${token}`,
    token,
    port,
    host,
    server,
    async warmStart() {
      // (the first answer of a fresh process pays for compiling the code, preparing the statements and reading the
      // database's pages: 100–150 ms with 1,000 incidents, against 20–40 ms afterwards). Worked out for nobody in
      // particular: the board is the same for every person (console.board reads no session).
      if (!opts.staticDir) return;
      const page = await fs.promises.readFile(path.join(opts.staticDir, 'index.html'), 'utf8').catch(() => '');
      if (!page.includes(START_ANSWER_MARK)) return;
      const block = workOutStartAnswer({ actor: 'warm-up', transport: 'http' });
      ahead = { at: Date.now(), changes: changesPassed, block };
      await block;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const off of countOffs) off();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
