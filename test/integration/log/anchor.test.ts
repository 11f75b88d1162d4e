import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../electron/core/clock';
import { createCore } from '../../../electron/core/core';
import { eventHash } from '../../../electron/core/log/canonical';
import { listBackups, verifyFile } from '../../../electron/core/log/backup';
import { SEALED_TABLES } from '../../../electron/core/log/seal';
import type { EventRow } from '../../../electron/core/log/store';
import { witnessPath } from '../../../electron/core/log/witness';
import { erconJson, tmp } from './helpers';

const ctx = { actor: '值班员甲', transport: 'test' as const };
const application = {
  applicant: '交城县某建筑公司',
  kind: 'forestConstruction' as const,
  purpose: '林区防火通道施工',
  placeName: '卦山北坡',
  lng: 112.14,
  lat: 37.56,
  township: '天宁镇',
  windowStart: '2026-04-04T08:00:00+08:00',
  windowEnd: '2026-04-05T17:00:00+08:00',
};

/** A database with every kind of audit record, written through the core (the seals and the witness are the core's). */
async function build(): Promise<{ file: string; id: string; permit: number; reward: number; grave: number }> {
  const file = path.join(tmp(), 'console.sqlite');
  const core = createCore({ dbPath: file, clock: new ManualClock('2026-04-02T01:00:00Z'), open: { backups: false } });
  const { id } = await core.invoke('incidents.open', { planId: 'forest-fire', title: '卦山火情' }, ctx);
  for (const t of ['第一条', '第二条', '第三条', '第四条']) await core.invoke('incidents.note', { incidentId: id, text: t }, ctx);
  const p = await core.invoke('fire.permits.apply', application, ctx);
  await core.invoke('fire.permits.transition', { id: p.id, action: 'approve', approver: '县林业局张某' }, ctx);
  const r = await core.invoke('fire.rewards.propose', { incidentId: id, kind: 'first-report', recipientName: '刘某', amountYuan: 200, reason: '第一时间报告' }, ctx);
  const g = await core.invoke('fire.ledger.save', { table: 'graves', row: { number: 'G-001', kind: 'grave', township: '天宁镇', location: '卦山南', owner: '王某', riskGrade: 'high' } }, ctx);
  // A ledger is an editable register: a correction through the console is sealed as an update.
  await core.invoke('fire.ledger.save', { table: 'graves', id: g.id, row: { number: 'G-001', kind: 'grave', township: '天宁镇', location: '卦山南坡', owner: '王某', riskGrade: 'medium' } }, ctx);
  await core.invoke('map.feature.add', { layer: 'water', name: '蓄水池', geometry: { type: 'Point', coordinates: [112.1, 37.5] } }, ctx);
  core.close();
  return { file, id, permit: p.id, reward: r.id, grave: g.id };
}

