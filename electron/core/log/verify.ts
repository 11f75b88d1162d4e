import type { Database } from 'better-sqlite3';
import { asStored } from '../../../shared/api/validate';
import BetterSqlite3 from 'better-sqlite3';
import { migrations } from '../db/migrations';
import { canWrite, indexPending } from './searchIndex';
import { canonicalJson, eventHash, GENESIS_HASH } from './canonical';
import { listBackups } from './backup';
import { KEY_BYTES } from './key';
import { registerSealFunctions, verifySeals } from './seal';
import { anchorOf, checkAgainstWitness, headOf, readWitness, type Head } from './witness';
import { searchTextOf, type EventRow } from './store';
import { OPENED } from './types';

export interface VerifyResult {
  ok: boolean;
  /** Events read. */
  events: number;
  /**
   * The seq (within `incidentId`) of the first event, in chain order, that is missing, altered, or does not link to
   * the one before it; null when the chain holds (or when only a problem without a seq was found).
   */
  firstBrokenSeq: number | null;
  /** The incident of `firstBrokenSeq`. */
  incidentId?: string;
  /** Its global chain position. */
  pos?: number;
  /** Why the log failed (first failure), in English; `reasonZh` in Chinese. */
  reason?: string;
  reasonZh?: string;
  /** The hash of the last event: compare with a copy kept elsewhere to detect a truncated tail. */
  headHash: string | null;
  /** Other findings that make the log untrustworthy without breaking a link (integrity_check lines, missing triggers). */
  problems: string[];
  /**
   * Events whose hash holds but whose stored text is SQLite's rendering of ill-formed text (a lone surrogate stored as
   * U+FFFD), written before the boundary check refused such text. Not tampering: named so a person can read the event,
   * and they do not make `ok` false (such a database can still be backed up, restored and verified).
   */
  storedTextMismatches: StoredTextMismatch[];
  /** The anchored chain: the keyed seals over every audit record, the head witness and the newest backups. */
  anchor?: AnchorResult;
}

export interface AnchorResult {
  /** Heads of the seal chain and the event chain: compare with a backup, a printout or the witness. */
  head: Head;
  /** False for a database from before the seals (migration 60). */
  sealed: boolean;
  seals: number;
  /** Whether the MACs were recomputed (false when the key is not available here). */
  macChecked: boolean;
  witness: 'ok' | 'missing' | 'mismatch' | 'not-checked';
  /** The newest backups, each of which must be a prefix of this database. */
  backups: Array<{ path: string; ok: boolean; reason?: string }>;
}

export interface VerifyOptions {
  /** The log key (null: none available, MACs are not recomputed). Default: the key of the connection that opened `db`. */
  key?: Buffer | null;
  /** The database file, for its witness and backups. Default: the file of the connection that opened `db`. */
  dbPath?: string;
  /** Compare with the head witness beside `dbPath` (default true when dbPath is known). A backup has none. */
  witness?: boolean;
  /** How many of the newest backups to compare as prefixes (default 3; 0 for a backup itself). */
  backups?: number;
}

export interface StoredTextMismatch {
  pos: number;
  incidentId: string;
  seq: number;
  /** Which stored copy differs: the search text of the event, or the incident row's title. */
  column: 'search_text' | 'incidents.title';
  reason: string;
  reasonZh: string;
}

type Row = EventRow & { search_text: string };

/**
 * `ercon verify`: SQLite's integrity_check, then every link of the global hash chain in seq order: seqs contiguous
 * from 1, each prev_hash equal to the hash before it, each hash recomputed from the row, the payload in canonical
 * form, the search text derived from it, and each incident row equal to its `incident.opened` event.
 */
