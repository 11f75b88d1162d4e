// Safety nets (issue 12): nothing late looks on time, nothing required can be skipped, nothing unticked vanishes.
// - a fire report has a clock: 30 minutes from the report (县定; 第三十四条 says only "立即"), both sides;
// - while a fire burns, a progress report every 2 hours after the last one (县定), stopping once the open fire is out;
// - a phone report starts the written report's own clock (1 hour, 县定; 疫苗预案 5.3 says only "随后"), both sides;
// - a report filed after its deadline is `late` (and a written one after its phone report's clock: `writtenLate`);
// - checklist items of earlier stages stay on screen (`carried`) until done; closing with open items needs a reason.
import { describe, expect, it } from 'vitest';
import { incidentView, obligations, type Plan } from '../../../shared/engine';
import { forestFire2026Plan as fire, vaccinePlan } from '../../../shared/plans';
import { fullFields, Q, report, TestLog } from './helpers';

const T = (iso: string) => new Date(iso);
const ob = (plan: Plan, log: TestLog, kind: string, now: string) => obligations(plan, log.state, T(now)).find((o) => o.kind === kind)!;

function fire0(): TestLog {
  // received 10:00 Beijing (02:00Z); the fire started an hour before
  const log = new TestLog(fire, '2026-11-23T02:00:00.000Z');
  log.push('reported', { source: '瞭望台', summary: '北坡起火', incidentStartedAt: '2026-11-23T01:00:00.000Z', facts: { burnedForestHa: 2 } }, '2026-11-23T02:00:00.000Z');
  return log;
}
const fax = (kind: string) => ({ kind, by: 'office', recipients: fire.obligations.find((o) => o.kind === kind)!.recipients, channel: 'fax', fields: fullFields(fire, kind) });

describe('a fire report has a clock: 30 minutes from the report (县定)', () => {
  it('pending at 29:59, overdue at 30:01; marked as the county decision', () => {
    const log = fire0();
    expect(ob(fire, log, 'first', '2026-11-23T02:29:59Z')).toMatchObject({ status: 'pending', dueAt: '2026-11-23T02:30:00.000Z', countyDecision: true });
    expect(ob(fire, log, 'first', '2026-11-23T02:30:01Z').status).toBe('overdue');
    expect(incidentView(fire, log.state, T('2026-11-23T02:30:01Z')).warnings.map((w) => w.id)).toContain('overdue:firstReport');
  });
  it('filed at 30:00 is on time; at 30:01 it is filed but late', () => {
    const onTime = fire0();
    onTime.push('report-filed', fax('first'), '2026-11-23T02:30:00.000Z');
    expect(ob(fire, onTime, 'first', '2026-11-23T03:00:00Z')).toMatchObject({ status: 'filed', late: false });
    const late = fire0();
    late.push('report-filed', fax('first'), '2026-11-23T02:30:01.000Z');
    expect(ob(fire, late, 'first', '2026-11-23T03:00:00Z')).toMatchObject({ status: 'filed', late: true });
  });
});

describe('while a fire burns, a progress report every 2 hours after the last one (县定)', () => {
  it('due 2 h after the report, then 2 h after each progress report; gone once the open fire is out', () => {
    const log = fire0();
    expect(ob(fire, log, 'progress', '2026-11-23T03:59:59Z')).toMatchObject({ status: 'pending', dueAt: '2026-11-23T04:00:00.000Z', rhythm: '明火扑灭前每2小时续报一次（县定）' });
    expect(ob(fire, log, 'progress', '2026-11-23T04:00:01Z').status).toBe('overdue');
    log.push('transition', { transition: 'firstAttack' }, '2026-11-23T02:10:00.000Z');
    log.push('report-filed', fax('progress'), '2026-11-23T03:30:00.000Z');
    expect(ob(fire, log, 'progress', '2026-11-23T04:00:01Z')).toMatchObject({ status: 'pending', dueAt: '2026-11-23T05:30:00.000Z' });
    log.push('transition', { transition: 'extinguish' }, '2026-11-23T05:00:00.000Z');
    expect(ob(fire, log, 'progress', '2026-11-23T09:00:00Z')).toMatchObject({ status: 'filed', dueAt: null });
  });
});

