// The duty log (值班日志 / 来电来文登记, issue 15 item 5) on a REAL SQLite file: a warning's two clocks (10 and 30
// minutes, the county's own rule) tested on both sides of each deadline; the clocks survive a restart; a step done late
// is marked late; closing with a step open needs a reason; an entry turned into an incident carries its facts over; the
// office's edited types apply to new entries only; bad input names the field and writes nothing.
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../electron/core/clock';
import { createCore, type Core } from '../../../electron/core/core';
import { DEFAULT_ENTRY_TYPES } from '../../../shared/duty/types';
import { addPerson, httpCtx, sessionOf } from '../../helpers/people';
import { tmpDir } from '../../helpers/tmp';

const T0 = '2026-12-01T14:00:00.000Z'; // 22:00 Beijing
let core: Core | null = null;
afterEach(() => {
  core?.close();
  core = null;
});

async function open(dbPath: string, clock: ManualClock) {
  core = createCore({ dbPath, clock });
  if (!(await core.invoke('people.list', {}, { actor: 't', transport: 'test' })).people.length) await addPerson(core, 'wang', ['duty-officer'], '王值班');
  return { core, ctx: httpCtx(await sessionOf(core, 'wang')) };
}

const warning = { type: 'warning', callerUnit: '县气象局', callerName: '赵预报员', callerPhone: '0358-1234567', content: '发布森林火险橙色预警', alreadyTold: '县林业局' };
const statuses = (e: { steps: Array<{ stepId: string; status: string }> }) => e.steps.map((s) => `${s.stepId}:${s.status}`);

