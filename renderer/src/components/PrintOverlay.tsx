import type { ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { useT } from '../i18n';

/**
 * A sheet for paper (the handover, the day's duty log): shown over the console with 打印 / 关闭; while it prints, the
 * console is hidden and only the sheet is on paper (styles.css, body.sheet-printing).
 */
export function PrintOverlay({ testId, printLabel, onClose, children }: { testId: string; printLabel: string; onClose(): void; children: ReactNode }) {
  const t = useT();
  function print() {
    document.body.classList.add('sheet-printing');
    window.print();
    document.body.classList.remove('sheet-printing');
  }
  return createPortal(
    <div className="sheet-print-overlay" data-testid={testId}>
      <div className="sheet-print-bar">
        <button type="button" className="primary" onClick={print}>
          {printLabel}
        </button>
        <button type="button" className="secondary" onClick={onClose}>
          {t('ho.closePrint')}
        </button>
      </div>
      <article className="print-sheet">{children}</article>
    </div>,
    document.body,
  );
}
