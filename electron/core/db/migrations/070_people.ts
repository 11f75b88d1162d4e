import { installSealTriggers, sealExistingRows } from '../../log/seal';
import type { Migration } from './types';

/**
 * The duty room's people (issue 15): accounts with roles and a scrypt password hash, their sessions, and the account
 * log (sign-ins, failed attempts, sign-outs, accounts added or changed, passwords set). `people` and `people_events`
 * are audit records: sealed like the others (log/seal.ts); `people_events` is append-only. Sessions are not audit
 * records (they change on every sign-in and sign-out); only the SHA-256 of a session token is stored.
 */
export const m070People: Migration = {
  id: 70,
  name: 'people',
  up(db) {
    db.exec(`
      CREATE TABLE people (
        id          INTEGER PRIMARY KEY,
        login       TEXT NOT NULL UNIQUE COLLATE NOCASE,
        name        TEXT NOT NULL,
        roles       TEXT NOT NULL CHECK (json_valid(roles) AND json_type(roles) = 'array'),
        phone       TEXT NOT NULL DEFAULT '',
        pw_hash     TEXT NOT NULL,
        active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
        created_at  TEXT NOT NULL,
        created_by  TEXT NOT NULL,
        updated_at  TEXT NOT NULL,
        updated_by  TEXT NOT NULL
      ) STRICT;
      CREATE TABLE people_events (
        id        INTEGER PRIMARY KEY,
        at        TEXT NOT NULL,
        kind      TEXT NOT NULL CHECK (kind IN ('setup', 'added', 'updated', 'password', 'sign-in', 'sign-in-failed', 'sign-out')),
        person_id INTEGER,
        login     TEXT NOT NULL,
        actor     TEXT NOT NULL,
        detail    TEXT NOT NULL DEFAULT ''
      ) STRICT;
      CREATE INDEX people_events_login ON people_events(login COLLATE NOCASE, kind, at);
      CREATE TRIGGER people_events_no_update BEFORE UPDATE ON people_events
        BEGIN SELECT RAISE(ABORT, 'people_events is append-only: UPDATE refused / 账户记录禁止修改'); END;
      CREATE TRIGGER people_events_no_delete BEFORE DELETE ON people_events
        BEGIN SELECT RAISE(ABORT, 'people_events is append-only: DELETE refused / 账户记录禁止删除'); END;
      CREATE TABLE sessions (
        token_hash  TEXT PRIMARY KEY,
        person_id   INTEGER NOT NULL REFERENCES people(id),
        created_at  TEXT NOT NULL,
        expires_at  TEXT NOT NULL
      ) STRICT;
    `);
    for (const t of ['people', 'people_events']) {
      sealExistingRows(db, t);
      installSealTriggers(db, t);
    }
  },
};