describe('a phone report starts the written report\u2019s own clock (1 hour, 县定)', () => {
  function phoned(): TestLog {
    const log = new TestLog(vaccinePlan, '2026-11-23T02:00:00.000Z');
    log.push('reported', { source: '电话', summary: 's', facts: { ...Q, clusteredRareAE: 4 } }, '2026-11-23T02:00:00.000Z');
    log.push('report-filed', { ...report(vaccinePlan, 'first'), channel: 'phone', fields: { eventName: '口头报告' } }, '2026-11-23T02:20:00.000Z');
    return log;
  }
  it('the first report is met by the call; the written one is due 1 h after it: pending at 59:59, overdue at 60:01', () => {
    const log = phoned();
    expect(ob(vaccinePlan, log, 'first', '2026-11-23T03:19:59Z')).toMatchObject({ status: 'filed', late: false, writtenPending: true, writtenDueAt: '2026-11-23T03:20:00.000Z', writtenStatus: 'pending' });
    expect(ob(vaccinePlan, log, 'first', '2026-11-23T03:20:01Z').writtenStatus).toBe('overdue');
    const w = incidentView(vaccinePlan, log.state, T('2026-11-23T03:20:01Z')).warnings.find((x) => x.id === 'written-pending:first-report')!;
    expect(w).toMatchObject({ clause: '5.3' });
    expect(w.text).toContain('应于 2026-11-23 11:20 前，已超时');
  });
  it('a written report at 60:00 is on time; at 60:01 it is late', () => {
    const onTime = phoned();
    onTime.push('report-filed', report(vaccinePlan, 'first'), '2026-11-23T03:20:00.000Z');
    expect(ob(vaccinePlan, onTime, 'first', '2026-11-23T04:00:00Z')).toMatchObject({ writtenStatus: 'filed', writtenLate: false, writtenPending: false });
    const late = phoned();
    late.push('report-filed', report(vaccinePlan, 'first'), '2026-11-23T03:20:01.000Z');
    expect(ob(vaccinePlan, late, 'first', '2026-11-23T04:00:00Z')).toMatchObject({ writtenStatus: 'filed', writtenLate: true });
  });
});

describe('checklist items of earlier stages stay until done', () => {
  it('the initial disposal items (6.1) are carried into assessment when none was ticked, and drop off once all are done', () => {
    const log = new TestLog(vaccinePlan);
    log.push('reported', { source: '电话', summary: 's', facts: { ...Q, clusteredRareAE: 4 } });
    log.push('assessed', { level: 'IV', by: 'amr' });
    const now = T('2026-11-23T03:00:00Z');
    const initial = () => incidentView(vaccinePlan, log.state, now).checklists.find((c) => c.id === 'initial-disposal')!;
    expect(log.state.state).toBe('assessing');
    expect(initial()).toMatchObject({ applies: false, carried: true });
    const items = initial().items.map((i) => i.id);
    expect(items).toContain('seal-vaccine');
    for (const itemId of items.slice(0, -1)) log.push('checklist-item-done', { itemId, by: '李明', unit: initial().items.find((i) => i.id === itemId)!.unit });
    expect(initial().carried).toBe(true); // one left
    const last = initial().items.find((i) => !i.done)!;
    log.push('checklist-item-done', { itemId: last.id, by: '李明', unit: last.unit });
    expect(initial()).toMatchObject({ applies: false, carried: false });
    // a checklist of a stage never reached is neither
    expect(incidentView(vaccinePlan, log.state, now).checklists.find((c) => c.state === 'aftermath')).toMatchObject({ applies: false, carried: false });
  });
});
