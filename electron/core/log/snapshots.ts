import crypto from 'node:crypto';
import v8 from 'node:v8';
import type { Database } from 'better-sqlite3';
import { eventHash } from './canonical';
import type { EventRow } from './store';
import { anchorOf } from './witness';

/**
 * Fold snapshots (migration 13): an incident's folded state after one of its events, kept in `fold_snapshots` so that
 * a restarted console folds only the events after it (test/bench/log.bench.ts, `replay`). Derived data: a snapshot is
 * trusted only when
 * - its MAC checks, under the log key (outside the file): a script that edits the stored state cannot make it pass;
 * - its fold key is the engine's for the incident's plan now (engine format, app version, the plan's content);
 * - the event it was taken at is still there with the same hash, and that hash is still what the row's columns give.
 *   The chain is global (every hash covers the one before it), so a rewrite of ANY earlier event that keeps the chain
 *   valid changes this hash; an edit that breaks the chain is what `verify` reports.
 * Otherwise the incident is folded from its first event, as without snapshots. The state is stored with v8's
 * serializer (the structured clone: an `undefined` field stays one, unlike JSON), so a state read back is identical to
 * the one folded (test/unit/log/snapshots.test.ts).
 */

/** How many events past the last snapshot before a new one is written. */
export const SNAPSHOT_EVERY = 256;

export interface Snapshot {
  seq: number;
  hash: string;
  state: unknown;
}

function macOf(key: Buffer, incidentId: string, seq: number, hash: string, foldKey: string, state: Buffer): string {
  const h = crypto.createHmac('sha256', key);
  // Domain-separated from the seals' HMACs (those are over JSON text that starts with "{").
  h.update(`fold-snapshot\n${incidentId}\n${seq}\n${hash}\n${foldKey}\n`, 'utf8');
  h.update(state);
  return h.digest('hex');
}

function keyOf(db: Database): Buffer | null {
  if (!db.open) return null;
  const has = db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'fold_snapshots'").get();
  return has ? (anchorOf(db)?.key ?? null) : null;
}

/** The incident's snapshot if every check passes, else null. */
export function loadSnapshot(db: Database, incidentId: string, foldKey: string): Snapshot | null {
  const key = keyOf(db);
  if (!key) return null;
  const r = db.prepare('SELECT seq, hash, fold_key AS foldKey, state, mac FROM fold_snapshots WHERE incident_id = ?').get(incidentId) as
    | { seq: number; hash: string; foldKey: string; state: Buffer; mac: string }
    | undefined;
  if (!r || r.foldKey !== foldKey) return null;
  const mac = macOf(key, incidentId, r.seq, r.hash, r.foldKey, r.state);
  if (mac.length !== r.mac.length || !crypto.timingSafeEqual(Buffer.from(mac), Buffer.from(r.mac))) return null;
  const ev = db.prepare('SELECT * FROM events WHERE incident_id = ? AND seq = ?').get(incidentId, r.seq) as EventRow | undefined;
  if (!ev || ev.hash !== r.hash) return null;
  const recomputed = eventHash({
    pos: ev.pos,
    seq: ev.seq,
    incidentId: ev.incident_id,
    type: ev.type,
    payload: ev.payload,
    occurredAt: ev.occurred_at,
    recordedAt: ev.recorded_at,
    actor: ev.actor,
    corrects: ev.corrects,
    prevHash: ev.prev_hash,
  });
  if (recomputed !== ev.hash) return null;
  try {
    return { seq: r.seq, hash: r.hash, state: v8.deserialize(r.state) };
  } catch {
    return null;
  }
}

/** The seq of the incident's stored snapshot (whether or not it would be trusted), or null. */
export function snapshotSeq(db: Database, incidentId: string): number | null {
  if (!keyOf(db)) return null;
  return (db.prepare('SELECT seq FROM fold_snapshots WHERE incident_id = ?').pluck().get(incidentId) as number | undefined) ?? null;
}

/** Store (replace) the incident's snapshot; false when this connection cannot (read-only, no key, no table). */
export function saveSnapshot(db: Database, incidentId: string, foldKey: string, s: Snapshot): boolean {
  if (db.readonly) return false;
  const key = keyOf(db);
  if (!key) return false;
  const state = v8.serialize(s.state);
  db.prepare(
    `INSERT INTO fold_snapshots (incident_id, seq, hash, fold_key, state, mac) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (incident_id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash, fold_key = excluded.fold_key, state = excluded.state, mac = excluded.mac`,
  ).run(incidentId, s.seq, s.hash, foldKey, state, macOf(key, incidentId, s.seq, s.hash, foldKey, state));
  return true;
}
