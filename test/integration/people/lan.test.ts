// The duty room's shared console (`--lan`, issue 15 item 2) over a REAL HTTP server and SQLite file: a workstation
// without the launch token gets only the sign-in; signed in, its session cookie is enough; the first administrator
// cannot be created from it; a cross-site POST is refused; without --lan the token stays required.
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../electron/core/core';
import { startServer, type RunningServer } from '../../../electron/serve/server';
import { addPerson, TEST_PASSWORD } from '../../helpers/people';
import { tmpDir } from '../../helpers/tmp';

let core: Core | null = null;
let srv: RunningServer | null = null;
afterEach(async () => {
  await srv?.close();
  core?.close();
  srv = null;
  core = null;
});

async function start(lan: boolean) {
  core = createCore({ dbPath: path.join(tmpDir(), 'lan.sqlite') });
  srv = await startServer({ core, lan, token: 'lan-token-0123456789abcdef' });
  const origin = `http://127.0.0.1:${srv.port}`;
  const post = (name: string, body: unknown, headers: Record<string, string> = {}) => fetch(`${origin}/api/cmd/${name}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { origin, post };
}

describe('--lan', () => {
  it('no token: only the sign-in; signed in, the cookie works for reads and writes; no first admin from here', async () => {
    const { origin, post } = await start(true);
    expect((await post('auth.setup', { login: 'boss', name: '某人', password: 'long-enough-1' })).status).toBe(401);
    await addPerson(core!, 'wang', ['duty-officer'], '王值班');
    const board = await post('console.board', { status: 'open' });
    expect(board.status).toBe(401);
    // The code the page opens its sign-in dialog on.
    expect(((await board.json()) as { error: { code: string } }).error.code).toBe('unauthenticated');
    expect((await fetch(`${origin}/api/events`)).status).toBe(401);
    expect((await fetch(`${origin}/api/health`)).status).toBe(401);
    expect((await post('auth.status', {})).status).toBe(200);
    const wrong = await post('auth.signIn', { login: 'wang', password: 'wrong-password' });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('set-cookie')).toBeNull();
    const ok = await post('auth.signIn', { login: 'wang', password: TEST_PASSWORD });
    expect(ok.status).toBe(200);
    const body = (await ok.json()) as { result: { person: { name: string }; session: Record<string, unknown> } };
    // The session's token is in the cookie only, never in the answer the page reads.
    expect(body.result.person.name).toBe('王值班');
    expect(Object.keys(body.result.session)).toEqual(['expiresAt']);
    const set = ok.headers.get('set-cookie')!;
    expect(set).toMatch(/^ercon_user=[A-Za-z0-9_-]{43}; HttpOnly; SameSite=Strict; Path=\/; Max-Age=\d+$/);
    const cookie = set.split(';')[0]!;
    expect((await post('console.board', { status: 'open' }, { cookie })).status).toBe(200);
    const report = { planId: 'vaccine', title: '局域网工作站登记', payload: { source: '电话', summary: '2人', facts: {} } };
    expect((await post('console.report', report, { cookie, origin })).status).toBe(200);
    // A page of another site posting with the person's cookie: refused, nothing written.
    const before = (core!.services.db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
    const cross = await post('console.report', report, { cookie, origin: 'http://evil.example' });
    expect(cross.status).toBe(403);
    expect(((await cross.json()) as { error: { rule: string } }).error.rule).toBe('origin');
    expect((core!.services.db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n).toBe(before);
    // Signed out: back to the sign-in only.
    await post('auth.signOut', {}, { cookie });
    expect((await post('console.board', { status: 'open' }, { cookie })).status).toBe(401);
  });

  it('without --lan a signed-in cookie alone is not enough: the launch token is required', async () => {
    const { post } = await start(false);
    await addPerson(core!, 'wang', ['duty-officer'], '王值班');
    expect((await post('auth.signIn', { login: 'wang', password: TEST_PASSWORD })).status).toBe(401);
    const ok = await post('auth.signIn', { login: 'wang', password: TEST_PASSWORD }, { authorization: `Bearer ${srv!.token}` });
    const cookie = ok.headers.get('set-cookie')!.split(';')[0]!;
    expect((await post('console.board', { status: 'open' }, { cookie })).status).toBe(401);
    expect((await post('console.board', { status: 'open' }, { cookie, authorization: `Bearer ${srv!.token}` })).status).toBe(200);
  });
});
