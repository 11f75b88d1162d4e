// 疫苗预案 4.1–4.4 (DOMAIN.md §1.2): every threshold on both sides. Expected levels are taken from the DOMAIN table,
// not from the plan data: I ≥5 deaths / >20 rare AE / >5 serious AE; II 2–4 / 11–20 / 4–5; III 1 / 6–10 / 3; IV — / 4–5 / 2.
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/api/errors';
import { grade } from '../../../shared/engine';
import { vaccinePlan } from '../../../shared/plans';

const Q = { suspectedQualityRelated: true };

function level(facts: Record<string, unknown>) {
  return grade(vaccinePlan, facts).level;
}

function errorOf(facts: unknown): AppError {
  try {
    grade(vaccinePlan, facts);
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return e as AppError;
  }
  throw new Error('expected an error');
}

describe('vaccine plan grading (4.1–4.4)', () => {
  it.each([
    [0, null],
    [1, 'III'], // 4.3(1) 1例
    [2, 'II'], // 4.2(1) 2例以上
    [4, 'II'], // 4.2(1) 5例以下 (以下 excludes 5)
    [5, 'I'], // 4.1(1) 5例以上
    [9, 'I'],
  ])('deathsSameBatch %i → %s', (n, want) => {
    expect(level({ ...Q, deathsSameBatch: n })).toBe(want);
  });

  it.each([
    [0, null],
    [3, null], // 4.4(1) 超过3人: 3 is not enough
    [4, 'IV'],
    [5, 'IV'], // 不多于5人
    [6, 'III'], // 4.3(2) 超过5人
    [10, 'III'], // 不多于10人
    [11, 'II'], // 4.2(2) 超过10人
    [20, 'II'], // 不多于20人
    [21, 'I'], // 4.1(2) 超过20人
  ])('clusteredRareAE %i → %s', (n, want) => {
    expect(level({ ...Q, clusteredRareAE: n })).toBe(want);
  });

  it.each([
    [0, null],
    [1, null], // 4.4(1) 超过1人
    [2, 'IV'],
    [3, 'III'], // 4.3(2) 超过2人 (= 3, decision)
    [4, 'II'], // 4.2(2) 超过3人
    [5, 'II'], // 不多于5人
    [6, 'I'], // 4.1(2) 超过5人
  ])('clusteredSeriousAE %i → %s', (n, want) => {
    expect(level({ ...Q, clusteredSeriousAE: n })).toBe(want);
  });

  it('quantitative criteria apply only when suspected quality-related (4.1–4.4 疑似与质量相关)', () => {
    for (const facts of [{ deathsSameBatch: 5 }, { clusteredRareAE: 21 }, { clusteredSeriousAE: 6 }, { deathsSameBatch: 1 }, { clusteredRareAE: 4 }]) {
      const r = grade(vaccinePlan, { ...facts, suspectedQualityRelated: false });
      expect(r.level).toBeNull();
      expect(r.criteria).toEqual([]);
      expect(r.blocked.length).toBe(1);
      expect(r.blocked[0]!.requires).toBe('疑似与质量相关');
    }
    // default is false
    expect(level({ deathsSameBatch: 5 })).toBeNull();
  });

  it('the qualitative judgement grades without the quality condition, and needs a reason', () => {
    const reason = { qualitativeReason: '舆情迅速扩散，多地媒体报道' };
    expect(level({ qualitative: 'general', ...reason })).toBe('IV'); // 4.4(2)
    expect(level({ qualitative: 'larger', ...reason })).toBe('III'); // 4.3(3)
    expect(level({ qualitative: 'serious', ...reason })).toBe('II'); // 4.2(3)
    expect(level({ qualitative: 'especially-serious', ...reason })).toBe('I'); // 4.1(3)
    expect(level({ qualitative: 'none' })).toBeNull();
  });

  it('the level is the highest any one criterion reaches, and every fired criterion is listed with its clause', () => {
    const r = grade(vaccinePlan, { ...Q, deathsSameBatch: 1, clusteredRareAE: 12, clusteredSeriousAE: 2 });
    expect(r.level).toBe('II');
    expect(r.levelName).toBe('重大');
    expect(r.criteria.map((c) => [c.clause, c.level, c.fact, c.value])).toEqual([
      ['4.2(2)', 'II', 'clusteredRareAE', 12],
      ['4.3(1)', 'III', 'deathsSameBatch', 1],
      ['4.4(1)', 'IV', 'clusteredSeriousAE', 2],
    ]);
  });

  it('names the nearest threshold not yet reached', () => {
    const a = grade(vaccinePlan, { ...Q, clusteredRareAE: 3 });
    expect(a.level).toBeNull();
    expect(a.nearest).toMatchObject({ fact: 'clusteredRareAE', needed: 1, wouldBe: 'IV', clause: '4.4(1)' });
    expect(a.summary).toContain('未达到');
    const b = grade(vaccinePlan, { ...Q, deathsSameBatch: 1 });
    expect(b.nearest).toMatchObject({ fact: 'deathsSameBatch', needed: 1, wouldBe: 'II' });
    expect(b.nearest!.text).toBe('再有1人死亡即为II级（重大，4.2(1)）');
    const c = grade(vaccinePlan, { ...Q, deathsSameBatch: 5 });
    expect(c.level).toBe('I');
    expect(c.nearest).toBeNull();
  });

  it('level flags: I–III report to the city at once (6.2.1); IV led by the county government (6.2.2)', () => {
    expect(grade(vaccinePlan, { ...Q, deathsSameBatch: 1 }).flags.map((f) => f.id)).toEqual(['report-city-at-once']);
    expect(grade(vaccinePlan, { ...Q, clusteredRareAE: 4 }).flags.map((f) => f.id)).toEqual(['county-gov-leads']);
    expect(grade(vaccinePlan, {}).flags).toEqual([]);
  });

  describe('invalid facts are refused, naming the field and the rule', () => {
    it.each([
      [{ deathsSameBatch: -1 }, 'deathsSameBatch', 'integer>=0'],
      [{ clusteredRareAE: 2.5 }, 'clusteredRareAE', 'integer>=0'],
      [{ clusteredSeriousAE: '3' }, 'clusteredSeriousAE', 'integer>=0'],
      [{ suspectedQualityRelated: 'yes' }, 'suspectedQualityRelated', 'boolean'],
      [{ deaths: 1 }, 'deaths', 'known-fact'],
      [{ qualitative: 'serious' }, 'qualitativeReason', 'reason-required'],
      [{ qualitative: 'serious', qualitativeReason: '   ' }, 'qualitativeReason', 'reason-required'],
      [{ qualitative: 'huge', qualitativeReason: 'x' }, 'qualitative', 'one-of:none | general | larger | serious | especially-serious'],
    ])('%j → %s (%s)', (facts, field, rule) => {
      const e = errorOf(facts);
      expect(e.body.code).toBe('invalid-input');
      expect(e.body.field).toBe(field);
      expect(e.body.rule).toBe(rule);
      expect(e.body.message).toContain(field);
      expect(e.body.messageEn).toContain(field);
    });
    it('not an object', () => {
      expect(errorOf([1, 2]).body.field).toBe('facts');
      expect(errorOf(null).body.rule).toBe('object');
    });
  });

  it('defaults: counts 0, booleans false, qualitative none', () => {
    expect(grade(vaccinePlan, {}).facts).toEqual({ deathsSameBatch: 0, clusteredRareAE: 0, clusteredSeriousAE: 0, suspectedQualityRelated: false, qualitative: 'none', involvesForeigners: false });
  });
});
