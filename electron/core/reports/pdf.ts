/**
 * A filed report as PDF, laid out in the manner of GB/T 9704-2012 (see shared/reports/layout.ts for the figures).
 * pdfkit draws; fontkit (inside pdfkit) reads the system CJK font, a .ttc collection by PostScript name, and embeds
 * a subset, so the text is extractable (ToUnicode) and prints on any machine. Every line sits on the 22 × 28 grid
 * computed by the pure layout (breakLines), so the page breaks are ours, not pdfkit's.
 */
import PDFDocument from 'pdfkit';
import { PAGE, bodyLines, breakLines, cellWidth, type GridLine, type ReportLayout } from '../../../shared/reports/layout';
import { findCjkFonts, fontBytes, type CjkFonts } from './fonts';

const MM = 72 / 25.4;
const RED = '#E60012';
const W = PAGE.widthMm * MM;
const H = PAGE.heightMm * MM;
const LEFT = PAGE.marginLeftMm * MM;
const TOP = PAGE.marginTopMm * MM;
const CW = (PAGE.widthMm - PAGE.marginLeftMm - PAGE.marginRightMm) * MM; // 156 mm
const CH = (PAGE.heightMm - PAGE.marginTopMm - PAGE.marginBottomMm) * MM; // 225 mm
const LINE = CH / PAGE.linesPerPage;
const CELL = CW / PAGE.charsPerLine;
/** The em box of a CJK face sits 0.88 em above the baseline (Noto CJK / SimSun typo ascender). */
const EM_ASCENT = 0.88;

type Doc = PDFKit.PDFDocument;
type FontId = 'body' | 'title' | 'heading';

function useFont(doc: Doc, id: FontId, size: number): void {
  doc.font(id).fontSize(size);
}

/** Baseline of a text of `size` centred in grid line `i` (0-based) of the 版心. */
function baselineOf(i: number, size: number): number {
  return TOP + i * LINE + (LINE - size) / 2 + EM_ASCENT * size;
}

interface Run {
  text: string;
  font: FontId;
}

/** Draw runs at x, stretched (or not) to `target` width, on a baseline. */
function drawRuns(doc: Doc, runs: Run[], x: number, baseline: number, size: number, target: number | null, color = 'black'): void {
  const chars = runs.reduce((n, r) => n + [...r.text].length, 0);
  if (!chars) return;
  const natural = runs.reduce((w, r) => {
    useFont(doc, r.font, size);
    return w + doc.widthOfString(r.text);
  }, 0);
  const spacing = target === null ? 0 : (target - natural) / Math.max(1, chars - (chars > 1 ? 1 : 0));
  let cx = x;
  doc.fillColor(color);
  for (const r of runs) {
    if (!r.text) continue;
    useFont(doc, r.font, size);
    const n = [...r.text].length;
    doc.text(r.text, cx, baseline, { lineBreak: false, baseline: 'alphabetic', characterSpacing: spacing });
    cx += doc.widthOfString(r.text) + spacing * n;
  }
}

function cells(text: string): number {
  return [...text].reduce((w, c) => w + cellWidth(c), 0);
}

/** Draw one grid line of the body: indent, heading run in 黑体, rest in 仿宋, justified unless last. */
function drawBodyLine(doc: Doc, l: GridLine & { headingChars: number }, row: number): void {
  const chars = [...l.text];
  const runs: Run[] = [
    { text: chars.slice(0, l.headingChars).join(''), font: 'heading' },
    { text: chars.slice(l.headingChars).join(''), font: 'body' },
  ];
  const x = LEFT + l.indent * CELL;
  const own = cells(l.text) * CELL;
  const avail = (PAGE.charsPerLine - l.indent) * CELL;
  drawRuns(doc, runs, x, baselineOf(row, PAGE.bodyPt), PAGE.bodyPt, l.last ? own : Math.max(own, avail));
}

