/**
 * A long map import as ONE logical all-or-nothing write that never holds the write lock for long (issue 13 item 5).
 *
 * 1. `beginStaging` records the import in `map_imports` with this process's pid (migration 35).
 * 2. `stageChunk` validates and prepares up to IMPORT_CHUNK features in JavaScript, then writes them to
 *    `map_import_rows` in one short IMMEDIATE transaction; the caller pauses between chunks so that other writers (the
 *    serve shell's main thread, a second shell, the CLI) get the lock. No query of the map reads these rows.
 * 3. `publishStaged`, inside the caller's final transaction, copies the staged rows into `map_features` (the R*Tree
 *    follows by trigger) and writes each one's `add` event in `map_events` (sealed by trigger, so the chain gets one
 *    link per feature, in order) with two INSERT … SELECT statements: no JavaScript per feature while the lock is held.
 *    Everyone sees the whole import from that commit on, and nothing of it before.
 * 4. `dropStaged` removes the staged rows afterwards, in chunks (they are invisible either way).
 *
 * A failure or a kill -9 before step 3 commits leaves rows only in the staging tables, which nothing reads and
 * nothing seals: the map, its events and the seal chain are exactly as before the import, and verify has nothing to
 * say. `sweepStaleImports` (at every core start and before every import) removes what a process that is gone left.
 */
import type { Database } from 'better-sqlite3';
import { processAlive } from '../db/database';
import { addColumns, rowToRecord, type ChangeMeta, type FeatureDraft } from './store';

/**
 * [decision] Features per chunk transaction. Preparing one feature takes ~0.1 ms of JavaScript, done before the
 * transaction opens; the transaction itself then holds the lock for a few milliseconds per thousand features.
 */
export const IMPORT_CHUNK = 1000;

/**
 * Pause between chunks, ms. SQLite's busy handler polls a waiting writer's lock after 1, 2, 5, 10, 15, 20 ms …, and
 * the serve shell's core retries a BUSY command after 5–250 ms: a gap of a few milliseconds lets either in.
 */
const CHUNK_PAUSE_MS = 4;

/** Staged rows removed per transaction after the copy (or after a failure). */
const DROP_CHUNK = 5000;

export const pauseBetweenChunks = () => new Promise<void>((r) => setTimeout(r, CHUNK_PAUSE_MS));

export function beginStaging(db: Database, importId: string, at: Date): void {
  db.prepare('INSERT INTO map_imports (id, pid, started_at) VALUES (?, ?, ?)').run(importId, process.pid, at.toISOString());
}

/**
 * Validate and stage `drafts` as features `firstNo`, `firstNo + 1`, … of the import. Throws invalid-input naming the
 * field for a draft the layer refuses (as a single add would), before anything of the chunk is written.
 */
export function stageChunk(db: Database, importId: string, firstNo: number, drafts: readonly FeatureDraft[], meta: ChangeMeta): void {
  const at = meta.at.toISOString();
  const rows = drafts.map((d, i) => {
    const c = addColumns(d);
    const stored = { id: 0, ...c, version: 1, created_at: at, created_by: meta.actor, updated_at: at, updated_by: meta.actor };
    // The event's `after` exactly as applyFeatureChange writes it (the feature read back), with id 0: the copy puts the
    // real id in its place.
    const after = JSON.stringify(rowToRecord(stored));
    if (!after.startsWith(ID_PLACEHOLDER)) throw new Error('staged event does not start with its id');
    return { import_id: importId, add_no: firstNo + i, ...c, after };
  });
  const insert = db.prepare(
    `INSERT INTO map_import_rows (import_id, add_no, layer, name, kind, properties, geometry, geom_type, lng, lat, min_lng, min_lat, max_lng, max_lat, after)
     VALUES (@import_id, @add_no, @layer, @name, @kind, @properties, @geometry, @geom_type, @lng, @lat, @min_lng, @min_lat, @max_lng, @max_lat, @after)`,
  );
  db.transaction(() => {
    for (const r of rows) insert.run(r);
  })();
}

