import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/api/errors';
import { apply, fold, initialState, legalActions } from '../../../shared/engine/machine';
import { checklists, timers } from '../../../shared/engine/obligations';
import { forestFirePlan as plan } from '../../../shared/plans/forest-fire';

type Ev = { seq: number; type: string; payload: unknown; occurredAt: string; recordedAt: string; actor: string };
function events(list: Array<[string, unknown, string]>): Ev[] {
  return list.map(([type, payload, at], i) => ({ seq: i + 1, type, payload, occurredAt: at, recordedAt: at, actor: '值班员' }));
}

// A fire that started at 2026-04-05 02:00 (清明, Asia/Shanghai) and was reported at 02:40.
const START = '2026-04-04T18:00:00Z';
const base: Array<[string, unknown, string]> = [
  ['reported', { source: '护林员电话', summary: '卦山北坡冒烟', incidentStartedAt: START, place: '卦山北坡', reporter: '护林员赵某', facts: { burnedForestHa: 0.3 } }, '2026-04-04T18:40:00Z'],
  ['transition', { transition: 'firstAttack', by: 'township' }, '2026-04-04T19:00:00Z'],
];

describe('forest-fire life cycle on the engine (DOMAIN §3.4)', () => {
  it('runs reported → first attack → reinforced → controlled → extinguished → guarded → withdrawn → closed, re-grading as facts change', () => {
    const all = events([
      ...base,
      ['facts-updated', { facts: { burnedForestHa: 120, seriousInjuries: 2 }, reason: '火势扩大' }, '2026-04-05T01:00:00Z'],
      ['transition', { transition: 'reinforce', by: 'hq' }, '2026-04-05T01:10:00Z'],
      ['transition', { transition: 'control' }, '2026-04-05T08:00:00Z'],
      ['transition', { transition: 'extinguish' }, '2026-04-05T12:00:00Z'],
      ['transition', { transition: 'guard' }, '2026-04-05T12:30:00Z'],
      ['transition', { transition: 'withdraw' }, '2026-04-06T12:00:00Z'],
      ['closed', { by: 'hq', summary: '原因：上坟烧纸', reason: '未勾选事项已线下办结' }, '2026-04-08T00:00:00Z'],
    ]);
    const seen: string[] = [];
    let s = initialState(plan);
    for (const e of all) {
      s = apply(plan, s, e);
      seen.push(s.state);
    }
    expect(seen).toEqual(['reported', 'firstAttack', 'firstAttack', 'reinforced', 'controlled', 'extinguished', 'guarded', 'withdrawn', 'closed']);
    expect(fold(plan, all).factsLevel).toBe('II');
    expect(fold(plan, all.slice(0, 2)).factsLevel).toBe('IV');
  });

  it('refuses skipping stages (withdraw straight from first attack) and closing by someone other than HQ/office', () => {
    const s = fold(plan, events(base));
    expect(() => apply(plan, s, { seq: 3, type: 'transition', payload: { transition: 'withdraw' }, occurredAt: '2026-04-05T00:00:00Z', recordedAt: '2026-04-05T00:00:00Z', actor: 'x' })).toThrow(AppError);
    const w = fold(
      plan,
      events([...base, ['transition', { transition: 'extinguish' }, '2026-04-05T00:00:00Z'], ['transition', { transition: 'guard' }, '2026-04-05T01:00:00Z'], ['transition', { transition: 'withdraw' }, '2026-04-05T02:00:00Z']]),
    );
    expect(() => apply(plan, w, { seq: 6, type: 'closed', payload: { by: 'township' }, occurredAt: '2026-04-05T03:00:00Z', recordedAt: '2026-04-05T03:00:00Z', actor: 'x' })).toThrow(AppError);
    expect(legalActions(plan, w).some((a) => a.event === 'closed')).toBe(true);
  });

  it('the 32(5) timer runs 24 h from the fire start, not from the report, and stops once extinguished', () => {
    const s = fold(plan, events(base));
    const before = timers(plan, s, new Date('2026-04-05T17:59:59Z')).find((t) => t.clause === '32(5)')!;
    expect(before).toMatchObject({ startsAt: new Date(START).toISOString(), dueAt: '2026-04-05T18:00:00.000Z', status: 'running', msLeft: 1000 });
    expect(timers(plan, s, new Date('2026-04-05T18:00:00Z')).find((t) => t.clause === '32(5)')!.status).toBe('elapsed');
    const out = fold(plan, events([...base, ['transition', { transition: 'extinguish' }, '2026-04-05T06:00:00Z']]));
    expect(timers(plan, out, new Date('2026-04-06T00:00:00Z')).find((t) => t.clause === '32(5)')!.status).toBe('stopped');
  });

  it('shows the team-tier checklist while attacking', () => {
    const s = fold(plan, events(base));
    const items = checklists(plan, s).flatMap((c) => (c as unknown as { items: Array<{ id: string }> }).items.map((i) => i.id));
    expect(items).toEqual(expect.arrayContaining(['quickTeam', 'villageTeam']));
  });
});
