import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/api/errors';
import type { IncidentState } from '../../../shared/engine';
import { createPlanRegistry, vaccinePlan } from '../../../shared/plans';
import { ManualClock } from '../../../electron/core/clock';
import { openDatabase, type Database } from '../../../electron/core/db/database';
import { createPlanEngine, planEngine } from '../../../electron/core/log/planEngine';
import { IncidentLog } from '../../../electron/core/log/store';
import { verifyLog } from '../../../electron/core/log/verify';

const dirs: string[] = [];
const dbs: Database[] = [];
afterEach(() => {
  for (const d of dbs.splice(0)) d.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

// The vaccine plan is in force from 2024-06-15 (the county notice): the incidents here occur after it.
function fresh(engine = planEngine) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'log-plan-'));
  dirs.push(dir);
  const db = openDatabase(path.join(dir, 'c.sqlite'));
  dbs.push(db);
  return { db, log: new IncidentLog(db, new ManualClock('2024-07-01T02:00:00Z'), engine) };
}
const count = (db: Database) => db.prepare('SELECT count(*) FROM events').pluck().get() as number;
function refusal(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

const reported = { source: '城关镇卫生院电话', summary: '接种后多名儿童出现相似症状', facts: { clusteredRareAE: 4, suspectedQualityRelated: true } };

describe('state = fold(plan pinned to the incident, events) through the plan engine', () => {
  it('pins the current plan version at open and folds plan events (seq 1, 2, …) into the engine\'s state', () => {
    const { log } = fresh();
    const o = log.openIncident({ planId: 'vaccine', title: '疫苗事件' }, 'officer');
    expect(o).toMatchObject({ seq: 0, planId: 'vaccine', planVersion: vaccinePlan.version });
    const r = log.append({ incidentId: o.incidentId, type: 'reported', payload: reported, occurredAt: '2024-07-01T08:30:00+08:00' }, 'officer');
    expect(r.seq).toBe(1);
    log.note(o.incidentId, '已通知卫健局', 'officer');
    const { state, events } = log.get(o.incidentId);
    const s = state as IncidentState;
    expect(events.map((e) => [e.seq, e.type])).toEqual([[0, 'incident.opened'], [1, 'reported'], [2, 'note']]);
    expect(s).toMatchObject({ plan: 'vaccine', planVersion: vaccinePlan.version, state: 'reported', notes: 1, lastSeq: 2 });
    // 4 clustered rare AE, suspected quality-related → IV (疫苗预案 4.4); the engine grades, the log only folds.
    expect(s.factsLevel).toBe('IV');
  });

  it('an event the plan does not allow in the current state is refused and nothing is written', () => {
    const { log, db } = fresh();
    const { incidentId } = log.openIncident({ planId: 'vaccine', title: 't' }, 'o');
    const before = count(db);
    const e = refusal(() => log.append({ incidentId, type: 'response-started', payload: { level: 'IV', by: 'hq' } }, 'o'));
    expect(['conflict', 'forbidden']).toContain(e.body.code);
    expect(count(db)).toBe(before);
    expect(verifyLog(db).ok).toBe(true);
  });

  it('a payload the event type\'s schema rejects is refused naming the field, nothing written', () => {
    const { log, db } = fresh();
    const { incidentId } = log.openIncident({ planId: 'vaccine', title: 't' }, 'o');
    const e = refusal(() => log.append({ incidentId, type: 'reported', payload: { summary: '缺少来源' } }, 'o'));
    expect(e.body).toMatchObject({ code: 'invalid-input', field: 'payload.source' });
    const f = refusal(() => log.append({ incidentId, type: 'reported', payload: { ...reported, facts: { clusteredRareAE: -1 } } }, 'o'));
    expect(f.body.code).toBe('invalid-input');
    expect(f.body.field).toMatch(/clusteredRareAE/);
    expect(count(db)).toBe(1);
  });

  it('an unknown plan is refused with the known ones named', () => {
    const { log, db } = fresh();
    const e = refusal(() => log.openIncident({ planId: 'no-such-plan', title: 't' }, 'o'));
    expect(e.body).toMatchObject({ code: 'invalid-input', field: 'planId', rule: 'known-plan' });
    expect(e.body.message).toContain('vaccine');
    expect(count(db)).toBe(0);
  });

  it('changing a plan never regrades history: an incident keeps folding under the version it was opened with', () => {
    const plans = createPlanRegistry();
    const { log } = fresh(createPlanEngine(plans));
    const old = log.openIncident({ planId: 'vaccine', title: '旧版预案下的事件' }, 'o');
    log.append({ incidentId: old.incidentId, type: 'reported', payload: reported }, 'o');
    plans.add({ ...vaccinePlan, version: '2099.1' });
    const neu = log.openIncident({ planId: 'vaccine', title: '新版预案下的事件' }, 'o');
    expect(neu.planVersion).toBe('2099.1');
    expect((log.get(neu.incidentId).state as IncidentState).planVersion).toBe('2099.1');
    expect(log.get(old.incidentId).incident.planVersion).toBe(vaccinePlan.version);
    expect((log.get(old.incidentId).state as IncidentState).planVersion).toBe(vaccinePlan.version);
  });

  it('a correction event points at the seq it corrects (payload and envelope agree)', () => {
    const { log, db } = fresh();
    const { incidentId } = log.openIncident({ planId: 'vaccine', title: 't' }, 'o');
    log.append({ incidentId, type: 'reported', payload: reported }, 'o');
    const c = log.append({ incidentId, type: 'correction', payload: { correctsSeq: 1, text: '人数更正为5人', facts: { clusteredRareAE: 5 } } }, 'o');
    const ev = log.get(incidentId).events.at(-1)!;
    expect(ev).toMatchObject({ seq: c.seq, corrects: 1 });
    expect((log.get(incidentId).state as IncidentState).facts.clusteredRareAE).toBe(5);
    const e = refusal(() => log.append({ incidentId, type: 'correction', payload: { correctsSeq: 1, text: 'x' }, corrects: 0 }, 'o'));
    expect(e.body).toMatchObject({ field: 'corrects', rule: 'matches-payload' });
    expect(count(db)).toBe(3); // opening record, report, correction
  });

  it('the cached state is never trusted after another connection appended: a duplicate checklist item is still refused', () => {
    const { db, log } = fresh();
    const other = new IncidentLog(openDatabase(db.name), new ManualClock('2024-07-01T02:00:00Z'), planEngine); // a second process
    dbs.push(other.db);
    const { incidentId } = log.openIncident({ planId: 'vaccine', title: 't' }, 'o');
    log.append({ incidentId, type: 'reported', payload: reported }, 'o'); // `log` caches the state after this
    const done = { itemId: 'seal-vaccine', by: '张三', unit: 'amr' };
    other.append({ incidentId, type: 'checklist-item-done', payload: done }, 'o');
    const e = refusal(() => log.append({ incidentId, type: 'checklist-item-done', payload: done }, 'o'));
    expect(e.body.code).toBe('conflict');
    expect(count(db)).toBe(3);
    // And the incremental state equals a full replay after a run of appends.
    for (let i = 0; i < 20; i++) (i % 2 ? log : other).note(incidentId, `记录${i}`, 'o');
    const a = log.get(incidentId).state as IncidentState;
    expect(a.notes).toBe(20);
    expect(a.checklistDone['seal-vaccine']).toMatchObject({ seq: 2 });
    expect(other.get(incidentId).state).toEqual(a);
  });
});
