import { installSealTriggers, sealExistingRows } from '../../log/seal';
import type { Migration } from './types';

/**
 * The contact directory (通讯录, issue 16 item 1): units and the people in them. Both are sealed audit records (a change
 * is a new seal of the row; `updated_by` says who made it).
 */
export const m074Contacts: Migration = {
  id: 74,
  name: 'contacts',
  up(db) {
    db.exec(`
      CREATE TABLE contact_units (
        id          INTEGER PRIMARY KEY,
        name        TEXT NOT NULL UNIQUE,
        kind        TEXT NOT NULL,
        duty_phone  TEXT NOT NULL DEFAULT '',
        fax         TEXT NOT NULL DEFAULT '',
        email       TEXT NOT NULL DEFAULT '',
        note        TEXT NOT NULL DEFAULT '',
        plan_units  TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(plan_units)),
        updated_by  TEXT NOT NULL,
        updated_at  TEXT NOT NULL
      ) STRICT;
      CREATE TABLE contact_people (
        id           INTEGER PRIMARY KEY,
        unit_id      INTEGER NOT NULL REFERENCES contact_units(id),
        name         TEXT NOT NULL,
        post         TEXT NOT NULL DEFAULT '',
        mobile       TEXT NOT NULL DEFAULT '',
        office_phone TEXT NOT NULL DEFAULT '',
        email        TEXT NOT NULL DEFAULT '',
        updated_by   TEXT NOT NULL,
        updated_at   TEXT NOT NULL
      ) STRICT;
      CREATE INDEX contact_people_unit ON contact_people(unit_id);
    `);
    for (const t of ['contact_units', 'contact_people']) {
      sealExistingRows(db, t);
      installSealTriggers(db, t);
    }
  },
};
