import type { Migration } from './types';
import { hanBigrams } from '../../log/bigrams';

/**
 * A second full-text index for two-character Chinese queries (疫苗, 发热, a person's name), which trigrams cannot
 * express: each payload's Han-character bigrams, space-separated, in a contentless FTS5 table (index only, detail=none:
 * one bigram is one token, so no positions are needed). Filled here for events written before it existed.
 */
export const m011EventBigrams: Migration = {
  id: 11,
  name: 'event-bigrams',
  up(db) {
    db.exec(`CREATE VIRTUAL TABLE events_bigram USING fts5(bigrams, content='', detail=none, tokenize='unicode61 remove_diacritics 0')`);
    const ins = db.prepare('INSERT INTO events_bigram (rowid, bigrams) VALUES (?, ?)');
    // Up to what the search indexes cover (migration 12; a later batch indexes the rest), or every event before it.
    const hasHead = db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'search_index_head'").get();
    const upTo = hasHead ? (db.prepare('SELECT pos FROM search_index_head').pluck().get() as number) : Number.MAX_SAFE_INTEGER;
    const page = db.prepare('SELECT pos, search_text FROM events WHERE pos > ? AND pos <= ? ORDER BY pos LIMIT 5000');
    for (let after = 0; ; ) {
      const rows = page.all(after, upTo) as Array<{ pos: number; search_text: string }>;
      if (!rows.length) break;
      for (const r of rows) ins.run(r.pos, hanBigrams(r.search_text));
      after = rows.at(-1)!.pos;
    }
  },
};
