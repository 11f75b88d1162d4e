// The start screen's answer inside the console's page (shared/api/startAnswer.ts): only in the console's own page
// loaded with the launch token, equal to the board the API answers, nothing in it able to end its block, worked out
// ahead for the first page unless a write came in since, and the change stream's `missed` for a page whose answer
// is older than a write.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../electron/core/clock';
import { createCore, type Core } from '../../../electron/core/core';
import { startServer, type RunningServer } from '../../../electron/serve/server';
import { START_ANSWER_ELEMENT, START_ANSWER_MARK, type StartAnswer } from '../../../shared/api/startAnswer';
import { rawRequest } from '../../helpers/serve';

const seed = { actor: 'seed', transport: 'test' as const };
const HOSTILE = '疫苗</script><script>alert(1)</script><!--事件';
const PAGE = `<!doctype html><html><head><title>应急值守台</title></head><body><div id="root"></div>${START_ANSWER_MARK}</body></html>`;

let dir: string;
let clock: ManualClock;
let core: Core;
let srv: RunningServer;

async function serve(page = PAGE, c: Core = core): Promise<RunningServer> {
  const www = path.join(dir, `www-${Math.random().toString(36).slice(2)}`);
  fs.mkdirSync(www);
  fs.writeFileSync(path.join(www, 'index.html'), page);
  srv = await startServer({ core: c, staticDir: www });
  return srv;
}

function blockOf(html: string): { raw: string; answer: StartAnswer } | null {
  const open = `<script type="application/json" id="${START_ANSWER_ELEMENT}">`;
  const at = html.indexOf(open);
  if (at < 0) return null;
  const raw = html.slice(at + open.length, html.indexOf('</script>', at + open.length));
  return { raw, answer: JSON.parse(raw) as StartAnswer };
}

const pageWithToken = async () => (await rawRequest(srv.port, 'GET', `/?token=${srv.token}`)).body;
const report = (title: string) => core.invoke('console.report', { planId: 'vaccine', title, payload: { source: '电话', summary: '2人', facts: { clusteredRareAE: 2 } } }, seed);

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ercon-start-answer-'));
  clock = new ManualClock('2026-12-01T01:00:00.000Z');
  core = createCore({ dbPath: path.join(dir, 'console.sqlite'), clock, open: { backups: false } });
});
afterEach(async () => {
  await srv?.close();
  core.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the board inside the page', () => {
  it('is the board the API answers, and a title cannot end its block', async () => {
    await report(HOSTILE);
    await serve();
    const html = await pageWithToken();
    const b = blockOf(html)!;
    expect(b).not.toBeNull();
    expect(b.raw).not.toMatch(/<\/script|<!--/i);
    expect(b.raw).toContain('\\u003c/script>');
    const api = await core.invoke('console.board', { status: 'open' }, seed);
    expect(b.answer).toEqual({ command: 'console.board', input: { status: 'open' }, changes: 0, result: api });
    expect(b.answer.result.incidents.map((r) => r.title)).toEqual([HOSTILE]);
    // the mark is replaced, the rest of the page is as built
    expect(html).not.toContain(START_ANSWER_MARK);
    expect(html.replace(/<script type="application\/json"[^]*?<\/script>/, START_ANSWER_MARK)).toBe(PAGE);
  });

  it('is only in the console page loaded with the launch token, by GET', async () => {
    await report('疫苗事件');
    await serve();
    expect(blockOf(await pageWithToken())).not.toBeNull();
    const plain = await rawRequest(srv.port, 'GET', '/');
    expect(plain.body).toBe(PAGE);
    expect(blockOf((await rawRequest(srv.port, 'GET', '/?token=wrong')).body)).toBeNull();
    const head = await rawRequest(srv.port, 'HEAD', `/?token=${srv.token}`);
    expect([head.status, head.body]).toEqual([200, '']);
    // the launch cookie is the token too (npm start's way)
    expect(blockOf((await rawRequest(srv.port, 'GET', '/', { cookie: `ercon_session=${srv.token}` })).body)).not.toBeNull();
  });

  it('a page without the mark (another UI, a static page) is sent as it is, and nothing is worked out ahead for it', async () => {
    const page = '<!doctype html><html><body><h1>静态页面</h1></body></html>';
    let asked = 0;
    await serve(page, { ...core, invoke: ((...a: Parameters<Core['invoke']>) => (asked++, core.invoke(...a))) as Core['invoke'] });
    await srv.warmStart();
    expect(asked).toBe(0);
    expect(await pageWithToken()).toBe(page);
  });

  it('a core that cannot answer leaves the page without it (the page asks, and shows why)', async () => {
    const failing: Core = { ...core, invoke: (() => Promise.reject(new Error('database is locked'))) as Core['invoke'] };
    await serve(PAGE, failing);
    const html = await pageWithToken();
    expect(blockOf(html)).toBeNull();
    expect(html).toBe(PAGE.replace(START_ANSWER_MARK, ''));
  });

  it('worked out ahead, it serves the first page; a write since, and the page gets a fresh one', async () => {
    await report('第一起');
    await serve();
    await srv.warmStart();
    const warmAt = clock.now().toISOString();
    clock.advance(60_000);
    const first = blockOf(await pageWithToken())!.answer;
    expect(first.result.now).toBe(warmAt); // the one worked out ahead
    // only once: the next page is worked out when it is asked
    expect(blockOf(await pageWithToken())!.answer.result.now).toBe(clock.now().toISOString());

    await srv.warmStart();
    await report('第二起'); // a write after the answer was worked out
    const fresh = blockOf(await pageWithToken())!.answer;
    expect(fresh.result.now).toBe(clock.now().toISOString());
    expect(fresh.result.incidents.map((r) => r.title).sort()).toEqual(['第一起', '第二起']);
    expect(fresh.changes).toBe(1);
  });
});

/** The first events of the change stream opened with `since`, for `ms`. */
function streamStart(since: number | null, ms = 300): Promise<string> {
  return new Promise((resolve, reject) => {
    const q = `/api/events?token=${srv.token}${since === null ? '' : `&since=${since}`}`;
    const req = http.get({ host: '127.0.0.1', port: srv.port, path: q }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (text += c));
      setTimeout(() => {
        req.destroy();
        resolve(text);
      }, ms);
    });
    req.on('error', (e) => (e.message.includes('socket hang up') ? undefined : reject(e)));
  });
}

describe('a page whose answer is older than a write', () => {
  it('is told so when its change stream opens (missed), and only then', async () => {
    await serve();
    const answered = blockOf(await pageWithToken())!.answer.changes;
    expect(answered).toBe(0);
    expect(await streamStart(answered)).not.toContain('event: missed');
    await report('在页面与变更流之间记录的事件');
    expect(await streamStart(answered)).toContain('event: missed');
    expect(await streamStart(answered + 1)).not.toContain('event: missed');
    // without since (Electron, a page that asked itself) and with nonsense: never
    expect(await streamStart(null)).not.toContain('event: missed');
    for (const bad of ['-1', 'abc', '1e3']) {
      const text = await new Promise<string>((resolve) => {
        const req = http.get({ host: '127.0.0.1', port: srv.port, path: `/api/events?token=${srv.token}&since=${bad}` }, (res) => {
          let t = '';
          res.on('data', (c) => (t += c));
          setTimeout(() => (req.destroy(), resolve(t)), 200);
        });
        req.on('error', () => undefined);
      });
      expect(text, bad).not.toContain('event: missed');
    }
  });
});
