// Plan versions in time (shared/engine/registry.ts): the version in force at T is the latest whose effectiveFrom is on or
// before T's Beijing date and whose effectiveUntil is not before it. A new incident is pinned to the version in force
// when it OCCURRED and keeps it for life. The log part runs on a real SQLite file in a temp folder.
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/api/errors';
import { beijingDateOf, gradeParsed, loadPlan, PlanRegistry, type IncidentState, type Plan, type PlanInput } from '../../../shared/engine';
import { builtInPlans, createPlanRegistry, drugPlan, forestFire2026Plan, forestFirePlan, grasslandFire2026Plan, vaccinePlan } from '../../../shared/plans';
import { forestFire2026PlanData } from '../../../shared/plans/fire-2026';
import { ManualClock } from '../../../electron/core/clock';
import { openDatabase, type Database } from '../../../electron/core/db/database';
import { createPlanEngine } from '../../../electron/core/log/planEngine';
import { IncidentLog } from '../../../electron/core/log/store';
import { tmpDir } from '../../helpers/tmp';

function refusal(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

/** An office-edited copy of the 2026 forest plan (JSON round trip, as from `ercon plan show --json`). */
function edited(version: string, effectiveFrom: string, mutate: (p: PlanInput) => void = () => {}): Plan {
  const p = JSON.parse(JSON.stringify(forestFire2026PlanData)) as PlanInput;
  p.version = version;
  p.effectiveFrom = effectiveFrom;
  mutate(p);
  return loadPlan(p);
}

describe('the version in force', () => {
  const plans = createPlanRegistry();

  it('holds every built-in version, keyed by (id, version)', () => {
    expect(plans.all().map((e) => `${e.plan.id}@${e.plan.version}`)).toEqual(['vaccine@2024.1', 'drug@2024.1', 'forest-fire@2024.1', 'forest-fire@2026.1', 'grassland-fire@2026.1']);
    expect(plans.all().every((e) => e.builtIn)).toBe(true);
    expect(builtInPlans).toHaveLength(5);
    expect(plans.versions('forest-fire')).toEqual([forestFirePlan, forestFire2026Plan]);
    expect(plans.get('forest-fire', '2024.1')).toBe(forestFirePlan);
    expect(plans.find('forest-fire', '1999')).toBeUndefined();
    expect(refusal(() => plans.get('forest-fire', '1999')).body).toMatchObject({ code: 'not-found', field: 'plan', rule: 'known-plan-version' });
  });

  it('forest-fire: 2024.1 until 2025-12-31 23:59:59 Beijing, 2026.1 from 2026-01-01 00:00 Beijing', () => {
    expect(plans.inForce('forest-fire', new Date('2025-12-31T15:59:59Z')).version).toBe('2024.1');
    expect(plans.inForce('forest-fire', new Date('2025-12-31T15:59:59.999Z')).version).toBe('2024.1');
    expect(plans.inForce('forest-fire', new Date('2025-12-31T16:00:00Z')).version).toBe('2026.1');
    expect(plans.inForce('forest-fire', '2025-12-31T23:59:59+08:00').version).toBe('2024.1');
    expect(plans.inForce('forest-fire', '2026-01-01T00:00:00+08:00').version).toBe('2026.1');
    expect(plans.inForce('forest-fire', '2025-12-31').version).toBe('2024.1');
    expect(plans.inForce('forest-fire', '2026-01-01').version).toBe('2026.1');
    expect(plans.inForce('forest-fire', '2009-01-01').version).toBe('2024.1');
  });

  it('the same 5 ha graded just before and just after midnight: 较大 (III, 第四十条) then 一般 (IV, 第四十五条)', () => {
    const before = gradeParsed(plans.inForce('forest-fire', new Date('2025-12-31T15:59:59Z')), { burnedForestHa: 5 });
    const after = gradeParsed(plans.inForce('forest-fire', new Date('2025-12-31T16:00:00Z')), { burnedForestHa: 5 });
    expect(before).toMatchObject({ planVersion: '2024.1', level: 'III' });
    expect(before.criteria[0]!.clause).toMatch(/^第四十条/);
    expect(after).toMatchObject({ planVersion: '2026.1', level: 'IV' });
    expect(after.criteria[0]!.clause).toBe('第四十五条');
  });

  it('Beijing dates: an instant is read in Asia/Shanghai; a date is taken as it is', () => {
    expect(beijingDateOf(new Date('2025-12-31T15:59:59Z'))).toBe('2025-12-31');
    expect(beijingDateOf(new Date('2025-12-31T16:00:00Z'))).toBe('2026-01-01');
    expect(beijingDateOf('2026-01-01T00:10:00+08:00')).toBe('2026-01-01');
    expect(beijingDateOf('2026-01-01')).toBe('2026-01-01');
  });

  it('grassland-fire has no version before 2026: not in force, not-found with rule plan-in-force', () => {
    expect(plans.findInForce('grassland-fire', '2025-12-31')).toBeUndefined();
    expect(plans.inForce('grassland-fire', '2026-01-01')).toBe(grasslandFire2026Plan);
    const e = refusal(() => plans.inForce('grassland-fire', new Date('2025-12-31T15:59:59Z')));
    expect(e.body).toMatchObject({ code: 'not-found', field: 'at', rule: 'plan-in-force' });
    expect(e.body.message).toContain('2025-12-31');
  });

  it('vaccine and drug are in force from the county notice of 2024-06-15', () => {
    for (const p of [vaccinePlan, drugPlan]) {
      expect(plans.findInForce(p.id, '2024-06-14')).toBeUndefined();
      expect(plans.inForce(p.id, '2024-06-15')).toBe(p);
      expect(plans.inForce(p.id, new Date('2024-06-14T16:00:00Z'))).toBe(p); // 00:00 on 15 June in Beijing
      expect(plans.findInForce(p.id, new Date('2024-06-14T15:59:59Z'))).toBeUndefined();
    }
  });

  it('an unknown plan id is not-found with rule known-plan', () => {
    expect(refusal(() => plans.inForce('flood', '2026-01-01')).body).toMatchObject({ code: 'not-found', field: 'plan', rule: 'known-plan' });
  });

  it('effectiveUntil is the last day in force (inclusive): a repealed version alone leaves nothing in force after it', () => {
    const only = new PlanRegistry([forestFirePlan]);
    expect(only.inForce('forest-fire', '2025-12-31')).toBe(forestFirePlan);
    expect(only.findInForce('forest-fire', '2026-01-01')).toBeUndefined();
    expect(refusal(() => only.inForce('forest-fire', '2026-01-01')).body.rule).toBe('plan-in-force');
  });

  it('allInForce: one version per plan id, those with none in force left out', () => {
    expect(plans.allInForce('2025-06-01').map((p) => `${p.id}@${p.version}`)).toEqual(['vaccine@2024.1', 'drug@2024.1', 'forest-fire@2024.1']);
    expect(plans.allInForce('2026-06-01').map((p) => `${p.id}@${p.version}`)).toEqual(['vaccine@2024.1', 'drug@2024.1', 'forest-fire@2026.1', 'grassland-fire@2026.1']);
    expect(plans.allInForce('2024-01-01').map((p) => p.id)).toEqual(['forest-fire']);
  });
});

describe('adding versions', () => {
  it('a duplicate (id, version) is refused with rule new-version, built-in or not', () => {
    const plans = createPlanRegistry();
    const e = refusal(() => plans.add(forestFirePlan));
    expect(e.body).toMatchObject({ code: 'invalid-input', field: 'version', rule: 'new-version' });
    expect(e.body.message).toContain('内置');
    plans.add(edited('2026.2-县办', '2026-07-01'), { file: '/x/forest.json' });
    expect(refusal(() => plans.add(edited('2026.2-县办', '2026-08-01'))).body.rule).toBe('new-version');
    expect(plans.versions('forest-fire').map((p) => p.version)).toEqual(['2024.1', '2026.1', '2026.2-县办']);
    expect(plans.entry('forest-fire', '2026.2-县办')).toMatchObject({ builtIn: false, file: '/x/forest.json' });
  });

  it('an edited version with a later effectiveFrom wins from that day; the days before keep the earlier one', () => {
    const plans = createPlanRegistry();
    // The office moves IV's lower bound (a test number only) and dates its copy from 2026-07-01.
    const v2 = edited('2026.2-县办', '2026-07-01', (p) => {
      p.criteria.find((c) => c.id === 'area-IV')!.range = { gte: 0.05, lt: 10 };
    });
    plans.add(v2);
    expect(plans.inForce('forest-fire', '2026-06-30').version).toBe('2026.1');
    expect(plans.inForce('forest-fire', new Date('2026-06-30T15:59:59Z')).version).toBe('2026.1');
    expect(plans.inForce('forest-fire', new Date('2026-06-30T16:00:00Z'))).toBe(v2);
    expect(plans.inForce('forest-fire', '2027-01-01')).toBe(v2);
    expect(gradeParsed(plans.inForce('forest-fire', '2026-06-30'), { burnedForestHa: 0.05 }).level).toBeNull();
    expect(gradeParsed(plans.inForce('forest-fire', '2026-07-01'), { burnedForestHa: 0.05 }).level).toBe('IV');
    // versions are listed oldest first (by effectiveFrom)
    expect(plans.versions('forest-fire').map((p) => p.version)).toEqual(['2024.1', '2026.1', '2026.2-县办']);
  });

  it('on the same effectiveFrom, the version registered later is in force', () => {
    const plans = createPlanRegistry();
    const same = edited('2026.1-县办修订', '2026-01-01');
    plans.add(same);
    expect(plans.inForce('forest-fire', '2026-01-01')).toBe(same);
    expect(plans.inForce('forest-fire', '2025-12-31')).toBe(forestFirePlan);
  });

  it('an edited version dated before the latest one is in force only in between', () => {
    const plans = createPlanRegistry();
    const mid = edited('2025.1-县办', '2025-06-01');
    plans.add(mid);
    expect(plans.inForce('forest-fire', '2025-05-31')).toBe(forestFirePlan);
    expect(plans.inForce('forest-fire', '2025-06-01')).toBe(mid);
    expect(plans.inForce('forest-fire', '2026-01-01')).toBe(forestFire2026Plan);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Pinning through the real incident log

const dbs: Database[] = [];
afterEach(() => {
  for (const d of dbs.splice(0)) d.close();
});

function logOn(file: string, clock: ManualClock, plans = createPlanRegistry()): IncidentLog {
  const db = openDatabase(file, { backups: false });
  dbs.push(db);
  return new IncidentLog(db, clock, createPlanEngine(plans));
}

const state = (log: IncidentLog, id: string) => log.get(id).state as IncidentState;

describe('an incident is pinned to the version in force when it occurred, not when it was recorded', () => {
  // Recorded at 00:10 on 2026-01-01 (Beijing).
  const RECORDED = '2026-01-01T00:10:00+08:00';

  function fire(log: IncidentLog, occurredAt: string) {
    const o = log.openIncident({ planId: 'forest-fire', title: '卦山林火', occurredAt }, '值班员');
    log.append({ incidentId: o.incidentId, type: 'reported', payload: { source: '护林员电话', summary: '卦山北坡起火', incidentStartedAt: occurredAt, facts: { burnedForestHa: 5 } } }, '值班员');
    return o;
  }

  it('a fire at 23:50 on 2025-12-31, recorded at 00:10 on 2026-01-01, keeps 2024.1 and grades 5 ha as III', () => {
    const log = logOn(path.join(tmpDir('reg-'), 'c.sqlite'), new ManualClock(RECORDED));
    const o = fire(log, '2025-12-31T23:50:00+08:00');
    expect(o).toMatchObject({ planId: 'forest-fire', planVersion: '2024.1', occurredAt: '2025-12-31T15:50:00.000Z', recordedAt: '2025-12-31T16:10:00.000Z' });
    expect(log.get(o.incidentId).incident.planVersion).toBe('2024.1');
    expect(state(log, o.incidentId)).toMatchObject({ plan: 'forest-fire', planVersion: '2024.1', factsLevel: 'III' });
  });

  it('the same facts occurring at 00:05 on 2026-01-01 → 2026.1 and IV', () => {
    const log = logOn(path.join(tmpDir('reg-'), 'c.sqlite'), new ManualClock(RECORDED));
    const o = fire(log, '2026-01-01T00:05:00+08:00');
    expect(o.planVersion).toBe('2026.1');
    expect(state(log, o.incidentId)).toMatchObject({ planVersion: '2026.1', factsLevel: 'IV' });
  });

  it('without an occurred time the recording time decides', () => {
    const log = logOn(path.join(tmpDir('reg-'), 'c.sqlite'), new ManualClock(RECORDED));
    expect(log.openIncident({ planId: 'forest-fire', title: 't' }, 'o').planVersion).toBe('2026.1');
  });

  it('an explicit version wins over the date', () => {
    const log = logOn(path.join(tmpDir('reg-'), 'c.sqlite'), new ManualClock(RECORDED));
    expect(log.openIncident({ planId: 'forest-fire', planVersion: '2024.1', title: 't', occurredAt: '2026-01-01T00:05:00+08:00' }, 'o').planVersion).toBe('2024.1');
  });

  it('an incident occurring when no version was in force is refused (field occurredAt, rule plan-in-force), nothing written', () => {
    const log = logOn(path.join(tmpDir('reg-'), 'c.sqlite'), new ManualClock(RECORDED));
    const count = () => log.db.prepare('SELECT count(*) FROM events').pluck().get() as number;
    for (const [planId, at] of [
      ['grassland-fire', '2025-12-31T23:50:00+08:00'],
      ['vaccine', '2024-06-14T23:59:00+08:00'],
    ] as const) {
      const e = refusal(() => log.openIncident({ planId, title: 't', occurredAt: at }, 'o'));
      expect(e.body).toMatchObject({ code: 'invalid-input', field: 'occurredAt', rule: 'plan-in-force' });
    }
    expect(count()).toBe(0);
    expect(log.openIncident({ planId: 'vaccine', title: 't', occurredAt: '2024-06-15T00:00:00+08:00' }, 'o').planVersion).toBe('2024.1');
  });

  it('keeps its version for life: facts updates, a new connection, and a newer edited version do not regrade it', () => {
    const file = path.join(tmpDir('reg-'), 'c.sqlite');
    const clock = new ManualClock(RECORDED);
    const log = logOn(file, clock);
    const old = fire(log, '2025-12-31T23:50:00+08:00');
    // 8 ha: still 较大 (III) by 第四十条 (1–100 ha); it would be 一般 (IV) by 第四十五条.
    log.append({ incidentId: old.incidentId, type: 'facts-updated', payload: { facts: { burnedForestHa: 8 }, reason: '复测' } }, '值班员');
    expect(state(log, old.incidentId)).toMatchObject({ planVersion: '2024.1', factsLevel: 'III' });
    // 0.05 ha: 一般 under the 2008 rules (any forest fire), not counted under the 2026 ones.
    log.append({ incidentId: old.incidentId, type: 'facts-updated', payload: { facts: { burnedForestHa: 0.05 } } }, '值班员');
    expect(state(log, old.incidentId)).toMatchObject({ planVersion: '2024.1', factsLevel: 'IV' });
    log.append({ incidentId: old.incidentId, type: 'facts-updated', payload: { facts: { burnedForestHa: 5 } } }, '值班员');
    // The 2008 facts stay valid for it; the 2026 ones are refused (they are not its plan's facts).
    log.append({ incidentId: old.incidentId, type: 'facts-updated', payload: { facts: { burningHours: 2 } } }, '值班员');
    expect(refusal(() => log.append({ incidentId: old.incidentId, type: 'facts-updated', payload: { facts: { judgedReportUp: false } } }, '值班员')).body.code).toBe('invalid-input');

    // Another process, with an office version 2026.2 also loaded, opened later.
    const plans = createPlanRegistry();
    plans.add(edited('2026.2-县办', '2026-01-01'));
    clock.advance(3600_000);
    const other = logOn(file, clock, plans);
    expect(other.get(old.incidentId).incident.planVersion).toBe('2024.1');
    expect(state(other, old.incidentId)).toMatchObject({ planVersion: '2024.1', factsLevel: 'III', facts: { burnedForestHa: 5, burningHours: 2 } });
    other.append({ incidentId: old.incidentId, type: 'facts-updated', payload: { facts: { burnedForestHa: 6 } } }, '值班员');
    expect(state(other, old.incidentId)).toMatchObject({ planVersion: '2024.1', factsLevel: 'III' });
    // …while a new fire occurring now is pinned to the office version.
    expect(other.openIncident({ planId: 'forest-fire', title: '新火情' }, 'o').planVersion).toBe('2026.2-县办');
  });
});
