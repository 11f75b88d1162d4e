import { describe, expect, it } from 'vitest';
import { fold, incidentView } from '../../../../shared/engine';
import { vaccinePlan } from '../../../../shared/plans';
import { actionGroups } from '../../../../renderer/src/incidents/Actions';
import { groupItems } from '../../../../renderer/src/incidents/Checklist';
import { draftFacts, emptyDraft, gradeDraft } from '../../../../renderer/src/incidents/FactsForm';
import { clockText, fromShanghaiInput, toShanghaiInput } from '../../../../renderer/src/incidents/util';

const at = (min: number) => new Date(Date.parse('2026-11-23T19:00:00Z') + min * 60_000).toISOString();
function ev(seq: number, type: string, payload: unknown, min = seq) {
  return { seq, type, payload, occurredAt: at(min), recordedAt: at(min), actor: 't' };
}

describe('incident screen helpers', () => {
  it('reads the datetime inputs as Beijing wall time whatever the browser zone, and back', () => {
    expect(fromShanghaiInput('2026-11-24T03:00')).toBe('2026-11-23T19:00:00.000Z');
    expect(toShanghaiInput(Date.parse('2026-11-23T19:00:00Z'))).toBe('2026-11-24T03:00');
    // Across the day boundary in Beijing (16:00Z is midnight).
    expect(toShanghaiInput(Date.parse('2026-11-23T16:00:00Z'))).toBe('2026-11-24T00:00');
    expect(fromShanghaiInput('')).toBeNull();
    expect(fromShanghaiInput('24/11/2026 03:00')).toBeNull();
  });

  it('counts down as h:mm:ss, and past the deadline by how much', () => {
    expect(clockText(3600_000)).toBe('1:00:00');
    expect(clockText(59 * 60_000 + 54_000)).toBe('59:54');
    expect(clockText(-61_000)).toBe('01:01');
    expect(clockText(14 * 24 * 3600_000)).toBe('14天0小时'); // words the officer reads, not "14d 0h"
    expect(clockText(14 * 24 * 3600_000, 'en')).toBe('14 d 0 h');
  });

  it('grades the draft as typed: 3 clustered AE → none with the nearest threshold, 4 → IV (4.4(1)); "4.5" is refused by rule', () => {
    const d = { ...emptyDraft(vaccinePlan), clusteredRareAE: '3', suspectedQualityRelated: true };
    const three = gradeDraft(vaccinePlan, d, false);
    expect(three.result?.level).toBeNull();
    expect(three.result?.nearest?.text).toContain('即为IV级');
    expect(gradeDraft(vaccinePlan, { ...d, clusteredRareAE: '4' }, false).result?.criteria.map((c) => c.clause)).toEqual(['4.4(1)']);
    const bad = gradeDraft(vaccinePlan, { ...d, clusteredRareAE: '4.5' }, false);
    expect(bad.result).toBeNull();
    expect(bad.error?.field).toBe('clusteredRareAE');
    // Empty counts are left out (they default to 0), the reason only when written.
    expect(draftFacts(vaccinePlan, emptyDraft(vaccinePlan))).toEqual({ suspectedQualityRelated: false, qualitative: 'none', involvesForeigners: false });
  });

  it('offers only the actions of the current state, and explains each refusal with its clause', () => {
    const s = fold(vaccinePlan, [
      ev(1, 'reported', { source: 's', summary: 's', facts: { clusteredRareAE: 4, suspectedQualityRelated: true } }),
      ev(2, 'assessed', { level: 'IV', by: 'amr' }),
      ev(3, 'response-started', { level: 'IV', by: 'county-gov', approvedBy: 'county-gov' }),
    ]);
    const view = incidentView(vaccinePlan, s, new Date(at(10)));
    const groups = actionGroups(vaccinePlan, view);
    const inState = groups.filter((g) => g.inState).map((g) => [g.transition, g.allowed]);
    expect(inState).toEqual([
      ['reassess', true],
      ['escalate', true],
      ['de-escalate', false],
      ['expert-evaluation', true],
      ['propose-termination', false],
      ['terminate', false],
    ]);
    // At IV there is nothing to de-escalate to: still shown, refused with the rule (6.4 逐级; IV级只能终止响应).
    const de = groups.find((g) => g.transition === 'de-escalate')!;
    expect(de.variants[0]!.reason).toContain('IV级只能终止响应');
    const term = groups.find((g) => g.transition === 'terminate')!;
    expect(term.variants[0]!.reason).toContain('专家');
    expect(term.variants[0]!.clause).toBe('6.4');
    // Notes, corrections, checklist and reports have their own places on the page.
    expect(groups.some((g) => ['note', 'correct', 'checklist', 'file-report'].includes(g.transition))).toBe(false);
  });

  it('groups checklist items by working group, else by unit, in the plan\'s order', () => {
    const s = fold(vaccinePlan, [
      ev(1, 'reported', { source: 's', summary: 's', facts: { clusteredRareAE: 4, suspectedQualityRelated: true } }),
      ev(2, 'assessed', { level: 'IV', by: 'amr' }),
      ev(3, 'response-started', { level: 'IV', by: 'county-gov', approvedBy: 'county-gov' }),
    ]);
    const groupsCl = incidentView(vaccinePlan, s, new Date(at(10))).checklists.find((c) => c.id === 'field-groups')!;
    expect(groupItems(groupsCl.items).map((g) => g.title)).toEqual(['事件调查组', '危害控制组', '医疗救治组', '应急保障组', '宣传报道组', '县指挥部']);
  });
});
