// The incident life cycle of the vaccine plan (DOMAIN.md §1.4; 疫苗预案 5.4, 6.2, 6.4): every allowed and every
// refused transition, with the clause each refusal names.
import { describe, expect, it } from 'vitest';
import { apply as applyEvent, fold, grade, legalActions, type LevelId } from '../../../shared/engine';
import { drugPlan, vaccinePlan } from '../../../shared/plans';
import { Q, report, TestLog } from './helpers';

const plan = vaccinePlan;

function assessing(facts: Record<string, unknown>): TestLog {
  const log = new TestLog(plan);
  log.push('reported', { source: '县人民医院电话', summary: '接种后多人出现相似不良反应', facts });
  log.push('assessed', { level: grade(plan, facts).level, by: 'amr' });
  return log;
}

function responding(facts: Record<string, unknown>, level: LevelId, by = 'hq', reason?: string): TestLog {
  const log = assessing(facts);
  log.push('response-started', { level, by, approvedBy: 'county-gov', ...(reason ? { reason } : {}) });
  return log;
}

function evaluate(log: TestLog, recommendsTermination: boolean, assessedLevel?: LevelId | null) {
  log.push('expert-evaluation-recorded', { by: 'office', experts: ['张医生', '李研究员'], conclusion: '危害已得到有效控制', recommendsTermination, ...(assessedLevel !== undefined ? { assessedLevel } : {}) });
}

describe('happy path: report → assess → respond → de-escalate → terminate → aftermath → close', () => {
  it('walks the whole life cycle', () => {
    const log = new TestLog(plan);
    expect(log.state.state).toBe('monitoring');
    log.push('warning-issued', { by: 'office', summary: '某批次疫苗风险预警' });
    expect(log.state.state).toBe('warning');
    log.push('reported', { source: '接种单位', summary: '2人死亡', facts: { ...Q, deathsSameBatch: 2 } });
    expect(log.state).toMatchObject({ state: 'reported', factsLevel: 'II' });
    log.push('assessed', { level: 'II', by: 'amr' });
    expect(log.state.state).toBe('assessing');
    log.push('response-started', { level: 'II', by: 'hq', approvedBy: 'county-gov' });
    expect(log.state).toMatchObject({ state: 'responding', level: 'II', startedBy: 'hq' });
    // harm controlled: facts corrected to below II
    log.push('facts-updated', { facts: { deathsSameBatch: 1 }, reason: '复核后确认1例与疫苗相关' });
    expect(log.state.factsLevel).toBe('III');
    evaluate(log, false, 'III');
    log.push('level-changed', { direction: 'de-escalate', to: 'III', by: 'hq', approvedBy: 'hq', reason: '专家评估危害降低至II级标准以下' });
    expect(log.state.level).toBe('III');
    log.push('facts-updated', { facts: { deathsSameBatch: 0 } });
    evaluate(log, true, null);
    log.push('termination-proposed', { by: 'office', reason: '专家评估建议终止' });
    log.push('response-terminated', { by: 'hq', approvedBy: 'hq' });
    expect(log.state).toMatchObject({ state: 'terminated', level: null, terminatedBy: 'hq' });
    log.push('aftermath-started', { by: 'hq' });
    log.push('report-filed', report(plan, 'final'));
    // Items nobody ticked, of this stage or earlier ones, are named; closing anyway needs a written reason.
    const open = log.refuse('closed', { by: 'hq' });
    expect(open.body).toMatchObject({ code: 'conflict', rule: '县定', field: 'payload.reason' });
    expect(open.body.message).toContain('救治');
    expect(legalActions(plan, log.state).find((a) => a.event === 'closed')).toMatchObject({ allowed: true, requiresReason: true });
    log.push('closed', { by: 'hq', reason: '先期处置各项已由各单位另行办结，见值班记录' });
    expect(log.state.state).toBe('closed');
    expect(log.state.levelHistory.map((h) => h.level)).toEqual(['II', 'III', null]);
    // replay gives the same state
    expect(fold(plan, log.events)).toEqual(log.state);
  });
});

