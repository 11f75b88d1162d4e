import type { Migration } from './types';

/**
 * Rewards for a first report or a major hazard (交政发〔2024〕7号 6(8)): 100–500 yuan, confirmed by the township and
 * the HQ office. The proposal is written once; confirmations, rejection and payment are append-only events.
 */
export const m053FireRewards: Migration = {
  id: 53,
  name: 'fire_rewards',
  up(db) {
    db.exec(`
      CREATE TABLE fire_rewards (
        id              INTEGER PRIMARY KEY,
        incident_id     TEXT NOT NULL,
        kind            TEXT NOT NULL CHECK (kind IN ('first-report','major-hazard')),
        recipient_name  TEXT NOT NULL,
        recipient_phone TEXT,
        amount_yuan     INTEGER NOT NULL CHECK (amount_yuan BETWEEN 100 AND 500),
        reason          TEXT NOT NULL,
        created_by      TEXT NOT NULL,
        created_at      TEXT NOT NULL
      ) STRICT;
      CREATE INDEX fire_rewards_incident ON fire_rewards(incident_id);
      CREATE TABLE fire_reward_events (
        id          INTEGER PRIMARY KEY,
        reward_id   INTEGER NOT NULL REFERENCES fire_rewards(id),
        seq         INTEGER NOT NULL,
        action      TEXT NOT NULL CHECK (action IN ('propose','confirm','reject','pay')),
        by_role     TEXT CHECK (by_role IN ('township','hq-office')),
        by_name     TEXT,
        prev_state  TEXT CHECK (prev_state IN ('proposed','confirmed','paid','rejected')),
        next_state  TEXT NOT NULL CHECK (next_state IN ('proposed','confirmed','paid','rejected')),
        note        TEXT,
        actor       TEXT NOT NULL,
        recorded_at TEXT NOT NULL,
        UNIQUE (reward_id, seq)
      ) STRICT;
      CREATE TRIGGER fire_rewards_no_update BEFORE UPDATE ON fire_rewards BEGIN SELECT RAISE(ABORT, 'fire_rewards is append-only'); END;
      CREATE TRIGGER fire_rewards_no_delete BEFORE DELETE ON fire_rewards BEGIN SELECT RAISE(ABORT, 'fire_rewards is append-only'); END;
      CREATE TRIGGER fire_reward_events_no_update BEFORE UPDATE ON fire_reward_events BEGIN SELECT RAISE(ABORT, 'fire_reward_events is append-only'); END;
      CREATE TRIGGER fire_reward_events_no_delete BEFORE DELETE ON fire_reward_events BEGIN SELECT RAISE(ABORT, 'fire_reward_events is append-only'); END;
    `);
  },
};
