/**
 * Incident log benchmarks (npx tsx test/bench/log.bench.ts). Prints ONE JSON object on stdout.
 *
 * 1. Durable append latency (p50/p99) of IncidentLog.note (validation, plan fold, hash chain, FTS row, one IMMEDIATE
 *    transaction, WAL + synchronous=FULL) against bare better-sqlite3 single-row INSERT transactions with the same
 *    pragmas on the same disk, in the same run; and both again with synchronous=NORMAL, to show what FULL costs.
 * 2. Replay of a 10,000-event incident: read + parse the rows (baseline) vs read + fold through the plan engine.
 * 3. Full-text query over 1,000,000 events (LOG_BENCH_EVENTS to change): the trigram index (3+ characters) and the
 *    Han bigram index (2 characters) against a brute-force LIKE scan of the same text. Build time is reported separately.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import BetterSqlite3 from 'better-sqlite3';
import { ManualClock, systemClock } from '../../electron/core/clock';
import { openDatabase, type Database } from '../../electron/core/db/database';
import { hanBigrams } from '../../electron/core/log/bigrams';
import { canonicalJson, eventHash, GENESIS_HASH } from '../../electron/core/log/canonical';
import { planEngine } from '../../electron/core/log/planEngine';
import { IncidentLog, searchTextOf } from '../../electron/core/log/store';

const APPENDS = Number(process.env.LOG_BENCH_APPENDS ?? 400);
const REPLAY = 10_000;
const FTS_EVENTS = Number(process.env.LOG_BENCH_EVENTS ?? 1_000_000);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'log-bench-'));
const log = (msg: string) => process.stderr.write(`[log.bench] ${msg}\n`);

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return round(s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!);
}
const round = (x: number) => Math.round(x * 1000) / 1000;
function stats(xs: number[]) {
  return { n: xs.length, p50Ms: pct(xs, 50), p99Ms: pct(xs, 99), meanMs: round(xs.reduce((a, b) => a + b, 0) / xs.length) };
}

// ---- 1. durable append ---------------------------------------------------------------------------------------------
function appendLatency(sync: 'FULL' | 'NORMAL') {
  const file = path.join(dir, `append-${sync}.sqlite`);
  const db = openDatabase(file, { backups: false });
  db.pragma(`synchronous = ${sync}`);
  const store = new IncidentLog(db, systemClock, planEngine);
  const { incidentId } = store.openIncident({ planId: 'vaccine', title: '基准测试' }, 'bench');
  const ours: number[] = [];
  for (let i = 0; i < APPENDS; i++) {
    const t = performance.now();
    store.note(incidentId, `第${i}条记录：城关镇卫生院报告接种后发热病例，已封存同批号疫苗`, 'bench');
    ours.push(performance.now() - t);
  }
  db.close();

  const bareFile = path.join(dir, `bare-${sync}.sqlite`);
  const bare = new BetterSqlite3(bareFile);
  bare.pragma('journal_mode = WAL');
  bare.pragma(`synchronous = ${sync}`);
  bare.pragma('foreign_keys = ON');
  bare.exec('CREATE TABLE events (pos INTEGER PRIMARY KEY, payload TEXT NOT NULL) STRICT');
  const ins = bare.prepare('INSERT INTO events (payload) VALUES (?)');
  const base: number[] = [];
  for (let i = 0; i < APPENDS; i++) {
    const t = performance.now();
    ins.run(JSON.stringify({ text: `第${i}条记录：城关镇卫生院报告接种后发热病例，已封存同批号疫苗` }));
    base.push(performance.now() - t);
  }
  bare.close();
  return { incidentLog: stats(ours), bareInsert: stats(base) };
}

// ---- 2. replay -----------------------------------------------------------------------------------------------------
function replay() {
  const file = path.join(dir, 'replay.sqlite');
  const db = openDatabase(file, { backups: false });
  const clock = new ManualClock('2024-07-01T00:00:00Z');
  const build = new IncidentLog(db, clock, planEngine); // each append applies one event to the cached state
  const { incidentId } = build.openIncident({ planId: 'vaccine', title: '一万条记录的事件' }, 'bench');
  // One commit per append, as in use (so the incremental fold cache is used), without fsync while building.
  db.pragma('synchronous = OFF');
  const t0 = performance.now();
  build.append({ incidentId, type: 'reported', payload: { source: '电话', summary: '接种后多人发热', facts: { clusteredRareAE: 4, suspectedQualityRelated: true } } }, 'bench');
  for (let i = 1; i < REPLAY; i++) {
    clock.advance(1000);
    build.note(incidentId, `第${i}条：现场情况更新，疫苗批号 2024${i}`, 'bench');
  }
  const buildMs = performance.now() - t0;
  db.pragma('synchronous = FULL');
  const withEngine = new IncidentLog(db, clock, planEngine); // a fresh log: no cached state
  const readOnly: number[] = [];
  const folded: number[] = [];
  let state: unknown;
  for (let r = 0; r < 5; r++) {
    let t = performance.now();
    const events = withEngine.eventsOf(incidentId);
    readOnly.push(performance.now() - t);
    t = performance.now();
    state = withEngine.get(incidentId).state;
    folded.push(performance.now() - t);
    if (events.length !== REPLAY + 1) throw new Error(`expected ${REPLAY + 1} events, got ${events.length}`);
  }
  // Appends to the 10,000-event incident: the first replays the incident (cold cache), the rest apply one event.
  const appendInto: number[] = [];
  for (let i = 0; i < 20; i++) {
    const t = performance.now();
    withEngine.note(incidentId, `追加 ${i}`, 'bench');
    appendInto.push(performance.now() - t);
  }
  db.close();
  return {
    events: REPLAY + 1,
    buildMs: round(buildMs),
    readAndParseMs: stats(readOnly),
    readParseAndFoldMs: stats(folded),
    appendInto10kIncident: { coldMs: round(appendInto[0]!), warm: stats(appendInto.slice(1)) },
    finalState: (state as { state?: string; notes?: number }).state,
    notesCounted: (state as { notes?: number }).notes,
  };
}

// ---- 3. full-text search over FTS_EVENTS events ---------------------------------------------------------------------
const WORDS = (
  '接到 电话 报告 城关镇 卫生院 儿童 接种 疫苗 批号 发热 皮疹 头晕 呕吐 就诊 县医院 留观 已经 封存 同批 暂停 使用 抽样 送检 ' +
  '市场监管 卫健局 应急局 指挥部 现场 核实 情况 人数 增加 稳定 好转 出院 家长 情绪 舆情 关注 媒体 采访 回应 通报 专家 会商 ' +
  '评估 级别 响应 启动 终止 结案 林火 山火 火场 风力 扑救 队伍 增援 明火 烟点 看守 巡查 护林员 村委 乡镇 值班 领导 批示'
).split(' ');
function textFor(i: number, rnd: () => number): string {
  const n = 8 + Math.floor(rnd() * 10);
  const parts: string[] = [];
  for (let k = 0; k < n; k++) parts.push(WORDS[Math.floor(rnd() * WORDS.length)]!);
  if (i % 100_000 === 7) parts.push('狂犬病'); // 3 characters, 10 events in a million
  if (i % 100_000 === 11) parts.push('鼠疫'); // 2 characters, 10 events in a million
  return parts.join('');
}

function fts() {
  const file = path.join(dir, 'fts.sqlite');
  const db: Database = openDatabase(file, { backups: false });
  db.pragma('synchronous = OFF'); // building only; the queries below are what is measured
  // mulberry32: a deterministic generator, so every run indexes the same text.
  let seed = 42;
  const rnd = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  db.prepare("INSERT INTO incidents (id, plan_id, plan_version, title, opened_at, recorded_at, opened_by) VALUES ('B-1', 'vaccine', '2024.1', '基准', '2024-01-01T00:00:00.000Z', '2024-01-01T00:00:00.000Z', 'bench')").run();
  const insEv = db.prepare(
    'INSERT INTO events (pos, incident_id, seq, type, payload, occurred_at, recorded_at, actor, corrects, prev_hash, hash, search_text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?)',
  );
  const insFts = db.prepare('INSERT INTO events_fts (rowid, search_text) VALUES (?, ?)');
  const insBigram = db.prepare('INSERT INTO events_bigram (rowid, bigrams) VALUES (?, ?)');
  let prev = GENESIS_HASH;
  const t0 = performance.now();
  const BATCH = 20_000;
  for (let start = 0; start < FTS_EVENTS; start += BATCH) {
    db.transaction(() => {
      for (let i = start; i < Math.min(FTS_EVENTS, start + BATCH); i++) {
        const pos = i + 1;
        const payload = i === 0 ? { planId: 'vaccine', planVersion: '2024.1', title: '基准' } : { text: textFor(i, rnd) };
        const type = i === 0 ? 'incident.opened' : 'note';
        const text = canonicalJson(payload);
        const at = new Date(Date.UTC(2024, 0, 1) + i * 1000).toISOString();
        const hash = eventHash({ pos, seq: i, incidentId: 'B-1', type, payload: text, occurredAt: at, recordedAt: at, actor: 'bench', corrects: null, prevHash: prev });
        const st = searchTextOf(payload);
        insEv.run(pos, 'B-1', i, type, text, at, at, 'bench', prev, hash, st);
        insFts.run(pos, st);
        insBigram.run(pos, hanBigrams(st));
        prev = hash;
      }
    })();
    if ((start / BATCH) % 10 === 0) log(`fts build ${start + BATCH}/${FTS_EVENTS}`);
  }
  const buildMs = performance.now() - t0;
  const t1 = performance.now();
  db.pragma('wal_checkpoint(TRUNCATE)');
  const checkpointMs = performance.now() - t1;
  const bytes = fs.statSync(file).size;
  const store = new IncidentLog(db, systemClock, null);

  const time = (fn: () => number) => {
    const xs: number[] = [];
    let n = 0;
    for (let r = 0; r < 5; r++) {
      const t = performance.now();
      n = fn();
      xs.push(performance.now() - t);
    }
    return { hits: n, ...stats(xs) };
  };
  const bruteLike = (q: string) => () =>
    (db.prepare("SELECT count(*) FROM events WHERE search_text LIKE ? ESCAPE '\\'").pluck().get(`%${q}%`) as number);
  const q = (query: string, limit = 50) => () => store.search(query, { limit }).hits.length;
  const result = {
    events: FTS_EVENTS,
    buildMs: round(buildMs),
    checkpointMs: round(checkpointMs),
    fileMB: round(bytes / 1048576),
    queries: {
      rare3char_trigram: time(q('狂犬病')),
      rare3char_bruteForceLikeScan_baseline: time(bruteLike('狂犬病')),
      common3char_trigram_limit50: time(q('县医院')),
      pair4char_trigram_limit50: time(q('疫苗批号')),
      common2char_bigram_limit50: time(q('发热')),
      rare2char_bigram: time(q('鼠疫')),
      rare2char_bruteForceLikeScan_baseline: time(bruteLike('鼠疫')),
      common1char_like_limit50: time(q('火')),
      mixed_2and3char: time(q('发热 县医院')),
    },
  };
  db.close();
  return result;
}

const out: Record<string, unknown> = {
  machine: { cpus: os.cpus().length, loadavg1: round(os.loadavg()[0]!), node: process.version, sqlite: new BetterSqlite3(':memory:').prepare('select sqlite_version()').pluck().get() },
};
try {
  log('append latency (synchronous=FULL)');
  out.appendFull = appendLatency('FULL');
  log('append latency (synchronous=NORMAL)');
  out.appendNormal = appendLatency('NORMAL');
  log('replay of a 10,000-event incident');
  out.replay = replay();
  log(`full-text search over ${FTS_EVENTS} events`);
  out.search = fts();
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
process.stdout.write(JSON.stringify(out) + '\n');
