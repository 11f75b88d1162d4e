// Notification rounds (issue 16 item 2) on a REAL SQLite file: a level-IV response makes the plan's round due (6.2.2(2):
// every member unit), its recipients with numbers from the directory (a unit without a contact shows no number); a
// call not answered comes back after the set minutes (both sides of it), across a restart; giving up needs a reason;
// the round is complete when everyone is reached or given up.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../electron/core/clock';
import { createCore } from '../../../electron/core/core';
import { addPerson, httpCtx, sessionOf } from '../../helpers/people';
import { tmpDir } from '../../helpers/tmp';

const T0 = '2026-12-01T02:00:00.000Z';

describe('notification rounds', () => {
  it('IV: member units are due; re-call after 10 minutes, kept across a restart; complete when all are settled', async () => {
    const dbPath = path.join(tmpDir(), 'rounds.sqlite');
    const clock = new ManualClock(T0);
    let core = createCore({ dbPath, clock });
    await addPerson(core, 'wang', ['duty-officer'], '王值班');
    let ctx = httpCtx(await sessionOf(core, 'wang'));
    const seed = { actor: 'seed', transport: 'test' as const };
    await core.invoke('contacts.saveUnit', { name: '县市场监督管理局', kind: 'member', dutyPhone: '0358-7221234', planUnits: ['amr'] }, seed);
    const health = await core.invoke('contacts.saveUnit', { name: '县卫生健康局', kind: 'member', planUnits: ['health'] }, seed);
    await core.invoke('contacts.savePerson', { unitId: health.id, name: '周主任', mobile: '13700003333' }, seed);
    const { id } = await core.invoke('console.report', { planId: 'vaccine', title: '接种后群体不良反应', payload: { source: '电话', summary: '4人', facts: { clusteredRareAE: 4, suspectedQualityRelated: true } } }, seed);
    expect((await core.invoke('rounds.list', { incidentId: id }, ctx)).due).toEqual([]);
    await core.invoke('console.act', { incidentId: id, type: 'assessed', payload: { level: 'IV', by: 'amr' } }, seed);
    const started = await core.invoke('console.act', { incidentId: id, type: 'response-started', payload: { level: 'IV', by: 'hq', approvedBy: 'county-gov' } }, seed);
    const due = (await core.invoke('rounds.list', { incidentId: id }, ctx)).due;
    expect(due.map((d) => [d.ruleId, d.triggerSeq, d.clause])).toEqual([['notify-members-iv', started.seq, '6.2.2(2)']]);
    expect(due[0]!.units.map((u) => u.name)).toContain('县市场监督管理局');

    const round = await core.invoke('rounds.open', { incidentId: id, ruleId: 'notify-members-iv', triggerSeq: started.seq, recallMinutes: 10 }, ctx);
    expect(round.text).toMatch(/^【交城县疫苗质量安全事件应急预案】接种后群体不良反应（\d{8}-\d{3}）：2026-12-01 10:00 启动IV级应急响应。立即向县指挥部成员单位通报情况（6\.2\.2\(2\)）/);
    const by = (name: string, r = round) => r.recipients.find((x) => x.name === name)!;
    expect(by('县市场监督管理局')).toMatchObject({ number: '0358-7221234', status: 'pending', callAt: T0 });
    expect(by('县卫生健康局').number).toBe('13700003333');
    // A member unit with no contact: no number, the gap plain to see.
    expect(by('县公安局')).toMatchObject({ number: '', contactUnitId: null });
    await expect(core.invoke('rounds.open', { incidentId: id, ruleId: 'notify-members-iv', triggerSeq: started.seq }, ctx)).rejects.toMatchObject({ body: { code: 'conflict', rule: 'one-round' } });

    let r = await core.invoke('rounds.record', { recipientId: by('县市场监督管理局').id, channel: 'phone', outcome: 'reached' }, ctx);
    r = await core.invoke('rounds.record', { recipientId: by('县卫生健康局').id, channel: 'phone', outcome: 'no-answer' }, ctx);
    expect(by('县卫生健康局', r)).toMatchObject({ status: 'pending', callAt: '2026-12-01T02:10:00.000Z' });
    await expect(core.invoke('rounds.record', { recipientId: by('县市场监督管理局').id, channel: 'phone', outcome: 'busy' }, ctx)).rejects.toMatchObject({ body: { rule: 'settled' } });
    await expect(core.invoke('rounds.record', { recipientId: by('县公安局').id, channel: 'phone', outcome: 'given-up' }, ctx)).rejects.toMatchObject({ body: { field: 'note' } });

    // Restart: the re-call time is the same, computed from the record.
    core.close();
    core = createCore({ dbPath, clock });
    ctx = httpCtx(await sessionOf(core, 'wang'));
    const again = (await core.invoke('rounds.list', { incidentId: id }, ctx)).rounds[0]!;
    expect(by('县卫生健康局', again).callAt).toBe('2026-12-01T02:10:00.000Z');
    expect(again.completedAt).toBeNull();
    // Everyone else: reached, or given up with a reason; then the round is complete.
    clock.set('2026-12-01T02:20:00.000Z');
    for (const x of again.recipients.filter((y) => y.status === 'pending')) {
      await core.invoke('rounds.record', { recipientId: x.id, channel: 'phone', ...(x.number ? { outcome: 'receipt' as const } : { outcome: 'given-up' as const, note: '通讯录无号码，已请办公室补录' }) }, ctx);
    }
    const done = (await core.invoke('rounds.list', { incidentId: id }, ctx)).rounds[0]!;
    expect(done.completedAt).toBe('2026-12-01T02:20:00.000Z');
    expect(by('县公安局', done)).toMatchObject({ status: 'given-up' });
    expect((await core.invoke('rounds.list', { incidentId: id }, ctx)).due).toEqual([]);
    core.close();
  });
});