describe('starting a response (5.4, 6.2)', () => {
  it('needs an assessment on record (5.4)', () => {
    const log = new TestLog(plan);
    log.push('reported', { source: 's', summary: 's', facts: { ...Q, deathsSameBatch: 1 } });
    const e = log.refuse('response-started', { level: 'III', by: 'hq', approvedBy: 'county-gov' });
    // only from 事件评估 (the assessment, 5.4)
    expect(e.body).toMatchObject({ code: 'conflict', rule: '6.2', field: 'type' });
    expect(e.body.message).toContain('只能在：事件评估');
  });
  it('the assessed level must match the facts (5.4)', () => {
    const log = new TestLog(plan);
    log.push('reported', { source: 's', summary: 's', facts: { ...Q, deathsSameBatch: 1 } });
    expect(log.refuse('assessed', { level: 'IV', by: 'amr' }).body).toMatchObject({ code: 'conflict', rule: '5.4', field: 'payload.level' });
    expect(log.refuse('assessed', { level: 'III', by: 'health' }).body).toMatchObject({ code: 'forbidden', field: 'payload.by' });
    log.push('assessed', { level: 'III', by: 'amr' });
  });
  it('a level below the facts is refused (6.2)', () => {
    const log = assessing({ ...Q, deathsSameBatch: 2 });
    for (const level of ['III', 'IV']) {
      const e = log.refuse('response-started', { level, by: 'hq', approvedBy: 'county-gov' });
      expect(e.body).toMatchObject({ code: 'conflict', rule: '6.2' });
      expect(e.body.message).toContain('不得低于');
    }
  });
  it('a level above the facts needs a written reason (6.2 可直接提高相应启动级别)', () => {
    const log = assessing({ ...Q, deathsSameBatch: 2 });
    expect(log.refuse('response-started', { level: 'I', by: 'hq', approvedBy: 'county-gov' }).body).toMatchObject({ code: 'conflict', rule: '6.2', field: 'payload.reason' });
    expect(log.refuse('response-started', { level: 'I', by: 'hq', approvedBy: 'county-gov', reason: '   ' }).body.rule).toBe('6.2');
    log.push('response-started', { level: 'I', by: 'hq', approvedBy: 'county-gov', reason: '涉及学校，社会关注度极高' });
    expect(log.state.level).toBe('I');
  });
  it('at the facts level no reason is needed', () => {
    const log = assessing({ ...Q, deathsSameBatch: 2 });
    log.push('response-started', { level: 'II', by: 'county-gov', approvedBy: 'county-gov' });
    expect(log.state).toMatchObject({ level: 'II', startedBy: 'county-gov' });
  });
  it('who may start and who must approve', () => {
    const log = assessing({ ...Q, clusteredRareAE: 4 });
    expect(log.refuse('response-started', { level: 'IV', by: 'amr', approvedBy: 'county-gov' }).body).toMatchObject({ code: 'forbidden', field: 'payload.by', rule: '6.2' });
    expect(log.refuse('response-started', { level: 'IV', by: 'hq' }).body).toMatchObject({ code: 'forbidden', field: 'payload.approvedBy' });
    expect(log.refuse('response-started', { level: 'IV', by: 'hq', approvedBy: 'hq' }).body.code).toBe('forbidden');
  });
  it('not from the wrong state', () => {
    const log = new TestLog(plan);
    const e = log.refuse('response-started', { level: 'IV', by: 'hq', approvedBy: 'county-gov' });
    expect(e.body).toMatchObject({ code: 'conflict', field: 'type' });
    expect(e.body.message).toContain('监测');
  });
});