describe('the duty log', () => {
  it('a warning: tell the leader within 10 min, forward within 30; both sides of each, late marked, kept across a restart', async () => {
    const dbPath = path.join(tmpDir(), 'duty.sqlite');
    const clock = new ManualClock(T0);
    let { core: c, ctx } = await open(dbPath, clock);
    const e = await c.invoke('duty.log.record', warning, ctx);
    expect(e).toMatchObject({ typeLabel: '预警信息', receivedAt: T0, status: 'open' });
    expect(JSON.parse(e.recordedBy)).toMatchObject({ name: '王值班' });
    expect(e.steps.map((s) => [s.label, s.dueAt])).toEqual([
      ['电话报告带班领导', '2026-12-01T14:10:00.000Z'],
      ['转发相关单位', '2026-12-01T14:30:00.000Z'],
    ]);
    const list = async () => (await c.invoke('duty.log.list', { date: '2026-12-01' }, ctx)).entries[0]!;
    clock.set('2026-12-01T14:09:59.999Z');
    expect(statuses(await list())).toEqual(['tell-leader:open', 'forward:open']);
    clock.set('2026-12-01T14:10:00.000Z');
    expect(statuses(await list())).toEqual(['tell-leader:overdue', 'forward:open']);
    clock.set('2026-12-01T14:12:00.000Z');
    const told = await c.invoke('duty.log.step', { id: e.id, step: 'tell-leader', note: '已电话报告李带班' }, ctx);
    expect(told.steps[0]).toMatchObject({ status: 'done-late', doneAt: '2026-12-01T14:12:00.000Z', note: '已电话报告李带班' });
    // The same step twice is refused.
    await expect(c.invoke('duty.log.step', { id: e.id, step: 'tell-leader' }, ctx)).rejects.toMatchObject({ body: { code: 'conflict', field: 'step' } });

    // Restart: the clock of the step still open keeps running from the time received.
    c.close();
    clock.set('2026-12-01T14:29:59.999Z');
    ({ core: c, ctx } = await open(dbPath, clock));
    expect(statuses(await list())).toEqual(['tell-leader:done-late', 'forward:open']);
    clock.set('2026-12-01T14:30:00.000Z');
    expect(statuses(await list())).toEqual(['tell-leader:done-late', 'forward:overdue']);
    // Open entries are listed whatever their day; a Beijing day runs 00:00–24:00 at UTC+8 (22:00 is still 12-01).
    expect((await c.invoke('duty.log.list', { open: true }, ctx)).entries.map((x) => x.id)).toEqual([e.id]);
    expect((await c.invoke('duty.log.list', { date: '2026-12-02' }, ctx)).entries).toEqual([]);

    // Closing with the forward step open needs a reason; nothing is written without it.
    await expect(c.invoke('duty.log.close', { id: e.id }, ctx)).rejects.toMatchObject({ body: { field: 'note', rule: 'open-steps-need-reason', message: expect.stringMatching(/转发相关单位/) } });
    expect((await list()).status).toBe('open');
    const closed = await c.invoke('duty.log.close', { id: e.id, note: '县林业局已直接收到预警，无需转发' }, ctx);
    expect(closed).toMatchObject({ status: 'closed', closeNote: '县林业局已直接收到预警，无需转发' });
    await expect(c.invoke('duty.log.step', { id: e.id, step: 'forward' }, ctx)).rejects.toMatchObject({ body: { code: 'conflict', rule: 'closed' } });
  });

  it('turns an entry into an incident with its facts carried over, once', async () => {
    const clock = new ManualClock(T0);
    const { core: c, ctx } = await open(path.join(tmpDir(), 'duty.sqlite'), clock);
    const e = await c.invoke('duty.log.record', { type: 'call', callerUnit: '城关镇卫生院', callerName: '张医生', callerPhone: '13800000000', place: '城关镇', content: '接种后3名儿童发热皮疹', measures: '已留观' }, ctx);
    // Only a duty officer or leader opens an incident: the officer here may.
    const r = await c.invoke('duty.log.promote', { id: e.id, planId: 'vaccine' }, ctx);
    expect(r.entry.incidentId).toBe(r.incidentId);
    const inc = await c.invoke('console.incident', { id: r.incidentId }, ctx);
    expect(inc.incident.title).toBe('接种后3名儿童发热皮疹');
    const reported = inc.events.find((x) => x.type === 'reported')!;
    expect(reported.payload).toMatchObject({ source: '城关镇卫生院 张医生 13800000000', summary: '接种后3名儿童发热皮疹；已采取措施：已留观', place: '城关镇', reporter: '张医生 13800000000' });
    expect(reported.occurredAt).toBe(T0);
    await expect(c.invoke('duty.log.promote', { id: e.id, planId: 'vaccine' }, ctx)).rejects.toMatchObject({ body: { code: 'conflict', rule: 'promoted' } });
  });

  it('the office edits the types: new entries take the new clock, entries already recorded keep theirs', async () => {
    const clock = new ManualClock(T0);
    const { core: c, ctx } = await open(path.join(tmpDir(), 'duty.sqlite'), clock);
    await addPerson(c, 'office', ['office'], '办公室刘');
    const office = httpCtx(await sessionOf(c, 'office'));
    const before = await c.invoke('duty.log.record', warning, ctx);
    // A duty officer may not edit the types.
    await expect(c.invoke('duty.types.save', { types: [...DEFAULT_ENTRY_TYPES] }, ctx)).rejects.toMatchObject({ body: { code: 'forbidden', rule: 'role' } });
    const types = DEFAULT_ENTRY_TYPES.map((t) => (t.id === 'warning' ? { ...t, steps: t.steps.map((s) => (s.id === 'tell-leader' ? { ...s, withinMinutes: 5 } : s)) } : t));
    expect((await c.invoke('duty.types.save', { types }, office)).edited).toBe(true);
    const after = await c.invoke('duty.log.record', warning, ctx);
    expect(after.steps[0]!.dueAt).toBe('2026-12-01T14:05:00.000Z');
    expect((await c.invoke('duty.log.list', {}, ctx)).entries.find((x) => x.id === before.id)!.steps[0]!.dueAt).toBe('2026-12-01T14:10:00.000Z');
    // Two types with one id: refused, naming the place.
    await expect(c.invoke('duty.types.save', { types: [...types, types[0]!] }, office)).rejects.toMatchObject({ body: { code: 'invalid-input', message: expect.stringMatching(/类型编号重复/) } });
  });

  it('bad input names the field and writes nothing', async () => {
    const clock = new ManualClock(T0);
    const { core: c, ctx } = await open(path.join(tmpDir(), 'duty.sqlite'), clock);
    await expect(c.invoke('duty.log.record', { ...warning, type: 'telegram' }, ctx)).rejects.toMatchObject({ body: { field: 'type', message: expect.stringMatching(/没有“telegram”这种登记类型/) } });
    await expect(c.invoke('duty.log.record', { ...warning, content: '  ' }, ctx)).rejects.toMatchObject({ body: { field: 'content' } });
    await expect(c.invoke('duty.log.record', { ...warning, receivedAt: '2026-12-01T15:00:00Z' }, ctx)).rejects.toMatchObject({ body: { field: 'receivedAt', rule: 'not-future' } });
    expect((await c.invoke('duty.log.list', { open: true }, ctx)).entries).toEqual([]);
  });
});
