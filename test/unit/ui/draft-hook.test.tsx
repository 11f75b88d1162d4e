// @vitest-environment jsdom
// useDraft (renderer/src/components/Draft.tsx): a form's state kept in localStorage as it is typed, read back by a
// new mount (navigation, reload), laid over the form's empty state, gone when cleared or discarded; a changed key
// reads its own draft, never the previous form's.
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { DraftBar, hasDraft, useDraft } from '../../../renderer/src/components/Draft';

afterEach(() => {
  cleanup();
  localStorage.clear();
});

function Form({ id, onDone }: { id: string; onDone?: (clear: () => void) => void }) {
  const [v, set, draft] = useDraft(`test:${id}`, () => ({ title: '', extra: 'default' }));
  return (
    <div>
      <input aria-label="title" value={v.title} onChange={(e) => set((x) => ({ ...x, title: e.target.value }))} />
      <span data-testid="extra">{v.extra}</span>
      <DraftBar draft={draft} id="t" />
      <button type="button" onClick={() => onDone?.(draft.clear)}>
        file
      </button>
    </div>
  );
}

describe('useDraft', () => {
  it('keeps what was typed across a remount, laid over the empty form, until cleared', () => {
    const first = render(<Form id="a" />);
    expect(screen.queryByTestId('draft-t')).toBeNull(); // nothing typed: no draft
    fireEvent.change(screen.getByLabelText('title'), { target: { value: '城关镇' } });
    expect(hasDraft('test:a')).toBe(true);
    expect(screen.getByTestId('draft-t').textContent).toMatch(/^草稿已自动保存/);
    first.unmount();
    // an older draft without the `extra` field still gets the form's default for it
    localStorage.setItem('ercon.draft:test:a', JSON.stringify({ v: { title: '城关镇' }, at: Date.now() }));
    render(<Form id="a" onDone={(clear) => clear()} />);
    expect((screen.getByLabelText('title') as HTMLInputElement).value).toBe('城关镇');
    expect(screen.getByTestId('extra').textContent).toBe('default');
    expect(screen.getByTestId('draft-t').textContent).toMatch(/^已恢复未提交的草稿/);
    fireEvent.click(screen.getByText('file'));
    expect(hasDraft('test:a')).toBe(false);
  });

  it('放弃草稿 empties the form and the storage; another key reads its own draft', () => {
    localStorage.setItem('ercon.draft:test:b', JSON.stringify({ v: { title: '乙', extra: 'x' }, at: Date.now() }));
    const r = render(<Form id="a" />);
    fireEvent.change(screen.getByLabelText('title'), { target: { value: '甲' } });
    r.rerender(<Form id="b" />);
    expect((screen.getByLabelText('title') as HTMLInputElement).value).toBe('乙');
    act(() => void fireEvent.click(screen.getByTestId('draft-t-discard')));
    expect((screen.getByLabelText('title') as HTMLInputElement).value).toBe('');
    expect(hasDraft('test:b')).toBe(false);
    expect(hasDraft('test:a')).toBe(true);
  });
});
