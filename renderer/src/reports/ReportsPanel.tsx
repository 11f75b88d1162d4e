import { useCallback, useRef, useState } from 'react';
import type { DeadlineView, FiledReportView, ReportLayout, ReportsView } from '../../../shared/reports';
import { saveBlob } from '../components/files';
import { lateText } from '../../../shared/engine/obligations';
import { api } from '../api/client';
import { useNow } from '../incidents/util';
import { useCommand, useRefetchAt } from '../query/client';
import { formatBeijing, useLocale, useT } from '../i18n';
import { PrintView } from './PrintView';
import { DataTable } from '../components/DataTable';
import { hasDraft } from '../components/Draft';
import { ReportForm, reportDraftKey } from './ReportForm';
import './reports.css';

export interface ReportsPanelProps {
  incidentId: string;
  /** Called after a report has been filed (the incident page reloads the incident). */
  onFiled?: (seq: number) => void;
  /** The incident page may show the deadlines itself. */
  hideDeadlines?: boolean;
}

/** The first report form of the incident with a kept draft: a new report of a kind, or a correction of a report. */
function keptForm(view: ReportsView): { kind: string; correcting?: FiledReportView } | null {
  const kind = view.kinds.find((k) => view.canFile[k.kind]?.allowed && hasDraft(reportDraftKey(view.incidentId, k.kind)));
  if (kind) return { kind: kind.kind };
  const corr = view.reports.find((r) => view.canFile[r.kind]?.allowed && hasDraft(reportDraftKey(view.incidentId, r.kind, r.seq)));
  return corr ? { kind: corr.kind, correcting: corr } : null;
}

/** How late: 1小时27分钟 / 1 h 27 min (whole minutes, as the print says). */
function lateSpan(ms: number, en: boolean): string {
  if (!en) return lateText(ms);
  const min = Math.max(1, Math.floor(ms / 60_000));
  return [Math.floor(min / 1440) && `${Math.floor(min / 1440)} d`, Math.floor((min % 1440) / 60) && `${Math.floor((min % 1440) / 60)} h`, min % 60 && `${min % 60} min`].filter(Boolean).join(' ');
}

function message(e: unknown): string {
  const b = (e as { body?: { message?: string } }).body;
  return b?.message ?? (e as Error).message ?? String(e);
}

/** “1小时05分” / “3天2小时” */
function span(ms: number): string {
  const m = Math.floor(Math.abs(ms) / 60_000);
  const d = Math.floor(m / 1440);
  const h = Math.floor((m % 1440) / 60);
  const mm = m % 60;
  return d ? `${d}天${h}小时` : h ? `${h}小时${String(mm).padStart(2, '0')}分` : `${mm}分钟`;
}

