import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/api/errors';
import { classify } from '../../../shared/engine/grade';
import { burningTimer, burningTimerDef, classifyFire, reportUpItems } from '../../../shared/fire/incident';
import { forestFirePlan } from '../../../shared/plans/forest-fire';
import { createPlanRegistry } from '../../../shared/plans';

// The 2008 rules (《森林防火条例》, version 2024.1, in force until 2025-12-31) are pinned explicitly: `forest-fire` in force
// today is the 2026 version (fire-2026.test.ts).
const classifyForestFire = (facts: Record<string, unknown>) => classify(forestFirePlan, facts);

const lvl = (facts: Record<string, unknown>) => classifyForestFire(facts).level;

describe('《森林防火条例》第四十条 grading, every threshold on both sides ("以上"含本数, "以下"不含)', () => {
  it('any forest fire is at least 一般 (IV)', () => {
    expect(lvl({})).toBe('IV');
    expect(classifyForestFire({}).levelName).toBe('一般森林火灾');
    expect(lvl({ burnedForestHa: 0 })).toBe('IV');
  });
  it.each([
    [0.99, 'IV'],
    [1, 'III'],
    [99.99, 'III'],
    [100, 'II'],
    [999.9, 'II'],
    [1000, 'I'],
  ])('burned forest %s ha → %s', (ha, level) => expect(lvl({ burnedForestHa: ha })).toBe(level));
  it.each([
    [0, 'IV'],
    [1, 'IV'],
    [2, 'IV'],
    [3, 'III'],
    [9, 'III'],
    [10, 'II'],
    [29, 'II'],
    [30, 'I'],
  ])('%s deaths → %s', (n, level) => expect(lvl({ deaths: n })).toBe(level));
  it.each([
    [1, 'IV'],
    [9, 'IV'],
    [10, 'III'],
    [49, 'III'],
    [50, 'II'],
    [99, 'II'],
    [100, 'I'],
  ])('%s serious injuries → %s', (n, level) => expect(lvl({ seriousInjuries: n })).toBe(level));
  it('fire on other forest land → IV, citing 第四十条(一)', () => {
    const r = classifyForestFire({ otherForestLandFire: true });
    expect(r.level).toBe('IV');
    expect(r.criteria.map((c) => c.fact)).toContain('otherForestLandFire');
  });
  it('the highest criterion wins; every fired criterion is listed', () => {
    const r = classifyForestFire({ burnedForestHa: 5, deaths: 12, seriousInjuries: 3 });
    expect(r.level).toBe('II');
    expect(r.criteria.map((c) => `${c.fact}:${c.level}`).sort()).toEqual(['burnedForestHa:III', 'deaths:II', 'seriousInjuries:IV']);
  });
  it('invalid facts are refused with the field named', () => {
    for (const bad of [{ burnedForestHa: -1 }, { deaths: 1.5 }, { deaths: -1 }, { nearNationalBorder: 'yes' }, { unknownFact: 1 }, { burnedForestHa: '3' }]) {
      try {
        classifyForestFire(bad);
        expect.unreachable(JSON.stringify(bad));
      } catch (e) {
        expect(e).toBeInstanceOf(AppError);
        expect((e as AppError).body.code).toBe('invalid-input');
        expect((e as AppError).body.field).toBe(Object.keys(bad)[0]);
      }
    }
  });
});

describe('第三十二条 must-report-up flags 32(1)…32(8)', () => {
  const flags = (facts: Record<string, unknown>) => classifyForestFire(facts).reportUpFlags;
  it('an ordinary small fire raises none', () => expect(flags({ burnedForestHa: 0.5 })).toEqual([]));
  it('32(1) near a national border', () => expect(flags({ nearNationalBorder: true })).toEqual(['32(1)']));
  it('32(2) 重大 or 特别重大: 99.9 ha no, 100 ha yes, 1000 ha yes', () => {
    expect(flags({ burnedForestHa: 99.9 })).toEqual([]);
    expect(flags({ burnedForestHa: 100 })).toEqual(['32(2)']);
    expect(flags({ burnedForestHa: 1000 })).toEqual(['32(2)']);
  });
  it('32(3) ≥ 3 deaths or ≥ 10 serious injuries (2/3 and 9/10)', () => {
    expect(flags({ deaths: 2 })).toEqual([]);
    expect(flags({ deaths: 3 })).toEqual(['32(3)']);
    expect(flags({ seriousInjuries: 9 })).toEqual([]);
    expect(flags({ seriousInjuries: 10 })).toEqual(['32(3)']);
    // 10 deaths is also 重大 → 32(2)
    expect(flags({ deaths: 10 })).toEqual(['32(2)', '32(3)']);
  });
  it('32(4) threatens residential areas or important facilities', () => expect(flags({ threatensResidentialOrKeyFacilities: true })).toEqual(['32(4)']));
  it('32(5) still burning 24 h after it started (23.9 no, 24 yes)', () => {
    expect(flags({ burningHours: 23.9 })).toEqual([]);
    expect(flags({ burningHours: 24 })).toEqual(['32(5)']);
  });
  it('32(6) virgin forest, 32(7) provincial border, 32(8) state support', () => {
    expect(flags({ virginForest: true })).toEqual(['32(6)']);
    expect(flags({ provincialBorderDangerous: true })).toEqual(['32(7)']);
    expect(flags({ needsStateSupport: true })).toEqual(['32(8)']);
  });
  it('all eight together, in clause order', () => {
    expect(
      flags({ nearNationalBorder: true, burnedForestHa: 2000, deaths: 3, threatensResidentialOrKeyFacilities: true, burningHours: 30, virginForest: true, provincialBorderDangerous: true, needsStateSupport: true }),
    ).toEqual(['32(1)', '32(2)', '32(3)', '32(4)', '32(5)', '32(6)', '32(7)', '32(8)']);
  });
});

