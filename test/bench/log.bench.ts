/**
 * Incident log benchmarks (npx tsx test/bench/log.bench.ts). Prints ONE JSON object on stdout.
 *
 * 1. Durable append latency (p50/p99) of IncidentLog.note (validation, plan fold step, hash chain, seal, one IMMEDIATE
 *    transaction, WAL + synchronous=FULL) against bare better-sqlite3 single-row INSERT transactions with the same
 *    pragmas on the same disk, in the same run, interleaved one by one; and the same again with synchronous=NORMAL, to
 *    show what FULL costs.
 *    `appendParts`: where an append's time goes, each part timed alone over the same inputs (validation, canonical
 *    JSON, hash, search text + bigrams, the fold step, the seal's two HMACs, preparing a statement), the whole append
 *    without fsync, the WAL pages one append writes, and the batch that fills the search indexes after the commits.
 * 2. Replay of a 10,000-event incident: read + parse the rows (baseline) vs the state after a restart (stored fold
 *    snapshot + the events after it) vs a fold from the first event; the answers must be identical (exit 1 if not).
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
import { isDeepStrictEqual } from 'node:util';
import { canonicalJson, eventHash, GENESIS_HASH } from '../../electron/core/log/canonical';
import { planEngine } from '../../electron/core/log/planEngine';
import { rowDigest, sealMac } from '../../electron/core/log/seal';
import { IncidentLog, searchTextOf } from '../../electron/core/log/store';

const APPENDS = Number(process.env.LOG_BENCH_APPENDS ?? 400);
/** Appends of each kind before the measured ones (reported apart as `firstOfAFreshProcess`). */
const WARMUP = 100;
const REPLAY = 10_000;
const FTS_EVENTS = Number(process.env.LOG_BENCH_EVENTS ?? 1_000_000);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'log-bench-'));
const log = (msg: string) => process.stderr.write(`[log.bench] ${msg}\n`);
/** Answers that differ from their baseline's: the benchmark exits 1. */
const wrong: string[] = [];

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
  const text = (i: number) => `第${i}条记录：城关镇卫生院报告接种后发热病例，已封存同批号疫苗`;
  const file = path.join(dir, `append-${sync}.sqlite`);
  const db = openDatabase(file, { backups: false });
  db.pragma(`synchronous = ${sync}`);
  const store = new IncidentLog(db, systemClock, planEngine);
  const { incidentId } = store.openIncident({ planId: 'vaccine', title: '基准测试' }, 'bench');

  const bareFile = path.join(dir, `bare-${sync}.sqlite`);
  const bare = new BetterSqlite3(bareFile);
  bare.pragma('journal_mode = WAL');
  bare.pragma(`synchronous = ${sync}`);
  bare.pragma('foreign_keys = ON');
  bare.exec('CREATE TABLE events (pos INTEGER PRIMARY KEY, payload TEXT NOT NULL) STRICT');
  const ins = bare.prepare('INSERT INTO events (payload) VALUES (?)');

  // The same rows bare: an event row (with its UNIQUE (incident_id, seq) index) and its seal row, as
  // one transaction of two INSERTs with values computed beforehand: the pages an append must write, nothing else.
  const rowsFile = path.join(dir, `rows-${sync}.sqlite`);
  const rows = new BetterSqlite3(rowsFile);
  rows.pragma('journal_mode = WAL');
  rows.pragma(`synchronous = ${sync}`);
  rows.exec(`CREATE TABLE events (pos INTEGER PRIMARY KEY, incident_id TEXT NOT NULL, seq INTEGER NOT NULL, type TEXT NOT NULL, payload TEXT NOT NULL,
      occurred_at TEXT NOT NULL, recorded_at TEXT NOT NULL, actor TEXT NOT NULL, corrects INTEGER, prev_hash TEXT NOT NULL, hash TEXT NOT NULL,
      search_text TEXT NOT NULL, UNIQUE (incident_id, seq)) STRICT;
    CREATE TABLE audit_seals (pos INTEGER PRIMARY KEY, tbl TEXT NOT NULL, row_key TEXT NOT NULL, op TEXT NOT NULL, digest TEXT NOT NULL, prev_mac TEXT NOT NULL, mac TEXT NOT NULL) STRICT;`);
  const insE = rows.prepare('INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?)');
  const insS = rows.prepare("INSERT INTO audit_seals VALUES (?, 'events', ?, 'insert', ?, ?, ?)");
  const both = rows.transaction((i: number, payload: string, h: string) => {
    insE.run(i + 1, '20240701-001', i + 1, 'note', payload, '2024-07-01T00:00:00.000Z', '2024-07-01T00:00:00.000Z', 'bench', h, h, payload);
    insS.run(i + 1, String(i + 1), h, h, h);
  });
  const h = 'a'.repeat(64);

  // Interleaved, one of each in turn (in a rotating order), on three files of the same disk: a burst of other work
  // on the machine falls on all three alike. The first WARMUP of each are timed apart (a fresh process: the JIT has
  // not compiled the append path yet, and each file's first pages are being allocated); the figures are the next
  // APPENDS, a console that has been running.
  const ours: number[] = [];
  const base: number[] = [];
  const sameRows: number[] = [];
  const steps = [
    (i: number) => {
      const t = performance.now();
      store.note(incidentId, text(i), 'bench');
      ours.push(performance.now() - t);
    },
    (i: number) => {
      const payload = JSON.stringify({ text: text(i) });
      const t = performance.now();
      ins.run(payload);
      base.push(performance.now() - t);
    },
    (i: number) => {
      const payload = JSON.stringify({ text: text(i) });
      const t = performance.now();
      both(i, payload, h);
      sameRows.push(performance.now() - t);
    },
  ];
  for (let i = 0; i < WARMUP + APPENDS; i++) for (let k = 0; k < 3; k++) steps[(i + k) % 3]!(i);
  db.close();
  bare.close();
  rows.close();
  return {
    incidentLog: stats(ours.slice(WARMUP)),
    bareInsert: stats(base.slice(WARMUP)),
    bareSameRowsAndIndexes: stats(sameRows.slice(WARMUP)),
    firstOfAFreshProcess: { appends: WARMUP, incidentLogP50Ms: pct(ours.slice(0, WARMUP), 50), bareInsertP50Ms: pct(base.slice(0, WARMUP), 50) },
  };
}

