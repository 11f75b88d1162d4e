import type { Database } from 'better-sqlite3';

/**
 * One schema step. `id` is unique and never reused; a database records every id it has applied.
 * Add a new migration with the next free id and append it to the list in `index.ts`. Never edit one that has shipped.
 */
export interface Migration {
  id: number;
  name: string;
  up(db: Database): void;
}
