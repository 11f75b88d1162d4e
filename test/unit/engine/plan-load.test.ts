// Plans are data validated when loaded: the office can correct a number in an edited copy (JSON) and load it.
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/api/errors';
import { defineGuard, grade, guardNames, loadPlan, type PlanInput } from '../../../shared/engine';
import { createPlanRegistry, drugPlan, vaccinePlan } from '../../../shared/plans';
import { drugPlanData } from '../../../shared/plans/drug';
import { vaccinePlanData } from '../../../shared/plans/vaccine';

function copy(p: PlanInput): PlanInput {
  return JSON.parse(JSON.stringify(p)) as PlanInput;
}

function refusal(input: unknown): AppError {
  try {
    loadPlan(input);
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return e as AppError;
  }
  throw new Error('expected the plan to be refused');
}

describe('loading plans', () => {
  it('the built-in plans survive a JSON round trip unchanged', () => {
    expect(loadPlan(JSON.parse(JSON.stringify(vaccinePlanData)))).toEqual(vaccinePlan);
    expect(loadPlan(JSON.parse(JSON.stringify(drugPlanData)))).toEqual(drugPlan);
    expect(JSON.parse(JSON.stringify(vaccinePlan))).toEqual(vaccinePlan);
  });

  it('the vaccine plan encodes every member unit and every working group of 2.1–2.3', () => {
    const c = vaccinePlan.command!;
    const name = (id: string) => vaccinePlan.units.find((u) => u.id === id)!.name;
    expect(c.hq.members.map(name)).toEqual(['县委宣传部', '县委网信办', '县发改局', '县教育体育局', '县公安局', '县财政局', '县卫生健康局', '县应急管理局', '县市场监督管理局', '县民政局', '县工信和科技局', '县融媒体中心']);
    for (const m of c.hq.members) expect(vaccinePlan.units.find((u) => u.id === m)!.duties.join('').length).toBeGreaterThan(10);
    expect(Object.fromEntries(c.groups.map((g) => [g.name, g.units.map(name)]))).toEqual({
      事件调查组: ['县市场监督管理局', '县公安局', '县卫生健康局'],
      危害控制组: ['县市场监督管理局', '县卫生健康局'],
      医疗救治组: ['县卫生健康局', '县市场监督管理局'],
      应急保障组: ['县应急管理局', '县市场监督管理局', '县财政局', '县发改局', '县工信和科技局'],
      宣传报道组: ['县委宣传部', '县委网信办', '县工信和科技局', '县市场监督管理局', '县卫生健康局', '县融媒体中心'],
    });
    expect(c.groups.find((g) => g.id === 'publicity')!.conditionalUnits).toEqual([{ unit: 'united-front', when: '涉外、涉台时' }]);
    expect(c.office.seatedAt).toBe('amr');
    expect(c.hq.duties).toHaveLength(8);
    expect(c.office.duties).toHaveLength(5);
  });

  it('every rule carries its clause', () => {
    for (const p of [vaccinePlan, drugPlan]) {
      for (const x of [...p.criteria, ...p.transitions, ...p.obligations, ...p.checklists, ...p.facts, ...p.flags]) expect(x.clause.length).toBeGreaterThan(0);
      for (const t of p.transitions) for (const g of t.guards) expect(g.clause.length).toBeGreaterThan(0);
    }
  });

  it('an edited copy with a corrected number loads and grades by the new number, without a code change', () => {
    const edited = copy(drugPlanData);
    edited.version = '2024.1-office-1';
    const c = edited.criteria.find((x) => x.id === 'II-rare')!;
    c.range = { gte: 25, lte: 49 };
    edited.criteria.find((x) => x.id === 'III-rare')!.range = { gte: 20, lte: 24 };
    const p = loadPlan(edited);
    expect(grade(drugPlan, { clusteredRareAE: 26 }).level).toBe('III');
    expect(grade(p, { clusteredRareAE: 26 }).level).toBe('II');
    const plans = createPlanRegistry();
    plans.add(p);
    // Same effectiveFrom as the built-in version: the one registered later is in force.
    expect(plans.inForce('drug', '2026-11-23').version).toBe('2024.1-office-1');
    expect(plans.get('drug', '2024.1')).toBe(drugPlan); // incidents opened under the old version keep it
    expect(plans.versions('drug').map((x) => x.version)).toEqual(['2024.1', '2024.1-office-1']);
    expect(plans.allInForce('2026-11-23').filter((x) => x.id === 'drug')).toHaveLength(1);
    // The registry is an object, not module state: a fresh one has only the built-in version.
    expect(createPlanRegistry().inForce('drug', '2026-11-23')).toBe(drugPlan);
  });

  it('unknown plan ids are not-found', () => {
    const plans = createPlanRegistry();
    expect(() => plans.inForce('flood', '2026-11-23')).toThrow(expect.objectContaining({ body: expect.objectContaining({ code: 'not-found', field: 'plan' }) }));
    expect(() => plans.get('flood', '1')).toThrow(expect.objectContaining({ body: expect.objectContaining({ code: 'not-found', field: 'plan', rule: 'known-plan-version' }) }));
  });

  it.each([
    ['a criterion on an unknown fact', (p: PlanInput) => (p.criteria[0]!.fact = 'deaths'), 'criteria.0(I-deaths)'],
    ['a range on a boolean fact', (p: PlanInput) => (p.criteria[0]!.fact = 'suspectedQualityRelated'), 'criteria.0(I-deaths)'],
    ['an equals value not in the enum', (p: PlanInput) => (p.criteria[3]!.equals = 'apocalyptic'), 'criteria.3(I-other)'],
    ['a transition to an unknown state', (p: PlanInput) => (p.transitions[0]!.to = 'nowhere'), 'transitions.0(issue-warning)'],
    ['an unknown event type', (p: PlanInput) => (p.transitions[0]!.event = 'teleported'), 'transitions.0(issue-warning).event'],
    ['an unknown unit', (p: PlanInput) => (p.transitions[0]!.triggeredBy = ['mayor']), 'transitions.0(issue-warning)'],
    ['a duplicate criterion id', (p: PlanInput) => (p.criteria[1]!.id = 'I-deaths'), 'criteria'],
    ['a missing clause', (p: PlanInput) => delete (p.criteria[0] as Partial<PlanInput['criteria'][0]>).clause, 'criteria.0.clause'],
    ['an unknown guard', (p: PlanInput) => ((p.transitions[3]!.guards![0] as { guard: string }).guard = 'vibes'), 'transitions.3(assess).guards.0.guard'],
    ['a checklist for an unknown group', (p: PlanInput) => (p.checklists![4]!.items[0]!.group = 'ghosts'), 'checklists.4(field-groups).g-investigation'],
    ['a version without its effective date', (p: PlanInput) => delete (p as Partial<PlanInput>).effectiveFrom, 'effectiveFrom'],
    ['an effective date that is not a date', (p: PlanInput) => (p.effectiveFrom = '2024-02-30'), 'effectiveFrom'],
    ['an effectiveUntil before effectiveFrom', (p: PlanInput) => (p.effectiveUntil = '2024-06-14'), 'effectiveUntil'],
    ['a version without its legal basis', (p: PlanInput) => (p.basis = []), 'basis'],
    ['a version without its presentation', (p: PlanInput) => delete (p as Partial<PlanInput>).presentation, 'presentation'],
    ['a warning on an unknown fact', (p: PlanInput) => (p.warnings![0]!.when = { fact: 'nosuch', equals: true }), 'warnings.0(notify-united-front)'],
    [
      'a checklist-item-done guard naming an unknown item',
      (p: PlanInput) => p.transitions[3]!.guards!.push({ guard: 'checklist-item-done', param: 'no-such-item', clause: 'x', text: 'x' }),
      'transitions.3(assess).guards.1.param',
    ],
  ])('refuses %s', (_what, mutate, field) => {
    const p = copy(vaccinePlanData);
    mutate(p);
    const e = refusal(p);
    expect(e.body.code).toBe('invalid-input');
    expect(e.body.field).toBe(field);
    expect(e.body.message).toContain('预案数据有误');
  });

  it('an unknown guard name is refused with rule known-guard; one registered by name in test code is accepted and applied', () => {
    const p = copy(vaccinePlanData);
    (p.transitions[3]!.guards![0] as { guard: string }).guard = 'test-only-never';
    expect(refusal(p).body).toMatchObject({ code: 'invalid-input', field: 'transitions.3(assess).guards.0.guard', rule: 'known-guard' });
    defineGuard('test-only-never', ({ refuse }) => refuse('never allowed in this test'));
    expect(guardNames()).toContain('test-only-never');
    const loaded = loadPlan(p);
    expect(loaded.transitions[3]!.guards[0]!.guard).toBe('test-only-never');
    expect(() => defineGuard('test-only-never', () => null)).toThrow(/already defined/);
  });
});
