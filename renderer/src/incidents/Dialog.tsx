import { useEffect, useLayoutEffect, useRef, type FormEvent, type ReactNode } from 'react';
import { useT } from '../i18n';
import { DraftBar, type DraftState } from '../components/Draft';

/**
 * A modal form: focus goes to its first field, Esc closes it, Enter (in a one-line field) submits it, Tab stays
 * inside it. The opener gets the focus back on close. With a `draft` (components/Draft.tsx) what was typed is kept when
 * the dialog is closed or the screen left, until submitted or discarded (放弃草稿).
 */
export function Dialog({ title, onClose, onSubmit, children, submitLabel, busy, danger, testId, draft }: { title: string; onClose(): void; onSubmit(e: FormEvent): void; children: ReactNode; submitLabel: string; busy?: boolean; danger?: boolean; testId?: string; draft?: DraftState }) {
  const t = useT();
  const ref = useRef<HTMLFormElement>(null);
  // The focus is set once, when the dialog opens; Esc calls the latest onClose. (When the effect ran again for each
  // new onClose, and a caller's inline function is new at every render, it moved the focus back to the first field
  // each time the screen behind drew again: every second on a screen with a running clock.)
  const close = useRef(onClose);
  useLayoutEffect(() => {
    close.current = onClose;
  });
  useEffect(() => {
    const opener = document.activeElement as HTMLElement | null;
    const first = ref.current?.querySelector<HTMLElement>('input:not([type=hidden]):not([disabled]), select:not([disabled]), textarea:not([disabled])');
    first?.focus();
    function onKey(e: KeyboardEvent) {
      if (e.key === 'Escape') {
        e.preventDefault();
        close.current();
      } else if (e.key === 'Tab' && ref.current) {
        const all = [...ref.current.querySelectorAll<HTMLElement>('input, select, textarea, button')].filter((x) => !x.hasAttribute('disabled'));
        if (!all.length) return;
        const firstEl = all[0]!;
        const lastEl = all[all.length - 1]!;
        if (e.shiftKey && document.activeElement === firstEl) {
          e.preventDefault();
          lastEl.focus();
        } else if (!e.shiftKey && document.activeElement === lastEl) {
          e.preventDefault();
          firstEl.focus();
        }
      }
    }
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('keydown', onKey);
      opener?.focus?.();
    };
  }, []);
  return (
    <div className="overlay">
      <form ref={ref} className="dialog" role="dialog" aria-modal="true" aria-labelledby="dlg-h" onSubmit={onSubmit} noValidate data-testid={testId}>
        <h2 id="dlg-h">{title}</h2>
        {draft && <DraftBar draft={draft} id="dialog" />}
        {children}
        <div className="dialog-buttons">
          <button type="button" className="secondary" onClick={onClose}>
            {t('inc.cancel')} <kbd className="hotkey">Esc</kbd>
          </button>
          <button type="submit" className={danger ? 'danger' : 'primary'} disabled={busy}>
            {busy ? t('inc.saving') : submitLabel}
          </button>
        </div>
      </form>
    </div>
  );
}

/** A labelled field with its error (from the core, by field name) right under it. */
export function Field({ id, label, error, children, hint }: { id: string; label: ReactNode; error?: string | null; children: ReactNode; hint?: ReactNode }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children}
      {hint && <p className="hint">{hint}</p>}
      {error && (
        <p id={`${id}-err`} className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
