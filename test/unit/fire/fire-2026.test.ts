// 《森林草原防灭火条例》（国务院令第822号）, in force from 2026-01-01: forest-fire@2026.1 and grassland-fire@2026.1.
// Every threshold of 第四十五条 on both sides ("以上"含本数, "以下"不含本数), 第四十七条 (not counted as a fire),
// 第三十五条 (1)–(5), the 24-hour prompt of 35(5), and the life-cycle rules of 第四十三条 / 第三十四条 / 第四十六条.
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/api/errors';
import { classify, incidentView, legalActions, timers, type Plan } from '../../../shared/engine';
import { burningTimer, burningTimerDef, classifyFire, reportUpItems } from '../../../shared/fire/incident';
import { forestFire2026Plan as forest, forestFirePlan as forest2008, grasslandFire2026Plan as grassland } from '../../../shared/plans';
import { fullFields, TestLog } from '../engine/helpers';

const level = (plan: Plan, facts: Record<string, unknown>) => classify(plan, facts).level;
const upFlags = (plan: Plan, facts: Record<string, unknown>) => classify(plan, facts).reportUpFlags;

function refusal(plan: Plan, facts: Record<string, unknown>): AppError {
  try {
    classify(plan, facts);
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return e as AppError;
  }
  throw new Error(`expected ${JSON.stringify(facts)} to be refused`);
}

describe('the 2026 versions', () => {
  it('are forest-fire@2026.1 and grassland-fire@2026.1, in force from 2026-01-01, on the basis of 国务院令第822号', () => {
    for (const p of [forest, grassland]) {
      expect(p.version).toBe('2026.1');
      expect(p.effectiveFrom).toBe('2026-01-01');
      expect(p.effectiveUntil).toBeUndefined();
      expect(p.basis[0]).toMatchObject({ number: '国务院令第822号', effectiveFrom: '2026-01-01' });
      expect(p.basis[0]!.articles).toEqual(expect.arrayContaining(['第三十四条', '第三十五条', '第四十三条', '第四十五条', '第四十六条', '第四十七条']));
      expect(p.presentation).toMatchObject({ screen: 'fire', intake: true });
      expect(p.notGradedClause).toBe('第四十七条');
    }
    expect(forest.id).toBe('forest-fire');
    expect(grassland.id).toBe('grassland-fire');
  });

  it('report-up items are 第三十五条 (1)–(5), with no 第三十二条 left and the 24-hour mark not among them', () => {
    for (const p of [forest, grassland]) {
      expect(reportUpItems(p).map((i) => i.clause)).toEqual(['35(1)', '35(2)', '35(3)', '35(4)', '35(5)']);
      expect(p.flags.some((f) => f.clause.startsWith('32('))).toBe(false);
      expect(p.timers.find((t) => t.id === 'burning24h')).toMatchObject({ clause: '35(5)', prompt: true, flag: false, reportUp: false });
    }
  });
});

describe('第四十五条 forest grading (受害森林面积), both sides of every threshold', () => {
  it.each([
    [0.066, null],
    [0.067, 'IV'],
    [9.99, 'IV'],
    [10, 'III'],
    [99.9, 'III'],
    [100, 'II'],
    [999.9, 'II'],
    [1000, 'I'],
  ])('burnedForestHa %s → %s', (ha, lvl) => expect(level(forest, { burnedForestHa: ha })).toBe(lvl));

  it('5 ha is 一般森林火灾 under 第四十五条 (it was 较大 under the 2008 第四十条)', () => {
    const r = classify(forest, { burnedForestHa: 5 });
    expect(r).toMatchObject({ plan: 'forest-fire', planVersion: '2026.1', effectiveFrom: '2026-01-01', level: 'IV', levelName: '一般森林火灾', counted: true, notGraded: null });
    expect(r.criteria).toEqual([expect.objectContaining({ clause: '第四十五条', level: 'IV', fact: 'burnedForestHa', value: 5 })]);
    expect(classify(forest2008, { burnedForestHa: 5 }).level).toBe('III');
  });
});