describe('changing the level (6.2 escalate, 6.4 de-escalate)', () => {
  it('escalation may skip levels; above the facts it needs a reason', () => {
    const log = responding({ ...Q, clusteredRareAE: 4 }, 'IV');
    const noReason = log.refuse('level-changed', { direction: 'escalate', to: 'I', by: 'hq', approvedBy: 'county-gov', reason: ' ' });
    expect(noReason.body).toMatchObject({ code: 'conflict', rule: '6.2' });
    log.push('level-changed', { direction: 'escalate', to: 'I', by: 'hq', approvedBy: 'county-gov', reason: '危害持续扩大蔓延，情况复杂难以控制' });
    expect(log.state.level).toBe('I');
  });
  it('escalation must go up and be approved', () => {
    const log = responding({ ...Q, deathsSameBatch: 2 }, 'II');
    expect(log.refuse('level-changed', { direction: 'escalate', to: 'II', by: 'hq', approvedBy: 'county-gov', reason: 'x' }).body).toMatchObject({ code: 'conflict', rule: '6.2' });
    expect(log.refuse('level-changed', { direction: 'escalate', to: 'III', by: 'hq', approvedBy: 'county-gov', reason: 'x' }).body).toMatchObject({ code: 'conflict', rule: '6.2' });
    expect(log.refuse('level-changed', { direction: 'escalate', to: 'I', by: 'hq', reason: 'x' }).body).toMatchObject({ code: 'forbidden', field: 'payload.approvedBy' });
  });
  it('escalation is needed when the facts rise above the response level', () => {
    const log = responding({ ...Q, clusteredRareAE: 4 }, 'IV');
    log.push('facts-updated', { facts: { deathsSameBatch: 2 } });
    expect(log.state.factsLevel).toBe('II');
    // escalating only to III would still be below the facts
    expect(log.refuse('level-changed', { direction: 'escalate', to: 'III', by: 'hq', approvedBy: 'county-gov', reason: 'x' }).body.message).toContain('不得低于');
    log.push('level-changed', { direction: 'escalate', to: 'II', by: 'hq', approvedBy: 'county-gov', reason: '新增死亡病例' });
  });
  it('de-escalation one level at a time, after an expert evaluation, once the facts are below the level', () => {
    const log = responding({ ...Q, clusteredRareAE: 4 }, 'I', 'hq', '社会影响极大');
    // no evaluation yet
    expect(log.refuse('level-changed', { direction: 'de-escalate', to: 'II', by: 'hq', approvedBy: 'hq', reason: 'x' }).body).toMatchObject({ code: 'conflict', rule: '6.4' });
    evaluate(log, false, 'IV');
    // two steps at once
    const two = log.refuse('level-changed', { direction: 'de-escalate', to: 'III', by: 'hq', approvedBy: 'hq', reason: 'x' });
    expect(two.body).toMatchObject({ code: 'conflict', rule: '6.4' });
    expect(two.body.message).toContain('逐级');
    log.push('level-changed', { direction: 'de-escalate', to: 'II', by: 'hq', approvedBy: 'hq', reason: '评估危害降低' });
    // the evaluation is now stale (it preceded the change)
    expect(log.refuse('level-changed', { direction: 'de-escalate', to: 'III', by: 'hq', approvedBy: 'hq', reason: 'x' }).body.message).toContain('专家评估');
    evaluate(log, false, 'IV');
    log.push('level-changed', { direction: 'de-escalate', to: 'III', by: 'hq', approvedBy: 'hq', reason: '评估危害继续降低' });
    evaluate(log, false, 'IV');
    log.push('level-changed', { direction: 'de-escalate', to: 'IV', by: 'hq', approvedBy: 'hq', reason: '评估' });
    // the facts are IV: no lower level than IV exists; IV ends by termination
    evaluate(log, false);
    const below = log.refuse('level-changed', { direction: 'de-escalate', to: 'IV', by: 'hq', approvedBy: 'hq', reason: 'x' });
    expect(below.body.rule).toBe('6.4');
  });
  it('de-escalation refused while the facts still reach the current level (6.4)', () => {
    const log = responding({ ...Q, deathsSameBatch: 2 }, 'II');
    evaluate(log, false);
    const e = log.refuse('level-changed', { direction: 'de-escalate', to: 'III', by: 'hq', approvedBy: 'hq', reason: 'x' });
    expect(e.body).toMatchObject({ code: 'conflict', rule: '6.4' });
    expect(e.body.message).toContain('原级别标准以下');
  });
  it('an evaluation that still finds a higher level blocks de-escalation', () => {
    const log = responding({ ...Q, deathsSameBatch: 2 }, 'II');
    log.push('facts-updated', { facts: { deathsSameBatch: 1 } });
    evaluate(log, false, 'II');
    expect(log.refuse('level-changed', { direction: 'de-escalate', to: 'III', by: 'hq', approvedBy: 'hq', reason: 'x' }).body.rule).toBe('6.4');
  });
});

