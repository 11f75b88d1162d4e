import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../electron/core/clock';
import { openDatabase, type Database } from '../../../electron/core/db/database';
import { IncidentLog, MAINTAIN_DELAY_MS } from '../../../electron/core/log/store';
import { verifyLog } from '../../../electron/core/log/verify';

const dirs: string[] = [];
const dbs: Database[] = [];
afterEach(() => {
  for (const d of dbs.splice(0)) d.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function seeded() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'log-search-'));
  dirs.push(dir);
  const db = openDatabase(path.join(dir, 'c.sqlite'));
  dbs.push(db);
  const log = new IncidentLog(db, new ManualClock('2024-05-01T00:00:00Z'));
  const v = log.openIncident({ planId: 'vaccine', title: '乙肝疫苗接种异常反应' }, 'o').incidentId;
  const f = log.openIncident({ planId: 'forest-fire', title: '马鞍山林火' }, 'o').incidentId;
  const seqs = {
    fever: log.note(v, '接到电话：城关镇卫生院报告三名儿童发热', 'o').pos,
    batch: log.note(v, '封存同批号疫苗', 'o').pos, // 疫苗 at the END of the text
    fire: log.note(f, '火场风力五级，请求增援', 'o').pos,
    latin: log.note(f, 'GPS 坐标 37.55N 112.15E，100% 覆盖', 'o').pos,
  };
  return { log, v, f, seqs };
}

/** Chain positions of the hits (the two opening records are positions 1 and 2). */
const seqsOf = (r: { hits: Array<{ pos: number }> }) => r.hits.map((h) => h.pos).sort((a, b) => a - b);

