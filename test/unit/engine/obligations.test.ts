// Reports and deadlines (疫苗预案 5.1, 5.2, 6.4): first report within 1 hour of HQ receiving the report; final report
// within 2 weeks (14 days) of the response's termination; shown in Asia/Shanghai.
import { describe, expect, it } from 'vitest';
import { formatShanghai, incidentView, obligations } from '../../../shared/engine';
import { drugPlan, forestFire2026Plan, vaccinePlan as plan } from '../../../shared/plans';
import { Q, report, TestLog } from './helpers';

const at = (iso: string) => new Date(iso);
const first = (log: TestLog, now: string) => obligations(plan, log.state, at(now)).find((o) => o.kind === 'first')!;
const final = (log: TestLog, now: string) => obligations(plan, log.state, at(now)).find((o) => o.kind === 'final')!;

describe('formatShanghai', () => {
  it('renders UTC in Asia/Shanghai (UTC+8, no DST), across midnight and year end', () => {
    expect(formatShanghai('2026-11-23T15:59:00Z')).toBe('2026-11-23 23:59');
    expect(formatShanghai('2026-11-23T16:00:00Z')).toBe('2026-11-24 00:00');
    expect(formatShanghai('2026-12-31T16:30:00Z')).toBe('2027-01-01 00:30');
    expect(formatShanghai('2026-07-01T00:00:05Z', { seconds: true })).toBe('2026-07-01 08:00:05');
  });
});

describe('first report: due 1 hour after HQ received the report (5.1)', () => {
  // HQ received the call at 23:30 Shanghai (15:30 UTC); the officer records it ten minutes later.
  function received() {
    const log = new TestLog(plan, '2026-11-23T15:40:00.000Z');
    log.push('reported', { source: '电话', summary: 's', facts: { ...Q, clusteredRareAE: 4 } }, '2026-11-23T15:30:00.000Z');
    return log;
  }

  it('counts from occurredAt (receipt), not from when it was recorded; due time crosses midnight', () => {
    const log = received();
    const o = first(log, '2026-11-23T15:45:00Z');
    expect(log.events[0]!.recordedAt).toBe('2026-11-23T15:40:00.000Z');
    expect(o.dueAt).toBe('2026-11-23T16:30:00.000Z');
    expect(o.dueAtShanghai).toBe('2026-11-24 00:30');
    expect(o.status).toBe('pending');
    expect(o.msLeft).toBe(45 * 60_000);
  });

  it('pending up to the minute, overdue after', () => {
    const log = received();
    expect(first(log, '2026-11-23T16:30:00Z').status).toBe('pending');
    expect(first(log, '2026-11-23T16:30:01Z').status).toBe('overdue');
    const v = incidentView(plan, log.state, at('2026-11-23T17:00:00Z'));
    expect(v.warnings.map((w) => w.id)).toContain('overdue:first-report');
    expect(v.warnings.find((w) => w.id === 'overdue:first-report')!.text).toContain('2026-11-24 00:30');
  });

  it('filed when every recipient has it; late when after the deadline', () => {
    const log = received();
    log.push('report-filed', report(plan, 'first', { recipients: ['county-gov'] }), '2026-11-23T16:10:00.000Z');
    let o = first(log, '2026-11-23T16:20:00Z');
    expect(o.status).toBe('pending');
    expect(o.missingRecipients).toEqual(['county-emergency-office', 'city-amr']);
    expect(first(log, '2026-11-23T16:31:00Z').status).toBe('overdue');
    log.push('report-filed', report(plan, 'first', { recipients: ['county-emergency-office', 'city-amr'] }), '2026-11-23T16:25:00.000Z');
    o = first(log, '2026-11-23T18:00:00Z');
    expect(o).toMatchObject({ status: 'filed', late: false, missingRecipients: [] });
    expect(o.filed.map((f) => f.seq)).toEqual([2, 3]);

    const late = received();
    late.push('report-filed', report(plan, 'first'), '2026-11-23T16:45:00.000Z');
    expect(first(late, '2026-11-23T18:00:00Z')).toMatchObject({ status: 'filed', late: true });
  });

  it('a phone report meets the deadline but the written report is still owed (5.3)', () => {
    const log = received();
    log.push('report-filed', report(plan, 'first', { channel: 'phone', fields: { eventName: '疑似' } }), '2026-11-23T15:50:00.000Z');
    const o = first(log, '2026-11-23T17:00:00Z');
    expect(o).toMatchObject({ status: 'filed', writtenPending: true });
    expect(incidentView(plan, log.state, at('2026-11-23T17:00:00Z')).warnings.map((w) => w.id)).toContain('written-pending:first-report');
  });

  it('before anything is reported there is no obligation yet', () => {
    const log = new TestLog(plan);
    expect(first(log, '2026-11-23T00:00:00Z')).toMatchObject({ status: 'not-started', dueAt: null });
  });
});

