// incidentView without the legal actions (the board, the banner, the handover): everything else identical, for
// incidents in several states of both kinds of plan, so the board cannot drift from the incident page.
import { describe, expect, it } from 'vitest';
import { incidentView } from '../../../shared/engine';
import { forestFire2026Plan as fire, vaccinePlan } from '../../../shared/plans';
import { Q, report, TestLog } from './helpers';

describe('incidentView with actions: false', () => {
  it('is the full view with an empty action list, in every state tried', () => {
    const v = new TestLog(vaccinePlan);
    const f = new TestLog(fire);
    const states = [] as Array<[typeof vaccinePlan, TestLog]>;
    v.push('reported', { source: '电话', summary: 's', facts: { ...Q, clusteredRareAE: 4 } });
    states.push([vaccinePlan, structuredClone(v)]);
    v.push('report-filed', { ...report(vaccinePlan, 'first'), channel: 'phone' });
    v.push('assessed', { level: 'IV', by: 'amr' });
    v.push('response-started', { level: 'IV', by: 'county-gov', approvedBy: 'county-gov' });
    states.push([vaccinePlan, v]);
    f.push('reported', { source: '瞭望台', summary: '起火', incidentStartedAt: '2026-11-23T01:00:00.000Z', facts: { burnedForestHa: 2 } });
    states.push([fire, f]);
    for (const [plan, log] of states) {
      for (const now of ['2026-11-23T02:10:00Z', '2026-11-25T02:00:00Z']) {
        const full = incidentView(plan, log.state, new Date(now));
        const lean = incidentView(plan, log.state, new Date(now), { actions: false });
        expect(full.actions.length).toBeGreaterThan(0);
        expect(lean).toEqual({ ...full, actions: [] });
      }
    }
  });
});
