import type { Migration } from './types';

/** Key/value settings of this installation (locale, county, notification preferences, ...). */
export const m001Meta: Migration = {
  id: 1,
  name: 'meta',
  up(db) {
    db.exec(`
      CREATE TABLE settings (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
    `);
  },
};
