import { installSealTriggers, sealExistingRows } from '../../log/seal';
import type { Migration } from './types';

/**
 * The handover between shifts (交接班, issue 15 item 4). `handovers`: the sheet as the core drafted it when the outgoing
 * officer signed (content JSON), their notes, who signed and the log's head at that moment. `handover_signatures`: the
 * incoming officer's signature. Both are sealed and append-only; one incoming signature per sheet (UNIQUE).
 */
export const m072Handovers: Migration = {
  id: 72,
  name: 'handovers',
  up(db) {
    db.exec(`
      CREATE TABLE handovers (
        id          INTEGER PRIMARY KEY,
        drafted_at  TEXT NOT NULL,
        content     TEXT NOT NULL CHECK (json_valid(content)),
        notes       TEXT NOT NULL,
        outgoing    TEXT NOT NULL,
        outgoing_at TEXT NOT NULL,
        head_pos    INTEGER NOT NULL,
        head_hash   TEXT
      ) STRICT;
      CREATE TABLE handover_signatures (
        handover_id INTEGER NOT NULL UNIQUE REFERENCES handovers(id),
        incoming    TEXT NOT NULL,
        at          TEXT NOT NULL
      ) STRICT;
    `);
    for (const t of ['handovers', 'handover_signatures']) {
      db.exec(`CREATE TRIGGER ${t}_no_update BEFORE UPDATE ON ${t} BEGIN SELECT RAISE(ABORT, '${t} is append-only: UPDATE refused / 交接记录禁止修改'); END;
               CREATE TRIGGER ${t}_no_delete BEFORE DELETE ON ${t} BEGIN SELECT RAISE(ABORT, '${t} is append-only: DELETE refused / 交接记录禁止删除'); END;`);
      sealExistingRows(db, t);
      installSealTriggers(db, t);
    }
  },
};
