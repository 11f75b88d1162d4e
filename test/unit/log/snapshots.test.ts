import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { IncidentState } from '../../../shared/engine';
import { vaccinePlan } from '../../../shared/plans';
import { ManualClock } from '../../../electron/core/clock';
import { openDatabase, type Database } from '../../../electron/core/db/database';
import { eventHash } from '../../../electron/core/log/canonical';
import type { LogEngine } from '../../../electron/core/log/engine';
import { planEngine } from '../../../electron/core/log/planEngine';
import { SNAPSHOT_EVERY } from '../../../electron/core/log/snapshots';
import { IncidentLog, type EventRow } from '../../../electron/core/log/store';

const dirs: string[] = [];
const dbs: Database[] = [];
afterEach(() => {
  for (const d of dbs.splice(0)) if (d.open) d.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** The plan engine, counting how often it folds from the first event and how many single steps it applies. */
function counting() {
  const n = { folds: 0, steps: 0 };
  const engine: LogEngine = {
    ...planEngine,
    fold: (plan, events) => {
      n.folds++;
      return planEngine.fold(plan, events);
    },
    step: (plan, state, e) => {
      n.steps++;
      return planEngine.step!(plan, state, e);
    },
  };
  return { engine, n };
}

const clock = new ManualClock('2024-07-01T02:00:00Z');
function open(file: string, engine: LogEngine = planEngine) {
  const db = openDatabase(file, { backups: false });
  dbs.push(db);
  return { db, log: new IncidentLog(db, clock, engine) };
}

const firstFields = Object.fromEntries(vaccinePlan.obligations.find((o) => o.kind === 'first')!.requiredFields.map((f) => [f.id, `${f.label}：……`]));

/** An incident longer than SNAPSHOT_EVERY, with facts, reports and evaluations (an `assessedLevel` left undefined). */
function build(events = SNAPSHOT_EVERY + 40) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'log-snap-'));
  dirs.push(dir);
  const file = path.join(dir, 'c.sqlite');
  const { db, log } = open(file);
  const { incidentId } = log.openIncident({ planId: 'vaccine', title: '快照测试' }, 'o');
  const add = (type: string, payload: unknown) => {
    clock.advance(1000);
    log.append({ incidentId, type, payload }, 'o');
  };
  add('reported', { source: '县人民医院', summary: '接种后多人不良反应', facts: { suspectedQualityRelated: true, clusteredRareAE: 4 } });
  add('report-filed', { kind: 'first', by: 'amr', recipients: ['county-gov', 'county-emergency-office', 'city-amr'], channel: 'direct-report', fields: firstFields });
  add('assessed', { level: 'IV', by: 'amr' });
  add('response-started', { level: 'IV', by: 'hq', approvedBy: 'county-gov' });
  for (let i = 4; i < events; i++) {
    if (i % 3 === 0) add('facts-updated', { facts: { clusteredRareAE: 4 + (i % 2) }, reason: `核实 ${i}` });
    else if (i % 7 === 0) add('expert-evaluation-recorded', { by: 'office', experts: ['甲'], conclusion: '持续观察', recommendsTermination: false });
    else log.note(incidentId, `第${i}条`, 'o');
  }
  db.close(); // a clean close runs the pending maintenance: the snapshot is stored
  return { file, incidentId };
}

/** The state folded from the first event, on a connection of its own. */
function foldFromFirst(file: string, incidentId: string): unknown {
  const { db, log } = open(file);
  const r = log.incidentRow(incidentId);
  const s = log.stateOf(r, log.eventsOf(incidentId));
  db.close();
  return s;
}

/** Rewrite one event's payload and every hash from it to the head, as someone who can re-hash would (a valid chain). */
function rewriteAndRehash(file: string, incidentId: string, seq: number, payload: string) {
  const raw = new BetterSqlite3(file);
  raw.exec('DROP TRIGGER events_no_update; DROP TRIGGER events_seal_update;');
  const target = raw.prepare('SELECT pos FROM events WHERE incident_id = ? AND seq = ?').pluck().get(incidentId, seq) as number;
  raw.prepare('UPDATE events SET payload = ? WHERE pos = ?').run(payload, target);
  let prev = raw.prepare('SELECT hash FROM events WHERE pos = ?').pluck().get(target - 1) as string;
  for (const r of raw.prepare('SELECT * FROM events WHERE pos >= ? ORDER BY pos').all(target) as EventRow[]) {
    const hash = eventHash({ pos: r.pos, seq: r.seq, incidentId: r.incident_id, type: r.type, payload: r.payload, occurredAt: r.occurred_at, recordedAt: r.recorded_at, actor: r.actor, corrects: r.corrects, prevHash: prev });
    raw.prepare('UPDATE events SET prev_hash = ?, hash = ? WHERE pos = ?').run(prev, hash, r.pos);
    prev = hash;
  }
  raw.close();
}

