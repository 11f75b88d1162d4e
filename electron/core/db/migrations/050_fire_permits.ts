import type { Migration } from './types';

/**
 * 野外用火审批 (交政发〔2024〕7号 3(2)/3(3)). The application is written once; every state change is a row of
 * fire_permit_events (prev/next state, actor, time). Both tables are append-only: triggers refuse UPDATE and DELETE.
 * A permit's current state is the next_state of its last event.
 */
export const m050FirePermits: Migration = {
  id: 50,
  name: 'fire_permits',
  up(db) {
    db.exec(`
      CREATE TABLE fire_permits (
        id              INTEGER PRIMARY KEY,
        kind            TEXT NOT NULL CHECK (kind IN ('blasting','otherFireUse','enterHighRiskZone','forestConstruction','plannedBurn')),
        authority       TEXT NOT NULL CHECK (authority IN ('county-forestry','township','county-hq')),
        applicant       TEXT NOT NULL,
        applicant_phone TEXT,
        purpose         TEXT NOT NULL,
        place_name      TEXT NOT NULL,
        lng             REAL NOT NULL CHECK (lng BETWEEN -180 AND 180),
        lat             REAL NOT NULL CHECK (lat BETWEEN -90 AND 90),
        township        TEXT,
        window_start    TEXT NOT NULL,
        window_end      TEXT NOT NULL,
        created_by      TEXT NOT NULL,
        created_at      TEXT NOT NULL,
        CHECK (window_end > window_start)
      ) STRICT;
      CREATE TABLE fire_permit_events (
        id          INTEGER PRIMARY KEY,
        permit_id   INTEGER NOT NULL REFERENCES fire_permits(id),
        seq         INTEGER NOT NULL,
        action      TEXT NOT NULL CHECK (action IN ('apply','approve','refuse','activate','close')),
        prev_state  TEXT CHECK (prev_state IN ('applied','approved','refused','active','closed')),
        next_state  TEXT NOT NULL CHECK (next_state IN ('applied','approved','refused','active','closed')),
        actor       TEXT NOT NULL,
        approver    TEXT,
        note        TEXT,
        recorded_at TEXT NOT NULL,
        UNIQUE (permit_id, seq)
      ) STRICT;
      CREATE INDEX fire_permit_events_permit ON fire_permit_events(permit_id, seq);
      CREATE TRIGGER fire_permits_no_update BEFORE UPDATE ON fire_permits BEGIN SELECT RAISE(ABORT, 'fire_permits is append-only'); END;
      CREATE TRIGGER fire_permits_no_delete BEFORE DELETE ON fire_permits BEGIN SELECT RAISE(ABORT, 'fire_permits is append-only'); END;
      CREATE TRIGGER fire_permit_events_no_update BEFORE UPDATE ON fire_permit_events BEGIN SELECT RAISE(ABORT, 'fire_permit_events is append-only'); END;
      CREATE TRIGGER fire_permit_events_no_delete BEFORE DELETE ON fire_permit_events BEGIN SELECT RAISE(ABORT, 'fire_permit_events is append-only'); END;
    `);
  },
};
