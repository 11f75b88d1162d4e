import { installSealTriggers, sealExistingRows } from '../../log/seal';
import type { Migration } from './types';

/**
 * Notification rounds (通知轮次, issue 16 item 2): a round per (incident, plan rule, triggering event), its recipients as
 * they were looked up when it opened, and every call with its channel and outcome. All append-only and sealed; one round
 * per rule and triggering event (UNIQUE).
 */
export const m075Rounds: Migration = {
  id: 75,
  name: 'rounds',
  up(db) {
    db.exec(`
      CREATE TABLE rounds (
        id             INTEGER PRIMARY KEY,
        incident_id    TEXT NOT NULL REFERENCES incidents(id),
        rule_id        TEXT NOT NULL,
        trigger_seq    INTEGER NOT NULL,
        label          TEXT NOT NULL,
        clause         TEXT NOT NULL,
        text           TEXT NOT NULL,
        opened_at      TEXT NOT NULL,
        opened_by      TEXT NOT NULL,
        recall_minutes INTEGER NOT NULL,
        UNIQUE (incident_id, rule_id, trigger_seq)
      ) STRICT;
      CREATE TABLE round_recipients (
        id              INTEGER PRIMARY KEY,
        round_id        INTEGER NOT NULL REFERENCES rounds(id),
        plan_unit       TEXT NOT NULL,
        name            TEXT NOT NULL,
        number          TEXT NOT NULL,
        contact_unit_id INTEGER
      ) STRICT;
      CREATE TABLE round_attempts (
        id           INTEGER PRIMARY KEY,
        recipient_id INTEGER NOT NULL REFERENCES round_recipients(id),
        at           TEXT NOT NULL,
        channel      TEXT NOT NULL,
        outcome      TEXT NOT NULL,
        note         TEXT NOT NULL DEFAULT '',
        actor        TEXT NOT NULL
      ) STRICT;
      CREATE INDEX round_attempts_recipient ON round_attempts(recipient_id, id);
    `);
    for (const t of ['rounds', 'round_recipients', 'round_attempts']) {
      db.exec(`CREATE TRIGGER ${t}_no_update BEFORE UPDATE ON ${t} BEGIN SELECT RAISE(ABORT, '${t} is append-only / 通知记录禁止修改'); END;
               CREATE TRIGGER ${t}_no_delete BEFORE DELETE ON ${t} BEGIN SELECT RAISE(ABORT, '${t} is append-only / 通知记录禁止删除'); END;`);
      sealExistingRows(db, t);
      installSealTriggers(db, t);
    }
  },
};