describe('full-text search (FTS5 trigram, LIKE for terms under 3 characters)', () => {
  it('finds a two-character Chinese word anywhere, including at the very end of a text', () => {
    const { log, seqs } = seeded();
    // 疫苗 occurs in the vaccine incident's title (seq 1) and at the end of the batch note.
    expect(seqsOf(log.search('疫苗'))).toEqual([1, seqs.batch]);
    expect(seqsOf(log.search('发热'))).toEqual([seqs.fever]);
    expect(seqsOf(log.search('增援'))).toEqual([seqs.fire]);
  });
  it('finds three- and four-character substrings through the trigram index', () => {
    const { log, seqs } = seeded();
    expect(seqsOf(log.search('卫生院'))).toEqual([seqs.fever]);
    expect(seqsOf(log.search('同批号'))).toEqual([seqs.batch]);
    expect(seqsOf(log.search('三名儿童'))).toEqual([seqs.fever]);
    expect(seqsOf(log.search('马鞍山林火'))).toEqual([2]);
  });
  it('does not match characters that are present but not adjacent', () => {
    const { log } = seeded();
    expect(log.search('疫发').hits).toEqual([]); // 2 chars, both occur, never together
    expect(log.search('儿童发热了').hits).toEqual([]); // 5 chars: prefix occurs, whole does not
    expect(log.search('发热儿童').hits).toEqual([]); // 4 chars, same characters in another order
  });
  it('one-character queries work too (LIKE)', () => {
    const { log, seqs } = seeded();
    expect(seqsOf(log.search('火'))).toEqual([2, seqs.fire]);
  });
  it('whitespace-separated terms must all occur (mixing a 2-character and a 3-character term)', () => {
    const { log, seqs } = seeded();
    expect(seqsOf(log.search('疫苗 同批号'))).toEqual([seqs.batch]);
    expect(seqsOf(log.search('卫生院 发热'))).toEqual([seqs.fever]);
    expect(log.search('卫生院 增援').hits).toEqual([]);
  });
  it('LIKE wildcards and FTS syntax in the query are literal text', () => {
    const { log, seqs } = seeded();
    expect(seqsOf(log.search('0%'))).toEqual([seqs.latin]);
    expect(log.search('%').hits.map((h) => h.pos)).toEqual([seqs.latin]);
    expect(log.search('_').hits).toEqual([]);
    expect(log.search('"OR"').hits).toEqual([]);
    expect(seqsOf(log.search('gps'))).toEqual([seqs.latin]); // ASCII case-insensitive, both paths
    expect(seqsOf(log.search('112.15e'))).toEqual([seqs.latin]);
  });
  it('filters by incident, returns newest first, and says when it cut the list', () => {
    const { log, v, seqs } = seeded();
    expect(log.search('疫苗', { incidentId: v }).hits.map((h) => h.pos)).toEqual([seqs.batch, 1]);
    const r = log.search('疫苗', { limit: 1 });
    expect(r).toMatchObject({ truncated: true, hits: [{ pos: seqs.batch, seq: 2, incidentId: v, type: 'note' }] });
    expect(r.hits[0]!.snippet).toContain('疫苗');
  });
  it('two two-character Chinese terms are both looked up in the bigram index (AND)', () => {
    const { log, seqs } = seeded();
    expect(seqsOf(log.search('封存 疫苗'))).toEqual([seqs.batch]);
    expect(seqsOf(log.search('疫苗 发热'))).toEqual([]);
    expect(seqsOf(log.search('疫苗 封'))).toEqual([seqs.batch]); // + a one-character LIKE filter
  });
  it('migration 11 indexes the bigrams of events written before it', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'log-search-'));
    dirs.push(dir);
    const file = path.join(dir, 'c.sqlite');
    const db = openDatabase(file);
    const log = new IncidentLog(db, new ManualClock('2024-05-01T00:00:00Z'));
    const { incidentId } = log.openIncident({ planId: 'p', title: '林火' }, 'o');
    const n = log.note(incidentId, '请求增援', 'o');
    // Back to the schema before migration 11 (as a database from the earlier version would be).
    db.exec("DROP TABLE events_bigram; DELETE FROM schema_migrations WHERE id = 11;");
    db.close();
    const again = openDatabase(file);
    dbs.push(again);
    expect(new IncidentLog(again, new ManualClock('2024-05-01T00:00:00Z')).search('增援').hits.map((h) => h.pos)).toEqual([n.pos]);
  });
  it('an append leaves the indexes to a batch after its commit; search is exact before it, on a read-only connection too', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'log-search-'));
    dirs.push(dir);
    const file = path.join(dir, 'c.sqlite');
    const db = openDatabase(file);
    dbs.push(db);
    const log = new IncidentLog(db, new ManualClock('2024-05-01T00:00:00Z'));
    const { incidentId } = log.openIncident({ planId: 'p', title: '林火' }, 'o');
    const late = log.note(incidentId, '三号水池已干涸，鼠疫排查', 'o').pos;
    const head = () => db.prepare('SELECT pos FROM search_index_head').pluck().get();
    const indexed = () => db.prepare("SELECT count(*) FROM events_bigram WHERE events_bigram MATCH '\"鼠疫\"'").pluck().get();
    expect(head()).toBe(0); // nothing indexed in the appends' own transactions
    expect(indexed()).toBe(0);
    // A read-only connection cannot index: the events past the head are read with LIKE.
    const ro = openDatabase(file, { readonly: true });
    dbs.push(ro);
    const reader = new IncidentLog(ro, new ManualClock('2024-05-01T00:00:00Z'));
    for (const q of ['鼠疫', '水池已干涸', '林火', '水池 鼠疫']) expect(reader.search(q).hits.length, q).toBe(1);
    expect(reader.search('水池 林火').hits).toEqual([]);
    expect(head()).toBe(0);
    // The writer's search catches the indexes up first, then looks them up.
    expect(log.search('鼠疫').hits.map((h) => h.pos)).toEqual([late]);
    expect(head()).toBe(late);
    expect(indexed()).toBe(1);
    expect(log.maintain()).toEqual({ indexed: 0, snapshots: 0 });
  });
  it('a contained connection (query_only) neither indexes nor reports the events past the head as a broken index', () => {
    const { log } = seeded();
    const db = log.db;
    const late = log.note(log.list()[0]!.id, '封控后的检索记录', 'o').pos;
    db.pragma('query_only = ON');
    expect(log.search('检索记录').hits.map((h) => h.pos)).toEqual([late]);
    expect(log.maintain()).toEqual({ indexed: 0, snapshots: 0 });
    expect(verifyLog(db).problems.filter((p) => p.includes('full-text'))).toEqual([]);
    db.pragma('query_only = OFF');
  });
  it('the batch runs by itself shortly after an append', async () => {
    const { log } = seeded();
    const db = log.db;
    const last = log.note(log.list()[0]!.id, '稍后编入索引', 'o').pos;
    await new Promise((r) => setTimeout(r, MAINTAIN_DELAY_MS * 3));
    expect(db.prepare('SELECT pos FROM search_index_head').pluck().get()).toBe(last);
  });
  it('an empty query is refused', () => {
    const { log } = seeded();
    expect(() => log.search('   ')).toThrow(/empty/);
  });
});