describe('fold snapshots kept beside the log', () => {
  it('after a restart the state comes from the snapshot plus the events after it, identical to a fold from the first event', () => {
    const { file, incidentId } = build();
    const expected = foldFromFirst(file, incidentId);
    const { db, log } = open(file, counting().engine);
    const snap = db.prepare('SELECT seq FROM fold_snapshots WHERE incident_id = ?').pluck().get(incidentId) as number;
    expect(snap).toBe(SNAPSHOT_EVERY + 40); // the last event
    // Five more events, then a new connection (a restart without a clean close: no newer snapshot).
    for (let i = 0; i < 5; i++) log.note(incidentId, `重启后 ${i}`, 'o');
    const withTail = foldFromFirst(file, incidentId);
    const c = counting();
    const again = new IncidentLog(db, clock, c.engine);
    const state = again.currentState(again.incidentRow(incidentId));
    expect(c.n).toEqual({ folds: 0, steps: 5 });
    expect(isDeepStrictEqual(state, withTail)).toBe(true);
    expect(isDeepStrictEqual(state, expected)).toBe(false);
    // get() agrees with it, and the undefined `assessedLevel` of the evaluation survived the round trip.
    expect(isDeepStrictEqual(again.get(incidentId).state, withTail)).toBe(true);
    const s = state as IncidentState;
    expect(s.evaluation && 'assessedLevel' in s.evaluation).toBe(true);
    expect(s.notes).toBe((withTail as IncidentState).notes);
  });

  it('a rewritten event at the snapshot (chain re-hashed to stay valid) makes the snapshot untrusted: folded from the first event', () => {
    const { file, incidentId } = build();
    const raw = new BetterSqlite3(file, { readonly: true });
    const at = raw.prepare('SELECT seq FROM fold_snapshots').pluck().get() as number;
    // The incident's first facts-updated, well before the snapshot (the state keeps it as events['facts-updated'].first).
    const earlier = raw.prepare("SELECT seq FROM events WHERE incident_id = ? AND type = 'facts-updated' ORDER BY seq LIMIT 1").pluck().get(incidentId) as number;
    raw.close();
    expect(earlier).toBeLessThan(at - 100);
    const original = foldFromFirst(file, incidentId);
    rewriteAndRehash(file, incidentId, earlier, JSON.stringify({ facts: { clusteredRareAE: 5 }, reason: '改写' }));
    const expected = foldFromFirst(file, incidentId);
    const c = counting();
    const { log } = open(file, c.engine);
    const state = log.currentState(log.incidentRow(incidentId)) as IncidentState;
    expect(c.n.folds).toBe(1);
    expect(isDeepStrictEqual(state, expected)).toBe(true);
    expect(isDeepStrictEqual(state, original)).toBe(false);
    expect(state.events['facts-updated']!.first.payload.reason).toBe('改写');
  });

  it('the event at the snapshot changed without its hash, the stored state edited, or another fold key: each is refused', () => {
    const cases: Array<(raw: BetterSqlite3.Database, incidentId: string, at: number) => void> = [
      (raw, id, at) => {
        raw.exec('DROP TRIGGER events_no_update; DROP TRIGGER events_seal_update;');
        raw.prepare("UPDATE events SET actor = 'x' WHERE incident_id = ? AND seq = ?").run(id, at);
      },
      (raw) => {
        const st = raw.prepare('SELECT state FROM fold_snapshots').pluck().get() as Buffer;
        st[st.length - 3] = st[st.length - 3]! ^ 1;
        raw.prepare('UPDATE fold_snapshots SET state = ?').run(st);
      },
      (raw) => raw.exec("UPDATE fold_snapshots SET fold_key = fold_key || '+'"),
    ];
    for (const tamper of cases) {
      const { file, incidentId } = build(SNAPSHOT_EVERY + 4);
      const expected = foldFromFirst(file, incidentId);
      const raw = new BetterSqlite3(file);
      tamper(raw, incidentId, raw.prepare('SELECT seq FROM fold_snapshots').pluck().get() as number);
      raw.close();
      const c = counting();
      const { log } = open(file, c.engine);
      const state = log.currentState(log.incidentRow(incidentId));
      expect(c.n.folds).toBe(1);
      expect(isDeepStrictEqual(state, expected)).toBe(true);
    }
  });

  it('an append after a restart steps from the snapshot instead of replaying the incident', () => {
    const { file, incidentId } = build();
    const c = counting();
    const { log } = open(file, c.engine);
    log.note(incidentId, '重启后第一条', 'o');
    expect(c.n).toEqual({ folds: 0, steps: 1 });
    expect(isDeepStrictEqual(log.get(incidentId).state, foldFromFirst(file, incidentId))).toBe(true);
  });
});
