import type { HTMLAttributes, ReactNode } from 'react';

/** One column: its header and how a row shows in it. */
export interface Column<T> {
  key: string;
  header: ReactNode;
  cell(row: T): ReactNode;
  /** A class for the column's cells (e.g. `nowrap`, `small`). */
  className?: string;
}

/**
 * The one table of the list screens (board, closed incidents, fires, permits, rewards, reports, plan versions): a
 * header row of `scope="col"` cells and one row per item, the row's test id and state attributes from `rowProps`.
 */
export function DataTable<T>({
  columns,
  rows,
  rowKey,
  className,
  testId,
  rowProps,
}: {
  columns: ReadonlyArray<Column<T>>;
  rows: readonly T[];
  rowKey(row: T): string | number;
  className?: string;
  testId?: string;
  rowProps?(row: T): HTMLAttributes<HTMLTableRowElement> & Record<`data-${string}`, string | undefined>;
}) {
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
        {rows.map((r) => (
          <tr key={rowKey(r)} {...rowProps?.(r)}>
            {columns.map((c) => (
              <td key={c.key} className={c.className}>
                {c.cell(r)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
