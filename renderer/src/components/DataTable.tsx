import { defaultRangeExtractor, useVirtualizer, type Range } from '@tanstack/react-virtual';
import { useLayoutEffect, useRef, useState, type HTMLAttributes, type ReactNode, type Ref } from 'react';

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

type RowProps = HTMLAttributes<HTMLTableRowElement> & Record<`data-${string}`, string | number | undefined>;

export interface Windowed<T = never> {
  /** The element that scrolls (the screen's `main`). */
  scrollElement(): HTMLElement | null;
  /**
   * A row's height before it is measured, in CSS pixels, or by the row. A row is measured as it is drawn; where the
   * estimate was wrong, the rows in view change and the list is drawn again.
   */
  estimateRowPx: number | ((row: T) => number);
  /** Windowed only above this many rows: a short list is drawn whole (the browser's find, Ctrl+F, sees every row). */
  from: number;
}

/**
 * The one table of the list screens (board, closed incidents, fires, permits, rewards, reports, plan versions, the fire
 * ledgers): a header row of `scope="col"` cells and one row per item, the row's test id and state attributes from
 * `rowProps`. With `editing`, one row (its key, or null for a new row above the others) shows the columns' `edit`
 * cells instead, with that row's own attributes (its keys: Enter, Esc). With `windowed`, a list longer than
 * `windowed.from` draws only the rows in and near the view (`WindowedRows`).
 */
export function DataTable<T>({
  columns,
  rows,
  rowKey,
  className,
  testId,
  rowProps,
  editing,
  windowed,
}: {
  columns: ReadonlyArray<Column<T>>;
  rows: readonly T[];
  rowKey(row: T): string | number;
  className?: string;
  testId?: string;
  rowProps?(row: T): RowProps;
  editing?: { key: string | number | null; rowProps?: RowProps };
  windowed?: Windowed<T>;
}) {
  const row = (r: T, extra?: RowProps & { ref?: Ref<HTMLTableRowElement> }) => (
    <tr key={rowKey(r)} {...rowProps?.(r)} {...extra}>
      {columns.map((c) => (
        <td key={c.key} className={c.className}>
          {c.cell(r)}
        </td>
      ))}
    </tr>
  );
  const editRow = (r: T | null, key: string | number) => (
    <tr key={key} {...editing?.rowProps}>
      {columns.map((c) => (
        <td key={c.key} className={c.className}>
          {c.edit ? c.edit(r) : r && c.cell(r)}
        </td>
      ))}
    </tr>
  );
  const win = windowed && rows.length > windowed.from && !editing ? windowed : null;
  return (
    <table className={win ? `${className ?? ''} windowed` : className} data-testid={testId} data-rows={rows.length} aria-rowcount={win ? rows.length + 1 : undefined}>
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
        {win ? <WindowedRows rows={rows} windowed={win} colSpan={columns.length} row={row} /> : rows.map((r) => (editing && editing.key === rowKey(r) ? editRow(r, rowKey(r)) : row(r)))}
      </tbody>
    </table>
  );
}

/**
 * The rows in and near the scrolled view, between two spacer rows that hold the place of the others, so that the
 * scroll bar, Page Up/Down and Tab (the browser scrolls a focused row into view, and the rows around it are drawn)
 * behave as over the whole list. @tanstack/react-virtual, each row measured as drawn. Drawing all 1,000 rows of a board
 * took about 250 ms of the console's start (test/bench/startup.bench.ts).
 */
