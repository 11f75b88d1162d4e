import type { Database } from 'better-sqlite3';
import { APPEND_ONLY_TRIGGERS } from '../db/migrations/010_incident_log';
import { canonicalJson, eventHash, GENESIS_HASH } from './canonical';
import { searchTextOf } from './store';
import { OPENED } from './types';

export interface VerifyResult {
  ok: boolean;
  /** Events read. */
  events: number;
  /** The first seq whose row is missing, altered, or does not link to the one before; null when the chain holds. */
  firstBrokenSeq: number | null;
  /** Why the log failed (first failure), in English; `reasonZh` in Chinese. */
  reason?: string;
  reasonZh?: string;
  /** The hash of the last event: compare with a copy kept elsewhere to detect a truncated tail. */
  headHash: string | null;
  /** Other findings that make the log untrustworthy without breaking a link (integrity_check lines, missing triggers). */
  problems: string[];
}

interface Row {
  seq: number;
  incident_id: string;
  type: string;
  payload: string;
  occurred_at: string;
  recorded_at: string;
  actor: string;
  corrects: number | null;
  prev_hash: string;
  hash: string;
  search_text: string;
}

/**
 * `ercon verify`: SQLite's integrity_check, then every link of the global hash chain in seq order: seqs contiguous
 * from 1, each prev_hash equal to the hash before it, each hash recomputed from the row, the payload in canonical
 * form, the search text derived from it, and each incident row equal to its `incident.opened` event.
 */
export function verifyLog(db: Database): VerifyResult {
  const problems: string[] = [];
  let first: { seq: number; en: string; zh: string } | null = null;
  const broken = (seq: number, en: string, zh: string): void => {
    if (!first) first = { seq, en, zh };
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
    const triggers = new Set(db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'").pluck().all() as string[]);
    for (const t of APPEND_ONLY_TRIGGERS) if (!triggers.has(t)) problems.push(`append-only trigger ${t} is missing`);

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

    let expected = 1;
    let prev = GENESIS_HASH;
    for (const r of db.prepare('SELECT * FROM events ORDER BY seq').iterate() as IterableIterator<Row>) {
      count++;
      headHash = r.hash;
      if (r.seq !== expected) {
        broken(expected, `event ${expected} is missing (next stored seq is ${r.seq})`, `第 ${expected} 条记录缺失（下一条是 ${r.seq}）`);
      }
      expected = r.seq + 1;
      if (r.prev_hash !== prev) {
        broken(r.seq, `event ${r.seq} does not link to the event before it (prev_hash differs)`, `第 ${r.seq} 条记录与前一条的哈希链接断开`);
      }
      prev = r.hash;
      const recomputed = eventHash({
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
        broken(r.seq, `event ${r.seq} was altered: its content does not match its hash`, `第 ${r.seq} 条记录被改动：内容与其哈希不符`);
        continue;
      }
      let payload: unknown;
      try {
        payload = JSON.parse(r.payload);
      } catch {
        broken(r.seq, `event ${r.seq}: payload is not JSON`, `第 ${r.seq} 条记录的内容不是 JSON`);
        continue;
      }
      if (canonicalJson(payload) !== r.payload) {
        broken(r.seq, `event ${r.seq}: payload is not in canonical form`, `第 ${r.seq} 条记录的内容不是规范格式`);
      }
      if (searchTextOf(payload) !== r.search_text) {
        broken(r.seq, `event ${r.seq}: search text does not match the payload`, `第 ${r.seq} 条记录的检索文本与内容不符`);
      }
      const inc = incidents.get(r.incident_id);
      if (!inc) {
        broken(r.seq, `event ${r.seq} belongs to incident ${r.incident_id}, which has no row`, `第 ${r.seq} 条记录所属事件 ${r.incident_id} 不存在`);
      } else if (!inc.seen) {
        inc.seen = true;
        const p = payload as { planId?: unknown; planVersion?: unknown; title?: unknown };
        if (r.type !== OPENED || p.planId !== inc.plan_id || p.planVersion !== inc.plan_version || p.title !== inc.title || r.occurred_at !== inc.opened_at) {
          broken(
            r.seq,
            `incident ${r.incident_id} does not match its opening event ${r.seq}`,
            `事件 ${r.incident_id} 的登记信息与其开启记录（第 ${r.seq} 条）不符`,
          );
        }
      }
    }
    for (const [id, inc] of incidents) if (!inc.seen) problems.push(`incident ${id} has no events (its opening event is missing)`);
  } catch (e) {
    problems.push(`reading the log failed: ${(e as Error).message}`);
  }
  const f = first as { seq: number; en: string; zh: string } | null;
  const ok = !f && problems.length === 0;
  const result: VerifyResult = { ok, events: count, firstBrokenSeq: f?.seq ?? null, headHash, problems };
  if (f) {
    result.reason = f.en;
    result.reasonZh = f.zh;
  } else if (problems.length) {
    result.reason = problems[0]!;
    result.reasonZh = `数据库检查未通过：${problems[0]!}`;
  }
  return result;
}
