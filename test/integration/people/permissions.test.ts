// Who may do what (issue 15), checked by the core for every command whatever the shell: the table in
// shared/api/permissions.ts, walked over the WHOLE command list for every role; 401 / 403 through each way in; the
// actor on every record is the signed-in person, inside the hash chain (tamper it: verify fails). Real SQLite files, a
// real HTTP server.
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { commands, PERMISSIONS, ROLES, type CommandName, type PersonView, type Role } from '../../../shared/api';
import { createCore, type Core } from '../../../electron/core/core';
import { verifyFile } from '../../../electron/core/log/backup';
import { startServer, type RunningServer } from '../../../electron/serve/server';
import { addPerson, httpCtx, sessionOf, signInHttp, TEST_PASSWORD } from '../../helpers/people';
import { tmpDir } from '../../helpers/tmp';

let core: Core | null = null;
let srv: RunningServer | null = null;
afterEach(async () => {
  await srv?.close();
  core?.close();
  srv = null;
  core = null;
});

const names = Object.keys(commands).sort() as CommandName[];
const person = (roles: Role[], id = 99): PersonView => ({ id, login: `p${id}`, name: `人员${id}`, roles, phone: '', active: true });

/** The rule the core refused with for `name` called as `ctx`, or null when it got past the role check. */
async function refusedBy(c: Core, name: CommandName, ctx: Parameters<Core['invoke']>[2]): Promise<string | null> {
  try {
    // An empty input: the role check runs BEFORE the input is parsed, so a refusal here can only be about who calls.
    await c.invokeUnknown(name, {}, ctx);
    return null;
  } catch (e) {
    const b = (e as { body?: { code: string; rule?: string } }).body;
    if (b?.code === 'unauthenticated') return '401';
    if (b?.code === 'forbidden' && b.rule === 'role') return '403';
    return null;
  }
}

describe('the permission table', () => {
  it('names every command; every change except signing in needs a person, the reads need none', () => {
    expect(Object.keys(PERMISSIONS).sort()).toEqual(names);
    for (const n of names) {
      const p = PERMISSIONS[n];
      if (commands[n].mutates && !n.startsWith('auth.')) expect(p, n).not.toBe('anyone');
      if (!commands[n].mutates && n !== 'log.backup' && n !== 'people.list') expect(p, n).toBe('anyone');
    }
    // The rules the issue names, spelled out.
    expect(PERMISSIONS['console.act']).not.toContain('office');
    expect(PERMISSIONS['people.add']).toEqual(['admin']);
    expect(PERMISSIONS['map.feature.add']).not.toContain('duty-officer');
  });

  it('for every role and every command: refused with 403 exactly where the table says, 401 for no person', async () => {
    core = createCore({ dbPath: path.join(tmpDir(), 'db.sqlite') });
    const seen: string[] = [];
    for (const role of ROLES) {
      const ctx = { actor: 'ignored', transport: 'http' as const, person: person([role]) };
      for (const n of names) {
        const p = PERMISSIONS[n];
        const allowed = p === 'anyone' || p === 'signed-in' || p.includes(role);
        const got = await refusedBy(core, n, ctx);
        expect(got, `${role} → ${n}`).toBe(allowed ? null : '403');
        if (!allowed) seen.push(`${role}:${n}`);
      }
    }
    // The table does refuse something to each role (else this test could not fail).
    for (const role of ROLES) expect(seen.some((s) => s.startsWith(`${role}:`)), role).toBe(true);
    for (const n of names) {
      const got = await refusedBy(core, n, { actor: 'nobody', transport: 'http' });
      expect(got, `no person → ${n}`).toBe(PERMISSIONS[n] === 'anyone' ? null : '401');
    }
  });
});

