import type { Database } from 'better-sqlite3';
import { canonicalJson, GENESIS_HASH } from './canonical';
import { hmacHex } from './key';

/**
 * Seals: one keyed chain over every audit record of the console (ARCHITECTURE "the log is the source of truth").
 *
 * Every INSERT, UPDATE and DELETE on a sealed table appends a row to `audit_seals`, from a trigger, in the same
 * transaction: the table, the row's primary key, the operation, `digest` = HMAC(key, the row as SQLite's
 * json_object of every column) and `mac` = HMAC(key, canonical {pos, tbl, key, op, digest, prev}) chained to the
 * previous seal's mac. The key is outside the database (./key.ts) and reaches SQLite only as the two functions
 * registered on the console's own connections, so a connection without them (sqlite3, a script) cannot write a
 * sealed table at all unless it drops the triggers, and then the row has no valid seal. `verify` recomputes every mac,
 * every link, and the digest of every current row against its latest seal, and compares the triggers' SQL with what
 * the migrations create.
 */

/** The audit records: the incident log, map changes, permits, danger entries, ledgers, rewards. */
export const SEALED_TABLES = [
  'incidents',
  'events',
  'map_events',
  'fire_permits',
  'fire_permit_events',
  'fire_danger_entries',
  'fire_ledger_baobao',
  'fire_ledger_graves',
  'fire_rewards',
  'fire_reward_events',
  'people',
  'people_events',
  'duty_settings',
  'duty_entries',
  'duty_entry_events',
  'handovers',
  'handover_signatures',
  'roster',
  'roster_events',
  'contact_units',
  'contact_people',
  'rounds',
  'round_recipients',
  'round_attempts',
] as const;

export const DIGEST_FN = 'ercon_seal_digest';
export const MAC_FN = 'ercon_seal_mac';

export interface SealEnvelope {
  pos: number;
  tbl: string;
  key: string;
  op: string;
  digest: string;
  prev: string;
}

export function sealMac(key: Buffer, e: SealEnvelope): string {
  return hmacHex(key, canonicalJson({ v: 1, pos: e.pos, tbl: e.tbl, key: e.key, op: e.op, digest: e.digest, prev: e.prev }));
}

export function rowDigest(key: Buffer, rowJson: string): string {
  return hmacHex(key, rowJson);
}

/** Register the two functions the seal triggers call; every connection that may write goes through this. */
export function registerSealFunctions(db: Database, key: Buffer): void {
  db.function(DIGEST_FN, { deterministic: true }, (j: unknown) => rowDigest(key, String(j)));
  db.function(MAC_FN, { deterministic: true }, (pos: unknown, tbl: unknown, k: unknown, op: unknown, digest: unknown, prev: unknown) =>
    sealMac(key, { pos: Number(pos), tbl: String(tbl), key: String(k), op: String(op), digest: String(digest), prev: String(prev) }),
  );
}

const q = (name: string) => `"${name.replaceAll('"', '""')}"`;

interface TableShape {
  columns: string[];
  pk: string[];
}

function shapeOf(db: Database, table: string): TableShape | null {
  const cols = db.prepare(`SELECT name, pk FROM pragma_table_info(?) ORDER BY cid`).all(table) as Array<{ name: string; pk: number }>;
  if (!cols.length) return null;
  const pk = cols.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name);
  return { columns: cols.map((c) => c.name), pk: pk.length ? pk : ['rowid'] };
}

/** SQL of the row as JSON (every column, in table order) and of its key, for a row alias (NEW, OLD, or none). */
function rowSql(shape: TableShape, alias: string): { json: string; key: string } {
  const ref = (c: string) => (alias ? `${alias}.${q(c)}` : q(c));
  const json = `json_object(${shape.columns.map((c) => `'${c.replaceAll("'", "''")}', ${ref(c)}`).join(', ')})`;
  const key = shape.pk.length === 1 ? `CAST(${ref(shape.pk[0]!)} AS TEXT)` : `json_array(${shape.pk.map(ref).join(', ')})`;
  return { json, key };
}