describe('final report: due 14 days after the response is terminated (5.2, 6.4)', () => {
  function terminated(terminatedAt: string) {
    const log = new TestLog(plan, '2026-11-20T01:00:00.000Z');
    log.push('reported', { source: 's', summary: 's', facts: { ...Q, clusteredRareAE: 4 } });
    log.push('assessed', { level: 'IV', by: 'amr' });
    log.push('response-started', { level: 'IV', by: 'hq', approvedBy: 'county-gov' });
    log.push('expert-evaluation-recorded', { by: 'office', experts: ['甲'], conclusion: '已控制', recommendsTermination: true });
    log.push('termination-proposed', { by: 'office', reason: '建议终止' });
    log.push('response-terminated', { by: 'hq', approvedBy: 'hq' }, terminatedAt);
    return log;
  }

  it('does not start before termination', () => {
    const log = terminated('2026-11-23T16:30:00.000Z');
    const before = new TestLog(plan);
    expect(final(before, '2026-11-23T00:00:00Z').status).toBe('not-started');
    expect(final(log, '2026-11-24T00:00:00Z').status).toBe('pending');
  });

  it('terminated at 00:30 Shanghai on 24 Nov → due 00:30 Shanghai on 8 Dec', () => {
    const log = terminated('2026-11-23T16:30:00.000Z');
    const o = final(log, '2026-11-24T00:00:00Z');
    expect(o.dueAt).toBe('2026-12-07T16:30:00.000Z');
    expect(o.dueAtShanghai).toBe('2026-12-08 00:30');
    expect(o.recipients).toEqual(['county-party', 'county-gov', 'city-amr']);
    expect(final(log, '2026-12-07T16:30:00Z').status).toBe('pending');
    expect(final(log, '2026-12-07T16:30:01Z').status).toBe('overdue');
    log.push('aftermath-started', { by: 'hq' }, '2026-11-25T01:00:00.000Z');
    log.push('report-filed', report(plan, 'final'), '2026-12-01T01:00:00.000Z');
    expect(final(log, '2026-12-20T00:00:00Z')).toMatchObject({ status: 'filed', late: false });
  });
});

describe('incident view', () => {
  it('warns when the facts rise above the response level (6.2) and about 统战部 (5.1)', () => {
    const log = new TestLog(plan);
    log.push('reported', { source: 's', summary: 's', facts: { ...Q, clusteredRareAE: 4 }, involvesForeigners: true });
    log.push('assessed', { level: 'IV', by: 'amr' });
    log.push('response-started', { level: 'IV', by: 'hq', approvedBy: 'county-gov' });
    log.push('facts-updated', { facts: { deathsSameBatch: 1 } });
    const v = incidentView(plan, log.state, at('2026-11-23T02:10:00Z'));
    expect(v.warnings.map((w) => w.id)).toEqual(expect.arrayContaining(['level-below-facts', 'notify-united-front']));
    expect(v.grade.level).toBe('III');
    const applies = v.checklists.filter((c) => c.applies).map((c) => c.id);
    expect(applies).toEqual(['response-iv', 'field-groups']);
    const groups = v.checklists.find((c) => c.id === 'field-groups')!;
    expect(groups.items.find((i) => i.group === 'medical')).toMatchObject({ unit: 'health', unitName: '县卫生健康局', groupName: '医疗救治组' });
  });

  it('involvesForeigners is a fact of the vaccine and drug plans: the 5.1 warning and the 涉外 tag come from the plan data', () => {
    for (const p of [plan, drugPlan]) {
      const log = new TestLog(p);
      log.push('reported', { source: 's', summary: 's', facts: { involvesForeigners: false } });
      let v = incidentView(p, log.state, at('2026-11-23T02:10:00Z'));
      expect(v.warnings.map((w) => w.id)).not.toContain('notify-united-front');
      expect(v.tags).toEqual([]);
      log.push('facts-updated', { facts: { involvesForeigners: true } });
      v = incidentView(p, log.state, at('2026-11-23T02:10:00Z'));
      expect(log.state.facts.involvesForeigners).toBe(true);
      expect(v.warnings.find((w) => w.id === 'notify-united-front')).toMatchObject({ clause: '5.1' });
      expect(v.tags).toEqual([{ id: 'foreigners', text: '涉外' }]);
      // Done: the warning goes (the tag stays, it describes the incident).
      log.push('checklist-item-done', { itemId: 'notify-united-front', by: '值班员', unit: 'office' });
      v = incidentView(p, log.state, at('2026-11-23T02:10:00Z'));
      expect(v.warnings.map((w) => w.id)).not.toContain('notify-united-front');
      expect(v.tags.map((t) => t.id)).toEqual(['foreigners']);
    }
  });

  it('a legacy reported.involvesForeigners is read into the fact; a plan without that fact ignores it', () => {
    const log = new TestLog(plan);
    log.push('reported', { source: 's', summary: 's', facts: { ...Q }, involvesForeigners: true });
    expect(log.state.facts.involvesForeigners).toBe(true);
    const fire = new TestLog(forestFire2026Plan);
    fire.push('reported', { source: 's', summary: 's', facts: { burnedForestHa: 1 }, involvesForeigners: true });
    expect(fire.state.facts).not.toHaveProperty('involvesForeigners');
    expect(incidentView(forestFire2026Plan, fire.state, at('2026-11-23T02:10:00Z')).warnings.map((w) => w.id)).not.toContain('notify-united-front');
  });
});