describe('termination (6.4): expert evaluation, office proposal, HQ approval, 谁启动谁终止', () => {
  it('needs the evaluation, then the proposal', () => {
    const log = responding({ ...Q, clusteredRareAE: 4 }, 'IV', 'county-gov');
    expect(log.refuse('termination-proposed', { by: 'office', reason: 'x' }).body).toMatchObject({ code: 'conflict', rule: '6.4' });
    expect(log.refuse('response-terminated', { by: 'county-gov', approvedBy: 'hq' }).body).toMatchObject({ code: 'conflict', rule: '6.4' });
    evaluate(log, false);
    // an evaluation that does not recommend termination is not enough
    expect(log.refuse('termination-proposed', { by: 'office', reason: 'x' }).body.rule).toBe('6.4');
    evaluate(log, true);
    expect(log.refuse('response-terminated', { by: 'county-gov', approvedBy: 'hq' }).body.message).toContain('终止应急响应的建议');
    expect(log.refuse('termination-proposed', { by: 'hq', reason: 'x' }).body).toMatchObject({ code: 'forbidden', field: 'payload.by' });
    log.push('termination-proposed', { by: 'office', reason: '专家建议终止' });
    // only the body that started it ends it
    const other = log.refuse('response-terminated', { by: 'hq', approvedBy: 'hq' });
    expect(other.body).toMatchObject({ code: 'forbidden', rule: '6.4', field: 'payload.by' });
    expect(other.body.message).toContain('谁启动谁终止');
    expect(other.body.message).toContain('县人民政府');
    // HQ must approve
    expect(log.refuse('response-terminated', { by: 'county-gov', approvedBy: 'county-gov' }).body).toMatchObject({ code: 'forbidden', field: 'payload.approvedBy' });
    log.push('response-terminated', { by: 'county-gov', approvedBy: 'hq' });
    expect(log.state.state).toBe('terminated');
  });
  it('a proposal made before a later evaluation does not count', () => {
    const log = responding({ ...Q, clusteredRareAE: 4 }, 'IV');
    evaluate(log, true);
    log.push('termination-proposed', { by: 'office', reason: 'x' });
    evaluate(log, true);
    expect(log.refuse('response-terminated', { by: 'hq', approvedBy: 'hq' }).body.rule).toBe('6.4');
  });
});