export function verifyLog(db: Database, opts: VerifyOptions = {}): VerifyResult {
  const problems: string[] = [];
  interface Broken {
    pos: number;
    incidentId: string;
    seq: number;
    en: string;
    zh: string;
  }
  // Every finding, keyed by chain position; the first broken one is the lowest position.
  const findings: Broken[] = [];
  const broken = (pos: number, incidentId: string, seq: number, en: string, zh: string): Broken => {
    const b = { pos, incidentId, seq, en, zh };
    findings.push(b);
    return b;
  };
  /** Chain positions found missing whose seq is not known yet (learnt when that incident later skips a seq). */
  const unresolvedGaps: Broken[] = [];
  const storedTextMismatches: StoredTextMismatch[] = [];
  const textMismatch = (r: Row, column: StoredTextMismatch['column']): void => {
    storedTextMismatches.push({
      pos: r.pos,
      incidentId: r.incident_id,
      seq: r.seq,
      column,
      reason: `event ${r.incident_id} #${r.seq}: its text holds ill-formed Unicode (a lone surrogate) that SQLite stored as U+FFFD in ${column}; the hash holds, this is not tampering`,
      reasonZh: `${r.incident_id} 第 ${r.seq} 条记录的文字含不成对的代理项（非法 Unicode），SQLite 在 ${column} 中存为 U+FFFD；哈希完好，不是篡改`,
    });
  };
  let count = 0;
  let headHash: string | null = null;
  try {
    const lines = db.pragma('integrity_check', { simple: false }) as Array<{ integrity_check: string }>;
    const bad = lines.map((l) => l.integrity_check).filter((l) => l !== 'ok');
    problems.push(...bad.map((l) => `integrity_check: ${l}`));
  } catch (e) {
    problems.push(`integrity_check failed: ${(e as Error).message}`);
  }
  const hasLog = db.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('events', 'incidents')").pluck().get() === 2;
  const hasMigrations = db.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").pluck().get() === 1;
  const logMigrated = hasMigrations && db.prepare('SELECT count(*) FROM schema_migrations WHERE id = 10').pluck().get() === 1;
  if (!hasLog && logMigrated) problems.push('the events or incidents table is missing');
  if (hasLog) try {
    problems.push(...checkTriggers(db));
    problems.push(...checkFtsIndex(db));

    const incidents = new Map<string, { plan_id: string; plan_version: string; title: string; opened_at: string; seen: boolean }>();
    for (const r of db.prepare('SELECT id, plan_id, plan_version, title, opened_at FROM incidents').iterate() as IterableIterator<{
      id: string;
      plan_id: string;
      plan_version: string;
      title: string;
      opened_at: string;
    }>) {
      incidents.set(r.id, { ...r, seen: false });
    }

    let expectedPos = 1;
    let prev = GENESIS_HASH;
    /** Next expected seq per incident (0 = the opening record). */
    const nextSeq = new Map<string, number>();
    for (const r of db.prepare('SELECT * FROM events ORDER BY pos').iterate() as IterableIterator<Row>) {
      count++;
      headHash = r.hash;
      const at = `${r.incident_id} #${r.seq}`;
      const want = nextSeq.get(r.incident_id) ?? 0;
      if (r.pos !== expectedPos) {
        // A row is gone. If this incident skips a seq, that seq is the missing one; otherwise the missing row belonged
        // to another incident: name this row for now, and the missing seq once that incident shows its gap.
        if (r.seq > want) broken(expectedPos, r.incident_id, want, `event ${r.incident_id} #${want} (chain position ${expectedPos}) is missing`, `事件 ${r.incident_id} 第 ${want} 条记录（链位置 ${expectedPos}）缺失`);
        else unresolvedGaps.push(broken(expectedPos, r.incident_id, r.seq, `the event before ${at} in the chain (position ${expectedPos}) is missing`, `${at} 之前的记录（链位置 ${expectedPos}）缺失`));
      } else if (r.seq > want) {
        const gap = unresolvedGaps.shift();
        if (gap) Object.assign(gap, { incidentId: r.incident_id, seq: want, en: `event ${r.incident_id} #${want} (chain position ${gap.pos}) is missing`, zh: `事件 ${r.incident_id} 第 ${want} 条记录（链位置 ${gap.pos}）缺失` });
        else broken(r.pos, r.incident_id, want, `event ${r.incident_id} #${want} is missing (next stored is #${r.seq})`, `事件 ${r.incident_id} 第 ${want} 条记录缺失（下一条是第 ${r.seq} 条）`);
      } else if (r.seq < want) {
        broken(r.pos, r.incident_id, r.seq, `event ${at} is out of order (expected #${want})`, `${at} 顺序错误（应为第 ${want} 条）`);
      }
      expectedPos = r.pos + 1;
      nextSeq.set(r.incident_id, Math.max(want, r.seq + 1));
      if (r.prev_hash !== prev) {
        broken(r.pos, r.incident_id, r.seq, `event ${at} does not link to the event before it (prev_hash differs)`, `${at} 与前一条记录的哈希链接断开`);
      }
      prev = r.hash;
      const recomputed = eventHash({
        pos: r.pos,
        seq: r.seq,
        incidentId: r.incident_id,
        type: r.type,
        payload: r.payload,
        occurredAt: r.occurred_at,
        recordedAt: r.recorded_at,
        actor: r.actor,
        corrects: r.corrects,
        prevHash: r.prev_hash,
      });
      if (recomputed !== r.hash) {
        broken(r.pos, r.incident_id, r.seq, `event ${at} was altered: its content does not match its hash`, `${at} 被改动：内容与其哈希不符`);
        continue;
      }
      let payload: unknown;
      try {
        payload = JSON.parse(r.payload);
      } catch {
        broken(r.pos, r.incident_id, r.seq, `event ${at}: payload is not JSON`, `${at} 的内容不是 JSON`);
        continue;
      }
      if (canonicalJson(payload) !== r.payload) {
        broken(r.pos, r.incident_id, r.seq, `event ${at}: payload is not in canonical form`, `${at} 的内容不是规范格式`);
      }
      const derived = searchTextOf(payload);
      if (derived !== r.search_text && asStored(derived) === r.search_text) textMismatch(r, 'search_text');
      else if (derived !== r.search_text) {
        broken(r.pos, r.incident_id, r.seq, `event ${at}: search text does not match the payload`, `${at} 的检索文本与内容不符`);
      }
      const inc = incidents.get(r.incident_id);
      if (!inc) {
        broken(r.pos, r.incident_id, r.seq, `event ${at} belongs to an incident that has no row`, `${at} 所属的事件登记不存在`);
      } else if (r.seq === 0) {
        inc.seen = true;
        const p = payload as { planId?: unknown; planVersion?: unknown; title?: unknown };
        const title = typeof p.title === 'string' && p.title !== inc.title && asStored(p.title) === inc.title ? (textMismatch(r, 'incidents.title'), inc.title) : p.title;
        if (r.type !== OPENED || p.planId !== inc.plan_id || p.planVersion !== inc.plan_version || title !== inc.title || r.occurred_at !== inc.opened_at) {
          broken(r.pos, r.incident_id, r.seq, `incident ${r.incident_id} does not match its opening record`, `事件 ${r.incident_id} 的登记信息与其开启记录不符`);
        }
      } else if (r.type === OPENED) {
        broken(r.pos, r.incident_id, r.seq, `event ${at}: a second opening record`, `${at}：重复的开启记录`);
      }
    }
    for (const [id, inc] of incidents) if (!inc.seen) problems.push(`incident ${id} has no events (its opening event is missing)`);
  } catch (e) {
    problems.push(`reading the log failed: ${(e as Error).message}`);
  }
  let anchor: AnchorResult | undefined;
  if (hasLog) {
    try {
      anchor = checkAnchor(db, opts, problems);
    } catch (e) {
      problems.push(`checking the anchored chain failed: ${(e as Error).message}`);
    }
  }
  const f = findings.reduce<Broken | null>((a, b) => (a && a.pos <= b.pos ? a : b), null);
  const ok = !f && problems.length === 0;
  const result: VerifyResult = { ok, events: count, firstBrokenSeq: f?.seq ?? null, headHash, problems, storedTextMismatches, ...(anchor ? { anchor } : {}) };
  if (f) {
    result.incidentId = f.incidentId;
    result.pos = f.pos;
    result.reason = f.en;
    result.reasonZh = f.zh;
  } else if (problems.length) {
    result.reason = problems[0]!;
    result.reasonZh = `数据库检查未通过：${problems[0]!}`;
  }
  return result;
}

