import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { CommandInput, CommandOutput } from '../../../shared/api';
import { LEDGER_COLUMNS, LEDGER_TABLE_LABELS, type LedgerColumn, type LedgerTable } from '../../../shared/fire/ledgers';
import { api } from '../api/client';
import { useT } from '../i18n';
import { useErrorInfo, type ErrorInfo } from '../incidents/util';
import { bytesToBase64, download } from '../components/files';
import { useCommand } from '../query/client';
import { draftToRow, rowToDraft, type Draft } from './ledgerDraft';
import { clearDraft, readDraft, writeDraft } from '../components/Draft';
import { DataTable, type Column } from '../components/DataTable';

type Row = CommandOutput<'fire.ledger.list'>['rows'][number] & Record<string, unknown>;
type Problem = CommandOutput<'fire.ledger.import'>['problems'][number];

function cellText(c: LedgerColumn, v: unknown): string {
  if (v === undefined || v === null || v === '') return '';
  if (c.type === 'enum') return c.values!.find((x) => x.id === v)?.label ?? String(v);
  return String(v);
}

/** The 八包 ledger (4(1)) and the grave / altar register (3(1)): keyboard-editable tables, CSV / XLSX in and out. */
export function LedgersPanel() {
  const t = useT();
  const [table, setTable] = useState<LedgerTable>('baobao');
  return (
    <section className="panel wide fire-ledgers" aria-labelledby="fire-ld-h">
      <div className="head-row">
        <h2 id="fire-ld-h">{t('fire.ld.heading')}</h2>
        <span className="spacer" />
        <div role="radiogroup" aria-label={t('fire.ld.which')} className="row">
          {(['baobao', 'graves'] as const).map((x) => (
            <label key={x} className="radio">
              <input type="radio" name="ld-table" checked={table === x} onChange={() => setTable(x)} />
              {LEDGER_TABLE_LABELS[x]} <span className="clause">（{x === 'baobao' ? '4(1)' : '3(1)'}）</span>
            </label>
          ))}
        </div>
      </div>
      <LedgerTableView key={table} table={table} />
    </section>
  );
}