/** The attacker with the file and sqlite3 but without the key: drop every trigger of `tables` (append-only and seals). */
function attack(file: string, tables: string[], sql: (raw: BetterSqlite3.Database) => void): void {
  const raw = new BetterSqlite3(file);
  const triggers = raw.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN (${tables.map(() => '?').join(',')})`).all(...tables) as Array<{ name: string; sql: string }>;
  for (const t of triggers) raw.exec(`DROP TRIGGER "${t.name}"`);
  sql(raw);
  // Put the very same triggers back, so that only the edit is left to find (the trigger check alone would not).
  for (const t of triggers.filter((x) => !x.sql.includes('ercon_seal'))) raw.exec(t.sql);
  raw.close();
}

const problems = (file: string) => verifyFile(file).problems.join('\n');

describe('the anchored chain: what an attacker who can edit the database file cannot hide', () => {
  it('an untouched database passes; every audit table is sealed; the witness beside it names the head', async () => {
    const { file } = await build();
    const v = await erconJson(['--db', file, 'verify']);
    expect(v).toMatchObject({ ok: true, problems: [] });
    expect(v.anchor).toMatchObject({ sealed: true, macChecked: true, witness: 'ok' });
    const raw = new BetterSqlite3(file, { readonly: true });
    const sealedTables = new Set(raw.prepare('SELECT DISTINCT tbl FROM audit_seals').pluck().all());
    raw.close();
    for (const t of ['incidents', 'events', 'map_events', 'fire_permits', 'fire_permit_events', 'fire_rewards', 'fire_reward_events', 'fire_ledger_graves']) expect(sealedTables).toContain(t);
    const w = JSON.parse(fs.readFileSync(witnessPath(file), 'utf8'));
    expect(w.seal).toEqual(v.anchor.head.seal);
    expect(w.eventsHash).toBe(v.headHash);
    expect(fs.statSync(path.join(path.dirname(file), 'log.key')).mode & 0o777).toBe(0o600);
  });

  it('cutting the last 1 or 3 events, their seals too: the witness tells', async () => {
    for (const n of [1, 3]) {
      const { file } = await build();
      attack(file, ['events', 'audit_seals'], (raw) => {
        const cut = raw.prepare('SELECT pos FROM events ORDER BY pos DESC LIMIT ?').pluck().all(n) as number[];
        raw.prepare(`DELETE FROM events WHERE pos IN (${cut.join(',')})`).run();
        raw.prepare(`DELETE FROM audit_seals WHERE pos >= (SELECT min(pos) FROM audit_seals WHERE tbl = 'events' AND CAST(row_key AS INTEGER) IN (${cut.join(',')}))`).run();
      });
      const v = verifyFile(file);
      expect(v.ok).toBe(false);
      expect(v.problems.join('\n')).toMatch(/the log was cut|events were cut/);
    }
  });

  it('an edit with the whole event chain re-hashed (SHA-256 is public): the seals do not hold', async () => {
    const { file } = await build();
    attack(file, ['events'], (raw) => {
      raw.prepare("UPDATE events SET payload = replace(payload, '第二条', '第贰条'), search_text = replace(search_text, '第二条', '第贰条') WHERE seq = 2").run();
      let prev = '0'.repeat(64);
      for (const r of raw.prepare('SELECT * FROM events ORDER BY pos').all() as EventRow[]) {
        const hash = eventHash({ pos: r.pos, seq: r.seq, incidentId: r.incident_id, type: r.type, payload: r.payload, occurredAt: r.occurred_at, recordedAt: r.recorded_at, actor: r.actor, corrects: r.corrects, prevHash: prev });
        raw.prepare('UPDATE events SET prev_hash = ?, hash = ? WHERE pos = ?').run(prev, hash, r.pos);
        prev = hash;
      }
    });
    const v = verifyFile(file);
    expect(v.firstBrokenSeq).toBeNull(); // the SHA-256 chain alone is fooled
    expect(v.ok).toBe(false);
    expect(v.problems.join('\n')).toMatch(/events row 3 was changed after it was sealed/);
    expect(v.problems.join('\n')).toMatch(/event chain was rewritten/);
  });

  it('a forged event appended with a correct hash: no seal, or a seal whose MAC does not hold', async () => {
    const { file, id } = await build();
    attack(file, ['events', 'audit_seals'], (raw) => {
      const head = raw.prepare('SELECT * FROM events ORDER BY pos DESC LIMIT 1').get() as EventRow;
      const e = { pos: head.pos + 1, seq: 5, incidentId: id, type: 'note', payload: '{"text":"伪造"}', occurredAt: head.occurred_at, recordedAt: head.recorded_at, actor: 'x', corrects: null, prevHash: head.hash };
      raw.prepare('INSERT INTO events (pos, incident_id, seq, type, payload, occurred_at, recorded_at, actor, corrects, prev_hash, hash, search_text) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)').run(e.pos, id, e.seq, e.type, e.payload, e.occurredAt, e.recordedAt, e.actor, null, e.prevHash, eventHash(e), '伪造');
      const s = raw.prepare('SELECT pos, mac FROM audit_seals ORDER BY pos DESC LIMIT 1').get() as { pos: number; mac: string };
      raw.prepare("INSERT INTO audit_seals VALUES (?, 'events', ?, 'insert', ?, ?, ?)").run(s.pos + 1, String(e.pos), 'f'.repeat(64), s.mac, 'e'.repeat(64));
    });
    const v = verifyFile(file);
    expect(v.ok).toBe(false);
    expect(v.firstBrokenSeq).toBeNull();
    expect(v.problems.join('\n')).toMatch(/seal \d+ \(events \d+\) was forged or rewritten/);
  });

  it('a reward raised from 200 to 500 yuan, a permit approver changed, a ledger row edited, an incident opener changed, a map change re-attributed: each named', async () => {
    const cases: Array<[string, (ids: Awaited<ReturnType<typeof build>>) => string, RegExp]> = [
      ['fire_rewards', (x) => `UPDATE fire_rewards SET amount_yuan = 500 WHERE id = ${x.reward}`, /fire_rewards row \d+ was changed after it was sealed/],
      ['fire_permit_events', () => "UPDATE fire_permit_events SET approver = '李某' WHERE action = 'approve'", /fire_permit_events row \d+ was changed/],
      ['fire_ledger_graves', (x) => `UPDATE fire_ledger_graves SET risk_grade = 'low' WHERE id = ${x.grave}`, /fire_ledger_graves row \d+ was changed/],
      ['incidents', () => "UPDATE incidents SET opened_by = '别人', recorded_at = '2020-01-01T00:00:00.000Z'", /incidents row 2026\d+-001 was changed/],
      ['map_events', () => "UPDATE map_events SET actor = '别人'", /map_events row \d+ was changed/],
      ['fire_reward_events', (x) => `DELETE FROM fire_reward_events WHERE reward_id = ${x.reward}`, /fire_reward_events row \d+ was removed/],
    ];
    for (const [table, sql, want] of cases) {
      const ids = await build();
      expect(verifyFile(ids.file).ok).toBe(true);
      attack(ids.file, [table], (raw) => raw.exec(sql(ids)));
      const v = verifyFile(ids.file);
      expect(v.ok, table).toBe(false);
      expect(v.problems.join('\n')).toMatch(want);
    }
  });

  it('verify checks what the triggers do: a trigger with its name kept but its body emptied, or an extra trigger, fails', async () => {
    const { file } = await build();
    const raw = new BetterSqlite3(file);
    raw.exec("DROP TRIGGER fire_rewards_no_update; CREATE TRIGGER fire_rewards_no_update BEFORE UPDATE ON fire_rewards BEGIN SELECT 1; END;");
    raw.close();
    expect(problems(file)).toMatch(/trigger fire_rewards_no_update was replaced/);
    const raw2 = new BetterSqlite3(file);
    raw2.exec("DROP TRIGGER fire_rewards_no_update; CREATE TRIGGER fire_rewards_no_update BEFORE UPDATE ON fire_rewards BEGIN SELECT RAISE(ABORT, 'fire_rewards is append-only'); END;");
    raw2.exec('CREATE TRIGGER sneaky AFTER INSERT ON fire_rewards BEGIN SELECT 1; END;');
    raw2.close();
    const p = problems(file);
    expect(p).not.toMatch(/fire_rewards_no_update/); // the original text is back
    expect(p).toMatch(/trigger sneaky is not one the console creates/);
  });

  it('the witness cannot be deleted or forged to hide a cut; the key cannot be deleted to hide a forgery', async () => {
    const { file } = await build();
    fs.rmSync(witnessPath(file));
    expect(problems(file)).toMatch(/head witness beside the database is missing/);
    const { file: f2 } = await build();
    const w = JSON.parse(fs.readFileSync(witnessPath(f2), 'utf8'));
    fs.writeFileSync(witnessPath(f2), JSON.stringify({ ...w, eventsPos: 1 }));
    expect(problems(f2)).toMatch(/head witness was not written by this console/);
    const { file: f3 } = await build();
    fs.rmSync(path.join(path.dirname(f3), 'log.key'));
    expect(problems(f3)).toMatch(/log key is not available/);
  });

  it('start-up compares with the witness, announces a cut, and never moves the witness past it', async () => {
    const { file, id } = await build();
    const before = fs.readFileSync(witnessPath(file), 'utf8');
    attack(file, ['events', 'audit_seals'], (raw) => {
      raw.exec("DELETE FROM audit_seals WHERE pos = (SELECT max(pos) FROM audit_seals WHERE tbl = 'events')");
      raw.exec('DELETE FROM events WHERE pos = (SELECT max(pos) FROM events)');
    });
    const core = createCore({ dbPath: file, open: { backups: false } });
    expect(core.services.anchorFindings!.map((f) => f.en).join('\n')).toMatch(/cut/);
    await core.invoke('incidents.note', { incidentId: id, text: '之后又写了一条' }, ctx);
    await core.invoke('incidents.note', { incidentId: id, text: '再写一条' }, ctx);
    core.close();
    expect(fs.readFileSync(witnessPath(file), 'utf8')).toBe(before);
    expect(problems(file)).toMatch(/rewritten|cut/);
  });

  it('the newest backups must be prefixes of the database: a rewritten past shows against yesterday\'s backup', async () => {
    const { file, id } = await build();
    const core = createCore({ dbPath: file, open: { backups: false } });
    await core.invoke('log.backup', {}, ctx);
    core.close();
    expect(listBackups(file)).toHaveLength(1);
    expect(verifyFile(file).anchor!.backups).toEqual([expect.objectContaining({ ok: true })]);
    // Everything after the incident's opening is cut, the witness removed with it: only the backup is left to tell.
    attack(file, ['events', 'audit_seals', 'incidents'], (raw) => {
      raw.exec(`DELETE FROM events WHERE incident_id = '${id}' AND seq > 0`);
    });
    fs.rmSync(witnessPath(file));
    const v = verifyFile(file);
    expect(v.ok).toBe(false);
    expect(v.anchor!.backups[0]).toMatchObject({ ok: false });
    expect(v.problems.join('\n')).toMatch(/is not a prefix of this database/);
  });

  it('every table it seals exists in a fresh database (the list does not name a table that is gone)', async () => {
    const { file } = await build();
    const raw = new BetterSqlite3(file, { readonly: true });
    const tables = new Set(raw.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all());
    raw.close();
    for (const t of SEALED_TABLES) expect(tables, t).toContain(t);
  });
});

describe('the full-text index is checked too', () => {
  it('a search row changed behind the events table is found (read-only verify, on a copy in memory)', async () => {
    const { file } = await build();
    expect(verifyFile(file).ok).toBe(true);
    const raw = new BetterSqlite3(file);
    raw.exec("INSERT INTO events_fts(events_fts, rowid, search_text) VALUES ('delete', 2, (SELECT search_text FROM events WHERE pos = 2))");
    raw.exec("INSERT INTO events_fts(rowid, search_text) VALUES (2, '伪造的检索文本')");
    raw.close();
    expect(problems(file)).toMatch(/full-text index does not match/);
  });
});