describe('each way in', () => {
  it('HTTP: a write without a person is 401 and writes nothing; a role that may not is 403; the right role is 200', async () => {
    const dbPath = path.join(tmpDir(), 'db.sqlite');
    core = createCore({ dbPath });
    srv = await startServer({ core, token: 'perm-token-0123456789abcdef' });
    const origin = `http://127.0.0.1:${srv.port}`;
    await addPerson(core, 'officer', ['duty-officer'], '王值班');
    await addPerson(core, 'mapper', ['map-keeper'], '林地图');
    const post = (name: string, body: unknown, cookie = '', claimed = '') =>
      fetch(`${origin}/api/cmd/${name}`, { method: 'POST', headers: { authorization: `Bearer ${srv!.token}`, 'content-type': 'application/json', cookie, 'x-ercon-actor': claimed }, body: JSON.stringify(body) });
    const raw = new BetterSqlite3(dbPath, { readonly: true });
    const count = () => (raw.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
    const incident = { planId: 'vaccine', title: '接种后不良反应', receivedAt: new Date().toISOString(), payload: { source: '电话', summary: '2人发热', facts: {} } };

    const anon = await post('console.report', incident, '', 'zhang-san');
    expect(anon.status).toBe(401);
    expect(((await anon.json()) as { error: { message: string } }).error.message).toMatch(/请先登录/);
    expect(count()).toBe(0);

    const mapper = await signInHttp(origin, srv.token, 'mapper');
    const wrongRole = await post('console.report', incident, mapper);
    expect(wrongRole.status).toBe(403);
    expect(((await wrongRole.json()) as { error: { message: string } }).error.message).toMatch(/只限值班员、带班领导；林地图（地图维护）无此权限/);
    expect(count()).toBe(0);

    const officer = await signInHttp(origin, srv.token, 'officer');
    // The actor a client claims is ignored: the record names the signed-in person.
    const ok = await post('console.report', incident, officer, 'impostor');
    expect(ok.status).toBe(200);
    const { result } = (await ok.json()) as { result: { id: string } };
    const rows = raw.prepare('SELECT actor FROM events WHERE incident_id = ?').all(result.id) as Array<{ actor: string }>;
    expect(rows.length).toBe(2);
    for (const r of rows) expect(JSON.parse(r.actor)).toEqual({ id: 1, name: '王值班', roles: ['duty-officer'] });

    // Signed out: the cookie is cleared and the old session no longer writes.
    const out = await post('auth.signOut', {}, officer);
    expect(out.headers.get('set-cookie')).toMatch(/ercon_user=;.*Max-Age=0/);
    const after = await post('incidents.note', { incidentId: result.id, text: '退出后' }, officer);
    expect(after.status).toBe(401);
    expect(((await after.json()) as { error: { rule: string } }).error.rule).toBe('session');
    raw.close();
  });

  it('a session past its 26 hours is refused with "登录已过期" (one minute before, it still writes)', async () => {
    let now = new Date('2026-12-01T00:00:00Z');
    core = createCore({ dbPath: path.join(tmpDir(), 'db.sqlite'), clock: { now: () => now } });
    await addPerson(core, 'officer', ['duty-officer']);
    const session = await sessionOf(core, 'officer');
    const open = () => core!.invoke('incidents.open', { planId: 'vaccine', title: '过期测试' }, httpCtx(session));
    now = new Date('2026-12-02T01:59:00Z');
    await expect(open()).resolves.toMatchObject({ planId: 'vaccine' });
    now = new Date('2026-12-02T02:00:00Z');
    await expect(open()).rejects.toMatchObject({ body: { code: 'unauthenticated', rule: 'session', message: expect.stringMatching(/登录已过期/) } });
  });
});

describe('the person inside the hash chain', () => {
  it('changing the recorded actor of an event breaks verify at that event', async () => {
    const dbPath = path.join(tmpDir(), 'db.sqlite');
    core = createCore({ dbPath, open: { backups: false } });
    await addPerson(core, 'officer', ['duty-officer'], '王值班');
    await addPerson(core, 'leader', ['duty-leader'], '李带班');
    const ctx = httpCtx(await sessionOf(core, 'officer'));
    const { id } = await core.invoke('incidents.open', { planId: 'vaccine', title: '链上的人' }, ctx);
    await core.invoke('incidents.note', { incidentId: id, text: '第二条' }, ctx);
    core.close();
    core = null;
    expect(verifyFile(dbPath)).toMatchObject({ ok: true });
    const raw = new BetterSqlite3(dbPath);
    raw.exec('DROP TRIGGER events_no_update; DROP TRIGGER events_seal_update;');
    // Someone rewrites who added the note: the leader instead of the officer.
    raw.prepare('UPDATE events SET actor = ? WHERE seq = 1').run(JSON.stringify({ id: 2, name: '李带班', roles: ['duty-leader'] }));
    raw.close();
    expect(verifyFile(dbPath)).toMatchObject({ ok: false, firstBrokenSeq: 1 });
  });

  it('the account log: wrong password and the lock after five failures, each attempt recorded; passwords stored as scrypt', async () => {
    const dbPath = path.join(tmpDir(), 'db.sqlite');
    core = createCore({ dbPath });
    await addPerson(core, 'officer', ['duty-officer']);
    const http = { actor: 'x', transport: 'http' as const, from: '10.0.0.7' };
    for (let i = 0; i < 5; i++) {
      await expect(core.invoke('auth.signIn', { login: 'officer', password: 'wrong-password' }, http)).rejects.toMatchObject({ body: { code: 'unauthenticated', message: '登录名或密码不对' } });
    }
    // The sixth, even with the right password, is refused: locked.
    await expect(core.invoke('auth.signIn', { login: 'officer', password: TEST_PASSWORD }, http)).rejects.toMatchObject({ body: { code: 'forbidden', rule: 'rate-limit', message: expect.stringMatching(/连续 5 次登录失败，已暂时锁定/) } });
    // An unknown name answers exactly as a wrong password does.
    await expect(core.invoke('auth.signIn', { login: 'nobody', password: 'x' }, http)).rejects.toMatchObject({ body: { code: 'unauthenticated', message: '登录名或密码不对' } });
    const raw = new BetterSqlite3(dbPath, { readonly: true });
    const log = raw.prepare("SELECT kind, login, actor, detail FROM people_events WHERE kind LIKE 'sign-in%' ORDER BY id").all() as Array<{ kind: string; login: string; actor: string; detail: string }>;
    expect(log.map((r) => [r.kind, r.login, r.actor, r.detail])).toEqual([
      ...Array.from({ length: 5 }, () => ['sign-in-failed', 'officer', '10.0.0.7', '']),
      ['sign-in-failed', 'officer', '10.0.0.7', 'locked'],
      ['sign-in-failed', 'nobody', '10.0.0.7', ''],
    ]);
    const hash = (raw.prepare("SELECT pw_hash FROM people WHERE login = 'officer'").get() as { pw_hash: string }).pw_hash;
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}$/);
    expect(hash).not.toContain(TEST_PASSWORD);
    raw.close();
  });
});

