import type { Migration } from './types';

/**
 * The incident log (ARCHITECTURE.md "The incident log is the source of truth").
 * - `incidents`: one row per incident, written once with its first event (`incident.opened`), pinning the plan id
 *   and version it was opened under.
 * - `events`: ONE global, append-only, hash-chained stream. `pos` is the global chain position, contiguous from 1, so
 *   `verify` walks a single chain and a missing row shows as a gap. `seq` numbers the events of one incident: 0 is the
 *   log's opening record (plan pin, title), then 1, 2, … as the plan engine expects (shared/engine/events.ts).
 *   `corrects` points at the seq (same incident) an event corrects.
 *   `search_text` is derived from the payload (its strings) for full-text search; `verify` recomputes it.
 * - `events_fts`: FTS5 trigram index over `search_text` (external content: no second copy of the text), so Chinese
 *   substrings of 3+ characters are index lookups; shorter queries fall back to LIKE over `events.search_text`.
 * - Triggers refuse UPDATE and DELETE on both tables: the code has no such path and SQLite enforces it.
 */
export const m010IncidentLog: Migration = {
  id: 10,
  name: 'incident-log',
  up(db) {
    db.exec(`
      CREATE TABLE incidents (
        id           TEXT PRIMARY KEY,
        plan_id      TEXT NOT NULL,
        plan_version TEXT NOT NULL,
        title        TEXT NOT NULL,
        opened_at    TEXT NOT NULL,
        recorded_at  TEXT NOT NULL,
        opened_by    TEXT NOT NULL
      ) STRICT;

      CREATE TABLE events (
        pos          INTEGER PRIMARY KEY,
        incident_id  TEXT NOT NULL REFERENCES incidents(id),
        seq          INTEGER NOT NULL CHECK (seq >= 0),
        type         TEXT NOT NULL,
        payload      TEXT NOT NULL CHECK (json_valid(payload)),
        occurred_at  TEXT NOT NULL,
        recorded_at  TEXT NOT NULL,
        actor        TEXT NOT NULL,
        corrects     INTEGER,
        prev_hash    TEXT NOT NULL,
        hash         TEXT NOT NULL,
        search_text  TEXT NOT NULL,
        UNIQUE (incident_id, seq),
        FOREIGN KEY (incident_id, corrects) REFERENCES events(incident_id, seq)
      ) STRICT;
      CREATE INDEX incidents_by_plan ON incidents(plan_id, opened_at);

      CREATE VIRTUAL TABLE events_fts USING fts5(
        search_text, content='events', content_rowid='pos', tokenize='trigram'
      );

      CREATE TRIGGER events_no_update BEFORE UPDATE ON events
        BEGIN SELECT RAISE(ABORT, 'events are append-only: UPDATE refused / 事件只能追加，禁止修改'); END;
      CREATE TRIGGER events_no_delete BEFORE DELETE ON events
        BEGIN SELECT RAISE(ABORT, 'events are append-only: DELETE refused / 事件只能追加，禁止删除'); END;
      CREATE TRIGGER incidents_no_update BEFORE UPDATE ON incidents
        BEGIN SELECT RAISE(ABORT, 'incidents are append-only: UPDATE refused / 事件记录禁止修改'); END;
      CREATE TRIGGER incidents_no_delete BEFORE DELETE ON incidents
        BEGIN SELECT RAISE(ABORT, 'incidents are append-only: DELETE refused / 事件记录禁止删除'); END;
    `);
  },
};