const OPS = [
  { op: 'insert', when: 'INSERT', alias: 'NEW' },
  { op: 'update', when: 'UPDATE', alias: 'NEW' },
  { op: 'delete', when: 'DELETE', alias: 'OLD' },
] as const;

export function sealTriggerName(table: string, op: string): string {
  return `${table}_seal_${op}`;
}

/** The CREATE TRIGGER statements that seal `table`, built from its columns as they are now. */
export function sealTriggerSql(db: Database, table: string): string[] {
  const shape = shapeOf(db, table);
  if (!shape) return [];
  const t = table.replaceAll("'", "''");
  return OPS.map(({ op, when, alias }) => {
    const row = rowSql(shape, alias);
    return `CREATE TRIGGER ${q(sealTriggerName(table, op))} AFTER ${when} ON ${q(table)} BEGIN
  INSERT INTO audit_seals (pos, tbl, row_key, op, digest, prev_mac, mac)
  SELECT s.pos, '${t}', s.k, '${op}', s.d, s.prev, ${MAC_FN}(s.pos, '${t}', s.k, '${op}', s.d, s.prev)
  FROM (SELECT coalesce((SELECT max(pos) FROM audit_seals), 0) + 1 AS pos, ${row.key} AS k, ${DIGEST_FN}(${row.json}) AS d,
               coalesce((SELECT mac FROM audit_seals ORDER BY pos DESC LIMIT 1), '${GENESIS_HASH}') AS prev) AS s;
END`;
  });
}

/**
 * (Re-)install the seal triggers of `table` from its current columns. A later migration that adds a column to a sealed
 * table must call this, or verify reports the triggers as not covering it.
 */
export function installSealTriggers(db: Database, table: string): void {
  for (const { op } of OPS) db.exec(`DROP TRIGGER IF EXISTS ${q(sealTriggerName(table, op))}`);
  for (const sql of sealTriggerSql(db, table)) db.exec(sql);
}

/**
 * Seal every row already in `table` (rows written before seals existed), as op `legacy`, in key order, through the
 * connection's seal functions (so this needs no key of its own and runs inside the migration's transaction).
 */
export function sealExistingRows(db: Database, table: string): number {
  const shape = shapeOf(db, table);
  if (!shape) return 0;
  const row = rowSql(shape, '');
  const order = shape.pk.map(q).join(', ');
  const rows = db.prepare(`SELECT ${row.key} AS k, ${DIGEST_FN}(${row.json}) AS d FROM ${q(table)} ORDER BY ${order}`).all() as Array<{ k: string; d: string }>;
  const ins = db.prepare(`INSERT INTO audit_seals (pos, tbl, row_key, op, digest, prev_mac, mac)
    SELECT s.pos, :tbl, :k, 'legacy', :d, s.prev, ${MAC_FN}(s.pos, :tbl, :k, 'legacy', :d, s.prev)
    FROM (SELECT coalesce((SELECT max(pos) FROM audit_seals), 0) + 1 AS pos,
                 coalesce((SELECT mac FROM audit_seals ORDER BY pos DESC LIMIT 1), '${GENESIS_HASH}') AS prev) AS s`);
  for (const r of rows) ins.run({ tbl: table, k: r.k, d: r.d });
  return rows.length;
}

export interface SealHead {
  pos: number;
  mac: string;
}

export function sealHead(db: Database): SealHead | null {
  const has = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audit_seals'").get();
  if (!has) return null;
  return (db.prepare('SELECT pos, mac FROM audit_seals ORDER BY pos DESC LIMIT 1').get() as SealHead | undefined) ?? { pos: 0, mac: GENESIS_HASH };
}

export interface SealFinding {
  en: string;
  zh: string;
  table?: string;
  rowKey?: string;
  sealPos?: number;
}

