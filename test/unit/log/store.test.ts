import BetterSqlite3 from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/api/errors';
import { ManualClock } from '../../../electron/core/clock';
import { openDatabase, type Database } from '../../../electron/core/db/database';
import { canonicalJson, eventHash, GENESIS_HASH } from '../../../electron/core/log/canonical';
import { FUTURE_TOLERANCE_MS, IncidentLog } from '../../../electron/core/log/store';
import { verifyLog } from '../../../electron/core/log/verify';

const dirs: string[] = [];
const dbs: Database[] = [];
afterEach(() => {
  for (const d of dbs.splice(0)) d.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function fresh(clock = new ManualClock('2024-05-01T00:30:00Z')): { log: IncidentLog; db: Database; file: string; clock: ManualClock } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'log-unit-'));
  dirs.push(dir);
  const file = path.join(dir, 'c.sqlite');
  const db = openDatabase(file);
  dbs.push(db);
  return { log: new IncidentLog(db, clock), db, file, clock };
}

function count(db: Database): number {
  return db.prepare('SELECT count(*) FROM events').pluck().get() as number;
}

function appError(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected an AppError');
}

describe('canonical JSON and the event hash', () => {
  it('sorts keys at every depth and drops nothing but undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: '疫苗' } })).toBe('{"a":{"c":"疫苗","d":[3,{"y":2,"z":1}]},"b":1}');
    expect(canonicalJson({ a: undefined, b: null })).toBe('{"b":null}');
  });
  it('refuses values JSON cannot carry', () => {
    expect(() => canonicalJson({ a: Number.NaN })).toThrow(/\$\.a/);
    expect(() => canonicalJson({ a: new Date(0) })).toThrow(/plain JSON object/);
  });
  it('changes when any hashed field changes', () => {
    const base = { pos: 1, seq: 1, incidentId: 'x', type: 'note', payload: '{"text":"a"}', occurredAt: 't', recordedAt: 't', actor: 'a', corrects: null, prevHash: GENESIS_HASH };
    const h = eventHash(base);
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    for (const [k, v] of Object.entries({ pos: 2, seq: 2, incidentId: 'y', type: 'x', payload: '{"text":"b"}', occurredAt: 'u', recordedAt: 'u', actor: 'b', corrects: 1, prevHash: 'f'.repeat(64) })) {
      expect(eventHash({ ...base, [k]: v }), k).not.toBe(h);
    }
  });
});