describe('dismissal (5.4), closing (5.2), reports (5.1–5.3), checklists, corrections', () => {
  it('dismissed only when the facts reach no level, after the assessment', () => {
    const graded = assessing({ ...Q, clusteredRareAE: 4 });
    expect(graded.refuse('dismissed', { by: 'amr', reason: '非疫苗质量问题' }).body).toMatchObject({ code: 'conflict', rule: '5.4' });
    const log = assessing({ clusteredRareAE: 4 }); // not suspected quality-related
    log.push('dismissed', { by: 'amr', reason: '偶合症，与疫苗质量无关' });
    expect(log.state.state).toBe('dismissed');
    // a dismissed incident still owes its first report, and takes notes
    log.push('report-filed', report(plan, 'first'));
    log.push('note', { text: '已归档' });
    expect(log.refuse('facts-updated', { facts: {} }).body.code).toBe('conflict');
  });
  it('closing needs the final report; the final report only after termination', () => {
    const log = responding({ ...Q, clusteredRareAE: 4 }, 'IV');
    const early = log.refuse('report-filed', report(plan, 'final'));
    expect(early.body).toMatchObject({ code: 'conflict', rule: '5.2' });
    evaluate(log, true);
    log.push('termination-proposed', { by: 'office', reason: 'x' });
    log.push('response-terminated', { by: 'hq', approvedBy: 'hq' });
    log.push('aftermath-started', { by: 'hq' });
    expect(log.refuse('closed', { by: 'hq' }).body).toMatchObject({ code: 'conflict', rule: '5.2' });
    // a final report must be written (5.3), with every item of 5.2
    expect(log.refuse('report-filed', report(plan, 'final', { channel: 'phone' })).body).toMatchObject({ code: 'conflict', field: 'payload.channel' });
    const f = report(plan, 'final');
    delete (f.fields as Record<string, string>).lessons;
    expect(log.refuse('report-filed', f).body).toMatchObject({ code: 'invalid-input', field: 'payload.fields.lessons' });
    log.push('report-filed', report(plan, 'final'));
    log.push('closed', { by: 'hq', reason: '处置事项已线下办结' });
    expect(log.state.state).toBe('closed');
    expect(log.refuse('facts-updated', { facts: { clusteredRareAE: 9 } }).body.code).toBe('conflict');
    expect(log.refuse('report-filed', report(plan, 'progress')).body.code).toBe('conflict');
  });
  it('report rules: known kind/channel/fields, classified only by the confidential channel, corrections are new reports', () => {
    const log = assessing({ ...Q, clusteredRareAE: 4 });
    expect(log.refuse('report-filed', report(plan, 'weekly')).body).toMatchObject({ code: 'invalid-input', field: 'payload.kind' });
    expect(log.refuse('report-filed', report(plan, 'first', { channel: 'pigeon' })).body).toMatchObject({ code: 'invalid-input', field: 'payload.channel' });
    expect(log.refuse('report-filed', report(plan, 'first', { fields: { ...report(plan, 'first').fields, colour: 'x' } })).body).toMatchObject({ field: 'payload.fields.colour' });
    expect(log.refuse('report-filed', report(plan, 'first', { classification: { level: '秘密', period: '10年' } })).body).toMatchObject({ code: 'conflict', rule: '5.1' });
    // a phone report may be incomplete (5.3: 先电话口头报告，再补报文字报告)
    log.push('report-filed', report(plan, 'first', { channel: 'phone', fields: { eventName: '疑似疫苗不良反应' } }));
    const phoneSeq = log.state.lastSeq;
    log.push('report-filed', report(plan, 'first', { channel: 'confidential', classification: { level: '秘密', period: '10年' }, correctsReportSeq: phoneSeq }));
    expect(log.state.reports.map((r) => [r.kind, r.written, r.correctsReportSeq])).toEqual([
      ['first', false, undefined],
      ['first', true, phoneSeq],
    ]);
    expect(log.refuse('report-filed', report(plan, 'progress', { correctsReportSeq: 1 })).body).toMatchObject({ code: 'conflict', rule: '5.1' });
    // a report is corrected by a new report, never by a correction event (5.1)
    expect(log.refuse('correction', { correctsSeq: phoneSeq, text: '更正' }).body).toMatchObject({ code: 'conflict', rule: '5.1' });
    expect(log.refuse('correction', { correctsSeq: 99, text: '更正' }).body.code).toBe('conflict');
    log.push('correction', { correctsSeq: 1, text: '更正接报时的人数', facts: { clusteredRareAE: 5 } });
    expect(log.state.facts.clusteredRareAE).toBe(5);
  });
  it('checklist items: known, once', () => {
    const log = assessing({ ...Q, clusteredRareAE: 4 });
    log.push('checklist-item-done', { itemId: 'seal-vaccine', by: '王科长', unit: 'amr' });
    expect(log.refuse('checklist-item-done', { itemId: 'seal-vaccine', by: '王科长', unit: 'amr' }).body.code).toBe('conflict');
    expect(log.refuse('checklist-item-done', { itemId: 'nope', by: 'x', unit: 'amr' }).body).toMatchObject({ code: 'invalid-input', field: 'payload.itemId' });
    expect(log.refuse('checklist-item-done', { itemId: 'treat-harmed', by: 'x', unit: 'moon' }).body).toMatchObject({ code: 'invalid-input', field: 'payload.unit' });
  });
  it('bad facts, bad payloads, out-of-order seq and future times are refused and change nothing', () => {
    const log = assessing({ ...Q, clusteredRareAE: 4 });
    const before = log.state;
    expect(log.refuse('facts-updated', { facts: { clusteredRareAE: -2 } }).body).toMatchObject({ code: 'invalid-input', field: 'payload.facts.clusteredRareAE', rule: 'integer>=0' });
    expect(log.refuse('facts-updated', { facts: { qualitative: 'serious' } }).body).toMatchObject({ field: 'payload.facts.qualitativeReason', rule: 'reason-required' });
    expect(log.refuse('facts-updated', { facts: {}, extra: 1 }).body).toMatchObject({ code: 'invalid-input', field: 'payload.extra' });
    const e = log.event('note', { text: 'x' });
    expect(() => fold(plan, [...log.events, { ...e, seq: e.seq + 1 }])).toThrow(/seq/);
    const future = { ...log.event('note', { text: 'x' }), occurredAt: '2099-01-01T00:00:00.000Z' };
    expect(() => fold(plan, [...log.events, future])).toThrow(/occurredAt/);
    expect(log.state).toBe(before);
  });
  it('a state of another plan is refused', () => {
    const log = new TestLog(drugPlan);
    log.push('reported', { source: 's', summary: 's' });
    const e = log.event('note', { text: 'x' });
    expect(() => applyEvent(plan, log.state, e)).toThrow(/drug/);
  });
});

