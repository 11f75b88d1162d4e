import fs from 'node:fs';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { canonicalJson } from './canonical';
import { hmacHex } from './key';
import { sealHead, type SealHead } from './seal';

/**
 * The head witness: the seal chain's head (position and mac) and the incident log's head (position and hash), written
 * OUTSIDE the database file, beside it (`console.sqlite.head`), after every command that wrote and when a connection
 * closes, and carried in every backup's answer. A chain cannot prove its own tail was not cut; the witness can: a
 * database whose head is behind the witness lost records, one whose record at the witness's position differs was
 * rewritten. A database AHEAD of the witness is normal (another process wrote, or power failed between the commit and
 * the witness): what lies beyond it is still protected by the seals' MACs. The witness itself carries a MAC under the
 * log key, so it cannot be rewritten to match a cut database without the key.
 */
export interface Head {
  /** The seal chain's head (null: a database from before the seals). */
  seal: SealHead | null;
  /** The incident log's head: global position and hash of its last event. */
  eventsPos: number;
  eventsHash: string | null;
}

export interface Witness extends Head {
  v: 1;
  writtenAt: string;
  witnessMac: string;
}

export function witnessPath(dbPath: string): string {
  return `${path.resolve(dbPath)}.head`;
}

export function headOf(db: Database): Head {
  const ev = db.prepare('SELECT pos, hash FROM events ORDER BY pos DESC LIMIT 1').get() as { pos: number; hash: string } | undefined;
  return { seal: sealHead(db), eventsPos: ev?.pos ?? 0, eventsHash: ev?.hash ?? null };
}

function witnessMacOf(key: Buffer, h: Head): string {
  return hmacHex(key, canonicalJson({ v: 1, seal: h.seal, eventsPos: h.eventsPos, eventsHash: h.eventsHash }));
}

export type WitnessRead = { state: 'missing' } | { state: 'unreadable'; why: string } | { state: 'ok'; witness: Witness; macOk: boolean | null };

export function readWitness(dbPath: string, key: Buffer | null): WitnessRead {
  let text: string;
  try {
    text = fs.readFileSync(witnessPath(dbPath), 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { state: 'missing' };
    return { state: 'unreadable', why: (e as Error).message };
  }
  try {
    const w = JSON.parse(text) as Witness;
    if (w.v !== 1 || typeof w.eventsPos !== 'number' || typeof w.witnessMac !== 'string') return { state: 'unreadable', why: 'not a head witness' };
    return { state: 'ok', witness: w, macOk: key ? witnessMacOf(key, w) === w.witnessMac : null };
  } catch (e) {
    return { state: 'unreadable', why: (e as Error).message };
  }
}

interface Anchor {
  dbPath: string;
  key: Buffer;
  last: string | null;
  /** False for a read-only connection: its verify uses the key and the witness, but it never writes the witness. */
  write: boolean;
}
const anchors = new WeakMap<Database, Anchor>();

/** Make `db` keep the witness of `dbPath` (called by the opener of a writable on-disk database). */
export function attachWitness(db: Database, dbPath: string, key: Buffer, write = true): void {
  anchors.set(db, { dbPath, key, last: null, write });
}

export function anchorOf(db: Database): { dbPath: string; key: Buffer } | null {
  const a = anchors.get(db);
  return a ? { dbPath: a.dbPath, key: a.key } : null;
}

/**
 * Write the witness when the head moved since this connection last wrote it and is ahead of the witness on disk (two
 * processes writing one database each record their own commits; the file never goes backwards). Atomic (temporary file +
 * rename). Best effort: a witness that cannot be written must not fail a command that has already committed.
 */
export function recordHead(db: Database): Head | null {
  const a = anchors.get(db);
  if (!a || !a.write || !db.open) return null;
  try {
    const head = headOf(db);
    const id = `${head.seal?.pos ?? 0}:${head.eventsPos}`;
    if (id === a.last) return head;
    const cur = readWitness(a.dbPath, a.key);
    if (cur.state === 'ok' && cur.macOk) {
      // Never move a witness past records this database no longer holds: that would erase the evidence of a cut.
      if (checkAgainstWitness(db, cur).length) return head;
      if ((cur.witness.seal?.pos ?? 0) >= (head.seal?.pos ?? 0) && cur.witness.eventsPos >= head.eventsPos) {
        a.last = id;
        return head;
      }
    }
    writeWitness(a.dbPath, a.key, head);
    a.last = id;
    return head;
  } catch (e) {
    process.emitWarning(`写入链头见证失败 / could not write the head witness: ${(e as Error).message}`);
    return null;
  }
}

/** Write the witness of `dbPath` for `head` unconditionally (a restore sets it back to the restored head on purpose). */
export function writeWitness(dbPath: string, key: Buffer, head: Head): void {
  const w: Witness = { v: 1, ...head, writtenAt: new Date().toISOString(), witnessMac: witnessMacOf(key, head) };
  const file = witnessPath(dbPath);
  const tmp = `${file}.tmp-${process.pid}`;
  fs.writeFileSync(tmp, JSON.stringify(w) + '\n', { mode: 0o600 });
  fs.renameSync(tmp, file);
}

export interface WitnessFinding {
  en: string;
  zh: string;
}

/** Compare a database's chain with its witness. `db` must hold the full chain (the verified database). */
export function checkAgainstWitness(db: Database, w: WitnessRead): WitnessFinding[] {
  if (w.state === 'missing') return [];
  if (w.state === 'unreadable') return [{ en: `the head witness cannot be read: ${w.why}`, zh: `链头见证文件无法读取：${w.why}` }];
  const out: WitnessFinding[] = [];
  const { witness } = w;
  if (w.macOk === false) out.push({ en: 'the head witness was not written by this console (its MAC does not hold)', zh: '链头见证文件不是本程序写入的（MAC 不符）' });
  if (witness.seal && witness.seal.pos > 0) {
    const have = db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'audit_seals'").get()
      ? (db.prepare('SELECT mac FROM audit_seals WHERE pos = ?').pluck().get(witness.seal.pos) as string | undefined)
      : undefined;
    const max = sealHead(db)?.pos ?? 0;
    if (max < witness.seal.pos) {
      out.push({ en: `the log was cut: the witness records seal ${witness.seal.pos}, the database ends at ${max}`, zh: `日志被截断：见证记录到第 ${witness.seal.pos} 条封印，数据库只到第 ${max} 条` });
    } else if (have !== witness.seal.mac) {
      out.push({ en: `the log was rewritten: seal ${witness.seal.pos} differs from the witness`, zh: `日志被改写：第 ${witness.seal.pos} 条封印与见证不符` });
    }
  }
  if (witness.eventsPos > 0) {
    const hash = db.prepare('SELECT hash FROM events WHERE pos = ?').pluck().get(witness.eventsPos) as string | undefined;
    const max = (db.prepare('SELECT max(pos) FROM events').pluck().get() as number | null) ?? 0;
    if (max < witness.eventsPos) {
      out.push({ en: `events were cut: the witness records event ${witness.eventsPos}, the database ends at ${max}`, zh: `事件记录被截断：见证记录到第 ${witness.eventsPos} 条，数据库只到第 ${max} 条` });
    } else if (hash !== witness.eventsHash) {
      out.push({ en: `the event chain was rewritten: event ${witness.eventsPos} differs from the witness`, zh: `事件链被改写：第 ${witness.eventsPos} 条与见证不符` });
    }
  }
  return out;
}
