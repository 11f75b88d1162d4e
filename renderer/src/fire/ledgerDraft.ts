import { LEDGER_COLUMNS, type LedgerTable } from '../../../shared/fire/ledgers';

/** A ledger row being edited: every cell as the text typed. */
export type Draft = Record<string, string>;

/** A stored row as editable text, enum ids kept as ids (selects show the labels). */
export function rowToDraft(table: LedgerTable, row: Record<string, unknown> | null): Draft {
  const d: Draft = {};
  for (const c of LEDGER_COLUMNS[table]) {
    const v = row?.[c.field];
    d[c.field] = v === undefined || v === null ? (c.type === 'enum' && c.required ? c.values![0]!.id : '') : String(v);
  }
  return d;
}

/** The draft as a row for fire.ledger.save: empty optional cells left out, numbers parsed; null + field when a number is bad. */
export function draftToRow(table: LedgerTable, d: Draft): { row: Record<string, unknown> } | { field: string } {
  const row: Record<string, unknown> = {};
  for (const c of LEDGER_COLUMNS[table]) {
    const s = (d[c.field] ?? '').trim();
    if (s === '') {
      if (c.required) row[c.field] = '';
      continue;
    }
    if (c.type === 'number') {
      if (!/^-?\d+(\.\d+)?$/.test(s)) return { field: c.field };
      row[c.field] = Number(s);
    } else row[c.field] = s;
  }
  return { row };
}