describe('IncidentLog', () => {
  it('opens incidents with per-day ids (Asia/Shanghai) and chains every event globally', () => {
    const { log, db } = fresh(new ManualClock('2024-05-01T15:59:00Z')); // 23:59 in Shanghai
    const a = log.openIncident({ planId: 'vaccine', title: '接种后发热' }, 'officer');
    const b = log.openIncident({ planId: 'vaccine', title: '第二起' }, 'officer');
    expect(a.incidentId).toBe('20240501-001');
    expect(b.incidentId).toBe('20240501-002');
    const n = log.note(a.incidentId, '电话：三名儿童发热', 'officer');
    // seq numbers the events of one incident (0 = the opening record); pos is the one global chain.
    expect([a.seq, b.seq, n.seq]).toEqual([0, 0, 1]);
    expect([a.pos, b.pos, n.pos]).toEqual([1, 2, 3]);
    const rows = db.prepare('SELECT pos, prev_hash, hash FROM events ORDER BY pos').all() as Array<{ pos: number; prev_hash: string; hash: string }>;
    expect(rows[0]!.prev_hash).toBe(GENESIS_HASH);
    expect(rows[1]!.prev_hash).toBe(rows[0]!.hash);
    expect(rows[2]!.prev_hash).toBe(rows[1]!.hash);
    (log.clock as ManualClock).set('2024-05-01T16:00:00Z'); // 00:00 on 2 May in Shanghai: a new duty day
    expect(log.openIncident({ planId: 'vaccine', title: '次日' }, 'o').incidentId).toBe('20240502-001');
    expect(verifyLog(db)).toMatchObject({ ok: true, events: 4, firstBrokenSeq: null });
  });

  it('keeps both times: occurredAt as the officer says (normalised to UTC), recordedAt from the clock', () => {
    const { log } = fresh(new ManualClock('2024-05-01T02:00:00Z'));
    const a = log.openIncident({ planId: 'vaccine', title: 't', occurredAt: '2024-05-01T08:30:00+08:00' }, 'o');
    expect(a.occurredAt).toBe('2024-05-01T00:30:00.000Z');
    expect(a.recordedAt).toBe('2024-05-01T02:00:00.000Z');
    const ev = log.get(a.incidentId).events[0]!;
    expect(ev).toMatchObject({ occurredAt: '2024-05-01T00:30:00.000Z', recordedAt: '2024-05-01T02:00:00.000Z', actor: 'o' });
  });

  it('a correction is a new event pointing at the seq it corrects (same incident only)', () => {
    const { log, db } = fresh();
    const a = log.openIncident({ planId: 'p', title: 'A' }, 'o');
    const b = log.openIncident({ planId: 'p', title: 'B' }, 'o');
    const n = log.note(a.incidentId, '三人发热', 'o');
    const c = log.append({ incidentId: a.incidentId, type: 'note', payload: { text: '更正：四人发热' }, corrects: n.seq }, 'o');
    expect(log.get(a.incidentId).events.at(-1)).toMatchObject({ seq: c.seq, corrects: n.seq });
    // seq 1 exists in B too (its own first note): a correction still cannot cross incidents.
    log.note(b.incidentId, 'B 的记录', 'o');
    const before = count(db);
    const e = appError(() => log.append({ incidentId: b.incidentId, type: 'note', payload: { text: 'x' }, corrects: 2 }, 'o'));
    expect(e.body).toMatchObject({ code: 'invalid-input', field: 'corrects', rule: 'same-incident' });
    expect(count(db)).toBe(before);
    // A seq that does not exist (yet) in the incident.
    expect(appError(() => log.append({ incidentId: a.incidentId, type: 'note', payload: { text: 'x' }, corrects: 99 }, 'o')).body.rule).toBe('same-incident');
    expect(count(db)).toBe(before);
  });

  describe('bad input is refused, naming the field and the rule, with nothing written', () => {
    const cases: Array<[string, (l: IncidentLog, id: string) => unknown, Record<string, string>]> = [
      ['empty note', (l, id) => l.append({ incidentId: id, type: 'note', payload: { text: '  ' } }, 'o'), { field: 'payload.text', rule: 'too_small' }],
      ['unknown payload key', (l, id) => l.append({ incidentId: id, type: 'note', payload: { text: 'a', extra: 1 } }, 'o'), { field: 'payload.extra', rule: 'unrecognized_keys' }],
      ['payload of the wrong type', (l, id) => l.append({ incidentId: id, type: 'note', payload: { text: 5 } }, 'o'), { field: 'payload.text', rule: 'invalid_type' }],
      ['unknown event type', (l, id) => l.append({ incidentId: id, type: 'graded-by-magic', payload: {} }, 'o'), { field: 'type', rule: 'known-event-type' }],
      ['a second opening event', (l, id) => l.append({ incidentId: id, type: 'incident.opened', payload: {} }, 'o'), { field: 'type', rule: 'opened-once' }],
      ['occurredAt without a zone', (l, id) => l.append({ incidentId: id, type: 'note', payload: { text: 'a' }, occurredAt: '2024-05-01 08:00' }, 'o'), { field: 'occurredAt', rule: 'iso-datetime' }],
      ['occurredAt not a date', (l, id) => l.append({ incidentId: id, type: 'note', payload: { text: 'a' }, occurredAt: '2024-13-45T99:00:00Z' }, 'o'), { field: 'occurredAt', rule: 'iso-datetime' }],
      ['oversized payload', (l, id) => l.note(id, '疫'.repeat(100_000), 'o'), { field: 'payload.text', rule: 'too_big' }],
      ['empty title', (l) => l.openIncident({ planId: 'p', title: ' ' }, 'o'), { field: 'payload.title', rule: 'too_small' }],
    ];
    for (const [name, fn, body] of cases) {
      it(name, () => {
        const { log, db } = fresh();
        const { incidentId } = log.openIncident({ planId: 'p', title: 't' }, 'o');
        const before = count(db);
        const incidents = db.prepare('SELECT count(*) FROM incidents').pluck().get();
        const e = appError(() => fn(log, incidentId));
        expect(e.body).toMatchObject({ code: 'invalid-input', ...body });
        expect(e.body.message).toMatch(/[\u4e00-\u9fff]/);
        expect(count(db)).toBe(before);
        expect(db.prepare('SELECT count(*) FROM incidents').pluck().get()).toBe(incidents);
        expect(verifyLog(db).ok).toBe(true);
      });
    }
    it('an unknown incident is not-found', () => {
      const { log, db } = fresh();
      expect(appError(() => log.note('19990101-001', 'x', 'o')).body).toMatchObject({ code: 'not-found', field: 'id' });
      expect(count(db)).toBe(0);
    });
  });

  it(`occurredAt may be up to ${FUTURE_TOLERANCE_MS / 60000} minutes ahead of the clock (skew), not one millisecond more`, () => {
    const { log, db } = fresh(new ManualClock('2024-05-01T00:00:00Z'));
    const { incidentId } = log.openIncident({ planId: 'p', title: 't' }, 'o');
    expect(log.note(incidentId, 'ok', 'o', '2024-05-01T00:05:00.000Z').seq).toBe(1);
    const e = appError(() => log.note(incidentId, 'late', 'o', '2024-05-01T00:05:00.001Z'));
    expect(e.body).toMatchObject({ field: 'occurredAt', rule: 'not-in-future' });
    expect(count(db)).toBe(2);
  });

  it('SQLite refuses UPDATE and DELETE of events and incidents (triggers), whatever the caller', () => {
    const { log, db } = fresh();
    const { incidentId } = log.openIncident({ planId: 'p', title: 't' }, 'o');
    log.note(incidentId, 'a', 'o');
    expect(() => db.prepare("UPDATE events SET payload = '{\"text\":\"b\"}' WHERE pos = 2").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM events WHERE pos = 2').run()).toThrow(/append-only/);
    expect(() => db.prepare("UPDATE incidents SET title = 'x'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM incidents').run()).toThrow(/append-only/);
    expect(count(db)).toBe(2);
    expect(verifyLog(db).ok).toBe(true);
  });

  it('has no UPDATE or DELETE statement on the log in its source', () => {
    const dir = path.resolve(__dirname, '../../../electron/core/log');
    for (const f of fs.readdirSync(dir)) {
      const src = fs.readFileSync(path.join(dir, f), 'utf8');
      expect(src, f).not.toMatch(/\bUPDATE\s+(events|incidents)\b/i);
      expect(src, f).not.toMatch(/\bDELETE\s+FROM\s+(events|incidents)\b/i);
    }
  });

  it('lists incidents newest first and by plan', () => {
    const { log, clock } = fresh();
    log.openIncident({ planId: 'vaccine', title: 'v1', occurredAt: '2024-04-30T00:00:00Z' }, 'o');
    clock.advance(1000);
    log.openIncident({ planId: 'forest-fire', title: 'f1' }, 'o');
    expect(log.list().map((i) => i.title)).toEqual(['f1', 'v1']);
    expect(log.list({ planId: 'vaccine' }).map((i) => i.title)).toEqual(['v1']);
  });

  it('keeps no incident row or event from an outer transaction that rolled back', () => {
    const { log, db } = fresh();
    const kept = log.openIncident({ planId: 'vaccine', title: 'kept' }, 'o');
    let gone = '';
    expect(() =>
      db.transaction(() => {
        gone = log.openIncident({ planId: 'vaccine', title: 'gone' }, 'o').incidentId;
        expect(log.incidentRow(gone).title).toBe('gone'); // seen inside the transaction
        log.note(gone, 'first', 'o');
        log.note(kept.incidentId, 'also gone', 'o');
        throw new Error('roll back');
      })(),
    ).toThrow('roll back');
    expect(appError(() => log.incidentRow(gone)).body.code).toBe('not-found');
    expect(appError(() => log.note(gone, 'after', 'o')).body.code).toBe('not-found');
    // The surviving incident goes on from its committed head: seq 1, and the chain still verifies.
    expect(log.note(kept.incidentId, 'after', 'o').seq).toBe(1);
    expect(count(db)).toBe(2);
    expect(verifyLog(db).ok).toBe(true);
  });

  it("an append's seq follows the incident's last event, also for incidents opened by another connection", () => {
    const { log, db, file } = fresh();
    const a = log.openIncident({ planId: 'vaccine', title: 'a' }, 'o');
    const other = openDatabase(file);
    dbs.push(other);
    const theirs = new IncidentLog(other, new ManualClock('2024-05-01T00:31:00Z'));
    const b = theirs.openIncident({ planId: 'vaccine', title: 'b' }, 'o');
    theirs.note(a.incidentId, 'from the other connection', 'o');
    expect(log.note(b.incidentId, 'mine', 'o').seq).toBe(1);
    expect(log.note(a.incidentId, 'mine', 'o').seq).toBe(2);
    expect(verifyLog(db).ok).toBe(true);
  });
});

describe('the database file', () => {
  it('WAL, synchronous=FULL, foreign keys and a busy timeout are set on every connection', () => {
    const { db } = fresh();
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBeGreaterThanOrEqual(1000);
  });
  it('an event cannot name an incident that does not exist (foreign key)', () => {
    const { db } = fresh();
    expect(() =>
      db.prepare("INSERT INTO events (pos, seq, incident_id, type, payload, occurred_at, recorded_at, actor, prev_hash, hash, search_text) VALUES (1, 0, 'nope', 'note', '{}', 't', 't', 'a', 'p', 'h', '')").run(),
    ).toThrow(/FOREIGN KEY/);
  });
  it('has no index of seals by row (no query used it; each append wrote a page of it)', () => {
    const { db } = fresh();
    expect(db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'audit_seals'").pluck().all()).toEqual([]);
  });
  it('a raw connection sees the same schema (sanity check for the tamper tests)', () => {
    const { file, log } = fresh();
    log.openIncident({ planId: 'p', title: 't' }, 'o');
    const raw = new BetterSqlite3(file, { readonly: true });
    expect(raw.prepare('SELECT count(*) FROM events').pluck().get()).toBe(1);
    raw.close();
  });
});