function drawCentered(doc: Doc, text: string, font: FontId, size: number, baseline: number, color = 'black', maxWidth = CW): void {
  useFont(doc, font, size);
  let s = size;
  while (doc.widthOfString(text) > maxWidth && s > 8) {
    s -= 0.5;
    useFont(doc, font, s);
  }
  const w = doc.widthOfString(text);
  doc.fillColor(color).text(text, LEFT + (CW - w) / 2, baseline, { lineBreak: false, baseline: 'alphabetic' });
}

function pageNumber(doc: Doc, n: number): void {
  // GB/T 9704 7.5: 4号 半角阿拉伯数字, 一字线 on either side, 版心下边缘之下 7 mm; odd pages right, even pages left (空一字).
  const size = PAGE.recordPt;
  useFont(doc, 'body', size);
  const text = `— ${n} —`;
  const w = doc.widthOfString(text);
  const baseline = TOP + CH + 7 * MM + EM_ASCENT * size;
  const x = n % 2 === 1 ? LEFT + CW - size - w : LEFT + size;
  doc.fillColor('black').text(text, x, baseline, { lineBreak: false, baseline: 'alphabetic' });
}

function rule(doc: Doc, y: number, width: number, color = 'black'): void {
  doc.save().lineWidth(width).strokeColor(color).moveTo(LEFT, y).lineTo(LEFT + CW, y).stroke().restore();
}

/** Lines (14 pt) the 版记 takes at the foot of the last page, in grid lines. */
function recordBlock(layout: ReportLayout): { lines: Array<{ left: string; right?: string; sepAbove: 'thick' | 'thin' }>; rows: number } {
  const lines: Array<{ left: string; right?: string; sepAbove: 'thick' | 'thin' }> = [];
  if (layout.cc.length) lines.push({ left: `抄送：${layout.cc.join('，')}。`, sepAbove: 'thick' });
  lines.push({ left: layout.printer, right: layout.printDate, sepAbove: lines.length ? 'thin' : 'thick' });
  return { lines, rows: lines.length };
}

export interface PdfOptions {
  fonts?: CjkFonts;
  /** Document info. */
  author?: string;
}

