// Reports as upper levels take them (issue 16 item 3), each rule plan data with its clause:
// - phone first (the 2026 fire plan's first report, 县定): the 30-minute clock is met by a phone report, the written
//   report has its own clock of 1 hour from the report; both show before anything is filed; both sides of each;
// - numbered progress reports (续报一、续报二…) in filing order; a correction keeps the number it corrects;
// - a daily report by 08:00 and 17:00 while the response lasts (the vaccine plan, 县定), the first one at least 2 hours
//   after the response started; both sides of each time.
import { describe, expect, it } from 'vitest';
import { incidentView, lateReports, obligations, type Plan } from '../../../shared/engine';
import { drugPlan, forestFire2026Plan as fire, vaccinePlan } from '../../../shared/plans';
import { fullFields, Q, report, TestLog } from './helpers';

const T = (iso: string) => new Date(iso);
const ob = (plan: Plan, log: TestLog, kind: string, now: string) => obligations(plan, log.state, T(now)).find((o) => o.kind === kind)!;
const fireReport = (kind: string, channel: string) => ({ kind, by: 'office', recipients: fire.obligations.find((o) => o.kind === kind)!.recipients, channel, fields: fullFields(fire, kind) });

function fire0(): TestLog {
  // received 10:00 Beijing (02:00Z)
  const log = new TestLog(fire, '2026-11-23T02:00:00.000Z');
  log.push('reported', { source: '瞭望台', summary: '北坡起火', incidentStartedAt: '2026-11-23T01:30:00.000Z', facts: { burnedForestHa: 2 } }, '2026-11-23T02:00:00.000Z');
  return log;
}

describe('phone first: the phone clock and the written clock, each its own', () => {
  it('both clocks show as soon as the fire is reported, each marked as the county decision', () => {
    const o = ob(fire, fire0(), 'first', '2026-11-23T02:01:00Z');
    expect(o).toMatchObject({ status: 'pending', dueAt: '2026-11-23T02:30:00.000Z', writtenDueAt: '2026-11-23T03:00:00.000Z', writtenStatus: 'pending', phoneFirst: { countyDecision: true } });
    expect(o.phoneFirst!.text).toContain('1小时内');
  });

  it('a phone report at 29 minutes meets the first clock; the written one is still owed until 1 hour, both sides', () => {
    const log = fire0();
    log.push('report-filed', fireReport('first', 'phone'), '2026-11-23T02:29:00.000Z');
    expect(ob(fire, log, 'first', '2026-11-23T02:59:59Z')).toMatchObject({ status: 'filed', late: false, writtenStatus: 'pending', writtenPending: true });
    const over = ob(fire, log, 'first', '2026-11-23T03:00:01Z');
    expect(over).toMatchObject({ status: 'filed', writtenStatus: 'overdue' });
    const onTime = fire0();
    onTime.push('report-filed', fireReport('first', 'phone'), '2026-11-23T02:29:00.000Z');
    onTime.push('report-filed', fireReport('first', 'fax'), '2026-11-23T03:00:00.000Z');
    expect(ob(fire, onTime, 'first', '2026-11-23T04:00:00Z')).toMatchObject({ writtenStatus: 'filed', writtenLate: false });
    const late = fire0();
    late.push('report-filed', fireReport('first', 'phone'), '2026-11-23T02:29:00.000Z');
    const w = late.push('report-filed', fireReport('first', 'fax'), '2026-11-23T03:00:01.000Z');
    const lo = ob(fire, late, 'first', '2026-11-23T04:00:00Z');
    expect(lo).toMatchObject({ writtenStatus: 'filed', writtenLate: true, late: false });
    // The late one is named, against the written clock (not an hour after the phone call: its own clock).
    expect(lateReports(fire, obligations(fire, late.state, T('2026-11-23T04:00:00Z')), late.state)).toEqual([{ seq: w.lastSeq, obligationId: 'firstReport', written: true, dueAt: '2026-11-23T03:00:00.000Z', lateMs: 1000 }]);
  });

  it('nothing filed: the phone clock goes red at 30 minutes, the written one adds its own warning after 1 hour', () => {
    const log = fire0();
    const ids = (now: string) => incidentView(fire, log.state, T(now)).warnings.map((x) => x.id);
    expect(ids('2026-11-23T02:30:01Z')).toContain('overdue:firstReport');
    expect(ids('2026-11-23T02:59:59Z')).not.toContain('written-overdue:firstReport');
    expect(ids('2026-11-23T03:00:01Z')).toContain('written-overdue:firstReport');
  });

  it('a written report first meets both clocks', () => {
    const log = fire0();
    log.push('report-filed', fireReport('first', 'fax'), '2026-11-23T02:20:00.000Z');
    expect(ob(fire, log, 'first', '2026-11-23T05:00:00Z')).toMatchObject({ status: 'filed', late: false, writtenStatus: 'filed', writtenLate: false, writtenPending: false });
  });

  it('a plan without it keeps the written clock from the phone report (疫苗预案 5.3)', () => {
    const log = new TestLog(vaccinePlan);
    log.push('reported', { source: '电话', summary: 's', facts: { ...Q, clusteredRareAE: 4 } }, '2026-11-23T02:00:00.000Z');
    expect(ob(vaccinePlan, log, 'first', '2026-11-23T02:10:00Z')).toMatchObject({ phoneFirst: null, writtenDueAt: null, writtenStatus: 'none' });
    log.push('report-filed', { ...report(vaccinePlan, 'first'), channel: 'phone' }, '2026-11-23T02:20:00.000Z');
    expect(ob(vaccinePlan, log, 'first', '2026-11-23T02:30:00Z').writtenDueAt).toBe('2026-11-23T03:20:00.000Z');
  });
});