describe('24-hour timer of 32(5), from the fire start', () => {
  const start = '2026-04-05T02:00:00+08:00';
  const def = burningTimerDef(forestFirePlan)!;
  it('is the plan\'s 32(5) timer, raised as a flag (not a prompt) under the 2008 rules', () => {
    expect(def).toMatchObject({ clause: '32(5)', flag: true, prompt: false });
    expect(burningTimer(def, start, new Date('2026-04-06T02:00:00+08:00'))).toMatchObject({ clause: '32(5)', mode: 'flag', raised: true });
  });
  it('runs from the start, not the report', () => {
    const t = burningTimer(def, start, new Date('2026-04-06T01:59:59+08:00'));
    expect(t.dueAt).toBe('2026-04-05T18:00:00.000Z');
    expect(t.elapsed).toBe(false);
    expect(t.remainingMs).toBe(1000);
    expect(burningTimer(def, start, new Date('2026-04-06T02:00:00+08:00')).raised).toBe(true);
  });
  it('stops when the open fire is out before 24 h', () => {
    const t = burningTimer(def, start, new Date('2026-04-07T00:00:00+08:00'), '2026-04-05T20:00:00+08:00');
    expect(t).toMatchObject({ elapsed: true, stopped: true, raised: false });
    const late = burningTimer(def, start, new Date('2026-04-07T00:00:00+08:00'), '2026-04-06T03:00:00+08:00');
    expect(late).toMatchObject({ stopped: false, raised: true });
  });
  it('is also declared in the plan as a timer anchored on the fire start', () => {
    const t = forestFirePlan.timers.find((x) => x.clause === '32(5)')!;
    expect(t.after).toEqual({ hours: 24 });
    expect(t.anchor).toMatchObject({ event: 'reported', payloadField: 'incidentStartedAt' });
    expect(t.stopStates).toContain('extinguished');
  });
});

describe('the plan as data', () => {
  it('is registered under forest-fire, in force from 2009-01-01 to 2025-12-31', () => {
    const plans = createPlanRegistry();
    expect(plans.find('forest-fire', '2024.1')).toBe(forestFirePlan);
    expect(plans.inForce('forest-fire', '2025-12-31')).toBe(forestFirePlan);
    expect(plans.inForce('forest-fire', '2009-01-01')).toBe(forestFirePlan);
    expect(plans.inForce('forest-fire', '2026-01-01').version).toBe('2026.1');
    expect(forestFirePlan).toMatchObject({ effectiveFrom: '2009-01-01', effectiveUntil: '2025-12-31' });
  });
  it('classifyFire grades with the plan it is given, and is null on bad facts', () => {
    expect(classifyFire(forestFirePlan, { burnedForestHa: 5 })).toMatchObject({ plan: 'forest-fire', planVersion: '2024.1', level: 'III', counted: true });
    expect(classifyFire(forestFirePlan, { burnedForestHa: -1 })).toBeNull();
  });
  it('reportUpItems lists 第三十二条 (1)–(8), each once', () => {
    expect(reportUpItems(forestFirePlan).map((i) => i.clause)).toEqual(['32(1)', '32(2)', '32(3)', '32(4)', '32(5)', '32(6)', '32(7)', '32(8)']);
  });
  it('has the life cycle of DOMAIN §3.4', () => {
    expect(forestFirePlan.states.map((s) => s.id)).toEqual(['watch', 'reported', 'firstAttack', 'reinforced', 'controlled', 'extinguished', 'guarded', 'withdrawn', 'closed']);
  });
  it('every flag of 第三十二条 has its clause id', () => {
    expect(forestFirePlan.flags.map((f) => f.clause)).toEqual(['32(1)', '32(2)', '32(3)', '32(4)', '32(5)', '32(6)', '32(7)', '32(8)']);
  });
  it('team tiers appear as checklists with 6(5)', () => {
    const items = forestFirePlan.checklists.flatMap((c) => c.items);
    for (const u of ['quickTeam', 'villageTeam', 'countyTeam', 'semiProTeam', 'enterpriseTeams']) expect(items.some((i) => i.unit === u)).toBe(true);
  });
});
