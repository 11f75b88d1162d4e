import type { Database } from 'better-sqlite3';
import { hanBigrams } from './bigrams';

/**
 * The two search indexes (events_fts, events_bigram) are derived from `events.search_text` and are filled AFTER the
 * event's own durable commit, in batches, instead of inside it: an FTS5 insert writes a new index segment per
 * transaction, which made one appended note 18 WAL pages instead of 4–5 (test/bench/log.bench.ts, `appendParts`). The
 * row `search_index_head` (migration 12) holds the last position both indexes cover; `search` reads the events past
 * it with LIKE, so a search is exact whether or not the indexes have caught up, and `verify` catches them up first
 * (FTS5's integrity-check compares the index with every event).
 */
export function indexedHead(db: Database): number {
  const r = db.prepare('SELECT pos FROM search_index_head WHERE id = 1').pluck().get() as number | undefined;
  return r ?? 0;
}

/** Whether this connection may write: not opened read-only, and not switched to query_only (a contained database). */
export function canWrite(db: Database): boolean {
  return !db.readonly && !db.pragma('query_only', { simple: true });
}

/** Index the events past the head (at most `max`), in the caller's transaction or one of its own; how many. */
export function indexPending(db: Database, max = Number.MAX_SAFE_INTEGER): number {
  if (!canWrite(db)) return 0;
  const run = () => {
    const head = indexedHead(db);
    const rows = db.prepare('SELECT pos, search_text AS text FROM events WHERE pos > ? ORDER BY pos LIMIT ?').all(head, max) as Array<{ pos: number; text: string }>;
    if (!rows.length) return 0;
    const last = rows.at(-1)!.pos;
    // The trigram index from the stored text itself, inside SQLite: text with ill-formed Unicode is stored as bytes
    // that do not survive a round trip through a JS string, and FTS5's integrity-check compares exact bytes.
    db.prepare('INSERT INTO events_fts (rowid, search_text) SELECT pos, search_text FROM events WHERE pos > ? AND pos <= ? ORDER BY pos').run(head, last);
    const bigram = db.prepare('INSERT INTO events_bigram (rowid, bigrams) VALUES (?, ?)');
    for (const r of rows) bigram.run(r.pos, hanBigrams(r.text));
    db.prepare('UPDATE search_index_head SET pos = ? WHERE id = 1').run(last);
    return rows.length;
  };
  return db.inTransaction ? run() : db.transaction(run)();
}
