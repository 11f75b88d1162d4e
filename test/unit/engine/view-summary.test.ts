// incidentSummary (the board, the deadline banner) against incidentView (the incident's page): the same label,
// obligations, timers, warnings and tags, for incidents in several states of each kind of plan and for random facts, so
// that a list cannot say something else than the page. The summary reads the level off the fold (factsLevel) instead of
// grading again: the property below holds the two equal, for a plan whose warnings and tags depend on the level too.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { incidentSummary, incidentView, loadPlan, type IncidentState, type Plan } from '../../../shared/engine';
import { drugPlan, forestFire2026Plan as fire, forestFirePlan as fire2008, vaccinePlan } from '../../../shared/plans';
import { vaccinePlanData } from '../../../shared/plans/vaccine';
import { Q, report, TestLog } from './helpers';

/** The parts of the page's view a summary carries. */
function partsOf(plan: Plan, state: IncidentState, now: Date) {
  const { stateLabel, obligations, timers, warnings, tags } = incidentView(plan, state, now);
  return { state, stateLabel, obligations, timers, warnings, tags };
}

/** The vaccine plan with a warning and a tag that hold at some levels only (the built-in plans have none). */
const byLevel = loadPlan({
  ...vaccinePlanData,
  id: 'vaccine-by-level',
  warnings: [...(vaccinePlanData.warnings ?? []), { id: 'grave', clause: '县定', text: '较大及以上：县指挥部领导到场', when: { level: { gte: 'III' } } }],
  tags: [...(vaccinePlanData.tags ?? []), { id: 'ungraded', text: '未分级', when: { level: { none: true } } }, { id: 'iv', text: '四级', when: { level: { in: ['IV'] } } }],
});

const NOWS = ['2026-11-23T02:10:00Z', '2026-11-25T02:00:00Z'];

describe('incidentSummary', () => {
  it("is the page's view without grading detail, checklists or actions, in every state tried", () => {
    const v = new TestLog(vaccinePlan);
    const f = new TestLog(fire);
    const old = new TestLog(fire2008, '2025-11-23T02:00:00.000Z');
    const d = new TestLog(drugPlan);
    const states: Array<[Plan, IncidentState]> = [];
    v.push('reported', { source: '电话', summary: 's', facts: { ...Q, clusteredRareAE: 4, involvesForeigners: true } });
    states.push([vaccinePlan, v.state]);
    v.push('report-filed', { ...report(vaccinePlan, 'first'), channel: 'phone' });
    v.push('assessed', { level: 'IV', by: 'amr' });
    v.push('response-started', { level: 'IV', by: 'county-gov', approvedBy: 'county-gov' });
    states.push([vaccinePlan, v.state]);
    v.push('facts-updated', { facts: { clusteredRareAE: 12 } });
    states.push([vaccinePlan, v.state]); // facts above the level in force: the level-below-facts warning
    f.push('reported', { source: '瞭望台', summary: '起火', incidentStartedAt: '2026-11-23T01:00:00.000Z', facts: { burnedForestHa: 2 } });
    states.push([fire, f.state]);
    old.push('reported', { source: '瞭望台', summary: '起火', facts: { burnedForestHa: 2 } });
    states.push([fire2008, old.state]);
    d.push('reported', { source: '电话', summary: 's', facts: {} });
    states.push([drugPlan, d.state]);
    let warned = 0;
    for (const [plan, state] of states)
      for (const now of NOWS) {
        const sum = incidentSummary(plan, state, new Date(now));
        expect(sum).toEqual(partsOf(plan, state, new Date(now)));
        warned += sum.warnings.length;
      }
    expect(warned).toBeGreaterThan(0);
  });

  it('reads the same level as the grading, so warnings and tags by level agree (random facts, 300 runs)', () => {
    const counts = fc.integer({ min: 0, max: 30 });
    const facts = fc.record({ clusteredRareAE: counts, clusteredSeriousAE: counts, deathsSameBatch: fc.integer({ min: 0, max: 6 }), suspectedQualityRelated: fc.boolean() });
    fc.assert(
      fc.property(facts, fc.option(facts, { nil: undefined }), (first, later) => {
        const log = new TestLog(byLevel);
        log.push('reported', { source: '电话', summary: 's', facts: first });
        if (later) log.push('facts-updated', { facts: later });
        const now = new Date(NOWS[0]!);
        const view = incidentView(byLevel, log.state, now);
        expect(log.state.factsLevel).toBe(view.grade.level);
        expect(incidentSummary(byLevel, log.state, now)).toEqual(partsOf(byLevel, log.state, now));
      }),
      { numRuns: 300 },
    );
  });
});
