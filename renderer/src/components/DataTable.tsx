import type { HTMLAttributes, ReactNode } from 'react';

/** One column: its header and how a row shows in it. */
export interface Column<T> {
  key: string;
  header: ReactNode;
  cell(row: T): ReactNode;
  /** A class for the column's cells (e.g. `nowrap`, `small`). */
  className?: string;
  /** The cell while its row is edited in place (`row` null: a new row); without it the row's cell stays as shown. */
  edit?(row: T | null): ReactNode;
}

type RowProps = HTMLAttributes<HTMLTableRowElement> & Record<`data-${string}`, string | undefined>;

/**
 * The one table of the list screens (board, closed incidents, fires, permits, rewards, reports, plan versions, the fire
 * ledgers): a header row of `scope="col"` cells and one row per item, the row's test id and state attributes from
 * `rowProps`. With `editing`, one row (its key, or null for a new row above the others) shows the columns' `edit`
 * cells instead, with that row's own attributes (its keys: Enter, Esc).
 */
export function DataTable<T>({
  columns,
  rows,
  rowKey,
  className,
  testId,
  rowProps,
  editing,
}: {
  columns: ReadonlyArray<Column<T>>;
  rows: readonly T[];
  rowKey(row: T): string | number;
  className?: string;
  testId?: string;
  rowProps?(row: T): RowProps;
  editing?: { key: string | number | null; rowProps?: RowProps };
}) {
  const editRow = (row: T | null, key: string | number) => (
    <tr key={key} {...editing?.rowProps}>
      {columns.map((c) => (
        <td key={c.key} className={c.className}>
          {c.edit ? c.edit(row) : row && c.cell(row)}
        </td>
      ))}
    </tr>
  );
  return (
    <table className={className} data-testid={testId}>
      <thead>
        <tr>
          {columns.map((c) => (
            <th key={c.key} scope="col">
              {c.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {editing?.key === null && editRow(null, '\u0000new')}
        {rows.map((r) =>
          editing && editing.key === rowKey(r) ? (
            editRow(r, rowKey(r))
          ) : (
            <tr key={rowKey(r)} {...rowProps?.(r)}>
              {columns.map((c) => (
                <td key={c.key} className={c.className}>
                  {c.cell(r)}
                </td>
              ))}
            </tr>
          ),
        )}
      </tbody>
    </table>
  );
}
