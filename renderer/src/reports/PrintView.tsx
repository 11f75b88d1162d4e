import { useEffect, useRef, type KeyboardEvent } from 'react';
import { createPortal } from 'react-dom';
import type { ReportLayout } from '../../../shared/reports';
import { useT } from '../i18n';

/**
 * A filed report on screen and on paper, drawn from the same GB/T 9704 layout model as the PDF. Printing uses the
 * browser's print (window.print()); reports.css `@media print` shows only this sheet, on A4 with the 版心 margins.
 */
export function PrintView({ layout, onClose }: { layout: ReportLayout; onClose(): void }) {
  const t = useT();
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    closeRef.current?.focus();
    document.body.classList.add('rep-printing');
    // Esc closes the preview wherever the focus is (e.g. on the page body after the print dialog).
    const onDocKey = (e: globalThis.KeyboardEvent) => {
      if (e.key === 'Escape' && !e.defaultPrevented) {
        e.preventDefault();
        onClose();
      }
    };
    document.addEventListener('keydown', onDocKey);
    return () => {
      document.removeEventListener('keydown', onDocKey);
      document.body.classList.remove('rep-printing');
    };
  }, [onClose]);
  function onKeyDown(e: KeyboardEvent) {
    if (e.key === 'Escape') {
      e.preventDefault();
      onClose();
    }
  }
  return createPortal(
    <div className="rep-print-overlay" role="dialog" aria-modal="true" aria-label={t('rep.print.title')} onKeyDown={onKeyDown} data-testid="report-print">
      <div className="rep-print-bar">
        <span>{t('rep.print.title')}</span>
        <button type="button" onClick={() => window.print()}>
          {t('rep.print.print')}
        </button>
        <button type="button" className="secondary" ref={closeRef} onClick={onClose}>
          {t('rep.print.close')}
        </button>
      </div>
      <article className="rep-sheet" lang="zh-CN">
        {layout.secrecy && <div className="rep-secrecy">{layout.secrecy}</div>}
        {/* 发文机关标志 on one line: at most 26 pt, narrower for a long name (156 mm ≈ 442 pt of 版心). */}
        <div className="rep-issuer" style={{ fontSize: `${Math.min(26, Math.floor((442 / [...layout.issuer].length) * 10) / 10)}pt` }}>
          {layout.issuer}
        </div>
        {/* GB/T 9704 7.2.5 发文字号 centred; 7.2.6 on an upward report flush left, 签发人 flush right (空一字). */}
        {layout.upward ? (
          <div className="rep-ref rep-ref-up" data-testid="report-print-docnumber">
            <span>{layout.docNumber}</span>
            <span>
              签发人：<span className="rep-issued-by">{layout.issuedBy || '\u3000\u3000\u3000'}</span>
            </span>
          </div>
        ) : (
          <div className="rep-ref" data-testid="report-print-docnumber">
            {layout.docNumber}
          </div>
        )}
        <hr className="rep-redline" />
        {/* the title in the layout's lines, broken between words only (7.3.1), as in the PDF */}
        <h1 className="rep-title" aria-label={layout.title}>
          {layout.titleLines.map((l) => (
            <span key={l} className="rep-title-line">
              {l}
            </span>
          ))}
        </h1>
        <p className="rep-addressees">{layout.addressees}</p>
        {layout.body.map((p, i) => (
          <p key={i} className={p.indent ? 'rep-p' : 'rep-p rep-noindent'}>
            {p.heading && <span className="rep-h">{p.heading}</span>}
            {p.text}
          </p>
        ))}
        {/* 署名, 日期, 附注 and 版记 stay together and with the last body lines: no page holds only the 版记 (7.4) */}
        <div className="rep-tail">
          <div className="rep-sign" style={{ marginRight: [...layout.signer].length > [...layout.date].length ? '2em' : undefined }}>
            <div>{layout.signer}</div>
            <div>{layout.date}</div>
          </div>
          {layout.notes.map((n) => (
            <p key={n} className={n === layout.late ? 'rep-p rep-late' : 'rep-p'} data-testid={n === layout.late ? 'report-print-late' : undefined}>
              （{n}）
            </p>
          ))}
          <div className="rep-record">
            {layout.logHead && (
              <div className="rep-record-line" data-testid="report-print-loghead">
                {layout.logHead}
              </div>
            )}
            {layout.cc.length > 0 && <div className="rep-record-line">抄送：{layout.cc.join('，')}。</div>}
            <div className="rep-record-line rep-record-last">
              <span>{layout.printer}</span>
              <span>{layout.printDate}</span>
            </div>
          </div>
        </div>
      </article>
    </div>,
    document.body,
  );
}