describe('第四十五条 grassland grading (受害草原面积), both sides of every threshold', () => {
  it.each([
    [9.9, null],
    [10, 'IV'],
    [999, 'IV'],
    [1000, 'III'],
    [4999, 'III'],
    [5000, 'II'],
    [7999, 'II'],
    [8000, 'I'],
  ])('damagedGrasslandHa %s → %s', (ha, lvl) => expect(level(grassland, { damagedGrasslandHa: ha })).toBe(lvl));

  it('names the grassland levels and refuses the forest facts', () => {
    expect(classify(grassland, { damagedGrasslandHa: 1000 })).toMatchObject({ plan: 'grassland-fire', level: 'III', levelName: '较大草原火灾' });
    expect(refusal(grassland, { burnedForestHa: 1 }).body).toMatchObject({ code: 'invalid-input', field: 'burnedForestHa', rule: 'known-fact' });
  });
});

describe('第四十五条 casualty bands (the same for forest and grassland)', () => {
  for (const plan of [forest, grassland]) {
    it.each([
      [0, null],
      [1, 'IV'],
      [2, 'IV'],
      [3, 'III'],
      [9, 'III'],
      [10, 'II'],
      [29, 'II'],
      [30, 'I'],
    ])(`${plan.id}: %s deaths → %s`, (n, lvl) => expect(level(plan, { deaths: n })).toBe(lvl));
    it.each([
      [0, null],
      [1, 'IV'],
      [9, 'IV'],
      [10, 'III'],
      [49, 'III'],
      [50, 'II'],
      [99, 'II'],
      [100, 'I'],
    ])(`${plan.id}: %s serious injuries → %s`, (n, lvl) => expect(level(plan, { seriousInjuries: n })).toBe(lvl));
  }

  it('the highest criterion wins; every fired criterion is listed', () => {
    const r = classify(forest, { burnedForestHa: 5, deaths: 12, seriousInjuries: 10 });
    expect(r.level).toBe('II');
    expect(r.criteria.map((c) => `${c.fact}:${c.level}`)).toEqual(['deaths:II', 'seriousInjuries:III', 'burnedForestHa:IV']);
  });
});

describe('第四十七条: not counted as a fire', () => {
  it('0.05 ha with no death or serious injury: no level, counted false, notGraded citing 第四十七条', () => {
    const r = classify(forest, { burnedForestHa: 0.05 });
    expect(r).toMatchObject({ level: null, levelName: null, counted: false, criteria: [], reportUpFlags: [] });
    expect(r.notGraded).toMatchObject({ clause: '第四十七条' });
    expect(r.notGraded!.text).toContain('不统计为森林火灾');
    // the nearest threshold is still named (0.067 ha → IV)
    expect(r.nearest).toMatchObject({ fact: 'burnedForestHa', threshold: 0.067, wouldBe: 'IV', clause: '第四十五条' });
  });

  it('a fire on other forest land that damaged no trees, alone: not counted', () => {
    const r = classify(forest, { otherForestLandFire: true });
    expect(r).toMatchObject({ level: null, counted: false, notGraded: { clause: '第四十七条' } });
  });

  it('1 death (or 1 serious injury) with 0.05 ha: counted, 一般 (IV)', () => {
    expect(classify(forest, { burnedForestHa: 0.05, deaths: 1 })).toMatchObject({ level: 'IV', counted: true, notGraded: null });
    expect(classify(forest, { burnedForestHa: 0.05, seriousInjuries: 1 })).toMatchObject({ level: 'IV', counted: true });
    expect(classify(forest, { otherForestLandFire: true, deaths: 1 })).toMatchObject({ level: 'IV', counted: true });
  });

  it('grassland below 10 ha: not counted, citing 第四十七条', () => {
    const r = classify(grassland, { damagedGrasslandHa: 9.9 });
    expect(r).toMatchObject({ level: null, counted: false, notGraded: { clause: '第四十七条' } });
    expect(r.notGraded!.text).toContain('不统计为草原火灾');
  });

  it('classifyFire returns the classification, or null on bad facts', () => {
    expect(classifyFire(forest, { burnedForestHa: 0.05 })).toMatchObject({ counted: false, level: null });
    expect(classifyFire(forest, { burnedForestHa: -0.05 })).toBeNull();
  });
});