// ---- 1b. where an append's time goes ----------------------------------------------------------------------------------
function appendParts() {
  const texts = Array.from({ length: APPENDS }, (_, i) => `第${i}条记录：城关镇卫生院报告接种后发热病例，已封存同批号疫苗`);
  const file = path.join(dir, 'parts.sqlite');
  const db = openDatabase(file, { backups: false });
  const store = new IncidentLog(db, systemClock, planEngine);
  const { incidentId } = store.openIncident({ planId: 'vaccine', title: '基准测试' }, 'bench');
  const plan = { planId: 'vaccine', planVersion: store.incidentRow(incidentId).planVersion };
  // The whole append without the fsync (synchronous=OFF): everything but the commit's wait for the disk.
  db.pragma('synchronous = OFF');
  const noFsync: number[] = [];
  for (const t of texts) {
    const t0 = performance.now();
    store.note(incidentId, t, 'bench');
    noFsync.push(performance.now() - t0);
  }
  // WAL pages one durable append writes (no checkpoint in between).
  db.pragma('synchronous = FULL');
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.pragma('wal_autocheckpoint = 0');
  const N = 100;
  for (let i = 0; i < N; i++) store.note(incidentId, texts[i]!, 'bench');
  const walPagesPerAppend = fs.statSync(`${file}-wal`).size / (db.pragma('page_size', { simple: true }) as number) / N;
  // The batch that fills both search indexes afterwards (what every append used to do in its own transaction).
  const t0 = performance.now();
  const { indexed } = store.maintain();
  const indexMs = performance.now() - t0;
  db.pragma('wal_autocheckpoint = 1000');
  const each = (fn: (text: string, i: number) => unknown) => {
    const xs: number[] = [];
    texts.forEach((t, i) => {
      const a = performance.now();
      fn(t, i);
      xs.push(performance.now() - a);
    });
    return stats(xs).p50Ms;
  };
  const payloads = texts.map((text) => store.registry.parse('note', { text }));
  const envelope = (i: number) => ({ pos: i + 1, seq: i + 1, incidentId, type: 'note', payload: canonicalJson(payloads[i]), occurredAt: '2024-07-01T00:00:00.000Z', recordedAt: '2024-07-01T00:00:00.000Z', actor: 'bench', corrects: null, prevHash: GENESIS_HASH });
  const key = Buffer.alloc(32, 7);
  let state = store.currentState(store.incidentRow(incidentId));
  const lastSeq = (state as { lastSeq: number }).lastSeq;
  const parts = {
    validatePayloadP50Ms: each((text) => store.registry.parse('note', { text })),
    canonicalJsonP50Ms: each((_t, i) => canonicalJson(payloads[i])),
    hashP50Ms: each((_t, i) => eventHash(envelope(i))),
    searchTextAndBigramsP50Ms: each((_t, i) => hanBigrams(searchTextOf(payloads[i]))),
    foldStepP50Ms: each((_t, i) => {
      state = planEngine.step!(plan, state, { ...envelope(i), seq: lastSeq + 1 + i, payload: payloads[i], hash: '' });
    }),
    sealTwoHmacsP50Ms: each((_t, i) => sealMac(key, { pos: i, tbl: 'events', key: String(i), op: 'insert', digest: rowDigest(key, JSON.stringify(envelope(i))), prev: GENESIS_HASH })),
    prepareStatementP50Ms: each(() => db.prepare('INSERT INTO events (pos, incident_id, seq, type, payload, occurred_at, recorded_at, actor, corrects, prev_hash, hash, search_text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')),
  };
  db.close();
  return {
    ...parts,
    note: 'each part timed alone over the same 400 notes; statements are prepared once per connection (prepareStatementP50Ms is what each append would pay otherwise)',
    wholeAppendWithoutFsync: stats(noFsync),
    walPagesPerAppend: round(walPagesPerAppend),
    searchIndexBatch: { events: indexed, ms: round(indexMs), perEventMs: round(indexMs / Math.max(1, indexed)) },
  };
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
  // A restart: the clean close stores the fold snapshot (and fills the search indexes); a new connection reads it.
  let t = performance.now();
  db.close();
  const closeMs = performance.now() - t;
  const db2 = openDatabase(file, { backups: false });
  const readOnly: number[] = [];
  const fromFirst: number[] = [];
  const restarted: number[] = [];
  const getWithEvents: number[] = [];
  let full: unknown;
  let state: unknown;
  for (let r = 0; r < 5; r++) {
    const fresh = new IncidentLog(db2, clock, planEngine); // a fresh log: no state in memory
    t = performance.now();
    const row = fresh.incidentRow(incidentId);
    state = fresh.currentState(row);
    restarted.push(performance.now() - t);
    t = performance.now();
    const events = fresh.eventsOf(incidentId);
    readOnly.push(performance.now() - t);
    t = performance.now();
    full = fresh.stateOf(fresh.incidentRow(incidentId), fresh.eventsOf(incidentId));
    fromFirst.push(performance.now() - t);
    const other = new IncidentLog(db2, clock, planEngine);
    t = performance.now();
    other.get(incidentId);
    getWithEvents.push(performance.now() - t);
    if (events.length !== REPLAY + 1) throw new Error(`expected ${REPLAY + 1} events, got ${events.length}`);
    if (!isDeepStrictEqual(state, full)) wrong.push('replay: the state after a restart differs from the fold from the first event');
  }
  // 100 more events without a clean close: the snapshot plus 100 steps.
  const writer = new IncidentLog(db2, clock, planEngine);
  for (let i = 0; i < 100; i++) {
    clock.advance(1000);
    writer.note(incidentId, `重启后第${i}条`, 'bench');
  }
  const withTail: number[] = [];
  for (let r = 0; r < 5; r++) {
    const fresh = new IncidentLog(db2, clock, planEngine);
    t = performance.now();
    const s = fresh.currentState(fresh.incidentRow(incidentId));
    withTail.push(performance.now() - t);
    if (r === 0 && !isDeepStrictEqual(s, fresh.stateOf(fresh.incidentRow(incidentId), fresh.eventsOf(incidentId)))) wrong.push('replay: snapshot + 100 events differs from the fold from the first event');
  }
  // Appends to the 10,000-event incident: the first replays the incident (cold cache), the rest apply one event.
  const withEngine = new IncidentLog(db2, clock, planEngine);
  const appendInto: number[] = [];
  for (let i = 0; i < 20; i++) {
    const t = performance.now();
    withEngine.note(incidentId, `追加 ${i}`, 'bench');
    appendInto.push(performance.now() - t);
  }
  db2.close();
  return {
    events: REPLAY + 1,
    buildMs: round(buildMs),
    closeWithSnapshotMs: round(closeMs),
    stateAfterRestartMs: stats(restarted),
    stateAfterRestartPlus100EventsMs: stats(withTail),
    readAndParseMs_baseline: stats(readOnly),
    foldFromFirstEventMs: stats(fromFirst),
    getWithAllEventsMs: stats(getWithEvents),
    identicalToFoldFromFirstEvent: !wrong.some((w) => w.startsWith('replay')),
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
  // Indexed here, in the batches above: the search indexes' head says so (search would otherwise index them again).
  db.prepare('UPDATE search_index_head SET pos = ?').run(FTS_EVENTS);
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
  const q2 = result.queries;
  if (q2.rare3char_trigram.hits !== q2.rare3char_bruteForceLikeScan_baseline.hits) wrong.push('search: 狂犬病 hits differ from the LIKE scan');
  if (q2.rare2char_bigram.hits !== q2.rare2char_bruteForceLikeScan_baseline.hits) wrong.push('search: 鼠疫 hits differ from the LIKE scan');
  return result;
}

const out: Record<string, unknown> = {
  machine: { cpu: os.cpus()[0]?.model, cpus: os.cpus().length, loadavg1: round(os.loadavg()[0]!), node: process.version, sqlite: new BetterSqlite3(':memory:').prepare('select sqlite_version()').pluck().get() },
};
try {
  log('append latency (synchronous=FULL)');
  out.appendFull = appendLatency('FULL');
  log('append latency (synchronous=NORMAL)');
  out.appendNormal = appendLatency('NORMAL');
  log('where an append spends its time');
  out.appendParts = appendParts();
  log('replay of a 10,000-event incident');
  out.replay = replay();
  log(`full-text search over ${FTS_EVENTS} events`);
  out.search = fts();
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
out.fullOverBare = round((out.appendFull as { incidentLog: { p50Ms: number } }).incidentLog.p50Ms / (out.appendFull as { bareInsert: { p50Ms: number } }).bareInsert.p50Ms);
out.wrong = wrong;
process.stdout.write(JSON.stringify(out) + '\n');
if (wrong.length) process.exit(1);
