import { installSealTriggers, sealExistingRows } from '../../log/seal';
import type { Migration } from './types';

/**
 * The duty log (值班日志 / 来电来文登记, issue 15 item 5). `duty_entries`: one row per call, fax, notice, document, system
 * message or warning, with the call book's fields and the entry type AS IT WAS when recorded (`type_def`, so that an
 * edit of the types never moves the clocks of entries already in the log). `duty_entry_events`: the handling steps
 * done, closing, and turning an entry into an incident. `duty_settings`: the office's edited entry types. All three are
 * sealed audit records; entries and their events are append-only.
 */
export const m071DutyLog: Migration = {
  id: 71,
  name: 'duty_log',
  up(db) {
    db.exec(`
      CREATE TABLE duty_settings (
        key        TEXT PRIMARY KEY,
        value      TEXT NOT NULL CHECK (json_valid(value)),
        updated_at TEXT NOT NULL,
        updated_by TEXT NOT NULL
      ) STRICT;
      CREATE TABLE duty_entries (
        id           INTEGER PRIMARY KEY,
        type         TEXT NOT NULL,
        type_def     TEXT NOT NULL CHECK (json_valid(type_def)),
        received_at  TEXT NOT NULL,
        caller_unit  TEXT NOT NULL,
        caller_name  TEXT NOT NULL,
        caller_post  TEXT NOT NULL,
        caller_phone TEXT NOT NULL,
        place        TEXT NOT NULL,
        content      TEXT NOT NULL,
        measures     TEXT NOT NULL,
        trend        TEXT NOT NULL,
        already_told TEXT NOT NULL,
        recorded_by  TEXT NOT NULL,
        recorded_at  TEXT NOT NULL
      ) STRICT;
      CREATE INDEX duty_entries_received ON duty_entries(received_at);
      CREATE TABLE duty_entry_events (
        id          INTEGER PRIMARY KEY,
        entry_id    INTEGER NOT NULL REFERENCES duty_entries(id),
        kind        TEXT NOT NULL CHECK (kind IN ('step', 'closed', 'promoted')),
        step        TEXT,
        at          TEXT NOT NULL,
        note        TEXT NOT NULL DEFAULT '',
        incident_id TEXT,
        actor       TEXT NOT NULL,
        recorded_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX duty_entry_events_entry ON duty_entry_events(entry_id, id);
    `);
    for (const t of ['duty_entries', 'duty_entry_events']) {
      db.exec(`CREATE TRIGGER ${t}_no_update BEFORE UPDATE ON ${t} BEGIN SELECT RAISE(ABORT, '${t} is append-only: UPDATE refused / 值班日志禁止修改'); END;
               CREATE TRIGGER ${t}_no_delete BEFORE DELETE ON ${t} BEGIN SELECT RAISE(ABORT, '${t} is append-only: DELETE refused / 值班日志禁止删除'); END;`);
    }
    for (const t of ['duty_settings', 'duty_entries', 'duty_entry_events']) {
      sealExistingRows(db, t);
      installSealTriggers(db, t);
    }
  },
};
