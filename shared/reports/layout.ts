/**
 * The layout model of a filed report, in the manner of GB/T 9704-2012《党政机关公文格式》. The PDF, the .docx and the
 * print view all draw this one model, so the three cannot disagree about what a report says.
 *
 * GB/T 9704-2012 figures used (clause numbers of the standard):
 *  - 5.2.1 A4; 5.2.2 版心 156 mm × 225 mm; margins top 37 mm, bottom 35 mm (derived), left 28 mm, right 26 mm (derived)
 *  - 5.2.3 正文 3号仿宋 (16 pt); 22 lines × 28 characters a page
 *  - 7.2.2 密级和保密期限: top-left, 3号黑体, “机密★10年”
 *  - 7.2.4 发文机关标志: red, 小标宋, centred; 7.2.5 发文字号 centred under it (机关代字〔年份〕序号号), or on an upward
 *    report (上行文) 7.2.6 flush left (空一字) with 签发人 flush right (空一字); 7.2.7 the red separator line below
 *  - 7.3.1 标题 2号小标宋, centred, below the red line; 7.3.2 主送机关 flush left, then the 正文 indented 2 characters
 *  - 7.3.5 成文日期 in Arabic numerals, right, 4 characters from the right edge; 7.3.7 附注 in brackets, indented 2
 *  - 7.4 版记: 抄送 and 印发机关/印发日期 (4号仿宋) between separator lines, at the foot of the last page
 *  - 7.5 页码 4号 “— 1 —”, odd pages right, even pages left
 * Pure: no I/O.
 */
import { chineseNumber } from '../base/numerals';
import { formatShanghai, shanghaiDate } from '../base/time';
import { lateText } from '../engine/obligations';
import type { Plan } from '../engine/schema';
import { FOREIGN_FIELD, FOREIGN_YES, reportKind, unitName, CORRECTIONS_FIELD } from './fields';
import { secrecyMark } from './validate';

export { chineseNumber };

export const PAGE = {
  widthMm: 210,
  heightMm: 297,
  marginTopMm: 37,
  marginBottomMm: 35,
  marginLeftMm: 28,
  marginRightMm: 26,
  /** GB/T 9704 5.2.3 */
  linesPerPage: 22,
  charsPerLine: 28,
  bodyPt: 16,
  titlePt: 22,
  recordPt: 14,
} as const;

/** Characters of 2号 (22 pt) a title line holds in the 156 mm 版心. */
export const TITLE_CELLS = Math.floor(((PAGE.widthMm - PAGE.marginLeftMm - PAGE.marginRightMm) * 72) / 25.4 / PAGE.titlePt);

/** The 附注 of a report of an exercise (issue 16 item 4). */
export const EXERCISE_NOTE = '演练：本报告为应急演练材料，不是正式报告';

export interface ReportForLayout {
  incidentId: string;
  incidentTitle: string;
  seq: number;
  kind: string;
  by: string;
  channel: string;
  recipients: string[];
  fields: Record<string, string>;
  classification?: { level: string; period: string } | undefined;
  /** When it was filed (UTC ISO). */
  filedAt: string;
  /** The report this one corrects: its log seq and when it was filed. */
  corrects?: { seq: number; filedAt: string; label: string } | undefined;
  /** Its place in the issuer's register of the year (1 for the first report the unit filed that Beijing year). */
  serial?: number | undefined;
  /** 签发人: the person who signed it off, as typed when filing (no accounts yet: issue 15). */
  issuedBy?: string | undefined;
  /** The incident is an exercise (演练): the title and the 附注 say so on every print, PDF and .docx. */
  exercise?: boolean | undefined;
  /** Its number among the reports of its kind, when the plan numbers them (续报二). */
  numberTitle?: string | undefined;
  /** Filed after its deadline (shared/engine/obligations.ts lateReports): printed as 超时报送 with how late. */
  late?: { dueAt: string; lateMs: number; written: boolean } | undefined;
  /** The log's head when the layout was made (issue 13: a paper copy can be checked against the log). */
  logHead?: { pos: number; hash: string; at: string } | undefined;
}

export interface LayoutParagraph {
  /** e.g. “一、事件名称：” drawn in 黑体; the text follows in 仿宋. */
  heading?: string;
  text: string;
  /** Indent the first line by 2 characters (正文); false for 主送机关. */
  indent: boolean;
}

