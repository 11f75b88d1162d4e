// Drug plan grading: DOMAIN.md §5.1 table (国食药监办〔2011〕370号), "超过 N 人（含）" = N or more; no quality condition.
import { describe, expect, it } from 'vitest';
import { grade } from '../../../shared/engine';
import { drugPlan } from '../../../shared/plans';

const level = (facts: Record<string, unknown>) => grade(drugPlan, facts).level;

describe('drug plan grading (DOMAIN 5.1)', () => {
  it.each([
    [0, null],
    [1, 'III'],
    [2, 'II'],
    [4, 'II'],
    [5, 'I'],
  ])('deathsSameBatch %i → %s', (n, want) => expect(level({ deathsSameBatch: n })).toBe(want));

  it.each([
    [9, null],
    [10, 'IV'],
    [19, 'IV'],
    [20, 'III'],
    [29, 'III'],
    [30, 'II'],
    [49, 'II'],
    [50, 'I'], // the confirmed clause: 超过50人（含）
  ])('clusteredRareAE %i → %s', (n, want) => expect(level({ clusteredRareAE: n })).toBe(want));

  it.each([
    [0, null],
    [1, 'IV'],
    [2, 'IV'],
    [3, 'III'],
    [4, 'III'],
    [5, 'II'],
    [9, 'II'],
    [10, 'I'],
  ])('clusteredSeriousAE %i → %s', (n, want) => expect(level({ clusteredSeriousAE: n })).toBe(want));

  it.each([
    ['provincesWithLevelII', 1, null],
    ['provincesWithLevelII', 2, 'I'],
    ['prefecturesWithLevelIII', 1, null],
    ['prefecturesWithLevelIII', 2, 'II'],
    ['countiesWithLevelIV', 1, null],
    ['countiesWithLevelIV', 2, 'III'],
  ])('%s %i → %s', (fact, n, want) => expect(level({ [fact]: n })).toBe(want));

  it('has no "suspected quality-related" fact', () => {
    expect(() => grade(drugPlan, { suspectedQualityRelated: true })).toThrow(/suspectedQualityRelated/);
  });

  it('qualitative judgements, with a reason', () => {
    const r = { qualitativeReason: '跨区域' };
    expect(level({ qualitative: 'general', ...r })).toBe('IV');
    expect(level({ qualitative: 'larger', ...r })).toBe('III');
    expect(level({ qualitative: 'serious', ...r })).toBe('II');
    expect(level({ qualitative: 'especially-serious', ...r })).toBe('I');
  });

  it('names its source and says only the level-I rare-AE clause was confirmed', () => {
    expect(drugPlan.source.number).toContain('国食药监办〔2011〕370号');
    expect(drugPlan.source.verified).toBe('partial');
    expect(drugPlan.source.note).toContain('仅 I 级');
    const confirmed = drugPlan.criteria.filter((c) => c.verified === 'verbatim');
    expect(confirmed.map((c) => c.id)).toEqual(['I-rare']);
    // the verification status stands beside the clause's words, never inside them
    expect(drugPlan.criteria.some((c) => /核实|370号/.test(c.text))).toBe(false);
    expect(drugPlan.criteria.filter((c) => c.range && c.verified !== 'verbatim').every((c) => c.verified === 'unverified')).toBe(true);
    expect(grade(drugPlan, { deathsSameBatch: 1 }).criteria[0]).toMatchObject({ id: 'III-deaths', verified: 'unverified' });
  });

  it('nearest: 9 rare AE → one more makes it IV', () => {
    expect(grade(drugPlan, { clusteredRareAE: 9 }).nearest).toMatchObject({ fact: 'clusteredRareAE', needed: 1, wouldBe: 'IV' });
  });
});