function base64ToBlob(b64: string, mime: string): Blob {
  const bin = atob(b64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return new Blob([bytes], { type: mime });
}

function Deadlines({ deadlines, units, serverNow, fetchedAt }: { deadlines: DeadlineView[]; units: ReportsView['units']; serverNow: number; fetchedAt: number }) {
  const t = useT();
  // The core's "now" when it answered, moved on by the page's clock (so the countdown agrees with the core's).
  const now = serverNow + (useNow(15_000) - fetchedAt);
  return (
    <ul className="rep-deadlines" aria-label={t('rep.deadlines')}>
      {deadlines.map((d) => {
        const left = d.dueAt ? Date.parse(d.dueAt) - now : null;
        return (
          <li key={d.obligationId} className={`rep-dl rep-dl-${d.status}`} data-testid={`deadline-${d.kind}`} data-status={d.status}>
            <strong>{d.label}</strong> <span className={`rep-status rep-status-${d.status}`}>{t(`rep.status.${d.status}`)}</span>{' '}
            {d.dueAt ? (
              <span>
                {t('rep.due', { at: formatBeijing(d.dueAt, false) })}
                {(d.status === 'pending' || d.status === 'overdue') && left !== null && (
                  <span className="rep-left"> · {left >= 0 ? t('rep.dueLeft', { left: span(left) }) : t('rep.dueOver', { left: span(left) })}</span>
                )}
              </span>
            ) : d.status === 'not-started' ? (
              <span className="muted">{d.dueText}</span>
            ) : d.repeatable ? (
              <span className="muted">
                {t('rep.noDue')}
                {d.filedCount > 0 && ` · ${t('rep.filedCount', { n: d.filedCount })}`}
              </span>
            ) : null}
            <span className="clause">（{d.clause}）</span>
            {d.writtenPending && <div className="rep-warn">{t('rep.writtenPending')}</div>}
            {d.status !== 'not-started' && d.filedCount > 0 && d.missingRecipients.length > 0 && (
              <div className="rep-warn">{t('rep.missingRecipients', { names: d.missingRecipients.map((r) => units.find((u) => u.id === r)?.name ?? r).join('、') })}</div>
            )}
          </li>
        );
      })}
    </ul>
  );
}

/**
 * Reports of one incident (疫苗预案 5.1–5.3): deadlines with their status, the 县委统战部 prompt, the filed reports with
 * their correction chain, and the forms. There is no edit path: a filed report is corrected by filing a new one.
 */
export function ReportsPanel({ incidentId, onFiled, hideDeadlines }: ReportsPanelProps) {
  const t = useT();
  const en = useLocale((s) => s.locale) === 'en';
  const reports = useCommand('reports.view', { incidentId });
  const view: ReportsView | null = reports.data ?? null;
  const fetchedAt = reports.dataUpdatedAt;
  useRefetchAt(reports, view?.deadlines.map((d) => d.dueAt) ?? []);
  const [actionError, setError] = useState<string | null>(null);
  const error = actionError ?? (reports.error ? message(reports.error) : null);
  const [form, setForm] = useState<{ kind: string; correcting?: FiledReportView } | null>(null);
  const [printing, setPrinting] = useState<ReportLayout | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const returnFocus = useRef<HTMLElement | null>(null);

  const load = reports.refetch;
  // A report form left with a kept draft (another screen, a reload, a crash) opens again as it was.
  const [restoredFor, setRestoredFor] = useState<string | null>(null);
  if (view && restoredFor !== view.incidentId) {
    setRestoredFor(view.incidentId);
    const kept = form ? null : keptForm(view);
    if (kept) setForm(kept);
  }

  const closePrint = useCallback(() => {
    setPrinting(null);
    returnFocus.current?.focus();
  }, []);

  function openForm(kind: string, correcting?: FiledReportView) {
    returnFocus.current = document.activeElement as HTMLElement | null;
    setNotice(null);
    setForm({ kind, ...(correcting ? { correcting } : {}) });
  }
  function closeForm() {
    setForm(null);
    returnFocus.current?.focus();
  }

  async function exportAs(r: FiledReportView, format: 'pdf' | 'docx') {
    setBusy(`${r.seq}-${format}`);
    setNotice(null);
    try {
      const out = await api().invoke('reports.render', { incidentId, seq: r.seq, format });
      saveBlob(out.fileName, base64ToBlob(out.base64, out.mime));
      setNotice(t('rep.exported', { name: out.fileName }));
    } catch (e) {
      setError(message(e));
    } finally {
      setBusy(null);
    }
  }

  if (!view)
    return (
      <section className="rep-panel" aria-busy={!error}>
        {error ? (
          <div role="alert" className="alert alert-error">
            {error}{' '}
            <button type="button" onClick={() => void load()}>
              {t('rep.retry')}
            </button>
          </div>
        ) : (
          <p role="status">{t('rep.loading')}</p>
        )}
      </section>
    );

  const uf = view.unitedFront;
  return (
    <section className="rep-panel" aria-label={t('rep.view.heading')} data-testid="reports-panel">
      {error && (
        <div role="alert" className="alert alert-error">
          {error}
        </div>
      )}
      {uf.applies && uf.involved && (
        <div className={uf.notified ? 'rep-uf rep-uf-done' : 'rep-uf'} role="status" data-testid="united-front">
          <strong>{uf.notified ? t('rep.unitedFront.done') : t('rep.unitedFront.title')}</strong> {uf.text}（{uf.clause}）
        </div>
      )}
      {!hideDeadlines && <Deadlines deadlines={view.deadlines} units={view.units} serverNow={Date.parse(view.now)} fetchedAt={fetchedAt} />}
      <div className="rep-file-buttons">
        {view.kinds.map((k) => {
          const can = view.canFile[k.kind];
          const label = k.kind === 'first' || k.kind === 'progress' || k.kind === 'final' ? t(`rep.file.${k.kind}`) : t('rep.file.other', { label: k.label });
          const reason = can && !can.allowed ? t('rep.unavailable', { reason: can.reason ?? '' }) : undefined;
          return (
            <button key={k.kind} type="button" disabled={!can?.allowed || !!form} title={reason} aria-describedby={reason ? `rep-why-${k.kind}` : undefined} onClick={() => openForm(k.kind)} data-testid={`file-${k.kind}`}>
              {label}
              {reason && (
                <span id={`rep-why-${k.kind}`} className="sr-only">
                  {reason}
                </span>
              )}
            </button>
          );
        })}
      </div>
      {notice && (
        <p role="status" className="rep-notice" data-testid="report-notice">
          {notice}
        </p>
      )}
      {form && (
        <ReportForm
          key={`${incidentId}-${form.kind}-${form.correcting?.seq ?? 'new'}`}
          view={view}
          kind={form.kind}
          correcting={form.correcting}
          onCancel={closeForm}
          onFiled={(seq) => {
            setForm(null);
            setNotice(t('rep.form.filed', { seq }));
            void load();
            onFiled?.(seq);
          }}
        />
      )}
      <h3 className="rep-list-h">{t('rep.list')}</h3>
      {view.reports.length === 0 ? (
        <p className="muted">{t('rep.list.empty')}</p>
      ) : (
        <DataTable
          className="rep-table"
          testId="reports-table"
          rows={view.reports}
          rowKey={(r) => r.seq}
          rowProps={(r) => ({ 'data-testid': `report-${r.seq}`, className: r.correctedBy.length ? 'rep-superseded' : undefined })}
          columns={[
            { key: 'seq', header: t('rep.col.seq'), className: 'mono', cell: (r) => r.seq },
            {
              key: 'kind',
              header: t('rep.col.kind'),
              cell: (r) => (
                <>
                  {r.label}
                  {r.corrects !== null && t('rep.correctionTag')}
                  <div className="muted small">{r.title}</div>
                </>
              ),
            },
            {
              key: 'time',
              header: t('rep.col.time'),
              cell: (r) => (
                <>
                  {formatBeijing(r.filedAt, false)}
                  {r.late && (
                    <div className="rep-warn-inline" data-testid="report-late" title={r.late.text}>
                      {t(r.late.written ? 'rep.lateWritten' : 'rep.late', { late: lateSpan(r.late.lateMs, en), due: formatBeijing(r.late.dueAt, false) })}
                    </div>
                  )}
                </>
              ),
            },
            {
              key: 'channel',
              header: t('rep.col.channel'),
              cell: (r) => (
                <>
                  {r.written ? r.channelLabel : <span className="rep-warn-inline">{t('rep.phoneOnly')}</span>}
                  <div className="muted small">{r.recipients.map((x) => x.name).join('、')}</div>
                </>
              ),
            },
            { key: 'secrecy', header: t('rep.col.secrecy'), cell: (r) => (r.classification ? `${r.classification.level}★${r.classification.period}` : t('rep.unclassified')) },
            {
              key: 'chain',
              header: t('rep.col.chain'),
              cell: (r) => (
                <>
                  {r.corrects !== null && <div>{t('rep.corrects', { seq: r.corrects })}</div>}
                  {r.correctedBy.length > 0 && <div className="rep-warn-inline">{t('rep.correctedBy', { seqs: r.correctedBy.join('、') })}</div>}
                  {r.corrects === null && r.correctedBy.length === 0 && t('rep.current')}
                </>
              ),
            },
            {
              key: 'actions',
              header: t('rep.col.actions'),
              className: 'rep-row-actions',
              cell: (r) => (
                <>
                  <button
                    type="button"
                    className="secondary"
                    onClick={(e) => {
                      returnFocus.current = e.currentTarget;
                      setPrinting(r.layout);
                    }}
                  >
                    {t('rep.preview')}
                  </button>
                  <button type="button" className="secondary" disabled={busy !== null} onClick={() => void exportAs(r, 'pdf')} data-testid={`pdf-${r.seq}`}>
                    {busy === `${r.seq}-pdf` ? t('rep.exporting') : t('rep.pdf')}
                  </button>
                  <button type="button" className="secondary" disabled={busy !== null} onClick={() => void exportAs(r, 'docx')}>
                    {busy === `${r.seq}-docx` ? t('rep.exporting') : t('rep.docx')}
                  </button>
                  <button type="button" className="secondary" disabled={!!form || !view.canFile[r.kind]?.allowed} onClick={() => openForm(r.kind, r)} data-testid={`correct-${r.seq}`}>
                    {t('rep.correct')}
                  </button>
                </>
              ),
            },
          ]}
        />
      )}
      {printing && <PrintView layout={printing} onClose={closePrint} />}
    </section>
  );
}
