// @vitest-environment jsdom
// DataTable (renderer/src/components/DataTable.tsx), the one table of the list screens: a header of column headers,
// one row per item with its own attributes; with `editing`, the edited row (or a new one above the others) shows the
// columns' edit cells with the editing row's attributes, and a column without an edit cell keeps showing its value.
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { DataTable, type Column } from '../../../renderer/src/components/DataTable';

afterEach(cleanup);

interface Row {
  id: number;
  town: string;
}
const ROWS: Row[] = [
  { id: 1, town: '天宁镇' },
  { id: 2, town: '西营镇' },
];
const COLUMNS: Array<Column<Row>> = [
  { key: 'id', header: '编号', className: 'mono', cell: (r) => r.id },
  { key: 'town', header: '乡镇', cell: (r) => r.town, edit: (r) => <input aria-label="乡镇" defaultValue={r?.town ?? ''} /> },
];

const texts = (rows: HTMLElement[]) => rows.map((r) => r.textContent);

describe('DataTable', () => {
  it('shows a header of column cells and one row per item with its attributes', () => {
    render(<DataTable columns={COLUMNS} rows={ROWS} rowKey={(r) => r.id} testId="t" rowProps={(r) => ({ 'data-testid': `row-${r.id}` })} />);
    expect(screen.getAllByRole('columnheader').map((h) => [h.textContent, h.getAttribute('scope')])).toEqual([
      ['编号', 'col'],
      ['乡镇', 'col'],
    ]);
    expect(texts(screen.getAllByTestId(/^row-/))).toEqual(['1天宁镇', '2西营镇']);
    expect(screen.getByTestId('row-1').querySelector('td')!.className).toBe('mono');
    expect(screen.queryByRole('textbox')).toBeNull();
  });

  it('the edited row shows the edit cells with the editing attributes; null is a new row on top', () => {
    const keys: string[] = [];
    const editing = { className: 'editing', 'data-testid': 'edit', onKeyDown: (e: { key: string }) => void keys.push(e.key) };
    const r = render(<DataTable columns={COLUMNS} rows={ROWS} rowKey={(x) => x.id} rowProps={(x) => ({ 'data-testid': `row-${x.id}` })} editing={{ key: 2, rowProps: editing }} />);
    const edit = screen.getByTestId('edit');
    expect(edit.className).toBe('editing');
    expect(edit.textContent).toBe('2'); // the column without an edit cell still shows the row's value
    expect((screen.getByLabelText('乡镇') as HTMLInputElement).value).toBe('西营镇');
    expect(texts(screen.getAllByTestId(/^row-/))).toEqual(['1天宁镇']);
    fireEvent.keyDown(screen.getByLabelText('乡镇'), { key: 'Escape' });
    expect(keys).toEqual(['Escape']);

    r.rerender(<DataTable columns={COLUMNS} rows={ROWS} rowKey={(x) => x.id} rowProps={(x) => ({ 'data-testid': `row-${x.id}` })} editing={{ key: null, rowProps: editing }} />);
    const body = screen.getAllByRole('row').slice(1);
    expect(body.map((x) => x.getAttribute('data-testid'))).toEqual(['edit', 'row-1', 'row-2']);
    expect(screen.getByTestId('edit').textContent).toBe('');
    expect((screen.getByLabelText('乡镇') as HTMLInputElement).value).toBe('');
  });
});