function LedgerTableView({ table }: { table: LedgerTable }) {
  const t = useT();
  const toError = useErrorInfo();
  const cols = LEDGER_COLUMNS[table];
  const [township, setTownship] = useState('');
  // The row being edited is kept as a draft (components/Draft.tsx) as it is typed: another screen, a reload or a crash
  // opens it again as it was; saved, or 放弃草稿 / Esc on purpose, it goes.
  const keptKey = `ledger:${table}`;
  const [kept] = useState(() => readDraft<{ editing: number | 'new'; cells: Draft }>(keptKey));
  const [editing, setEditing] = useState<number | 'new' | null>(kept?.editing ?? null);
  const [draft, setCells] = useState<Draft>(kept?.cells ?? {});
  const [typed, setTyped] = useState(!!kept);
  const setDraft = (u: (d: Draft) => Draft) =>
    setCells((d) => {
      const v = u(d);
      if (editing !== null) writeDraft(keptKey, { editing, cells: v });
      return v;
    });
  const closeEdit = () => {
    clearDraft(keptKey);
    setTyped(false);
    setEditing(null);
  };
  const [rowError, setRowError] = useState<ErrorInfo | null>(null);
  const [actionError, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [removing, setRemoving] = useState<number | null>(null);
  const firstCell = useRef<HTMLElement | null>(null);

  const list = useCommand('fire.ledger.list', { table, ...(township.trim() ? { township: township.trim() } : {}) });
  const rows = (list.data?.rows as Row[] | undefined) ?? null;
  const error = actionError ?? (list.error ? toError(list.error).message : null);
  const load = list.refetch;
  useEffect(() => {
    if (editing !== null) firstCell.current?.focus();
  }, [editing]);

  function edit(r: Row | null) {
    setEditing(r ? r.id : 'new');
    setCells(rowToDraft(table, r));
    setRowError(null);
    setNotice(null);
  }
  async function save(e?: FormEvent) {
    e?.preventDefault();
    setRowError(null);
    const parsed = draftToRow(table, draft);
    if ('field' in parsed) return setRowError({ field: parsed.field, message: t('fire.ld.err.number') });
    setBusy(true);
    try {
      const input = { table, ...(typeof editing === 'number' ? { id: editing } : {}), row: parsed.row } as CommandInput<'fire.ledger.save'>;
      await api().invoke('fire.ledger.save', input);
      closeEdit();
      setNotice(t('fire.ld.saved'));
      await load();
    } catch (err) {
      const info = toError(err);
      setRowError({ ...info, field: info.field?.replace(/^row\./, '') });
    } finally {
      setBusy(false);
    }
  }
  async function remove(id: number) {
    try {
      await api().invoke('fire.ledger.remove', { table, id });
      setRemoving(null);
      setNotice(t('fire.ld.removed'));
      await load();
    } catch (err) {
      setError(toError(err).message);
    }
  }
  function onRowKey(e: KeyboardEvent) {
    if (e.key === 'Escape') {
      e.preventDefault();
      closeEdit();
    } else if (e.key === 'Enter' && !(e.target instanceof HTMLTextAreaElement)) {
      e.preventDefault();
      void save();
    }
  }

  /** A column's input in the row being edited (the first one takes the focus). */
  const editCell = (c: LedgerColumn, i: number) => {
    const id = `ld-${c.field}`;
    const err = rowError?.field === c.field ? rowError.message : null;
    const common = {
      id,
      'aria-label': c.header,
      'aria-invalid': err ? true : undefined,
      'aria-describedby': err ? `${id}-err` : undefined,
      ref: i === 0 ? (el: HTMLElement | null) => void (firstCell.current = el) : undefined,
    };
    return (
      <>
        {c.type === 'enum' ? (
          <select {...common} value={draft[c.field] ?? ''} onChange={(e) => (setTyped(true), setDraft((d) => ({ ...d, [c.field]: e.target.value })))}>
            {!c.required && <option value="" />}
            {c.values!.map((v) => (
              <option key={v.id} value={v.id}>
                {v.label}
              </option>
            ))}
          </select>
        ) : (
          <input {...common} value={draft[c.field] ?? ''} inputMode={c.type === 'number' ? 'decimal' : undefined} onChange={(e) => (setTyped(true), setDraft((d) => ({ ...d, [c.field]: e.target.value })))} />
        )}
        {err && (
          <p id={`${id}-err`} className="field-error" role="alert">
            {err}
          </p>
        )}
      </>
    );
  };
  const editActions = (
    <>
      <button type="button" className="small-btn primary" onClick={() => void save()} disabled={busy}>
        {t('fire.ld.save')}
      </button>
      <button type="button" className="small-btn secondary" onClick={closeEdit} data-testid="fire-ledger-cancel">
        {typed ? t('draft.discard') : t('fire.cancel')}
      </button>
      {rowError && !cols.some((c) => c.field === rowError.field) && (
        <p className="field-error" role="alert">
          {rowError.message}
        </p>
      )}
    </>
  );
  const rowActions = (r: Row) =>
    removing === r.id ? (
      <>
        <button type="button" className="small-btn danger" onClick={() => void remove(r.id)} autoFocus>
          {t('fire.ld.confirmRemove')}
        </button>
        <button type="button" className="small-btn secondary" onClick={() => setRemoving(null)}>
          {t('fire.cancel')}
        </button>
      </>
    ) : (
      <>
        <button type="button" className="small-btn" onClick={() => edit(r)} disabled={editing !== null} aria-label={t('fire.ld.editAria', { n: r.id })}>
          {t('fire.ld.edit')}
        </button>
        <button type="button" className="small-btn secondary" onClick={() => setRemoving(r.id)} disabled={editing !== null} aria-label={t('fire.ld.removeAria', { n: r.id })}>
          {t('fire.ld.remove')}
        </button>
      </>
    );
  const columns: Array<Column<Row>> = [
    ...cols.map((c, i) => ({
      key: c.field,
      header: (
        <>
          {c.header}
          {c.required && <span className="req">*</span>}
        </>
      ),
      cell: (r: Row) => cellText(c, r[c.field]),
      edit: () => editCell(c, i),
    })),
    { key: 'actions', header: t('fire.ld.actions'), className: 'fire-row-actions', cell: rowActions, edit: () => editActions },
  ];

  return (
    <div>
      <div className="row fire-filters">
        <label htmlFor={`ld-town-${table}`}>{t('fire.ld.township')}</label>
        <input id={`ld-town-${table}`} value={township} onChange={(e) => setTownship(e.target.value)} placeholder={t('fire.ld.township.ph')} />
        <button type="button" className="primary" onClick={() => edit(null)} disabled={editing !== null}>
          {t('fire.ld.add')}
        </button>
        <span className="spacer" />
        <LedgerImport table={table} onImported={(n) => { setNotice(t('fire.ld.imported', { n })); void load(); }} />
        <ExportButtons table={table} onError={setError} />
      </div>
      <p className="hint">{t('fire.ld.keys')}</p>
      {notice && (
        <p className="alert" role="status" data-testid="fire-ledger-notice">
          {notice}
        </p>
      )}
      {error && (
        <p className="alert alert-error" role="alert">
          {error}
        </p>
      )}
      <div className="fire-ld-scroll">
        <DataTable
          className="fire-table fire-ld"
          testId={`fire-ledger-${table}`}
          rows={rows ?? []}
          rowKey={(r) => r.id}
          rowProps={() => ({ 'data-testid': 'fire-ledger-row' })}
          columns={columns}
          editing={editing === null ? undefined : { key: editing === 'new' ? null : editing, rowProps: { className: 'fire-ld-edit', onKeyDown: onRowKey, 'data-testid': 'fire-ledger-edit' } }}
        />
      </div>
      {rows && rows.length === 0 && editing === null && <p className="empty">{t('fire.ld.empty')}</p>}
    </div>
  );
}

function ExportButtons({ table, onError }: { table: LedgerTable; onError(m: string): void }) {
  const t = useT();
  const toError = useErrorInfo();
  async function run(format: 'csv' | 'xlsx') {
    try {
      const r = await api().invoke('fire.ledger.export', { table, format });
      download(r.fileName, r.content, format === 'xlsx');
    } catch (e) {
      onError(toError(e).message);
    }
  }
  return (
    <>
      <button type="button" className="secondary" onClick={() => void run('csv')} data-testid="fire-ledger-export-csv">
        {t('fire.ld.exportCsv')}
      </button>
      <button type="button" className="secondary" onClick={() => void run('xlsx')} data-testid="fire-ledger-export-xlsx">
        {t('fire.ld.exportXlsx')}
      </button>
    </>
  );
}

type ImportCheck = CommandOutput<'fire.ledger.import'>;

/**
 * Import a CSV or XLSX file: first checked (dry run: the encoding found, the rows, every problem by row and column,
 * nothing written), then imported all rows or nothing on the officer's word. A CSV goes as bytes: the core reads
 * UTF-8 or GBK (Excel's default on a Chinese Windows), as the map importer does.
 */
function LedgerImport({ table, onImported }: { table: LedgerTable; onImported(n: number): void }) {
  const t = useT();
  const toError = useErrorInfo();
  const [problems, setProblems] = useState<Problem[] | null>(null);
  const [checked, setChecked] = useState<{ r: ImportCheck; file: { name: string; b64: string; xlsx: boolean } } | null>(null);
  const [mode, setMode] = useState<'append' | 'replace'>('append');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);

  async function onFile(file: File) {
    setProblems(null);
    setChecked(null);
    setError(null);
    const xlsx = /\.xlsx$/i.test(file.name);
    if (!xlsx && !/\.csv$/i.test(file.name)) return setError(t('fire.ld.err.format'));
    setBusy(true);
    try {
      const b64 = bytesToBase64(new Uint8Array(await file.arrayBuffer()));
      const r = await api().invoke('fire.ledger.import', { table, format: xlsx ? 'xlsx' : 'csv', content: b64, base64: true, mode, dryRun: true });
      if (r.ok) setChecked({ r, file: { name: file.name, b64, xlsx } });
      else setProblems(r.problems);
    } catch (e) {
      setError(toError(e).message);
    } finally {
      setBusy(false);
      if (fileRef.current) fileRef.current.value = '';
    }
  }
  async function commit() {
    if (!checked) return;
    if (mode === 'replace' && !window.confirm(t('fire.ld.confirmReplace'))) return;
    setBusy(true);
    setError(null);
    try {
      const { file } = checked;
      const r = await api().invoke('fire.ledger.import', { table, format: file.xlsx ? 'xlsx' : 'csv', content: file.b64, base64: true, mode });
      setChecked(null);
      if (r.ok) onImported(r.imported);
      else setProblems(r.problems);
    } catch (e) {
      setError(toError(e).message);
    } finally {
      setBusy(false);
    }
  }
  return (
    <div className="fire-ld-import">
      <label htmlFor={`ld-mode-${table}`} className="sr-only">
        {t('fire.ld.mode')}
      </label>
      <select id={`ld-mode-${table}`} value={mode} onChange={(e) => setMode(e.target.value as 'append' | 'replace')} disabled={busy}>
        <option value="append">{t('fire.ld.mode.append')}</option>
        <option value="replace">{t('fire.ld.mode.replace')}</option>
      </select>
      <label htmlFor={`ld-file-${table}`}>{busy ? t('fire.ld.importing') : t('fire.ld.import')}</label>
      <input ref={fileRef} id={`ld-file-${table}`} className="fire-file" type="file" accept=".csv,.xlsx" data-testid="fire-ledger-file" onChange={(e) => e.target.files?.[0] && void onFile(e.target.files[0])} />
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {checked && (
        <div className="fire-ld-preview" role="status" data-testid="fire-ledger-preview">
          <p>
            {t('fire.ld.pv.summary', { file: checked.file.name, n: checked.r.rows })}
            {checked.r.encoding && (
              <>
                {' '}
                <span className="tag" data-testid="fire-ledger-encoding">
                  {t(checked.r.encoding === 'gb18030' ? 'fire.ld.pv.gbk' : 'fire.ld.pv.utf8')}
                </span>
              </>
            )}
          </p>
          <p className="small muted">{t('fire.ld.pv.columns', { cols: checked.r.headers.join('、') })}</p>
          <button type="button" className="primary" disabled={busy} onClick={() => void commit()} data-testid="fire-ledger-commit">
            {t(mode === 'replace' ? 'fire.ld.pv.replace' : 'fire.ld.pv.append', { n: checked.r.rows })}
          </button>{' '}
          <button type="button" className="secondary" onClick={() => setChecked(null)}>
            {t('fire.close')}
          </button>
        </div>
      )}
      {problems && (
        <div className="fire-ld-problems" role="alert" data-testid="fire-ledger-problems">
          <p>
            <strong>{t('fire.ld.problems', { n: problems.length })}</strong>
          </p>
          <table className="fire-table compact">
            <thead>
              <tr>
                <th scope="col">{t('fire.ld.p.row')}</th>
                <th scope="col">{t('fire.ld.p.column')}</th>
                <th scope="col">{t('fire.ld.p.message')}</th>
              </tr>
            </thead>
            <tbody>
              {problems.map((p, i) => (
                <tr key={i}>
                  <td>{p.row}</td>
                  <td>{p.column}</td>
                  <td>{p.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <button type="button" className="small-btn secondary" onClick={() => setProblems(null)}>
            {t('fire.close')}
          </button>
        </div>
      )}
    </div>
  );
}
