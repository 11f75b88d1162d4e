import type { Migration } from './types';

/**
 * How far the search indexes (events_fts, events_bigram) reach: the last event position both cover
 * (electron/core/log/searchIndex.ts). They are filled after each append's own commit, in batches, so an append writes
 * only the event (and its seal). Every event written before this migration was indexed in its own transaction.
 */
export const m012SearchIndexHead: Migration = {
  id: 12,
  name: 'search-index-head',
  up(db) {
    db.exec(`
      CREATE TABLE search_index_head (id INTEGER PRIMARY KEY CHECK (id = 1), pos INTEGER NOT NULL) STRICT;
      INSERT INTO search_index_head (id, pos) VALUES (1, coalesce((SELECT max(pos) FROM events), 0));
    `);
  },
};
