import { installSealTriggers, SEALED_TABLES, sealExistingRows } from '../../log/seal';
import type { Migration } from './types';

/**
 * The keyed seal chain over every audit record (electron/core/log/seal.ts): `audit_seals`, append-only, and on each
 * sealed table an AFTER INSERT / UPDATE / DELETE trigger that appends the row's seal in the same transaction. Rows
 * already present are sealed here (`legacy`: vouched for from this moment, not before), through the seal functions the opener registered on the connection. Numbered 60 so that it runs after every table it seals exists.
 */
export const m060AuditSeals: Migration = {
  id: 60,
  name: 'audit_seals',
  up(db) {
    db.exec(`
      CREATE TABLE audit_seals (
        pos      INTEGER PRIMARY KEY,
        tbl      TEXT NOT NULL,
        row_key  TEXT NOT NULL,
        op       TEXT NOT NULL CHECK (op IN ('insert', 'update', 'delete', 'legacy')),
        digest   TEXT NOT NULL,
        prev_mac TEXT NOT NULL,
        mac      TEXT NOT NULL
      ) STRICT;
      CREATE INDEX audit_seals_row ON audit_seals(tbl, row_key, pos);
      CREATE TRIGGER audit_seals_no_update BEFORE UPDATE ON audit_seals
        BEGIN SELECT RAISE(ABORT, 'audit_seals is append-only: UPDATE refused / 封印记录禁止修改'); END;
      CREATE TRIGGER audit_seals_no_delete BEFORE DELETE ON audit_seals
        BEGIN SELECT RAISE(ABORT, 'audit_seals is append-only: DELETE refused / 封印记录禁止删除'); END;
    `);
    for (const t of SEALED_TABLES) sealExistingRows(db, t);
    for (const t of SEALED_TABLES) installSealTriggers(db, t);
  },
};
