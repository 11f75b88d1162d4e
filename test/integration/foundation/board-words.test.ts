// The board's rows carry the plan's own words in both languages (the start screen draws them without loading the
// plans: renderer/src/incidents/Board.tsx): the state, the response level's name and the plan's short name, exactly as
// the plan data has them, and the words of a missing plan version.
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../electron/core/clock';
import { createCore } from '../../../electron/core/core';
import { forestFire2026Plan, vaccinePlan } from '../../../shared/plans';

const seed = { actor: 'seed', transport: 'test' as const };

describe('console.board names from the plan', () => {
  it('state, level and plan in Chinese and English, before and after the response starts', async () => {
    const core = createCore({ dbPath: ':memory:', clock: new ManualClock('2026-12-01T02:00:00.000Z') });
    const { id } = await core.invoke('console.report', { planId: 'vaccine', title: '群体不良反应', payload: { source: '电话', summary: '4人', facts: { clusteredRareAE: 4, suspectedQualityRelated: true } } }, seed);
    const rowOf = async () => (await core.invoke('console.board', {}, seed)).incidents.find((r) => r.id === id)!;
    const state = (sid: string) => vaccinePlan.states.find((s) => s.id === sid)!;
    let row = await rowOf();
    expect(row).toMatchObject({ level: null, levelName: null, levelNameEn: null, planShortName: vaccinePlan.presentation.shortName, planShortNameEn: vaccinePlan.presentation.shortNameEn ?? null });
    expect(row.stateLabelEn).toBe(state(row.state).labelEn ?? null);
    await core.invoke('console.act', { incidentId: id, type: 'assessed', payload: { level: 'IV', by: 'amr' } }, seed);
    await core.invoke('console.act', { incidentId: id, type: 'response-started', payload: { level: 'IV', by: 'hq', approvedBy: 'county-gov' } }, seed);
    row = await rowOf();
    const iv = vaccinePlan.levels.find((l) => l.id === 'IV')!;
    expect(row).toMatchObject({ level: 'IV', levelName: iv.name, levelNameEn: iv.nameEn ?? null, stateLabel: state(row.state).label });
    expect(row.stateLabelEn).toBe(state(row.state).labelEn ?? null);
    // this plan has no English words for its states (presentation.english false): the English board shows the Chinese
    expect(vaccinePlan.presentation.english).toBe(false);
    expect(row.stateLabelEn).toBeNull();
    expect([row.planShortNameEn, row.levelNameEn]).toEqual(['Vaccine quality safety incident', 'general']);
    // a fire under the 2026 regulation has them all
    const fire = await core.invoke('console.report', { planId: 'forest-fire', title: '某村山火', payload: { source: '电话', summary: '冒烟', facts: {} } }, seed);
    const fr = (await core.invoke('console.board', {}, seed)).incidents.find((r) => r.id === fire.id)!;
    const fplan = forestFire2026Plan;
    expect(fr.planVersion).toBe(fplan.version);
    expect(fr.stateLabelEn).toBe(fplan.states.find((s) => s.id === fr.state)!.labelEn);
    expect(fr.stateLabelEn).toMatch(/[A-Za-z]/);
    expect(fr.planShortNameEn).toBe('Forest fire');
    core.close();
  });
});
