import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { refusal } from '../../helpers/refusal';
import { ManualClock } from '../../../electron/core/clock';
import { createCore } from '../../../electron/core/core';
import { openDatabase } from '../../../electron/core/db/database';
import { listBackups, restoreDatabase, verifyFile, writeBackup } from '../../../electron/core/log/backup';
import { migrations } from '../../../electron/core/db/migrations';
import { IncidentLog } from '../../../electron/core/log/store';
import { erconJson, tmp } from './helpers';

const ctx = { actor: 'tester', transport: 'test' as const };

function eventCount(file: string): number {
  const raw = new BetterSqlite3(file, { readonly: true });
  const n = raw.prepare('SELECT count(*) FROM events').pluck().get() as number;
  raw.close();
  return n;
}


describe('text the log cannot keep faithfully is refused at the boundary', () => {
  it('a lone surrogate in a note: invalid-input naming the field, nothing written; the paired surrogate (an emoji) passes', async () => {
    const file = path.join(tmp(), 'console.sqlite');
    const core = createCore({ dbPath: file, open: { backups: false } });
    const { id } = await core.invoke('incidents.open', { planId: 'vaccine', title: '边界检查' }, ctx);
    const before = eventCount(file);
    for (const bad of ['a\ud800b', 'a\udc00', '\ud83d']) {
      const b = await refusal(core.invoke('incidents.note', { incidentId: id, text: bad }, ctx));
      expect(b).toMatchObject({ code: 'invalid-input', field: 'text', rule: 'well-formed-text' });
      expect(b.message).toContain('字段 text');
      expect(b.messageEn).toContain('lone surrogate');
    }
    expect(eventCount(file)).toBe(before);
    await core.invoke('incidents.note', { incidentId: id, text: '火情 \ud83d\udd25 已报' }, ctx);
    expect(eventCount(file)).toBe(before + 1);
    core.close();
  });

  it('control characters: NUL / U+001F / DEL refused (field named, nested path too); tab, LF, CR pass', async () => {
    const core = createCore({ dbPath: path.join(tmp(), 'console.sqlite'), open: { backups: false } });
    const { id } = await core.invoke('incidents.open', { planId: 'vaccine', title: '控制字符' }, ctx);
    for (const c of ['\u0000', '\u001f', '\u007f', '\u000b']) {
      const b = await refusal(core.invoke('incidents.note', { incidentId: id, text: `x${c}y` }, ctx));
      expect(b).toMatchObject({ code: 'invalid-input', field: 'text', rule: 'no-control-chars' });
      expect(b.message).toContain('第 2 个字符');
    }
    const q = await refusal(core.invoke('incidents.search', { query: '疫苗\u0000' }, ctx));
    expect(q).toMatchObject({ code: 'invalid-input', field: 'query', rule: 'no-control-chars' });
    const nested = await refusal(core.invokeUnknown('incidents.append', { incidentId: id, type: 'note', payload: { text: 'ok', list: ['a', 'b\u0001'] } }, ctx));
    expect(nested).toMatchObject({ field: 'payload.list.1', rule: 'no-control-chars' });
    const key = await refusal(core.invokeUnknown('incidents.append', { incidentId: id, type: 'note', payload: { ['k\ud800']: 1 } }, ctx));
    expect(key.field).toBe('payload.k\ufffd (key)'.replace('\ufffd', '\ud800'));
    await core.invoke('incidents.note', { incidentId: id, text: '第一行\n第二行\r\n\t缩进' }, ctx);
    core.close();
  });

  it('nesting: 63 arrays deep reach the schema, 64 and 10,000 are refused as max-depth (no stack overflow, no 500)', async () => {
    const core = createCore({ dbPath: path.join(tmp(), 'console.sqlite'), open: { backups: false } });
    const deep = (n: number): unknown => {
      let v: unknown = 'x';
      for (let i = 0; i < n; i++) v = [v];
      return v;
    };
    const shallow = await refusal(core.invokeUnknown('incidents.list', { planId: deep(63) }, ctx));
    expect(shallow.rule).not.toBe('max-depth'); // the schema's own refusal (not a string)
    const at = await refusal(core.invokeUnknown('incidents.list', { planId: deep(64) }, ctx));
    expect(at).toMatchObject({ code: 'invalid-input', rule: 'max-depth' });
    const huge = await refusal(core.invokeUnknown('incidents.list', { planId: deep(10_000) }, ctx));
    expect(huge).toMatchObject({ code: 'invalid-input', rule: 'max-depth', field: 'planId'.concat('.0'.repeat(63)) });
    core.close();
  });
});

describe('an old database that already holds such an event', () => {
  /** What versions before the boundary check wrote: the store itself, with no check in front of it. */
  function oldDatabase(): { file: string; id: string } {
    const file = path.join(tmp(), 'console.sqlite');
    const db = openDatabase(file, { backups: false });
    const log = new IncidentLog(db, new ManualClock('2024-05-01T00:00:00Z'));
    const id = log.openIncident({ planId: 'vaccine', title: '旧\ud800标题' }, 'o').incidentId;
    log.note(id, '正常记录', 'o');
    log.note(id, 'a\ud800b', 'o');
    log.note(id, '之后的记录', 'o');
    db.close();
    return { file, id };
  }

  it('verify passes and names the event as a stored-text mismatch, not tampering', async () => {
    const { file, id } = oldDatabase();
    const v = await erconJson(['--db', file, 'verify']);
    expect(v.ok).toBe(true);
    expect(v.firstBrokenSeq).toBeNull();
    const named = v.storedTextMismatches.map((m: { incidentId: string; seq: number; column: string }) => `${m.incidentId}#${m.seq}:${m.column}`);
    expect(named).toEqual([`${id}#0:search_text`, `${id}#0:incidents.title`, `${id}#2:search_text`]);
    expect(v.storedTextMismatches[2].reason).toContain('not tampering');
  });

  it('a real edit of the search text is still tampering', () => {
    const { file, id } = oldDatabase();
    const raw = new BetterSqlite3(file);
    raw.exec('DROP TRIGGER events_no_update; DROP TRIGGER events_seal_update;');
    raw.prepare("UPDATE events SET search_text = 'x' WHERE incident_id = ? AND seq = 1").run(id);
    raw.close();
    const v = verifyFile(file);
    expect(v.ok).toBe(false);
    expect(v.firstBrokenSeq).toBe(1);
  });

  it('it is backed up at open (daily), backed up by hand, restored, and verified again', async () => {
    const { file } = oldDatabase();
    const core = createCore({ dbPath: file });
    expect(listBackups(file).map((b) => b.kind)).toEqual(['daily']);
    const manual = writeBackup(core.services.db, path.join(path.dirname(file), 'backups', 'by-hand.sqlite'), { requireChain: true });
    expect(manual.events).toBe(4);
    core.close();
    const r = await restoreDatabase(file, manual.path, migrations.map((m) => m.id), new Date('2024-05-02T00:00:00Z'));
    expect(r.events).toBe(4);
    expect(verifyFile(file).storedTextMismatches).toHaveLength(3);
  });
});