describe('numbered progress reports: 续报一、续报二 in filing order', () => {
  it('the fire plan numbers its 火情续报; a correction keeps the number of the report it corrects', () => {
    const log = fire0();
    expect(ob(fire, log, 'progress', '2026-11-23T02:10:00Z').nextNumber).toEqual({ n: 1, title: '续报一', clause: '县定' });
    const a = log.push('report-filed', fireReport('progress', 'fax'), '2026-11-23T03:00:00.000Z').lastSeq;
    log.push('report-filed', fireReport('progress', 'fax'), '2026-11-23T04:00:00.000Z');
    log.push('report-filed', { ...fireReport('progress', 'fax'), correctsReportSeq: a }, '2026-11-23T04:30:00.000Z');
    log.push('report-filed', fireReport('progress', 'phone'), '2026-11-23T05:00:00.000Z');
    const o = ob(fire, log, 'progress', '2026-11-23T05:10:00Z');
    expect(o.filed.map((f) => f.title)).toEqual(['续报一', '续报二', '续报一', '续报三']);
    expect(o.nextNumber).toMatchObject({ n: 4, title: '续报四' });
    // First and final reports are not numbered.
    expect(ob(fire, log, 'first', '2026-11-23T05:10:00Z').nextNumber).toBeNull();
  });

  it('the vaccine and drug plans number their 进程报告 after the plan’s 续报 form', () => {
    for (const [plan, facts] of [[vaccinePlan, { ...Q, clusteredRareAE: 4 }], [drugPlan, { clusteredRareAE: 12 }]] as const) {
      const log = new TestLog(plan);
      log.push('reported', { source: '电话', summary: 's', facts });
      for (let i = 0; i < 11; i++) log.push('report-filed', report(plan, 'progress'));
      const o = ob(plan, log, 'progress', '2026-11-23T05:00:00Z');
      expect(o.filed.at(-1)!.title).toBe('续报十一');
      expect(o.nextNumber!.clause).toContain('附件3');
    }
  });
});

describe('a daily report by 08:00 and 17:00 while the response lasts (县定)', () => {
  /** A level-IV response started at `start` (UTC). */
  function responding(start: string): TestLog {
    const log = new TestLog(vaccinePlan, new Date(Date.parse(start) - 3 * 60_000).toISOString());
    log.push('reported', { source: '电话', summary: 's', facts: { ...Q, clusteredRareAE: 4 } });
    log.push('assessed', { level: 'IV', by: 'amr' });
    log.push('response-started', { level: 'IV', by: 'county-gov', approvedBy: 'county-gov' }, start);
    return log;
  }
  const daily = (log: TestLog, now: string) => ob(vaccinePlan, log, 'daily', now);

  it('not before the response starts', () => {
    const log = new TestLog(vaccinePlan);
    log.push('reported', { source: '电话', summary: 's', facts: { ...Q, clusteredRareAE: 4 } });
    expect(daily(log, '2026-11-23T05:00:00Z')).toMatchObject({ status: 'not-started', dueAt: null, countyDecision: false });
  });

  it('the first one: 08:00 when the response started by 06:00 Beijing, else 17:00 (2 hours at least), both sides', () => {
    // 05:59:59 Beijing = 21:59:59Z the day before
    expect(daily(responding('2026-11-22T21:59:59.000Z'), '2026-11-22T22:10:00Z')).toMatchObject({ status: 'pending', dueAt: '2026-11-23T00:00:00.000Z', countyDecision: true });
    expect(daily(responding('2026-11-22T22:00:01.000Z'), '2026-11-22T22:10:00Z').dueAt).toBe('2026-11-23T09:00:00.000Z');
  });

  it('each report moves it to the next time; overdue one second after 17:00; a late one is named', () => {
    const log = responding('2026-11-23T01:00:00.000Z'); // 09:00 Beijing
    expect(daily(log, '2026-11-23T08:59:59Z')).toMatchObject({ status: 'pending', dueAt: '2026-11-23T09:00:00.000Z' });
    expect(daily(log, '2026-11-23T09:00:01Z').status).toBe('overdue');
    expect(incidentView(vaccinePlan, log.state, T('2026-11-23T09:00:01Z')).warnings.map((w) => w.id)).toContain('overdue:daily-report');
    const late = log.push('report-filed', report(vaccinePlan, 'daily', { channel: 'fax' }), '2026-11-23T09:30:00.000Z').lastSeq;
    // Filed at 17:30: the next one by 08:00 the next morning.
    expect(daily(log, '2026-11-23T10:00:00Z')).toMatchObject({ status: 'pending', dueAt: '2026-11-24T00:00:00.000Z' });
    expect(lateReports(vaccinePlan, obligations(vaccinePlan, log.state, T('2026-11-23T10:00:00Z')), log.state)).toEqual([{ seq: late, obligationId: 'daily-report', written: false, dueAt: '2026-11-23T09:00:00.000Z', lateMs: 30 * 60_000 }]);
    log.push('report-filed', report(vaccinePlan, 'daily', { channel: 'fax' }), '2026-11-23T23:50:00.000Z'); // 07:50
    expect(daily(log, '2026-11-24T00:00:00Z')).toMatchObject({ status: 'pending', dueAt: '2026-11-24T09:00:00.000Z' });
  });

  it('only while responding: a daily report before the response is refused with the clause', () => {
    const before = new TestLog(vaccinePlan);
    before.push('reported', { source: '电话', summary: 's', facts: { ...Q, clusteredRareAE: 4 } });
    expect(before.refuse('report-filed', report(vaccinePlan, 'daily')).body).toMatchObject({ code: 'conflict', message: expect.stringContaining('首次报告、进程报告在事件处置过程中报送') });
  });
});