describe('第三十五条 report-up items, both sides', () => {
  it('35(1) over-burned forest area above 100 ha: 100 no, 100.01 yes', () => {
    expect(upFlags(forest, { burnedForestHa: 50, overburnedForestHa: 100 })).toEqual([]);
    expect(upFlags(forest, { burnedForestHa: 50, overburnedForestHa: 100.01 })).toEqual(['35(1)']);
  });

  it('35(1) with the over-burned area absent: the damaged area counts (100 no, 101 yes)', () => {
    expect(upFlags(forest, { burnedForestHa: 100 })).toEqual([]);
    expect(classify(forest, { burnedForestHa: 101 })).toMatchObject({ level: 'II', reportUpFlags: ['35(1)'] });
  });

  it('the over-burned area may not be below the damaged area (rule at-least)', () => {
    const e = refusal(forest, { burnedForestHa: 60, overburnedForestHa: 59.9 });
    expect(e.body).toMatchObject({ code: 'invalid-input', field: 'overburnedForestHa', rule: 'at-least:burnedForestHa' });
    expect(classify(forest, { burnedForestHa: 60, overburnedForestHa: 60 }).level).toBe('III');
  });

  it('the over-burned area does not grade: 0.05 ha damaged with 200 ha over-burned is not counted, but must be reported up', () => {
    expect(classify(forest, { burnedForestHa: 0.05, overburnedForestHa: 200 })).toMatchObject({ level: null, counted: false, reportUpFlags: ['35(1)'] });
  });

  it('35(2) 3 or more deaths (2 no, 3 yes) or 10 or more serious injuries (9 no, 10 yes)', () => {
    expect(upFlags(forest, { deaths: 2 })).toEqual([]);
    expect(upFlags(forest, { deaths: 3 })).toEqual(['35(2)']);
    expect(upFlags(forest, { seriousInjuries: 9 })).toEqual([]);
    expect(upFlags(forest, { seriousInjuries: 10 })).toEqual(['35(2)']);
  });

  it('35(3) threatens residential areas or important facilities', () => {
    expect(upFlags(forest, { burnedForestHa: 1, threatensResidentialOrKeyFacilities: false })).toEqual([]);
    expect(upFlags(forest, { burnedForestHa: 1, threatensResidentialOrKeyFacilities: true })).toEqual(['35(3)']);
  });

  it('35(4) within 5 km of the border AND threatening resources: 5 km + threat yes, 5.1 km no, 5 km without threat no', () => {
    expect(upFlags(forest, { burnedForestHa: 1, borderDistanceKm: 5, borderResourceThreat: true })).toEqual(['35(4)']);
    expect(upFlags(forest, { burnedForestHa: 1, borderDistanceKm: 0, borderResourceThreat: true })).toEqual(['35(4)']);
    expect(upFlags(forest, { burnedForestHa: 1, borderDistanceKm: 5.1, borderResourceThreat: true })).toEqual([]);
    expect(upFlags(forest, { burnedForestHa: 1, borderDistanceKm: 5, borderResourceThreat: false })).toEqual([]);
    // the distance is unknown until entered (not 0 = at the border)
    expect(classify(forest, { burnedForestHa: 1, borderResourceThreat: true }).reportUpFlags).toEqual([]);
  });

  it('35(5) judged to need reporting: needs its written reason (field judgedReportUpReason)', () => {
    for (const facts of [{ judgedReportUp: true }, { judgedReportUp: true, judgedReportUpReason: '  ' }]) {
      expect(refusal(forest, facts).body).toMatchObject({ code: 'invalid-input', field: 'judgedReportUpReason', rule: 'reason-required' });
    }
    expect(upFlags(forest, { burnedForestHa: 1, judgedReportUp: true, judgedReportUpReason: '风大，火势向林区蔓延' })).toEqual(['35(5)']);
    expect(upFlags(forest, { burnedForestHa: 1, judgedReportUp: false })).toEqual([]);
  });

  it('all five together, in clause order', () => {
    expect(
      upFlags(forest, {
        burnedForestHa: 150,
        overburnedForestHa: 300,
        deaths: 3,
        threatensResidentialOrKeyFacilities: true,
        borderDistanceKm: 2,
        borderResourceThreat: true,
        judgedReportUp: true,
        judgedReportUpReason: '研判需上报',
      }),
    ).toEqual(['35(1)', '35(2)', '35(3)', '35(4)', '35(5)']);
  });

  it('the 2008 facts are gone (burningHours, nearNationalBorder, virginForest…)', () => {
    for (const name of ['burningHours', 'nearNationalBorder', 'virginForest', 'provincialBorderDangerous', 'needsStateSupport']) {
      expect(refusal(forest, { [name]: true }).body).toMatchObject({ code: 'invalid-input', field: name, rule: 'known-fact' });
    }
  });

  it('bad facts name the field: negative, wrong type, a fractional count', () => {
    expect(refusal(forest, { burnedForestHa: -1 }).body.field).toBe('burnedForestHa');
    expect(refusal(forest, { overburnedForestHa: '3' }).body.field).toBe('overburnedForestHa');
    expect(refusal(forest, { borderDistanceKm: -0.1 }).body.field).toBe('borderDistanceKm');
    expect(refusal(forest, { deaths: 1.5 }).body.field).toBe('deaths');
    expect(refusal(forest, { judgedReportUp: 'yes' }).body.field).toBe('judgedReportUp');
  });

  it('grassland 35(1): over-burned above 5000 ha (5000 no, 5000.01 yes; damaged 5001 with over-burned absent yes)', () => {
    expect(upFlags(grassland, { damagedGrasslandHa: 100, overburnedGrasslandHa: 5000 })).toEqual([]);
    expect(upFlags(grassland, { damagedGrasslandHa: 100, overburnedGrasslandHa: 5000.01 })).toEqual(['35(1)']);
    expect(upFlags(grassland, { damagedGrasslandHa: 5000 })).toEqual([]);
    expect(upFlags(grassland, { damagedGrasslandHa: 5001 })).toEqual(['35(1)']);
    expect(refusal(grassland, { damagedGrasslandHa: 20, overburnedGrasslandHa: 19 }).body).toMatchObject({ field: 'overburnedGrasslandHa', rule: 'at-least:damagedGrasslandHa' });
  });

  it('grassland 35(2)–(5) as for forest', () => {
    expect(upFlags(grassland, { deaths: 3 })).toEqual(['35(2)']);
    expect(upFlags(grassland, { threatensResidentialOrKeyFacilities: true })).toEqual(['35(3)']);
    expect(upFlags(grassland, { borderDistanceKm: 5, borderResourceThreat: true })).toEqual(['35(4)']);
    expect(upFlags(grassland, { borderDistanceKm: 5.1, borderResourceThreat: true })).toEqual([]);
    expect(refusal(grassland, { judgedReportUp: true }).body).toMatchObject({ field: 'judgedReportUpReason' });
  });
});