function WindowedRows<T>({ rows, windowed, colSpan, row }: { rows: readonly T[]; windowed: Windowed<T>; colSpan: number; row(r: T, extra: RowProps & { ref: Ref<HTMLTableRowElement> }): ReactNode }) {
  const anchor = useRef<HTMLTableRowElement>(null);
  const [margin, setMargin] = useState(0);
  // Where the list starts within the scrolling element (headings and other tables above it), kept as they change.
  // Drawn with a smaller margin than the real one while the list starts inside the view, below its top, the rows
  // drawn cover the view (a few more than needed): the real margin is then taken at the next scroll, and the first
  // paint needs no second drawing (with 1,000 incidents that was a second layout and render of the board before its
  // first paint, test/bench/startup.bench.ts). Anywhere else it is taken at once (a list that starts below the view
  // then draws only a few rows, not a view's worth).
  useLayoutEffect(() => {
    const el = windowed.scrollElement();
    const a = anchor.current;
    if (!el || !a) return;
    let drawnWith = 0; // the margin the rows were last drawn with (the state's first value)
    let next: number | null = null;
    const take = (m: number) => {
      next = null;
      drawnWith = m;
      setMargin(m);
    };
    const measure = () => {
      const m = Math.round(a.getBoundingClientRect().top - el.getBoundingClientRect().top + el.scrollTop);
      if (m >= drawnWith && el.scrollTop <= drawnWith && m - el.scrollTop < el.clientHeight) next = m === drawnWith ? null : m;
      else take(m);
    };
    const onScroll = () => {
      if (next !== null) take(next);
    };
    measure();
    el.addEventListener('scroll', onScroll, { passive: true });
    if (typeof ResizeObserver === 'undefined') return () => el.removeEventListener('scroll', onScroll); // (jsdom)
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    for (const c of el.children) ro.observe(c);
    return () => {
      ro.disconnect();
      el.removeEventListener('scroll', onScroll);
    };
  }, [windowed]);
  // The row holding the focus, and a few on either side, stay drawn: Tab (even held down) moves to a row that is
  // already there, however far the scrolling that follows has got.
  const [focused, setFocused] = useState<number | null>(null);
  // (The React Compiler leaves this component alone: the virtualizer's functions are not memoizable.)
  const estimate = windowed.estimateRowPx;
  // eslint-disable-next-line react-hooks/incompatible-library
  const v = useVirtualizer({
    count: rows.length,
    getScrollElement: windowed.scrollElement,
    estimateSize: (i) => (typeof estimate === 'number' ? estimate : estimate(rows[i]!)),
    overscan: 4,
    scrollMargin: margin,
    rangeExtractor: (range: Range) => withFocused(range, focused),
  });
  const items = v.getVirtualItems();
  const before = items.length ? items[0]!.start - margin : 0;
  const after = items.length ? v.getTotalSize() - (items[items.length - 1]!.end - margin) : v.getTotalSize();
  return (
    <>
      <tr ref={anchor} aria-hidden="true" className="spacer" style={{ height: Math.max(0, before) }}>
        <td colSpan={colSpan} />
      </tr>
      {items.map((it) => row(rows[it.index]!, { ref: v.measureElement, 'data-index': it.index, 'aria-rowindex': it.index + 2, onFocus: () => setFocused(it.index) }))}
      <tr aria-hidden="true" className="spacer" style={{ height: Math.max(0, after) }}>
        <td colSpan={colSpan} />
      </tr>
    </>
  );
}

/** How many rows before and after the focused one stay drawn, and how far from the view the focus may be for that. */
const FOCUS_BEFORE = 3;
const FOCUS_AFTER = 6;
const FOCUS_REACH = 60;

/** The rows to draw: the view's (with its overscan), widened to the focused row and its neighbours when it is near. */
function withFocused(range: Range, focused: number | null): number[] {
  const base = defaultRangeExtractor(range);
  if (focused === null || base.length === 0 || focused >= range.count) return base;
  const lo = base[0]!;
  const hi = base[base.length - 1]!;
  if (focused < lo - FOCUS_REACH || focused > hi + FOCUS_REACH) return base;
  const from = Math.max(0, Math.min(lo, focused - FOCUS_BEFORE));
  const to = Math.min(range.count - 1, Math.max(hi, focused + FOCUS_AFTER));
  return Array.from({ length: to - from + 1 }, (_, k) => from + k);
}