describe('签发 (a report signed off by the duty leader)', () => {
  it('a typed 签发人 is refused; the leader\'s own password signs it; the leader signed in may sign as themselves', async () => {
    const dbPath = path.join(tmpDir(), 'db.sqlite');
    core = createCore({ dbPath });
    await addPerson(core, 'officer', ['duty-officer'], '王值班');
    await addPerson(core, 'leader', ['duty-leader'], '张主任');
    const officer = httpCtx(await sessionOf(core, 'officer'));
    const { id } = await core.invoke('console.report', { planId: 'vaccine', title: '签发测试', payload: { source: '电话', summary: '4人', facts: { clusteredRareAE: 4, suspectedQualityRelated: true } } }, officer);
    const fields = { eventName: '签发测试', eventNature: '疑似疫苗质量事件', occurredTime: '2026-12-01 08:00', place: '城关镇', informationSource: '电话', scopeAndNumbers: '4人', reportingUnit: '县市场监督管理局', contact: '王值班 0358-0000000' };
    const draft = { kind: 'first', channel: 'phone', fields };
    const count = () => (core!.services.db.prepare("SELECT count(*) AS n FROM events WHERE type = 'report-filed'").get() as { n: number }).n;
    await expect(core.invoke('reports.file', { incidentId: id, draft: { ...draft, issuedBy: '张主任' } }, officer)).rejects.toMatchObject({ body: { code: 'forbidden', field: 'issuedBy', rule: 'sign-off' } });
    await expect(core.invoke('reports.file', { incidentId: id, draft, signOff: { login: 'leader', password: 'wrong-password' } }, officer)).rejects.toMatchObject({ body: { field: 'signOff.password' } });
    await expect(core.invoke('reports.file', { incidentId: id, draft, signOff: { login: 'officer', password: TEST_PASSWORD } }, officer)).rejects.toMatchObject({ body: { field: 'signOff.login', rule: 'role' } });
    expect(count()).toBe(0);
    const first = await core.invoke('reports.file', { incidentId: id, draft, signOff: { login: 'leader', password: TEST_PASSWORD } }, officer);
    const filed = core.services.db.prepare("SELECT payload FROM events WHERE type = 'report-filed'").get() as { payload: string };
    expect(JSON.parse(filed.payload).issuedBy).toBe('张主任');
    const leader = httpCtx(await sessionOf(core, 'leader'));
    await core.invoke('reports.file', { incidentId: id, draft: { ...draft, fields: { ...fields, corrections: '涉及人数更正为5人' }, corrects: first.seq, issuedBy: '张主任' } }, leader);
    expect(count()).toBe(2);
    // The vaccine plan sends a WRITTEN report only signed off (县定): an officer alone is refused, nothing written; a
    // phone report is not held up by it; the duty leader filing it signs it themselves.
    const FULL = { ...fields, manufacturer: '某公司', productSpec: '0.5ml', packagingAndBatch: '202605A12', victims: '4名儿童', symptoms: '发热', possibleCause: '待查', measuresTaken: '封存', trendAndHarm: '可控', responseProposal: '启动IV级', helpNeeded: '无', other: '否' };
    const written = { kind: 'first', channel: 'fax', fields: FULL };
    await expect(core.invoke('reports.file', { incidentId: id, draft: written }, officer)).rejects.toMatchObject({ body: { code: 'forbidden', field: 'signOff.login', rule: 'sign-off-required' } });
    expect(count()).toBe(2);
    await core.invoke('reports.file', { incidentId: id, draft }, officer);
    expect(count()).toBe(3);
    await core.invoke('reports.file', { incidentId: id, draft: written }, leader);
    const last = core.services.db.prepare("SELECT payload FROM events WHERE type = 'report-filed' ORDER BY pos DESC LIMIT 1").get() as { payload: string };
    expect(JSON.parse(last.payload).issuedBy).toBe('张主任');
  });
});