const ID_PLACEHOLDER = '{"id":0,';

/**
 * Copy the staged features of `importId` into the map with their `add` events; call inside the final transaction.
 * Feature n of the import gets id `base + n` (`base` the largest id now, as a single add would continue). Returns
 * `base` and how many were copied.
 */
export function publishStaged(db: Database, importId: string, meta: ChangeMeta): { base: number; count: number } {
  const base = (db.prepare('SELECT coalesce(max(id), 0) AS m FROM map_features').get() as { m: number }).m;
  const args = { imp: importId, base, at: meta.at.toISOString(), actor: meta.actor, transport: meta.transport, batch: meta.batch ?? null, reason: meta.reason ?? null };
  const { changes } = db
    .prepare(
      `INSERT INTO map_features (id, layer, name, kind, properties, geometry, geom_type, lng, lat, min_lng, min_lat, max_lng, max_lat,
         version, created_at, created_by, updated_at, updated_by)
       SELECT CAST(@base AS INTEGER) + add_no, layer, name, kind, properties, geometry, geom_type, lng, lat, min_lng, min_lat, max_lng, max_lat, 1, @at, @actor, @at, @actor
       FROM map_import_rows WHERE import_id = @imp ORDER BY add_no`,
    )
    .run(args);
  db.prepare(
    `INSERT INTO map_events (feature_id, layer, action, actor, transport, recorded_at, batch, reason, before, after)
     SELECT CAST(@base AS INTEGER) + add_no, layer, 'add', @actor, @transport, @at, @batch, @reason, NULL, '{"id":' || (CAST(@base AS INTEGER) + add_no) || substr(after, ${ID_PLACEHOLDER.length})
     FROM map_import_rows WHERE import_id = @imp ORDER BY add_no`,
  ).run(args);
  // No longer in progress: what is left in map_import_rows is only waste now, for dropStaged or the sweep.
  db.prepare('DELETE FROM map_imports WHERE id = ?').run(importId);
  return { base, count: changes };
}

/** Remove the staged rows of an import (after its copy, or after it failed), a chunk per transaction. */
export async function dropStaged(db: Database, importId: string): Promise<void> {
  const del = db.prepare('DELETE FROM map_import_rows WHERE import_id = ? AND add_no IN (SELECT add_no FROM map_import_rows WHERE import_id = ? ORDER BY add_no LIMIT ?)');
  while (db.transaction(() => del.run(importId, importId, DROP_CHUNK).changes)() > 0) await pauseBetweenChunks();
  db.prepare('DELETE FROM map_imports WHERE id = ?').run(importId);
}

/**
 * Remove what imports left that will never finish: those whose process is gone (a crash, a kill -9, a power cut),
 * and staged rows of an import no longer in progress (copied, or failed, and then interrupted while dropping).
 * Imports of a process still running (another serve shell, the CLI, this process's worker) are left alone. Only
 * reads unless there is something to remove. Returns how many imports were swept.
 */
export function sweepStaleImports(db: Database): number {
  const inProgress = new Map((db.prepare('SELECT id, pid FROM map_imports').all() as Array<{ id: string; pid: number }>).map((r) => [r.id, r.pid]));
  const stale: string[] = [];
  // Each import id in the rows, by index seeks (the rows of one import can be 100,000).
  const next = db.prepare('SELECT min(import_id) AS id FROM map_import_rows WHERE import_id > ?').pluck();
  for (let id = next.get('') as string | null; id !== null; id = next.get(id) as string | null) {
    const pid = inProgress.get(id);
    if (pid === undefined || !processAlive(pid)) stale.push(id);
  }
  for (const [id, pid] of inProgress) if (!processAlive(pid) && !stale.includes(id)) stale.push(id);
  if (!stale.length) return 0;
  db.transaction(() => {
    for (const id of stale) {
      db.prepare('DELETE FROM map_import_rows WHERE import_id = ?').run(id);
      db.prepare('DELETE FROM map_imports WHERE id = ?').run(id);
    }
  })();
  return stale.length;
}
