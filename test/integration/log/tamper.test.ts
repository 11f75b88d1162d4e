import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../electron/core/clock';
import { openDatabase } from '../../../electron/core/db/database';
import { eventHash } from '../../../electron/core/log/canonical';
import { IncidentLog } from '../../../electron/core/log/store';
import { ercon, tmp } from './helpers';

/** Six events in two incidents, written by the real store into a real file; returns the file. */
function build(): string {
  const file = path.join(tmp(), 'console.sqlite');
  const db = openDatabase(file, { backups: false });
  const log = new IncidentLog(db, new ManualClock('2024-05-01T00:00:00Z'));
  A = log.openIncident({ planId: 'vaccine', title: '疫苗事件' }, 'o').incidentId; // pos 1 = A #0
  B = log.openIncident({ planId: 'forest-fire', title: '林火' }, 'o').incidentId; // pos 2 = B #0
  log.note(A, 'abc 三名儿童发热', 'o'); // pos 3 = A #1
  log.note(B, '火场风力五级', 'o'); // pos 4 = B #1
  log.note(A, '封存疫苗', 'o'); // pos 5 = A #2
  log.note(B, '明火扑灭', 'o'); // pos 6 = B #2
  db.close();
  return file;
}
let A = '';
let B = '';

/** What an attacker with the file and sqlite3 can do: drop the triggers first (the seal triggers too: a connection
 * without the console's key cannot run them), then edit. */
function tamper(file: string, sql: (raw: BetterSqlite3.Database) => void): void {
  const raw = new BetterSqlite3(file);
  raw.exec('DROP TRIGGER events_no_update; DROP TRIGGER events_no_delete; DROP TRIGGER events_seal_update; DROP TRIGGER events_seal_delete;');
  sql(raw);
  // Put the triggers back, so that only the edit itself is left to find.
  raw.exec(`
    CREATE TRIGGER events_no_update BEFORE UPDATE ON events BEGIN SELECT RAISE(ABORT, 'x'); END;
    CREATE TRIGGER events_no_delete BEFORE DELETE ON events BEGIN SELECT RAISE(ABORT, 'x'); END;`);
  raw.close();
}

async function verify(file: string) {
  const r = await ercon(['--db', file, 'verify']);
  return { code: r.code, out: JSON.parse(r.stdout) as { ok: boolean; events: number; firstBrokenSeq: number | null; incidentId?: string; pos?: number; reason?: string } };
}

describe('ercon verify detects tampering and names the first broken seq', () => {
  it('an untouched log passes (exit 0, {"ok":true,"events":6})', async () => {
    const { code, out } = await verify(build());
    expect(code).toBe(0);
    expect(out).toMatchObject({ ok: true, events: 6 });
  });

  it('one changed payload byte (triggers dropped): exit 1, names that seq', async () => {
    const file = build();
    tamper(file, (raw) => {
      const p = raw.prepare('SELECT payload FROM events WHERE incident_id = ? AND seq = 1').pluck().get(A) as string;
      expect(p).toContain('abc');
      raw.prepare('UPDATE events SET payload = ? WHERE incident_id = ? AND seq = 1').run(p.replace('abc', 'abd'), A); // one byte: c → d
    });
    const { code, out } = await verify(file);
    expect(code).toBe(1);
    expect(out).toMatchObject({ ok: false, firstBrokenSeq: 1, incidentId: A, pos: 3 });
    expect(out.reason).toMatch(/altered/);
  });

  it('a deleted row (triggers dropped): exit 1, names the missing seq', async () => {
    const file = build();
    tamper(file, (raw) => raw.prepare('DELETE FROM events WHERE incident_id = ? AND seq = 1').run(A));
    const { code, out } = await verify(file);
    expect(code).toBe(1);
    expect(out).toMatchObject({ ok: false, firstBrokenSeq: 1, incidentId: A, pos: 3, events: 5 });
    expect(out.reason).toMatch(/missing/);
  });

  it('a deleted row followed in the chain by another incident\'s event: still names the missing seq', async () => {
    const file = build();
    tamper(file, (raw) => raw.prepare('DELETE FROM events WHERE incident_id = ? AND seq = 1').run(B)); // pos 4; pos 5 is A's
    const { code, out } = await verify(file);
    expect(code).toBe(1);
    expect(out).toMatchObject({ ok: false, firstBrokenSeq: 1, incidentId: B, pos: 4, events: 5 });
    expect(out.reason).toMatch(/missing/);
  });

  it('a row edited AND re-hashed: the next link breaks', async () => {
    const file = build();
    tamper(file, (raw) => {
      const r = raw.prepare('SELECT * FROM events WHERE pos = 3').get() as { seq: number; incident_id: string; type: string; payload: string; occurred_at: string; recorded_at: string; actor: string; corrects: number | null; prev_hash: string; search_text: string };
      const payload = String(r.payload).replace('三名', '一名');
      const hash = eventHash({ pos: 3, seq: r.seq, incidentId: r.incident_id, type: r.type, payload, occurredAt: r.occurred_at, recordedAt: r.recorded_at, actor: r.actor, corrects: r.corrects, prevHash: r.prev_hash });
      raw.prepare('UPDATE events SET payload = ?, hash = ?, search_text = ? WHERE pos = 3').run(payload, hash, String(r.search_text).replace('三名', '一名'));
    });
    const { code, out } = await verify(file);
    expect(code).toBe(1);
    expect(out).toMatchObject({ ok: false, firstBrokenSeq: 1, incidentId: B, pos: 4 }); // the next row in the chain
    expect(out.reason).toMatch(/link/);
  });

  it('an incidents row edited (trigger dropped) no longer matches its opening event: names its seq', async () => {
    const file = build();
    const raw = new BetterSqlite3(file);
    raw.exec('DROP TRIGGER incidents_no_update; DROP TRIGGER incidents_seal_update;');
    raw.prepare("UPDATE incidents SET plan_version = '999' WHERE plan_id = 'vaccine'").run();
    raw.close();
    const { code, out } = await verify(file);
    expect(code).toBe(1);
    expect(out).toMatchObject({ ok: false, firstBrokenSeq: 0, incidentId: A, pos: 1 });
  });

  it('dropped append-only triggers alone make verify fail (no seq to name)', async () => {
    const file = build();
    const raw = new BetterSqlite3(file);
    raw.exec('DROP TRIGGER events_no_delete');
    raw.close();
    const { code, out } = await verify(file);
    expect(code).toBe(1);
    expect(out).toMatchObject({ ok: false, firstBrokenSeq: null });
    expect(out.reason).toMatch(/events_no_delete/);
  });
});
