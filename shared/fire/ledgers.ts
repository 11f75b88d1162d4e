/**
 * Ledgers (台账) of 交政发〔2024〕7号:
 *  - the 八包 responsibility ledger (4(1)): 县包乡，乡包村，村干部包牛羊工，党员包坟地，护林员包山头，业主工头包民工，
 *    家长包学生，监护人、村两委双重包保呆傻人（智障人员），"全部实行台账式管理";
 *  - the grave / central-altar register (3(1) 集中祭祀): 坟头数量、位置、坟主等一一登记编号，按火险隐患大小确定防火重点.
 * Pure: row schemas, the Chinese column headers used in CSV / XLSX files, and the row validator used by import.
 */
import { z } from 'zod';

export const LEDGER_TABLES = ['baobao', 'graves'] as const;
export type LedgerTable = (typeof LEDGER_TABLES)[number];
export const LEDGER_TABLE_LABELS: Record<LedgerTable, string> = { baobao: '"八包"责任台账', graves: '坟头及集中祭坛登记' };

// 4(1) 八包, in the order of the text
export const BAOBAO_KINDS = [
  { id: 'county-township', label: '县包乡' },
  { id: 'township-village', label: '乡包村' },
  { id: 'cadre-herders', label: '村干部包牛羊工' },
  { id: 'member-graves', label: '党员包坟地' },
  { id: 'ranger-hills', label: '护林员包山头' },
  { id: 'owner-workers', label: '业主工头包民工' },
  { id: 'parent-students', label: '家长包学生' },
  { id: 'guardian-disabled', label: '监护人和村两委包智障人员' },
] as const;
export type BaobaoKind = (typeof BAOBAO_KINDS)[number]['id'];
const BAOBAO_IDS = BAOBAO_KINDS.map((k) => k.id) as [BaobaoKind, ...BaobaoKind[]];

export const GRAVE_KINDS = [
  { id: 'grave', label: '坟头' },
  { id: 'altar', label: '集中祭坛' },
] as const;
export const RISK_GRADES = [
  { id: 'high', label: '高' },
  { id: 'medium', label: '中' },
  { id: 'low', label: '低' },
] as const;

const name = z.string().trim().min(1, '不能为空 / required').max(200);
const opt = z.string().trim().max(500).optional();

/** The fields of a 八包 row (also used, with `id`, for stored rows). */
export const baobaoFields = {
  kind: z.enum(BAOBAO_IDS),
  responsible: name,
  position: opt,
  phone: z.string().trim().max(50).optional(),
  target: name,
  township: z.string().trim().min(1, '不能为空 / required').max(100),
  village: opt,
  /** 4(1)/4(2): people with intellectual disabilities are under 双重包保 — the guardian AND a 村两委 member. */
  secondResponsible: opt,
  note: z.string().trim().max(2000).optional(),
};

export const baobaoRowSchema = z
  .object(baobaoFields)
  .strict()
  .refine((r) => r.kind !== 'guardian-disabled' || !!r.secondResponsible, {
    path: ['secondResponsible'],
    message: '监护人、村两委双重包保：须填写第二责任人（4(1)） / dual responsibility needs the second person (4(1))',
  });
export type BaobaoRow = z.infer<typeof baobaoRowSchema>;

/** The fields of a grave / altar row (also used, with `id`, for stored rows). */
export const graveFields = {
  /** 登记编号, unique in the register. */
  number: z.string().trim().min(1, '不能为空 / required').max(50),
  kind: z.enum(['grave', 'altar']),
  township: z.string().trim().min(1, '不能为空 / required').max(100),
  village: opt,
  location: name,
  lng: z.number().min(-180).max(180).optional(),
  lat: z.number().min(-90).max(90).optional(),
  /** 坟主 (or the altar's keeper). */
  owner: z.string().trim().max(200).optional(),
  riskGrade: z.enum(['high', 'medium', 'low']),
  note: z.string().trim().max(2000).optional(),
};

export const graveRowSchema = z
  .object(graveFields)
  .strict()
  .refine((r) => (r.lng === undefined) === (r.lat === undefined), { path: ['lat'], message: '经度和纬度须同时填写 / give both longitude and latitude' })
  .refine((r) => r.kind !== 'grave' || !!r.owner, { path: ['owner'], message: '坟头须登记坟主（3(1)） / a grave needs its owner (3(1))' });
export type GraveRow = z.infer<typeof graveRowSchema>;

export type LedgerRow<T extends LedgerTable> = T extends 'baobao' ? BaobaoRow : GraveRow;

/** A column of the file format: the Chinese header, the field, and how a cell's text maps to the value. */
export interface LedgerColumn {
  header: string;
  field: string;
  type: 'text' | 'number' | 'enum';
  /** For enum columns: label ↔ id. */
  values?: ReadonlyArray<{ id: string; label: string }>;
  required?: boolean;
}