export async function renderPdf(layout: ReportLayout, opts: PdfOptions = {}): Promise<Buffer> {
  const fonts = opts.fonts ?? findCjkFonts();
  const doc = new PDFDocument({ size: 'A4', margin: 0, autoFirstPage: false, info: { Title: layout.title, Author: opts.author ?? layout.signer, Subject: layout.reference } });
  for (const id of ['body', 'title', 'heading'] as const) {
    const f = fonts[id];
    // pdfkit/fontkit: a collection (.ttc) is opened by the PostScript name of the face.
    if (f.postscript) doc.registerFont(id, fontBytes(f), f.postscript);
    else doc.registerFont(id, fontBytes(f));
  }
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  let page = 0;
  const newPage = () => {
    doc.addPage({ size: 'A4', margin: 0 });
    page++;
    pageNumber(doc, page);
  };
  newPage();
  void W;
  void H;

  // ---- 版头 -------------------------------------------------------------------------------------------------------
  if (layout.secrecy) {
    // 7.2.2: 密级和保密期限, 3号黑体, top-left (no 份号 line: the console prints no numbered copies).
    useFont(doc, 'heading', PAGE.bodyPt);
    doc.fillColor('black').text(layout.secrecy, LEFT, baselineOf(0, PAGE.bodyPt), { lineBreak: false, baseline: 'alphabetic' });
  }
  // 7.2.4: 发文机关标志 — red, centred, its top 35 mm below the 版心's top edge.
  const issuerSize = 30;
  const issuerBaseline = TOP + 35 * MM + EM_ASCENT * issuerSize;
  drawCentered(doc, layout.issuer, 'title', issuerSize, issuerBaseline, RED);
  // 7.2.5 (in place of the 发文字号): the log reference, one line below the 标志, centred, 3号仿宋.
  const refBaseline = issuerBaseline + (1 - EM_ASCENT) * issuerSize + LINE;
  drawCentered(doc, layout.reference, 'body', PAGE.bodyPt, refBaseline);
  // 7.2.7: the red separator 4 mm below it, as wide as the 版心.
  const redY = refBaseline + (1 - EM_ASCENT) * PAGE.bodyPt + 4 * MM;
  rule(doc, redY, 1.0, RED);

  // ---- 主体 -------------------------------------------------------------------------------------------------------
  // 7.3.1: 标题 below the red line (one blank grid line), 2号 bold serif, centred, in as many lines as it needs.
  let row = Math.ceil((redY - TOP) / LINE) + 1;
  // 回行 in balanced lines (a long title as a pyramid/rectangle, GB/T 9704 7.3.1), not a full line and a stub.
  const titleMax = Math.floor(CW / PAGE.titlePt);
  const titleCells = [...layout.title].reduce((w, c) => w + cellWidth(c), 0);
  const titlePerLine = Math.ceil(titleCells / Math.ceil(titleCells / titleMax));
  for (const tl of breakLines(layout.title, titlePerLine, 0)) {
    drawCentered(doc, tl.text, 'title', PAGE.titlePt, baselineOf(row, PAGE.titlePt));
    row++;
  }
  row++; // 标题下空一行
  const next = () => {
    row++;
    if (row >= PAGE.linesPerPage) {
      newPage();
      row = 0;
    }
  };
  for (const l of bodyLines(layout)) {
    drawBodyLine(doc, l, row);
    next();
  }
  // 7.3.5: 署名 and 成文日期 — one blank line below the 正文; the date right, 4 characters in; the 署名 centred on it.
  next();
  // 署名 and 成文日期 stay together on one page.
  if (row > PAGE.linesPerPage - 2) {
    newPage();
    row = 0;
  }
  const dateCells = cells(layout.date);
  const dateX = LEFT + CW - 4 * CELL - dateCells * CELL;
  const signerCells = cells(layout.signer);
  const signerX = Math.max(LEFT, dateX + ((dateCells - signerCells) * CELL) / 2);
  drawRuns(doc, [{ text: layout.signer, font: 'body' }], signerX, baselineOf(row, PAGE.bodyPt), PAGE.bodyPt, Math.min(signerCells * CELL, LEFT + CW - signerX));
  next();
  drawRuns(doc, [{ text: layout.date, font: 'body' }], dateX, baselineOf(row, PAGE.bodyPt), PAGE.bodyPt, dateCells * CELL);
  next();
  // 7.3.7: 附注, in brackets, 2 characters in, below the date.
  for (const note of layout.notes)
    for (const l of breakLines(`（${note}）`, PAGE.charsPerLine, 2)) {
      drawBodyLine(doc, { ...l, headingChars: 0 }, row);
      next();
    }

  // ---- 版记 (7.4): at the foot of the last page, between thick lines; a new page when it does not fit ----------
  const rec = recordBlock(layout);
  const recLine = PAGE.recordPt * 2;
  const recHeight = rec.rows * recLine;
  const recTop = TOP + CH - recHeight;
  if (row > PAGE.linesPerPage - Math.ceil(recHeight / LINE - 0.05)) {
    newPage();
    row = 0;
  }
  rec.lines.forEach((l, i) => {
    const y = recTop + i * recLine;
    rule(doc, y, l.sepAbove === 'thick' ? 1 : 0.7);
    const base = y + (recLine - PAGE.recordPt) / 2 + EM_ASCENT * PAGE.recordPt;
    useFont(doc, 'body', PAGE.recordPt);
    doc.fillColor('black').text(l.left, LEFT + PAGE.recordPt, base, { lineBreak: false, baseline: 'alphabetic' });
    if (l.right) {
      const w = doc.widthOfString(l.right);
      doc.text(l.right, LEFT + CW - PAGE.recordPt - w, base, { lineBreak: false, baseline: 'alphabetic' });
    }
  });
  rule(doc, recTop + recHeight, 1);

  doc.end();
  return done;
}
