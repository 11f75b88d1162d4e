// @vitest-environment jsdom
// The modal form (renderer/src/incidents/Dialog.tsx) sets the focus once, when it opens: a screen behind it that draws
// again (a running clock, every second) and passes a new inline onClose each time must not pull the focus back to the
// first field while the officer types in another one. Esc still calls the latest onClose, and the opener gets the
// focus back when the dialog closes.
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useEffect, useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { Dialog, Field } from '../../../../renderer/src/incidents/Dialog';

afterEach(cleanup);

let tick: () => void = () => undefined;
const closedBy: string[] = [];

function Screen() {
  const [open, setOpen] = useState(false);
  const [n, setN] = useState(0);
  useEffect(() => {
    tick = () => setN((x) => x + 1);
  }, []);
  return (
    <div>
      <span data-testid="clock">{n}</span>
      <button type="button" onClick={() => setOpen(true)}>
        打开
      </button>
      {open && (
        // a new function at every render, as most screens pass it
        <Dialog
          title="测试"
          onClose={() => {
            closedBy.push(`render ${n}`);
            setOpen(false);
          }}
          onSubmit={(e) => e.preventDefault()}
          submitLabel="确定"
        >
          <Field id="a" label="第一项">
            <input id="a" />
          </Field>
          <Field id="b" label="第二项">
            <input id="b" />
          </Field>
        </Dialog>
      )}
    </div>
  );
}

describe('Dialog and a screen that draws again', () => {
  it('keeps the focus where the officer put it; Esc closes with the latest onClose and gives the opener the focus', () => {
    render(<Screen />);
    const opener = screen.getByRole('button', { name: '打开' });
    opener.focus();
    fireEvent.click(opener);
    expect(document.activeElement?.id).toBe('a');
    screen.getByLabelText('第二项').focus();
    for (let i = 0; i < 3; i++) act(() => tick());
    expect(screen.getByTestId('clock').textContent).toBe('3');
    expect(document.activeElement?.id).toBe('b');
    fireEvent.keyDown(document, { key: 'Escape' });
    expect(closedBy).toEqual(['render 3']);
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(opener);
  });
});
