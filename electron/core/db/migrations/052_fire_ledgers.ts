import type { Migration } from './types';

/**
 * Ledgers (台账): the 八包 responsibility ledger (4(1)) and the grave / central-altar register (3(1)). These are
 * editable registers (rows are corrected in place), unlike the logs.
 */
export const m052FireLedgers: Migration = {
  id: 52,
  name: 'fire_ledgers',
  up(db) {
    db.exec(`
      CREATE TABLE fire_ledger_baobao (
        id                 INTEGER PRIMARY KEY,
        kind               TEXT NOT NULL CHECK (kind IN ('county-township','township-village','cadre-herders','member-graves','ranger-hills','owner-workers','parent-students','guardian-disabled')),
        responsible        TEXT NOT NULL,
        position           TEXT,
        phone              TEXT,
        target             TEXT NOT NULL,
        township           TEXT NOT NULL,
        village            TEXT,
        second_responsible TEXT,
        note               TEXT,
        updated_by         TEXT NOT NULL,
        updated_at         TEXT NOT NULL,
        CHECK (kind <> 'guardian-disabled' OR second_responsible IS NOT NULL)
      ) STRICT;
      CREATE TABLE fire_ledger_graves (
        id          INTEGER PRIMARY KEY,
        number      TEXT NOT NULL UNIQUE,
        kind        TEXT NOT NULL CHECK (kind IN ('grave','altar')),
        township    TEXT NOT NULL,
        village     TEXT,
        location    TEXT NOT NULL,
        lng         REAL CHECK (lng BETWEEN -180 AND 180),
        lat         REAL CHECK (lat BETWEEN -90 AND 90),
        owner       TEXT,
        risk_grade  TEXT NOT NULL CHECK (risk_grade IN ('high','medium','low')),
        note        TEXT,
        updated_by  TEXT NOT NULL,
        updated_at  TEXT NOT NULL
      ) STRICT;
    `);
  },
};