describe('legalActions: allowed / refused with reason and clause', () => {
  const find = (acts: ReturnType<typeof legalActions>, id: string) => acts.find((a) => a.id === id)!;

  it('in assessing with facts at II', () => {
    const log = assessing({ ...Q, deathsSameBatch: 2 });
    const acts = legalActions(plan, log.state, new Date());
    expect(find(acts, 'start-response:I')).toMatchObject({ allowed: true, requiresReason: true });
    expect(find(acts, 'start-response:II')).toMatchObject({ allowed: true, requiresReason: false, triggeredBy: ['hq', 'county-gov'], approvedBy: ['county-gov'] });
    expect(find(acts, 'start-response:III')).toMatchObject({ allowed: false, clause: '6.2' });
    expect(find(acts, 'start-response:IV').reason).toContain('不得低于');
    expect(find(acts, 'dismiss')).toMatchObject({ allowed: false, clause: '5.4' });
    expect(find(acts, 'terminate')).toMatchObject({ allowed: false });
    expect(find(acts, 'terminate').reason).toContain('应急响应');
  });

  it('in a response at II', () => {
    const log = responding({ ...Q, deathsSameBatch: 2 }, 'II', 'county-gov');
    let acts = legalActions(plan, log.state, new Date());
    expect(find(acts, 'escalate:I')).toMatchObject({ allowed: true, requiresReason: true });
    expect(acts.some((a) => a.id === 'escalate:III')).toBe(false);
    expect(find(acts, 'de-escalate:III')).toMatchObject({ allowed: false, clause: '6.4' });
    expect(find(acts, 'de-escalate:IV')).toMatchObject({ allowed: false, clause: '6.4' });
    expect(find(acts, 'de-escalate:IV').reason).toContain('逐级');
    expect(find(acts, 'terminate')).toMatchObject({ allowed: false, clause: '6.4', mustBeBy: 'county-gov' });
    expect(find(acts, 'file-final-report:final')).toMatchObject({ allowed: false });
    log.push('facts-updated', { facts: { deathsSameBatch: 0 } });
    evaluate(log, true);
    log.push('termination-proposed', { by: 'office', reason: 'x' });
    acts = legalActions(plan, log.state, new Date());
    expect(find(acts, 'terminate')).toMatchObject({ allowed: true, mustBeBy: 'county-gov', approvedBy: ['hq'] });
    expect(find(acts, 'de-escalate:III')).toMatchObject({ allowed: true });
  });

  // Consistency over many states: an action marked allowed is accepted by apply with a payload built from the
  // action; an action marked refused is refused by apply with the same clause.
  it('agrees with apply for every action in every state of several scenarios', () => {
    const scenarios: TestLog[] = [];
    scenarios.push(new TestLog(plan));
    const rep = new TestLog(plan);
    rep.push('reported', { source: 's', summary: 's', facts: { ...Q, deathsSameBatch: 1 } });
    scenarios.push(rep);
    scenarios.push(assessing({ ...Q, deathsSameBatch: 2 }), assessing({}), responding({ ...Q, deathsSameBatch: 2 }, 'II'));
    const ev = responding({ ...Q, clusteredRareAE: 4 }, 'II', 'county-gov', '理由');
    evaluate(ev, true, null);
    scenarios.push(ev);
    const pr = responding({ clusteredRareAE: 0 }, 'III', 'hq', '理由');
    evaluate(pr, true, null);
    pr.push('termination-proposed', { by: 'office', reason: 'x' });
    scenarios.push(pr);
    const te = responding({}, 'IV', 'hq', '理由');
    evaluate(te, true);
    te.push('termination-proposed', { by: 'office', reason: 'x' });
    te.push('response-terminated', { by: 'hq', approvedBy: 'hq' });
    scenarios.push(te);
    let checked = 0;
    let allowedSeen = 0;
    let refusedSeen = 0;
    for (const log of scenarios) {
      for (const a of legalActions(plan, log.state, new Date())) {
        const by = a.mustBeBy ?? a.triggeredBy[0] ?? 'hq';
        const approvedBy = a.approvedBy[0];
        const base: Record<string, unknown> = { by, ...(approvedBy ? { approvedBy } : {}) };
        const payloads: Record<string, Record<string, unknown>> = {
          'warning-issued': { by, summary: 's' },
          reported: { source: 's', summary: 's' },
          'facts-updated': { facts: {} },
          assessed: { level: a.params.level ?? null, by },
          'response-started': { ...base, level: a.params.level, ...(a.requiresReason ? { reason: '理由' } : {}) },
          'level-changed': { ...base, direction: a.params.direction, to: a.params.to, reason: '理由' },
          'expert-evaluation-recorded': { by, experts: ['专家'], conclusion: 'c', recommendsTermination: true },
          'termination-proposed': { by, reason: 'r' },
          'response-terminated': base,
          'aftermath-started': { by },
          'report-filed': report(plan, a.params.kind!),
          'checklist-item-done': { itemId: 'treat-harmed', by: 'x', unit: 'health' },
          note: { text: 'n' },
          correction: { correctsSeq: 1, text: 't' },
          dismissed: { by, reason: 'r' },
          closed: { by },
        };
        const payload = payloads[a.event]!;
        if (a.event === 'correction' && log.state.lastSeq === 0) continue; // nothing to correct yet
        if (a.event === 'checklist-item-done' && log.state.checklistDone['treat-harmed']) continue;
        let err: { body: { rule?: string } } | null = null;
        try {
          log.event(a.event, payload); // advance nothing: build only
          apply(a.event, payload);
        } catch (e) {
          err = e as { body: { rule?: string } };
        }
        function apply(type: string, p: unknown) {
          const e = { ...log.event(type as never, p), seq: log.state.lastSeq + 1 };
          return fold(plan, [...log.events, e]);
        }
        if (a.allowed) {
          expect(err, `${a.id} allowed but refused: ${JSON.stringify(err?.body)}`).toBeNull();
          allowedSeen++;
        } else if (!err) {
          // refused as this transition, but the same event is allowed through another transition of this state
          const acts = legalActions(plan, log.state, new Date());
          const other = acts.find((b) => b.allowed && b.event === a.event && b.transition !== a.transition && JSON.stringify(b.params) === JSON.stringify(a.params));
          expect(other, `${a.id} refused by legalActions but apply accepted it`).toBeDefined();
        } else {
          if (err!.body.rule && a.reason && !a.reason.startsWith('当前状态')) expect(err!.body.rule).toBe(a.clause);
          refusedSeen++;
        }
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(200);
    expect(allowedSeen).toBeGreaterThan(30);
    expect(refusedSeen).toBeGreaterThan(100);
  });
});