export interface SealReport {
  sealed: boolean;
  seals: number;
  head: SealHead | null;
  /** False when no key was available: links and rows were compared, macs not recomputed. */
  macChecked: boolean;
  findings: SealFinding[];
}

/** Check every seal's mac and link, and every current row of every sealed table against its latest seal. */
export function verifySeals(db: Database, key: Buffer | null): SealReport {
  const head = sealHead(db);
  const findings: SealFinding[] = [];
  if (!head) return { sealed: false, seals: 0, head: null, macChecked: false, findings };
  const latest = new Map<string, { op: string; digest: string; pos: number }>();
  let expected = 1;
  let prev = GENESIS_HASH;
  let count = 0;
  const iter = db.prepare('SELECT pos, tbl, row_key, op, digest, prev_mac, mac FROM audit_seals ORDER BY pos').iterate() as IterableIterator<{
    pos: number;
    tbl: string;
    row_key: string;
    op: string;
    digest: string;
    prev_mac: string;
    mac: string;
  }>;
  for (const s of iter) {
    count++;
    if (s.pos !== expected) {
      findings.push({ sealPos: expected, en: `seal records ${expected}–${s.pos - 1} are missing`, zh: `封印记录 ${expected}–${s.pos - 1} 缺失` });
    }
    if (s.prev_mac !== prev) findings.push({ sealPos: s.pos, table: s.tbl, rowKey: s.row_key, en: `seal ${s.pos} does not link to the one before it`, zh: `封印记录 ${s.pos} 与前一条的链接断开` });
    if (key && sealMac(key, { pos: s.pos, tbl: s.tbl, key: s.row_key, op: s.op, digest: s.digest, prev: s.prev_mac }) !== s.mac) {
      findings.push({ sealPos: s.pos, table: s.tbl, rowKey: s.row_key, en: `seal ${s.pos} (${s.tbl} ${s.row_key}) was forged or rewritten: its MAC does not hold under this console's key`, zh: `封印记录 ${s.pos}（${s.tbl} ${s.row_key}）是伪造或重写的：其 MAC 与本机密钥不符` });
    }
    expected = s.pos + 1;
    prev = s.mac;
    latest.set(`${s.tbl}\u0000${s.row_key}`, { op: s.op, digest: s.digest, pos: s.pos });
  }
  for (const table of SEALED_TABLES) {
    const shape = shapeOf(db, table);
    if (!shape) continue;
    const row = rowSql(shape, '');
    for (const r of db.prepare(`SELECT ${row.key} AS k, ${row.json} AS j FROM ${q(table)}`).iterate() as IterableIterator<{ k: string; j: string }>) {
      const id = `${table}\u0000${r.k}`;
      const seal = latest.get(id);
      latest.delete(id);
      if (!seal || seal.op === 'delete') {
        findings.push({ table, rowKey: r.k, en: `${table} row ${r.k} has no seal: it was written outside the console`, zh: `${table} 第 ${r.k} 行没有封印：不是由本程序写入的` });
      } else if (key && rowDigest(key, r.j) !== seal.digest) {
        findings.push({ table, rowKey: r.k, sealPos: seal.pos, en: `${table} row ${r.k} was changed after it was sealed (seal ${seal.pos})`, zh: `${table} 第 ${r.k} 行在封印（第 ${seal.pos} 条）之后被改动` });
      }
    }
  }
  for (const [id, seal] of latest) {
    if (seal.op === 'delete') continue;
    const [table, rowKey] = id.split('\u0000') as [string, string];
    if (shapeOf(db, table)) findings.push({ table, rowKey, sealPos: seal.pos, en: `${table} row ${rowKey} was removed (sealed at ${seal.pos})`, zh: `${table} 第 ${rowKey} 行被删除（封印于第 ${seal.pos} 条）` });
    else findings.push({ table, rowKey, sealPos: seal.pos, en: `the sealed table ${table} is gone`, zh: `已封印的表 ${table} 不见了` });
  }
  return { sealed: true, seals: count, head, macChecked: !!key, findings };
}
