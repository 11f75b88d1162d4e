import type { Database } from 'better-sqlite3';
import { excel } from '../xlsx';
import Papa from 'papaparse';
import { AppError } from '../../../shared/api/errors';
import { decodeTextDetect, type TextEncodingName } from '../textDecode';
import {
  LEDGER_COLUMNS,
  LEDGER_TABLE_LABELS,
  ledgerRowToRecord,
  validateLedgerRecords,
  type BaobaoRow,
  type GraveRow,
  type LedgerTable,
  type RowProblem,
} from '../../../shared/fire/ledgers';

/** field → column of each table (the rest of the columns are bookkeeping). */
const DB_COLUMNS: Record<LedgerTable, Record<string, string>> = {
  baobao: {
    kind: 'kind',
    responsible: 'responsible',
    position: 'position',
    phone: 'phone',
    target: 'target',
    township: 'township',
    village: 'village',
    secondResponsible: 'second_responsible',
    note: 'note',
  },
  graves: {
    number: 'number',
    kind: 'kind',
    township: 'township',
    village: 'village',
    location: 'location',
    lng: 'lng',
    lat: 'lat',
    owner: 'owner',
    riskGrade: 'risk_grade',
    note: 'note',
  },
};
const TABLE_NAME: Record<LedgerTable, string> = { baobao: 'fire_ledger_baobao', graves: 'fire_ledger_graves' };

type AnyRow = BaobaoRow | GraveRow;

function fromDb(table: LedgerTable, r: Record<string, unknown>): { id: number } & Record<string, unknown> {
  const out: { id: number } & Record<string, unknown> = { id: r.id as number };
  for (const [field, col] of Object.entries(DB_COLUMNS[table])) if (r[col] !== null && r[col] !== undefined) out[field] = r[col];
  return out;
}

export function listLedger(db: Database, table: LedgerTable, filter: { township?: string; baobaoKind?: string } = {}) {
  const rows = db.prepare(`SELECT * FROM ${TABLE_NAME[table]} ORDER BY id`).all() as Record<string, unknown>[];
  return rows
    .filter((r) => !filter.township || r.township === filter.township)
    .filter((r) => table !== 'baobao' || !filter.baobaoKind || r.kind === filter.baobaoKind)
    .map((r) => fromDb(table, r));
}

function duplicateNumber(num: string): AppError {
  return new AppError({ code: 'conflict', message: `编号"${num}"已登记`, messageEn: `number ${num} is already registered`, field: 'row.number', rule: 'unique-number' });
}

/** The INSERT of one ledger row; an import prepares it once for all its rows (not once a row, inside its transaction). */
function insertStatement(db: Database, table: LedgerTable) {
  const cols = Object.values(DB_COLUMNS[table]);
  return db.prepare(`INSERT INTO ${TABLE_NAME[table]} (${cols.join(', ')}, updated_by, updated_at) VALUES (${cols.map(() => '?').join(', ')}, ?, ?)`);
}

function insertRow(db: Database, table: LedgerTable, row: AnyRow, actor: string, at: string, insert = insertStatement(db, table)): number {
  const vals = Object.keys(DB_COLUMNS[table]).map((f) => (row as Record<string, unknown>)[f] ?? null);
  return Number(insert.run(...vals, actor, at).lastInsertRowid);
}

export function saveLedgerRow(db: Database, table: LedgerTable, id: number | undefined, row: AnyRow, actor: string, now: Date): number {
  const at = now.toISOString();
  return db.transaction(() => {
    if (table === 'graves') {
      const num = (row as GraveRow).number;
      const clash = db.prepare('SELECT id FROM fire_ledger_graves WHERE number = ?').get(num) as { id: number } | undefined;
      if (clash && clash.id !== id) throw duplicateNumber(num);
    }
    if (id === undefined) return insertRow(db, table, row, actor, at);
    const map = DB_COLUMNS[table];
    const sets = Object.values(map).map((c) => `${c} = ?`);
    const vals = Object.keys(map).map((f) => (row as Record<string, unknown>)[f] ?? null);
    const r = db.prepare(`UPDATE ${TABLE_NAME[table]} SET ${sets.join(', ')}, updated_by = ?, updated_at = ? WHERE id = ?`).run(...vals, actor, at, id);
    if (r.changes === 0) throw new AppError({ code: 'not-found', message: `${LEDGER_TABLE_LABELS[table]}中没有编号为 ${id} 的行`, messageEn: `no row ${id} in ${table}`, field: 'id' });
    return id;
  })();
}