/** The triggers a database with these migrations applied must have, by name, with their exact SQL: built by applying
 * the same migrations to an empty in-memory database (so the fire and map triggers are checked too). */
const referenceCache = new Map<string, Map<string, string>>();
function referenceTriggers(applied: readonly number[]): Map<string, string> {
  const id = applied.join(',');
  let ref = referenceCache.get(id);
  if (ref) return ref;
  const mem = new BetterSqlite3(':memory:');
  try {
    registerSealFunctions(mem, Buffer.alloc(KEY_BYTES));
    for (const m of migrations) if (applied.includes(m.id)) m.up(mem);
    ref = new Map(mem.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'").all().map((r) => [(r as { name: string }).name, (r as { sql: string }).sql]));
  } finally {
    mem.close();
  }
  referenceCache.set(id, ref);
  return ref;
}

/** What the triggers do, not only their names: every expected trigger with the exact SQL its migration wrote, and no other. */
function checkTriggers(db: Database): string[] {
  const hasMigrations = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get();
  const applied = hasMigrations ? (db.prepare('SELECT id FROM schema_migrations ORDER BY id').pluck().all() as number[]) : [10];
  const known = new Set(migrations.map((m) => m.id));
  const ref = referenceTriggers(applied.filter((i) => known.has(i)));
  const have = new Map(db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'").all().map((r) => [(r as { name: string }).name, (r as { sql: string }).sql]));
  const out: string[] = [];
  for (const [name, sql] of ref) {
    const got = have.get(name);
    if (got === undefined) out.push(`trigger ${name} is missing`);
    else if (got !== sql) out.push(`trigger ${name} was replaced: its SQL is not what the migration wrote`);
  }
  for (const name of have.keys()) if (!ref.has(name)) out.push(`trigger ${name} is not one the console creates`);
  return out;
}

/** The trigram index must match the events' search text (FTS5's own integrity-check, which compares the index with its
 * content table). FTS5 runs it as an INSERT, which a read-only connection refuses, so a read-only verify checks an
 * in-memory copy of the file (up to FTS_COPY_LIMIT bytes; past that it says it did not check). The index is filled
 * after each append's commit (searchIndex.ts): the events it has not reached yet are indexed first (in the copy, for a
 * read-only verify). */
const FTS_COPY_LIMIT = 256 * 1024 * 1024;
function checkFtsIndex(db: Database): string[] {
  if (!db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'events_fts'").get()) return [];
  const run = (d: Database) => {
    if (d.prepare("SELECT 1 FROM sqlite_master WHERE name = 'search_index_head'").get()) indexPending(d);
    d.exec("INSERT INTO events_fts(events_fts, rank) VALUES ('integrity-check', 1)");
  };
  try {
    if (canWrite(db)) {
      run(db);
      return [];
    }
    const pages = (db.pragma('page_count', { simple: true }) as number) * (db.pragma('page_size', { simple: true }) as number);
    if (pages > FTS_COPY_LIMIT) return [];
    const image = db.serialize();
    // Bytes 18–19 of the header say "WAL" (2); an in-memory image has no WAL: mark it a rollback-journal file (1).
    image[18] = 1;
    image[19] = 1;
    const copy = new BetterSqlite3(image);
    try {
      run(copy);
    } finally {
      copy.close();
    }
    return [];
  } catch (e) {
    return [`the full-text index does not match the events' search text (${(e as Error).message})`];
  }
}

function checkAnchor(db: Database, opts: VerifyOptions, problems: string[]): AnchorResult {
  const attached = anchorOf(db);
  const key = opts.key !== undefined ? opts.key : (attached?.key ?? null);
  const dbPath = opts.dbPath ?? attached?.dbPath;
  const seals = verifySeals(db, key);
  problems.push(...seals.findings.map((f) => f.en));
  if (seals.sealed && !key) problems.push('the log key is not available here: the seals\' MACs were not checked');
  const head = headOf(db);
  let witness: AnchorResult['witness'] = 'not-checked';
  if (dbPath && opts.witness !== false) {
    const w = readWitness(dbPath, key);
    const found = checkAgainstWitness(db, w);
    problems.push(...found.map((f) => f.en));
    if (w.state === 'missing') {
      witness = 'missing';
      if (seals.sealed && (head.seal?.pos ?? 0) > 0) problems.push('the head witness beside the database is missing: a cut tail could not be told');
    } else witness = found.length ? 'mismatch' : 'ok';
  }
  const backups: AnchorResult['backups'] = [];
  if (dbPath && (opts.backups ?? 3) > 0) {
    // Newest first, up to the last restore: a restore is a deliberate roll-back, kept as its pre-restore copy.
    const all = listBackups(dbPath);
    const restored = all.findIndex((b) => b.kind === 'pre-restore');
    for (const b of (restored < 0 ? all : all.slice(0, restored)).slice(0, opts.backups ?? 3)) {
      const reason = prefixMismatch(db, b.path);
      backups.push({ path: b.path, ok: !reason, ...(reason ? { reason } : {}) });
      if (reason) problems.push(`backup ${b.path} is not a prefix of this database: ${reason}`);
    }
  }
  return { head, sealed: seals.sealed, seals: seals.seals, macChecked: seals.macChecked, witness, backups };
}

/** Why the backup at `file` is not a prefix of `db` (its heads are not records of `db`), or null when it is. */
function prefixMismatch(db: Database, file: string): string | null {
  let b: BetterSqlite3.Database | undefined;
  try {
    b = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
    const h = headOf(b);
    if (h.eventsPos > 0) {
      const mine = db.prepare('SELECT hash FROM events WHERE pos = ?').pluck().get(h.eventsPos) as string | undefined;
      if (mine === undefined) return `its event ${h.eventsPos} is missing here (the log was cut)`;
      if (mine !== h.eventsHash) return `its event ${h.eventsPos} differs here (the log was rewritten)`;
    }
    if (h.seal && h.seal.pos > 0) {
      const hasSeals = db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'audit_seals'").get();
      const mine = hasSeals ? (db.prepare('SELECT mac FROM audit_seals WHERE pos = ?').pluck().get(h.seal.pos) as string | undefined) : undefined;
      if (mine === undefined) return `its seal ${h.seal.pos} is missing here (records were cut)`;
      if (mine !== h.seal.mac) return `its seal ${h.seal.pos} differs here (records were rewritten)`;
    }
    return null;
  } catch (e) {
    return `cannot read it: ${(e as Error).message}`;
  } finally {
    b?.close();
  }
}