// A fire that started at 2026-04-05 02:00 (Asia/Shanghai) and was reported at 02:40.
const START = '2026-04-04T18:00:00.000Z';
const AT_24H = '2026-04-05T18:00:00.000Z';
const JUST_BEFORE = '2026-04-05T17:59:00.000Z'; // 23 h 59 min

function reportedFire(plan: Plan): TestLog {
  const log = new TestLog(plan, '2026-04-04T18:40:00.000Z');
  const areaFact = plan.id === 'grassland-fire' ? 'damagedGrasslandHa' : 'burnedForestHa';
  log.push('reported', { source: '护林员电话', summary: '卦山北坡冒烟', incidentStartedAt: START, place: '卦山北坡', facts: { [areaFact]: 12 } });
  log.push('transition', { transition: 'firstAttack', by: 'township' });
  return log;
}

describe('24 hours after the start, still burning: a prompt to decide under 35(5) in 2026, a flag 32(5) in 2008', () => {
  for (const plan of [forest, grassland]) {
    it(`${plan.id}@2026.1: warning prompt:burning24h at 24 h, not at 23 h 59; never a flag`, () => {
      const log = reportedFire(plan);
      const before = incidentView(plan, log.state, new Date(JUST_BEFORE));
      expect(before.warnings.map((w) => w.id)).not.toContain('prompt:burning24h');
      const at = incidentView(plan, log.state, new Date(AT_24H));
      expect(at.warnings.find((w) => w.id === 'prompt:burning24h')).toMatchObject({ clause: '35(5)' });
      expect(at.timers.find((t) => t.id === 'burning24h')).toMatchObject({ status: 'elapsed', startsAt: START, dueAt: AT_24H });
      const late = incidentView(plan, log.state, new Date('2026-04-07T00:00:00Z'));
      for (const v of [before, at, late]) {
        expect(v.flags.map((f) => f.id)).not.toContain('burning24h');
        expect(v.flags.map((f) => f.clause)).not.toContain('35(5)');
        expect(v.grade.flags.map((f) => f.clause)).not.toContain('35(5)');
      }
      // The decision is recorded as the 35(5) fact (with its reason): then it is a report-up flag.
      log.push('facts-updated', { facts: { judgedReportUp: true, judgedReportUpReason: '燃烧超过24小时，研判需立即上报' } });
      expect(incidentView(plan, log.state, new Date(AT_24H)).flags.map((f) => f.clause)).toContain('35(5)');
    });

    it(`${plan.id}@2026.1: the prompt stops once the open fire is out`, () => {
      const log = reportedFire(plan);
      log.push('transition', { transition: 'extinguish' }, '2026-04-05T06:00:00.000Z');
      const v = incidentView(plan, log.state, new Date('2026-04-06T00:00:00Z'));
      expect(v.timers.find((t) => t.id === 'burning24h')!.status).toBe('stopped');
      expect(v.warnings.map((w) => w.id)).not.toContain('prompt:burning24h');
    });
  }

  it('burningTimer on the 2026 definition is a prompt with clause 35(5); on the 2008 one a flag with 32(5)', () => {
    const def = burningTimerDef(forest)!;
    expect(burningTimer(def, START, new Date(JUST_BEFORE))).toMatchObject({ clause: '35(5)', mode: 'prompt', elapsed: false, raised: false, dueAt: AT_24H });
    expect(burningTimer(def, START, new Date(AT_24H))).toMatchObject({ mode: 'prompt', elapsed: true, raised: true });
    expect(burningTimer(burningTimerDef(forest2008)!, START, new Date(AT_24H))).toMatchObject({ clause: '32(5)', mode: 'flag', raised: true });
  });

  it('forest-fire@2024.1 (2008 rules): the same clock raises flag 32(5) at 24 h, not at 23 h 59, and no prompt', () => {
    const log = reportedFire(forest2008);
    expect(incidentView(forest2008, log.state, new Date(JUST_BEFORE)).flags.map((f) => f.clause)).not.toContain('32(5)');
    const v = incidentView(forest2008, log.state, new Date(AT_24H));
    expect(v.flags.find((f) => f.id === 'burning24h')).toMatchObject({ clause: '32(5)', reportUp: true });
    expect(v.warnings.map((w) => w.id)).not.toContain('prompt:burning24h');
    expect(timers(forest2008, log.state, new Date(AT_24H))[0]!.status).toBe('elapsed');
  });
});