export function removeLedgerRow(db: Database, table: LedgerTable, id: number): void {
  const r = db.prepare(`DELETE FROM ${TABLE_NAME[table]} WHERE id = ?`).run(id);
  if (r.changes === 0) throw new AppError({ code: 'not-found', message: `${LEDGER_TABLE_LABELS[table]}中没有编号为 ${id} 的行`, messageEn: `no row ${id} in ${table}`, field: 'id' });
}


/** Read a CSV text (UTF-8, optional BOM, header row with the Chinese column names). */
export function readCsv(text: string): { headers: string[]; records: Record<string, unknown>[]; problems: RowProblem[] } {
  const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: 'greedy', transformHeader: (h) => h.trim() });
  const problems: RowProblem[] = parsed.errors.map((e) => ({ row: (e.row ?? 0) + 2, field: '', column: '', message: `CSV 格式错误：${e.message}` }));
  return { headers: parsed.meta.fields ?? [], records: parsed.data, problems };
}

/** Read the first worksheet of an XLSX file (header row with the Chinese column names). */
export async function readXlsx(buf: Buffer): Promise<{ headers: string[]; records: Record<string, unknown>[]; problems: RowProblem[] }> {
  const wb = new (await excel()).Workbook();
  try {
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
  } catch (e) {
    return { headers: [], records: [], problems: [{ row: 0, field: '', column: '', message: `不是有效的 XLSX 文件：${(e as Error).message}` }] };
  }
  const ws = wb.worksheets[0];
  if (!ws) return { headers: [], records: [], problems: [{ row: 0, field: '', column: '', message: 'XLSX 文件中没有工作表' }] };
  const headerRow = ws.getRow(1);
  const headers: string[] = [];
  const colIndex: Array<[number, string]> = [];
  headerRow.eachCell({ includeEmpty: false }, (cell, col) => {
    const h = String(cell.text ?? '').trim();
    headers.push(h);
    colIndex.push([col, h]);
  });
  const records: Record<string, unknown>[] = [];
  for (let r = 2; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const rec: Record<string, unknown> = {};
    let any = false;
    for (const [col, h] of colIndex) {
      const v = row.getCell(col).value;
      if (v !== null && v !== undefined && String(v).trim() !== '') any = true;
      rec[h] = v;
    }
    // keep blank rows out, but keep numbering aligned with the sheet (row r ↔ records[r-2])
    records.push(any ? rec : {});
  }
  // drop trailing blank rows
  while (records.length && Object.values(records[records.length - 1]!).every((v) => v === undefined)) records.pop();
  return { headers, records, problems: [] };
}

export interface ImportResult {
  ok: boolean;
  table: LedgerTable;
  imported: number;
  problems: RowProblem[];
  /** How a CSV given as bytes was read (UTF-8, or GBK/GB18030 as Excel writes it); null for text or XLSX. */
  encoding: TextEncodingName | null;
  /** Data rows found and the header row (for the preview). */
  rows: number;
  headers: string[];
  /** Only checked (preview): nothing written. */
  dryRun: boolean;
}

export interface ImportOptions {
  /** The CSV is the file's bytes in base64 (encoding detected here), not text decoded by the caller. */
  base64?: boolean;
  /** Check every row and report, write nothing (the preview before the import). */
  dryRun?: boolean;
}