export const LEDGER_COLUMNS: Readonly<Record<LedgerTable, readonly LedgerColumn[]>> = {
  baobao: [
    { header: '包保类型', field: 'kind', type: 'enum', values: BAOBAO_KINDS, required: true },
    { header: '包保责任人', field: 'responsible', type: 'text', required: true },
    { header: '职务', field: 'position', type: 'text' },
    { header: '联系电话', field: 'phone', type: 'text' },
    { header: '包保对象', field: 'target', type: 'text', required: true },
    { header: '乡镇', field: 'township', type: 'text', required: true },
    { header: '村', field: 'village', type: 'text' },
    { header: '第二责任人', field: 'secondResponsible', type: 'text' },
    { header: '备注', field: 'note', type: 'text' },
  ],
  graves: [
    { header: '编号', field: 'number', type: 'text', required: true },
    { header: '类别', field: 'kind', type: 'enum', values: GRAVE_KINDS, required: true },
    { header: '乡镇', field: 'township', type: 'text', required: true },
    { header: '村', field: 'village', type: 'text' },
    { header: '位置', field: 'location', type: 'text', required: true },
    { header: '经度', field: 'lng', type: 'number' },
    { header: '纬度', field: 'lat', type: 'number' },
    { header: '坟主', field: 'owner', type: 'text' },
    { header: '火险等级', field: 'riskGrade', type: 'enum', values: RISK_GRADES, required: true },
    { header: '备注', field: 'note', type: 'text' },
  ],
};

export interface RowProblem {
  /** 1-based data row number as the user sees it in the file (header = row 1, so the first data row is 2). */
  row: number;
  field: string;
  column: string;
  message: string;
}

export type ValidatedRows<T extends LedgerTable> = { ok: true; rows: LedgerRow<T>[]; problems: [] } | { ok: false; rows: []; problems: RowProblem[] };

function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (typeof v === 'string') return v.trim();
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'object' && v && 'text' in v) return String((v as { text: unknown }).text).trim(); // rich text cells
  if (typeof v === 'object' && v && 'result' in v) return cellText((v as { result: unknown }).result); // formula cells
  return String(v).trim();
}

/**
 * Validate records keyed by the Chinese headers (as read from a CSV or XLSX file). Every problem of every row is
 * reported; when there is any, no row is returned (import writes nothing). Also checks the header row itself and,
 * for the grave register, that numbers are unique within the file.
 */
export function validateLedgerRecords<T extends LedgerTable>(table: T, headers: readonly string[], records: ReadonlyArray<Record<string, unknown>>): ValidatedRows<T> {
  const cols = LEDGER_COLUMNS[table];
  const problems: RowProblem[] = [];
  const known = new Set(cols.map((c) => c.header));
  for (const h of headers) {
    if (h && !known.has(h)) problems.push({ row: 1, field: '', column: h, message: `未知的列"${h}"（可用列：${[...known].join('、')}） / unknown column` });
  }
  for (const c of cols) {
    if (c.required && !headers.includes(c.header)) problems.push({ row: 1, field: c.field, column: c.header, message: `缺少必填列"${c.header}" / missing column` });
  }
  if (problems.length) return { ok: false, rows: [], problems };

  const schema = (table === 'baobao' ? baobaoRowSchema : graveRowSchema) as unknown as z.ZodType<LedgerRow<T>>;
  const rows: LedgerRow<T>[] = [];
  const seenNumbers = new Map<string, number>();
  records.forEach((rec, i) => {
    const rowNo = i + 2;
    const obj: Record<string, unknown> = {};
    for (const c of cols) {
      const text = cellText(rec[c.header]);
      if (text === '') continue;
      if (c.type === 'number') {
        const n = Number(text);
        if (!Number.isFinite(n)) {
          problems.push({ row: rowNo, field: c.field, column: c.header, message: `"${text}"不是数字 / not a number` });
          continue;
        }
        obj[c.field] = n;
      } else if (c.type === 'enum') {
        const v = c.values!.find((x) => x.label === text || x.id === text);
        if (!v) {
          problems.push({ row: rowNo, field: c.field, column: c.header, message: `"${text}"不是允许的取值（${c.values!.map((x) => x.label).join('、')}） / not an allowed value` });
          continue;
        }
        obj[c.field] = v.id;
      } else {
        obj[c.field] = text;
      }
    }
    const r = schema.safeParse(obj);
    if (!r.success) {
      for (const issue of r.error.issues) {
        const field = issue.path.map(String).join('.') || '';
        const col = cols.find((c) => c.field === field);
        // a cell already reported above is not reported twice
        if (problems.some((p) => p.row === rowNo && p.field === field)) continue;
        const message = issue.code === 'invalid_type' && col ? `"${col.header}"不能为空 / required` : issue.message;
        problems.push({ row: rowNo, field, column: col?.header ?? field, message });
      }
      return;
    }
    if (table === 'graves') {
      const num = (r.data as GraveRow).number;
      const first = seenNumbers.get(num);
      if (first !== undefined) {
        problems.push({ row: rowNo, field: 'number', column: '编号', message: `编号"${num}"与第${first}行重复 / duplicate number` });
        return;
      }
      seenNumbers.set(num, rowNo);
    }
    rows.push(r.data);
  });
  if (problems.length) return { ok: false, rows: [], problems };
  return { ok: true, rows, problems: [] };
}

/** A row as a record keyed by the Chinese headers, enum ids shown as their labels (for CSV / XLSX export). */
export function ledgerRowToRecord(table: LedgerTable, row: Record<string, unknown>): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const c of LEDGER_COLUMNS[table]) {
    const v = row[c.field];
    if (v === undefined || v === null) out[c.header] = '';
    else if (c.type === 'enum') out[c.header] = c.values!.find((x) => x.id === v)?.label ?? String(v);
    else if (c.type === 'number') out[c.header] = Number(v);
    else out[c.header] = String(v);
  }
  return out;
}
