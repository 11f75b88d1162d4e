import { useState } from 'react';
import { api } from '../api/client';
import { useT } from '../i18n';
import { bytesToBase64 } from './files';

/**
 * Import an XLSX in an export's columns (the roster, the contact directory): the core checks every row and writes all
 * of them or none; each bad row is listed with its reason.
 */
export function XlsxImport({ command, label }: { command: 'roster.import' | 'contacts.import'; label: string }) {
  const t = useT();
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);
  async function pick(file: File | undefined) {
    if (!file) return;
    setMsg(null);
    const content = bytesToBase64(new Uint8Array(await file.arrayBuffer()));
    try {
      const r = await api().invoke(command, { content });
      setMsg(r.problems.length ? { ok: false, text: r.problems.map((p) => t('xlsx.import.row', { row: p.row, message: p.message })).join('\n') } : { ok: true, text: t('xlsx.import.done', { n: r.written }) });
    } catch (e) {
      setMsg({ ok: false, text: (e as { body?: { message?: string } }).body?.message ?? String(e) });
    }
  }
  return (
    <>
      <label className="secondary button-like">
        {label}
        <input type="file" accept=".xlsx" className="sr-only" onChange={(e) => void pick(e.target.files?.[0])} data-testid={`${command}-file`} />
      </label>
      {msg && (
        <p className={msg.ok ? 'hint' : 'field-error'} role={msg.ok ? 'status' : 'alert'} style={{ whiteSpace: 'pre-line' }}>
          {msg.text}
        </p>
      )}
    </>
  );
}
