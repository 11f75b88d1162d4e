import { installSealTriggers, sealExistingRows } from '../../log/seal';
import type { Migration } from './types';

/**
 * The roster (排班, issue 15 item 3): one row per shift of a date, with the people on it and the duty leader. A shift's
 * row is replaced when the office changes it (the seal chain keeps every version's digest, `set_by` who did it);
 * `roster_events` keeps each change and swap with its reason and approver, append-only. Both sealed.
 */
export const m073Roster: Migration = {
  id: 73,
  name: 'roster',
  up(db) {
    db.exec(`
      CREATE TABLE roster (
        id            INTEGER PRIMARY KEY,
        date          TEXT NOT NULL,
        shift         TEXT NOT NULL,
        starts_at     TEXT NOT NULL,
        ends_at       TEXT NOT NULL,
        officers      TEXT NOT NULL CHECK (json_valid(officers)),
        leader_id     INTEGER NOT NULL REFERENCES people(id),
        reinforcement INTEGER NOT NULL DEFAULT 0 CHECK (reinforcement IN (0, 1)),
        note          TEXT NOT NULL DEFAULT '',
        set_by        TEXT NOT NULL,
        set_at        TEXT NOT NULL,
        UNIQUE (date, shift)
      ) STRICT;
      CREATE INDEX roster_time ON roster(starts_at, ends_at);
      CREATE TABLE roster_events (
        id        INTEGER PRIMARY KEY,
        roster_id INTEGER NOT NULL REFERENCES roster(id),
        kind      TEXT NOT NULL CHECK (kind IN ('set', 'swap')),
        detail    TEXT NOT NULL CHECK (json_valid(detail)),
        actor     TEXT NOT NULL,
        approver  TEXT,
        at        TEXT NOT NULL
      ) STRICT;
      CREATE TRIGGER roster_events_no_update BEFORE UPDATE ON roster_events BEGIN SELECT RAISE(ABORT, 'roster_events is append-only / 排班记录禁止修改'); END;
      CREATE TRIGGER roster_events_no_delete BEFORE DELETE ON roster_events BEGIN SELECT RAISE(ABORT, 'roster_events is append-only / 排班记录禁止删除'); END;
    `);
    for (const t of ['roster', 'roster_events']) {
      sealExistingRows(db, t);
      installSealTriggers(db, t);
    }
  },
};