export interface ReportLayout {
  secrecy: string | null;
  /** 发文机关标志 (red). */
  issuer: string;
  /** 发文字号 (GB/T 9704 7.2.5), e.g. 交疫苗指办〔2026〕3号. */
  docNumber: string;
  /** 上行文 (a report to a higher body): the 版头 carries 签发人 (7.2.6). */
  upward: boolean;
  /** 签发人 name on an upward report ('' when none was typed: left blank to be signed by hand); null otherwise. */
  issuedBy: string | null;
  /** The log reference (incident number and record number), printed as a 附注. */
  reference: string;
  /** 超时报送 and how late, for a report filed after its deadline (also the first 附注); null when on time. */
  late: string | null;
  title: string;
  /** The title in lines for the 版心 at 2号 (20 cells), broken between words only. */
  titleLines: string[];
  addressees: string;
  body: LayoutParagraph[];
  signer: string;
  /** 成文日期 “2026年11月24日”. */
  date: string;
  notes: string[];
  cc: string[];
  printer: string;
  printDate: string;
  /** “日志头：第1234条 9f86d081884c（2026-11-24 05:27）”, the first line of the 版记; null when not known. */
  logHead: string | null;
}

/** The Shanghai calendar date of an instant, “2026年11月24日” (GB/T 9704 7.3.5: Arabic numerals, no leading zeros). */
export function chineseDate(iso: string): string {
  const [y, m, d] = shanghaiDate(iso).split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** “2026年11月24日 03:05” in Asia/Shanghai. */
export function chineseDateTime(iso: string): string {
  return `${chineseDate(iso)} ${formatShanghai(iso).slice(11, 16)}`;
}

/** The county (e.g. 交城县) from the plan title “交城县疫苗质量安全事件应急预案”. */
function county(plan: Plan): string {
  return /^(.+?县)/u.exec(plan.title)?.[1] ?? '';
}

/** The full name of a reporting unit for the 版头: 县指挥部办公室 → 交城县疫苗质量安全事件应急指挥部办公室. */
export function issuerName(plan: Plan, unit: string): string {
  const c = county(plan);
  if (unit === 'office' || unit === 'hq') {
    const base = plan.title.replace(/应急预案$/u, '').replace(/突发事件$/u, '事件');
    return `${base}应急指挥部${unit === 'office' ? '办公室' : ''}`;
  }
  const name = unitName(plan, unit);
  return c && name.startsWith('县') ? `${c.slice(0, -1)}${name}` : name;
}

/**
 * [county's decision] 机关代字 of the 发文字号: the county's first character, the plan's short name and 指办 (the HQ
 * office) or 指 (the HQ), e.g. 交疫苗指办; another unit uses its own name without 县 (交卫生健康局). The office keeps one
 * register per plan and year. Change the codes here.
 */
const PLAN_CODES: Readonly<Record<string, string>> = { vaccine: '疫苗', drug: '药品', 'forest-fire': '森防', 'grassland-fire': '草防' };
export function issuerCode(plan: Plan, unit: string): string {
  const c = county(plan).slice(0, 1);
  const code = PLAN_CODES[plan.id] ?? '';
  if (unit === 'office') return `${c}${code}指办`;
  if (unit === 'hq') return `${c}${code}指`;
  return `${c}${unitName(plan, unit).replace(/^县/u, '')}`;
}

/** 发文字号 (GB/T 9704 7.2.5): 机关代字、年份、发文顺序号; the year in 六角括号 〔〕, no leading zeros, no 第. */
export function docNumber(plan: Plan, unit: string, filedAt: string, serial: number): string {
  const year = Number(shanghaiDate(filedAt).slice(0, 4));
  return `${issuerCode(plan, unit)}〔${year}〕${serial}号`;
}

/**
 * [decision] A report is 上行文 when it goes to a body above the one that files it: units ranked member / office 1,
 * HQ 2, government and party committee 3, bodies outside the county (市…) 4. The plans' reports (5.1: to 县政府 and
 * 市局) are upward; a note from the office to member units is not.
 */
const RANK: Readonly<Record<string, number>> = { member: 1, office: 1, other: 2, hq: 2, government: 3, party: 3, external: 4 };
export function isUpward(plan: Plan, by: string, recipients: readonly string[]): boolean {
  const rank = (id: string) => RANK[plan.units.find((u) => u.id === id)?.kind ?? 'member'] ?? 1;
  return recipients.some((r) => rank(r) > rank(by));
}

/** “超时报送：书面报告应于2026年11月23日 05:00前报送，2026年11月23日 06:27报送，迟报1小时27分钟” */
export function lateNote(late: NonNullable<ReportForLayout['late']>, filedAt: string): string {
  return `超时报送：${late.written ? '书面报告' : ''}应于${chineseDateTime(late.dueAt)}前报送，${chineseDateTime(filedAt)}报送，迟报${lateText(late.lateMs)}`;
}

/**
 * The log's head as printed (issue 13 item 2: "in every report, handover sheet and print, where a reader can compare
 * it"): the position of the newest event and the first 12 hex digits of its hash (48 bits: enough for a person to
 * compare by eye), and when. `ercon verify` names the event at that position; a log whose event there has another
 * hash, or that no longer reaches it, was cut or rewritten after the paper was printed.
 */
export function logHeadLine(h: NonNullable<ReportForLayout['logHead']>): string {
  return `日志头：第${h.pos}条 ${h.hash.slice(0, 12)}（${formatShanghai(h.at).slice(0, 16)}）`;
}

export function reportLayout(plan: Plan, r: ReportForLayout): ReportLayout {
  const def = reportKind(plan, r.kind, { correcting: !!r.corrects });
  const label = def?.label ?? r.kind;
  const body: LayoutParagraph[] = [];
  if (r.corrects) {
    body.push({
      text: `本报告更正${chineseDateTime(r.corrects.filedAt)}报送的${r.corrects.label}（记录号${r.corrects.seq}）。原报告保留不变，以本报告为准。`,
      indent: true,
    });
  }
  let n = 0;
  for (const f of def?.fields ?? []) {
    const v = r.fields[f.id];
    if (v === undefined) continue;
    if (f.id === FOREIGN_FIELD && r.kind === 'first') continue;
    n++;
    body.push({ heading: `${chineseNumber(n)}、${f.label}：`, text: v, indent: true });
  }
  // 疫苗预案 5.1: 涉外 → the office notifies 县委统战部; said in the report and copied to it.
  const foreign = r.kind === 'first' ? r.fields[FOREIGN_FIELD] : undefined;
  if (foreign !== undefined) {
    n++;
    body.push({ heading: `${chineseNumber(n)}、涉外情况：`, text: foreign === FOREIGN_YES ? '本事件涉及外宾、华侨或港澳同胞，本报告抄送县委统战部（5.1）。' : '本事件不涉及外宾、华侨、港澳同胞。', indent: true });
  }
  const channelLabel = plan.reportChannels.find((c) => c.id === r.channel)?.label ?? r.channel;
  const reference = `事件编号 ${r.incidentId}，记录号 ${r.seq}`;
  const late = r.late ? lateNote(r.late, r.filedAt) : null;
  const notes = [...(r.exercise ? [EXERCISE_NOTE] : []), ...(late ? [late] : []), `报送方式：${channelLabel}；${reference}`];
  const upward = isUpward(plan, r.by, r.recipients);
  const cc = ['hq'].filter((u) => u !== r.by && !r.recipients.includes(u) && plan.units.some((x) => x.id === u)).map((u) => unitName(plan, u));
  if (foreign === FOREIGN_YES && !r.recipients.includes('united-front')) cc.push(unitName(plan, 'united-front'));
  const event = r.fields.eventName || r.incidentTitle;
  const title = `${r.exercise ? '【演练】' : ''}关于${event}的${label}${r.numberTitle ? `（${r.numberTitle}）` : ''}${r.corrects ? '（更正）' : ''}`;
  return {
    secrecy: secrecyMark(r.classification),
    issuer: issuerName(plan, r.by),
    docNumber: docNumber(plan, r.by, r.filedAt, r.serial ?? r.seq),
    upward,
    issuedBy: upward ? (r.issuedBy?.trim() ?? '') : null,
    reference,
    late,
    title,
    titleLines: titleLines(title, TITLE_CELLS),
    addressees: `${r.recipients.map((u) => unitName(plan, u)).join('、')}：`,
    body,
    signer: issuerName(plan, r.by),
    date: chineseDate(r.filedAt),
    notes,
    cc,
    printer: issuerName(plan, r.by),
    printDate: `${chineseDate(r.filedAt)}印发`,
    logHead: r.logHead ? logHeadLine(r.logHead) : null,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The line grid (GB/T 9704 5.2.3: 28 characters × 22 lines)

/** Width of a character in grid cells: CJK and full-width forms 1, ASCII and other half-width 0.5. */
export function cellWidth(ch: string): number {
  const c = ch.codePointAt(0) ?? 0;
  if (c < 0x1100) return 0.5;
  if (c >= 0xff61 && c <= 0xffdc) return 0.5;
  return 1;
}

/** Characters that may not begin a line (标点禁则): they hang at the end of the previous line instead. */
const NO_LINE_START = new Set([...'，。、；：！？）》」』】〕’”…—,.;:!?)]}%']);
/** Characters that may not end a line. */
const NO_LINE_END = new Set([...'（《「『【〔‘“([{']);

export interface GridLine {
  text: string;
  /** Index in the paragraph's full text (heading + text) of the line's first character. */
  start: number;
  indent: number;
  /** The last line of its paragraph (not justified). */
  last: boolean;
}

/**
 * Break a paragraph into lines of `perLine` cells, the first indented `indent` cells. A punctuation mark that may not
 * begin a line stays on the line before it (one cell of overhang, as Chinese typesetting does); an opening bracket
 * never ends a line. Explicit newlines start a new (indented) line.
 */
export function breakLines(text: string, perLine: number = PAGE.charsPerLine, indent = 2): GridLine[] {
  const out: GridLine[] = [];
  const chars = [...text];
  let i = 0;
  let first = true;
  while (i < chars.length || first) {
    const ind = first ? indent : 0;
    const start = i;
    let width = ind;
    let line = '';
    while (i < chars.length) {
      const ch = chars[i]!;
      if (ch === '\n') break;
      const w = cellWidth(ch);
      if (width + w > perLine + 1e-9) {
        // 禁则: hang a closing mark; pull an opening mark down to the next line.
        if (NO_LINE_START.has(ch) && line.length) {
          line += ch;
          i++;
        } else if (line.length > 1 && NO_LINE_END.has(line.at(-1)!)) {
          line = line.slice(0, -1);
          i--;
        }
        break;
      }
      line += ch;
      width += w;
      i++;
    }
    const newline = chars[i] === '\n';
    if (newline) i++;
    const done = i >= chars.length;
    out.push({ text: line, start: charIndex(chars, start), indent: ind, last: done || newline });
    first = newline;
    if (done) break;
  }
  return out;
}

function charIndex(chars: string[], i: number): number {
  return chars.slice(0, i).join('').length;
}

/** Cells a text takes on the grid. */
export function textCells(text: string): number {
  return [...text].reduce((w, c) => w + cellWidth(c), 0);
}

/** Words of a Chinese text (ICU's dictionary segmentation through Intl.Segmenter), or its characters without it. */
function words(text: string): string[] {
  const Seg = (Intl as unknown as { Segmenter?: new (l: string, o: { granularity: 'word' }) => { segment(t: string): Iterable<{ segment: string }> } }).Segmenter;
  const parts = Seg ? [...new Seg('zh-CN', { granularity: 'word' }).segment(text)].map((x) => x.segment) : [...text];
  // a mark that may not begin a line stays with the word before it; an opening mark with the word after it
  const out: string[] = [];
  for (const p of parts) {
    const prev = out.at(-1);
    if (prev !== undefined && (NO_LINE_START.has([...p][0]!) || NO_LINE_END.has([...prev].at(-1)!))) out[out.length - 1] = prev + p;
    else out.push(p);
  }
  return out;
}

/**
 * A title in balanced lines that never break inside a word (GB/T 9704 7.3.1: 回行时要做到词意完整，排列对称): the fewest
 * lines of at most `maxCells` each, breaking at the word boundary that keeps the lines closest to equal. A word longer
 * than a line is broken by characters (nothing else can be done).
 */
export function titleLines(title: string, maxCells: number): string[] {
  const ws = words(title);
  if (ws.some((w) => textCells(w) > maxCells)) return breakLines(title, maxCells, 0).map((l) => l.text);
  const total = textCells(title);
  for (let n = Math.max(1, Math.ceil(total / maxCells)); n <= ws.length; n++) {
    const lines: string[] = [];
    let i = 0;
    for (let k = 0; k < n && i < ws.length; k++) {
      const rest = ws.slice(i).reduce((w, x) => w + textCells(x), 0);
      const target = rest / (n - k);
      let line = '';
      while (i < ws.length) {
        const next = line + ws[i]!;
        const over = textCells(next) > maxCells;
        // take the word when it brings the line closer to the target (or the line is still empty)
        if (over || (line && Math.abs(textCells(next) - target) > Math.abs(textCells(line) - target) && k < n - 1)) break;
        line = next;
        i++;
      }
      lines.push(line);
    }
    if (i >= ws.length) return lines;
  }
  return breakLines(title, maxCells, 0).map((l) => l.text);
}

/** Lines of the body of a layout on the grid: the addressees (no indent) then each paragraph. */
export function bodyLines(layout: ReportLayout, perLine: number = PAGE.charsPerLine): Array<GridLine & { headingChars: number }> {
  const lines: Array<GridLine & { headingChars: number }> = [];
  for (const l of breakLines(layout.addressees, perLine, 0)) lines.push({ ...l, headingChars: 0 });
  for (const p of layout.body) {
    const full = (p.heading ?? '') + p.text;
    const hl = (p.heading ?? '').length;
    for (const l of breakLines(full, perLine, p.indent ? 2 : 0)) lines.push({ ...l, headingChars: Math.max(0, Math.min(l.text.length, hl - l.start)) });
  }
  return lines;
}

export { CORRECTIONS_FIELD };
