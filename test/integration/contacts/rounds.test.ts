// Notification rounds (issue 16 item 2) on a REAL SQLite file: a level-IV response makes the plan's round due (6.2.2(2):
// every member unit), its recipients with numbers from the directory (a unit without a contact shows no number); a
// call not answered comes back after the set minutes (both sides of it), across a restart; giving up needs a reason;
// the round is complete when everyone is reached or given up; every step is a note on the incident's chain.
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
    // IV (6.2.2): the member units are notified, 市疫苗质量安全事件应急指挥部 is reported to.
    expect(due.map((d) => [d.ruleId, d.triggerSeq, d.clause])).toEqual([
      ['notify-members-iv', started.seq, '6.2.2(2)'],
      ['report-city-hq-iv', started.seq, '6.2.2(4)'],
    ]);
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
    expect((await core.invoke('rounds.list', { incidentId: id }, ctx)).due.map((d) => d.ruleId)).toEqual(['report-city-hq-iv']);
    core.close();
  });

  it('the banner: a round with someone unreached is due; the re-call falls due after the set minutes, across a restart', async () => {
    const dbPath = path.join(tmpDir(), 'rounds-due.sqlite');
    const clock = new ManualClock(T0);
    let core = createCore({ dbPath, clock });
    const seed = { actor: 'seed', transport: 'test' as const };
    await core.invoke('contacts.saveUnit', { name: '市市场监督管理局', kind: 'receiver', dutyPhone: '0358-8220000', planUnits: ['city-amr'] }, seed);
    await core.invoke('contacts.saveUnit', { name: '县人民政府总值班室', kind: 'other', dutyPhone: '0358-7220000', planUnits: ['county-gov'] }, seed);
    const { id } = await core.invoke('console.report', { planId: 'drug', title: '某药品批次不良事件', payload: { source: '电话', summary: '1人死亡', facts: { deathsSameBatch: 1 } } }, seed);
    await core.invoke('console.act', { incidentId: id, type: 'assessed', payload: { level: 'III', by: 'amr' } }, seed);
    const started = await core.invoke('console.act', { incidentId: id, type: 'response-started', payload: { level: 'III', by: 'hq', approvedBy: 'county-gov' } }, seed);
    // The drug plan asks for the same rounds as the vaccine plan (6.2.1 at I–III: report up, notify the member units).
    const dueIII = (await core.invoke('rounds.list', { incidentId: id }, seed)).due;
    expect(dueIII.map((d) => [d.ruleId, d.clause])).toEqual([
      ['report-up-i-iii', '6.2.1'],
      ['notify-members-i-iii', '6.2.1(2)'],
    ]);
    expect(dueIII[0]!.units.map((u) => u.id)).toEqual(['county-gov', 'city-amr']);
    const banner = async () => (await core.invoke('console.due', { soonMinutes: 15 }, seed)).items.filter((x) => x.obligationId.startsWith('round:'));
    expect(await banner()).toEqual([]);
    const round = await core.invoke('rounds.open', { incidentId: id, ruleId: 'report-up-i-iii', triggerSeq: started.seq, recallMinutes: 10 }, seed);
    // Opened: nobody called yet, due at once.
    expect((await banner()).map((x) => [x.phase, x.dueAt, x.label])).toEqual([['soon', T0, '立即向市市场监督管理局和县人民政府报告（2个单位尚未通知到）']]);
    const [gov, city] = [round.recipients.find((x) => x.planUnit === 'county-gov')!, round.recipients.find((x) => x.planUnit === 'city-amr')!];
    await core.invoke('rounds.record', { recipientId: gov.id, channel: 'phone', outcome: 'reached' }, seed);
    await core.invoke('rounds.record', { recipientId: city.id, channel: 'phone', outcome: 'no-answer' }, seed);
    // Both sides of the 10 minutes: not in the 15-minute window's overdue part before, overdue after.
    clock.set('2026-12-01T02:09:59.000Z');
    expect((await banner()).map((x) => [x.phase, x.dueAt, x.label])).toEqual([['soon', '2026-12-01T02:10:00.000Z', '立即向市市场监督管理局和县人民政府报告（1个单位尚未通知到，须再次拨打）']]);
    core.close();
    core = createCore({ dbPath, clock });
    clock.set('2026-12-01T02:10:01.000Z');
    const after = await banner();
    expect(after.map((x) => [x.phase, x.dueAt])).toEqual([['overdue', '2026-12-01T02:10:00.000Z']]);
    // Another unanswered call: a new key, so the banner announces the next re-call too.
    await core.invoke('rounds.record', { recipientId: city.id, channel: 'phone', outcome: 'busy' }, seed);
    const next = await banner();
    expect(next.map((x) => [x.phase, x.dueAt])).toEqual([['soon', '2026-12-01T02:20:01.000Z']]);
    expect(next[0]!.key).not.toBe(after[0]!.key);
    await core.invoke('rounds.record', { recipientId: city.id, channel: 'fax', outcome: 'receipt' }, seed);
    expect(await banner()).toEqual([]);
    // Every step of the round is also a note on the incident's own log (its chain and timeline).
    const notes = (await core.invoke('console.incident', { id }, seed)).events.filter((e) => e.type === 'note').map((e) => (e.payload as { text: string }).text);
    expect(notes).toEqual([
      `通知轮次开始（第${round.id}轮）：立即向市市场监督管理局和县人民政府报告（6.2.1），共2个单位`,
      `通知（第${round.id}轮）县人民政府：通知到（电话）`,
      `通知（第${round.id}轮）市市场监督管理局：未接通（电话）`,
      `通知（第${round.id}轮）市市场监督管理局：占线（电话）`,
      `通知（第${round.id}轮）市市场监督管理局：已回执（传真）；第${round.id}轮已全部通知`,
    ]);
    expect((await core.invoke('log.verify', {}, seed)).ok).toBe(true);
    core.close();
  });

  it('a response raised from IV to III asks for the 6.2.1 report (IV asks for none of it); its end for the 6.4 report', async () => {
    const core = createCore({ dbPath: path.join(tmpDir(), 'rounds-raised.sqlite'), clock: new ManualClock(T0) });
    const seed = { actor: 'seed', transport: 'test' as const };
    const { id } = await core.invoke('console.report', { planId: 'vaccine', title: '群体不良反应', payload: { source: '电话', summary: '4人', facts: { clusteredRareAE: 4, suspectedQualityRelated: true } } }, seed);
    await core.invoke('console.act', { incidentId: id, type: 'assessed', payload: { level: 'IV', by: 'amr' } }, seed);
    await core.invoke('console.act', { incidentId: id, type: 'response-started', payload: { level: 'IV', by: 'hq', approvedBy: 'county-gov' } }, seed);
    const ids = async () => (await core.invoke('rounds.list', { incidentId: id }, seed)).due.map((d) => d.ruleId);
    expect(await ids()).not.toContain('report-up-raised');
    const raised = await core.invoke('console.act', { incidentId: id, type: 'level-changed', payload: { direction: 'escalate', to: 'III', by: 'hq', approvedBy: 'county-gov', reason: '病例增加，难以控制' } }, seed);
    const due = (await core.invoke('rounds.list', { incidentId: id }, seed)).due.find((d) => d.ruleId === 'report-up-raised')!;
    expect(due).toMatchObject({ triggerSeq: raised.seq, clause: '6.2、6.2.1' });
    expect(due.units.map((u) => u.id)).toEqual(['county-gov', 'city-amr']);
    // 6.4: the end of the response is reported to 市市场监督管理局 — asked for only once it has ended.
    await core.invoke('console.act', { incidentId: id, type: 'expert-evaluation-recorded', payload: { by: 'office', experts: ['专家甲'], conclusion: '危害已得到有效控制', recommendsTermination: true, assessedLevel: null } }, seed);
    await core.invoke('console.act', { incidentId: id, type: 'termination-proposed', payload: { by: 'office', reason: '危害已控制' } }, seed);
    expect(await ids()).not.toContain('report-terminated');
    const ended = await core.invoke('console.act', { incidentId: id, type: 'response-terminated', payload: { by: 'hq', approvedBy: 'hq' } }, seed);
    const end = (await core.invoke('rounds.list', { incidentId: id }, seed)).due.find((d) => d.ruleId === 'report-terminated')!;
    expect(end).toMatchObject({ triggerSeq: ended.seq, clause: '6.4' });
    expect(end.units.map((u) => u.id)).toEqual(['city-amr']);
    core.close();
  });
});