/** Validate every row; write all of them in one transaction, or nothing when any row has a problem. */
export async function importLedger(db: Database, table: LedgerTable, format: 'csv' | 'xlsx', content: string, mode: 'append' | 'replace', actor: string, now: Date, opts: ImportOptions = {}): Promise<ImportResult> {
  const decoded = format === 'csv' && opts.base64 ? decodeTextDetect(Buffer.from(content, 'base64')) : null;
  const read = format === 'csv' ? readCsv(decoded ? decoded.text : content) : await readXlsx(Buffer.from(content, 'base64'));
  const base = { encoding: decoded?.encoding ?? null, rows: read.records.filter((r) => Object.keys(r).length > 0).length, headers: read.headers, dryRun: !!opts.dryRun };
  if (read.problems.length) return { ok: false, table, imported: 0, problems: read.problems, ...base };
  // a blank row inside an XLSX sheet is skipped, not reported
  const indexed = read.records.map((r, i) => ({ r, i })).filter(({ r }) => Object.keys(r).length > 0);
  const v = validateLedgerRecords(table, read.headers, indexed.map(({ r }) => r));
  if (!v.ok) {
    const problems = v.problems.map((p) => (p.row >= 2 ? { ...p, row: indexed[p.row - 2]!.i + 2 } : p));
    return { ok: false, table, imported: 0, problems, ...base };
  }
  if (v.rows.length === 0) return { ok: false, table, imported: 0, problems: [{ row: 0, field: '', column: '', message: '文件中没有数据行 / no data rows' }], ...base };
  const at = now.toISOString();
  const problems: RowProblem[] = [];
  return runImport();

  function runImport(): ImportResult {
    try {
      db.transaction(() => {
        if (mode === 'replace') db.prepare(`DELETE FROM ${TABLE_NAME[table]}`).run();
        if (table === 'graves') {
          const exists = db.prepare('SELECT 1 FROM fire_ledger_graves WHERE number = ?');
          v.rows.forEach((row, k) => {
            if (exists.get((row as GraveRow).number)) problems.push({ row: indexed[k]!.i + 2, field: 'number', column: '编号', message: `编号"${(row as GraveRow).number}"已登记 / already registered` });
          });
          if (problems.length) throw new RollbackSignal();
        }
        const insert = insertStatement(db, table);
        for (const row of v.rows) insertRow(db, table, row as AnyRow, actor, at, insert);
        // the preview runs every check, the registered-number one included, then rolls back
        if (opts.dryRun) throw new RollbackSignal();
      }).immediate();
    } catch (e) {
      if (e instanceof RollbackSignal) return { ok: problems.length === 0, table, imported: 0, problems, ...base };
      throw e;
    }
    return { ok: true, table, imported: v.rows.length, problems: [], ...base };
  }
}

class RollbackSignal extends Error {}

export async function exportLedger(db: Database, table: LedgerTable, format: 'csv' | 'xlsx') {
  const rows = listLedger(db, table);
  const headers = LEDGER_COLUMNS[table].map((c) => c.header);
  const records = rows.map((r) => ledgerRowToRecord(table, r));
  const base = table === 'baobao' ? '八包责任台账' : '坟头祭坛登记';
  if (format === 'csv') {
    // BOM so that Excel on Windows opens the UTF-8 file with the Chinese headers intact
    const csv = '\uFEFF' + Papa.unparse({ fields: headers, data: records.map((r) => headers.map((h) => r[h] ?? '')) });
    return { table, format, fileName: `${base}.csv`, content: csv, rows: rows.length };
  }
  const wb = new (await excel()).Workbook();
  const ws = wb.addWorksheet(base);
  ws.addRow(headers);
  ws.getRow(1).font = { bold: true };
  for (const r of records) ws.addRow(headers.map((h) => r[h] ?? ''));
  ws.columns.forEach((c) => {
    c.width = 16;
  });
  const buf = Buffer.from(await wb.xlsx.writeBuffer());
  return { table, format, fileName: `${base}.xlsx`, content: buf.toString('base64'), rows: rows.length };
}