/** Through extinguish → guard. */
function guardedFire(plan: Plan): TestLog {
  const log = reportedFire(plan);
  log.push('transition', { transition: 'extinguish' });
  log.push('transition', { transition: 'guard' });
  return log;
}

const fireReport = (plan: Plan, kind: string, channel = 'fax') => ({
  kind,
  by: 'office',
  recipients: plan.obligations.find((o) => o.kind === kind)!.recipients,
  channel,
  fields: fullFields(plan, kind),
});

describe('life cycle 2026', () => {
  for (const plan of [forest, grassland]) {
    it(`${plan.id}: guards withdraw only after the fire ground is inspected and accepted (第四十三条)`, () => {
      const log = guardedFire(plan);
      expect(log.state.state).toBe('guarded');
      const e = log.refuse('transition', { transition: 'withdraw' });
      expect(e.body).toMatchObject({ code: 'conflict', rule: '第四十三条' });
      expect(e.body.message).toContain('检查验收');
      expect(legalActions(plan, log.state).find((a) => a.id === 'withdraw')).toMatchObject({ allowed: false, clause: '第四十三条' });
      // mopping up is not the acceptance
      log.push('checklist-item-done', { itemId: 'mopUp', by: '乡镇', unit: 'township' });
      expect(log.refuse('transition', { transition: 'withdraw' }).body.rule).toBe('第四十三条');
      log.push('checklist-item-done', { itemId: 'fireGroundAccepted', by: '指挥部', unit: 'hq' });
      expect(legalActions(plan, log.state).find((a) => a.id === 'withdraw')).toMatchObject({ allowed: true });
      log.push('transition', { transition: 'withdraw' });
      expect(log.state.state).toBe('withdrawn');
    });

    it(`${plan.id}: closing needs the written fire report (第三十四条) and the investigation and assessment report (第四十六条)`, () => {
      const log = guardedFire(plan);
      log.push('checklist-item-done', { itemId: 'fireGroundAccepted', by: '指挥部', unit: 'hq' });
      log.push('transition', { transition: 'withdraw' });
      expect(log.refuse('closed', { by: 'hq' }).body).toMatchObject({ code: 'conflict', rule: '第三十四条' });
      // a phone report is not a written one
      log.push('report-filed', { ...fireReport(plan, 'first', 'phone'), fields: {} });
      expect(log.refuse('closed', { by: 'hq' }).body.rule).toBe('第三十四条');
      log.push('report-filed', fireReport(plan, 'first'));
      const noFinal = log.refuse('closed', { by: 'hq' });
      expect(noFinal.body).toMatchObject({ code: 'conflict', rule: '第四十六条' });
      expect(legalActions(plan, log.state).find((a) => a.id === 'close')).toMatchObject({ allowed: false, clause: '第四十六条' });
      log.push('report-filed', fireReport(plan, 'final'));
      expect(log.refuse('closed', { by: 'township' }).body.code).toBe('forbidden');
      // the teams' items nobody ticked are named: closing anyway needs a written reason (县定)
      const open = log.refuse('closed', { by: 'hq' });
      expect(open.body).toMatchObject({ code: 'conflict', rule: '县定', field: 'payload.reason' });
      expect(open.body.message).toContain('火灾统计');
      log.push('closed', { by: 'hq', summary: '调查评估报告已报送', reason: '统计、侦破由相关部门另行办理' });
      expect(log.state.state).toBe('closed');
      // reports may still be filed once closed (e.g. a correction of the assessment report)
      const seq = log.state.reports.find((r) => r.kind === 'final')!.seq;
      log.push('report-filed', { ...fireReport(plan, 'final'), correctsReportSeq: seq });
      expect(log.state.reports.filter((r) => r.kind === 'final')).toHaveLength(2);
    });
  }

  it('a fire that is not counted (第四十七条) is still handled and reported: the incident goes on', () => {
    const log = new TestLog(forest, '2026-04-04T18:40:00.000Z');
    log.push('reported', { source: '护林员', summary: '小火', incidentStartedAt: START, facts: { burnedForestHa: 0.05 } });
    const v = incidentView(forest, log.state, new Date('2026-04-04T19:00:00Z'));
    expect(v.grade).toMatchObject({ level: null, counted: false, notGraded: { clause: '第四十七条' } });
    expect(v.obligations.find((o) => o.kind === 'first')).toMatchObject({ status: 'pending', clause: '第三十四条' });
    expect(v.actions.find((a) => a.id === 'firstAttack')).toMatchObject({ allowed: true });
  });
});
