/**
 * What the XLSX imports of the duty room share (the roster, the contact directory): a cell as text, a row's refusal
 * as a listed problem, and "all rows or none": every row is written as it would be, inside one transaction that is
 * kept only when no row was refused and this is not a dry run.
 */
import type { Database } from 'better-sqlite3';
import type { AppError } from '../../shared/api';

/** An ExcelJS cell value as the text a person typed: a date as YYYY-MM-DD, rich text as its text, trimmed. */
export function cellText(v: unknown): string {
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (v && typeof v === 'object' && 'text' in v) return String((v as { text: unknown }).text).trim();
  return v === null || v === undefined ? '' : String(v).trim();
}

/** Row `row` refused by `e`: its field and message (an AppError's, else the error's text). */
export function problemOf(row: number, e: unknown): { row: number; field: string; message: string } {
  const b = (e as AppError).body;
  return { row, field: b?.field ?? '', message: b?.message ?? String(e) };
}

const ROLLBACK = Symbol('rollback');

/** Run `writeRows` in one IMMEDIATE transaction; keep what it wrote only when `keep()` says so afterwards. */
export function allRowsOrNone(db: Database, writeRows: () => void, keep: () => boolean): void {
  try {
    db.transaction(() => {
      writeRows();
      if (!keep()) throw ROLLBACK;
    }).immediate();
  } catch (e) {
    if (e !== ROLLBACK) throw e;
  }
}
