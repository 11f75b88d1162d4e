// The handover between shifts (交接班, issue 15 item 4) on a REAL SQLite file: the sheet is drafted from the log (open
// incidents with state and level, reports due, checklist items not done, open duty-log entries); the outgoing and the
// incoming officer each sign with their own password; a second signature, the same person on both sides, a wrong
// password and two workstations signing at once are each refused with a message, nothing half-written.
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../electron/core/clock';
import { createCore, type Core } from '../../../electron/core/core';
import { verifySeals } from '../../../electron/core/log/seal';
import { addPerson, httpCtx, sessionOf, TEST_PASSWORD } from '../../helpers/people';
import { tmpDir } from '../../helpers/tmp';

let core: Core | null = null;
afterEach(() => {
  core?.close();
  core = null;
});

async function setup() {
  const clock = new ManualClock('2026-12-01T00:30:00.000Z'); // 08:30 Beijing
  core = createCore({ dbPath: path.join(tmpDir(), 'handover.sqlite'), clock });
  await addPerson(core, 'wang', ['duty-officer'], '王值班');
  await addPerson(core, 'li', ['duty-officer'], '李接班');
  await addPerson(core, 'mapper', ['map-keeper'], '林地图');
  const ctx = httpCtx(await sessionOf(core, 'wang'));
  const { id } = await core.invoke('console.report', { planId: 'vaccine', title: '接种后群体不良反应', payload: { source: '电话', summary: '4人', facts: { clusteredRareAE: 4, suspectedQualityRelated: true } } }, ctx);
  await core.invoke('duty.log.record', { type: 'warning', callerUnit: '县气象局', content: '寒潮蓝色预警' }, ctx);
  return { c: core, clock, ctx, id };
}

const sign = (login: string, password = TEST_PASSWORD) => ({ login, password });

describe('the handover', () => {
  it('drafts from the log; both officers sign; signed once only; the log head is kept', async () => {
    const { c, ctx, id } = await setup();
    const draft = await c.invoke('handover.draft', {}, ctx);
    expect(draft.incidents).toEqual([expect.objectContaining({ id, title: '接种后群体不良反应', state: '已接报', level: null })]);
    expect(draft.due.map((d) => [d.incidentId, d.label])).toContainEqual([id, '首次报告']);
    expect(draft.openItems.length).toBeGreaterThan(0);
    expect(draft.openItems.every((x) => x.incidentId === id)).toBe(true);
    expect(draft.dutyLog.map((e) => [e.typeLabel, e.content, e.openSteps.map((s) => s.label)])).toEqual([['预警信息', '寒潮蓝色预警', ['电话报告带班领导', '转发相关单位']]]);

    // A wrong password: refused at that field, nothing written.
    await expect(c.invoke('handover.start', { notes: '', outgoing: sign('wang', 'wrong-password') }, ctx)).rejects.toMatchObject({ body: { field: 'outgoing.password', message: expect.stringMatching(/交班签字的登录名或密码不对/) } });
    expect((await c.invoke('handover.list', {}, ctx)).handovers).toEqual([]);
    // A map keeper is not a duty officer: cannot sign a handover.
    await expect(c.invoke('handover.start', { notes: '', outgoing: sign('mapper') }, ctx)).rejects.toMatchObject({ body: { code: 'forbidden', rule: 'role' } });

    const started = await c.invoke('handover.start', { notes: '县疾控中心下午回电', outgoing: sign('wang') }, ctx);
    expect(started).toMatchObject({ status: 'awaiting-incoming', notes: '县疾控中心下午回电', incoming: null });
    expect(JSON.parse(started.outgoing)).toMatchObject({ name: '王值班' });
    expect(started.content.incidents.map((x) => x.id)).toEqual([id]);
    expect(started.logHead.pos).toBeGreaterThan(0);
    // One sheet at a time.
    await expect(c.invoke('handover.start', { notes: '', outgoing: sign('wang') }, ctx)).rejects.toMatchObject({ body: { code: 'conflict', rule: 'one-open-handover' } });
    // The same person cannot sign both sides.
    await expect(c.invoke('handover.accept', { id: started.id, incoming: sign('wang') }, ctx)).rejects.toMatchObject({ body: { rule: 'two-people' } });

    const signed = await c.invoke('handover.accept', { id: started.id, incoming: sign('li') }, ctx);
    expect(signed.status).toBe('signed');
    expect(JSON.parse(signed.incoming!)).toMatchObject({ name: '李接班' });
    await expect(c.invoke('handover.accept', { id: started.id, incoming: sign('li') }, ctx)).rejects.toMatchObject({ body: { code: 'conflict', rule: 'signed-once', message: expect.stringMatching(/已于 .* 签收，不能再签/) } });
    // Both rows are sealed audit records.
    const seals = verifySeals(c.services.db, null);
    expect(seals.findings).toEqual([]);
    expect(c.services.db.prepare("SELECT count(*) AS n FROM audit_seals WHERE tbl IN ('handovers', 'handover_signatures')").get()).toEqual({ n: 2 });
  });

  it('two workstations signing the same sheet at once: one signs, the other is told it is signed', async () => {
    const { c, ctx } = await setup();
    await addPerson(c, 'zhao', ['duty-officer'], '赵接班');
    const h = await c.invoke('handover.start', { notes: '', outgoing: sign('wang') }, ctx);
    const results = await Promise.allSettled([c.invoke('handover.accept', { id: h.id, incoming: sign('li') }, ctx), c.invoke('handover.accept', { id: h.id, incoming: sign('zhao') }, ctx)]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({ body: { code: 'conflict', rule: 'signed-once' } });
    expect(c.services.db.prepare('SELECT count(*) AS n FROM handover_signatures').get()).toEqual({ n: 1 });
  });
});
