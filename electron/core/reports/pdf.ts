/**
 * A filed report as PDF, laid out in the manner of GB/T 9704-2012 (see shared/reports/layout.ts for the figures).
 * pdfkit draws; fontkit (inside pdfkit) reads the CJK fonts (fonts.ts: a 仿宋 body, the system's or the one shipped
 * in assets/fonts), a .ttc collection by PostScript name, and embeds a subset, so the text is extractable (ToUnicode)
 * and prints on any machine. A character the 仿宋 face lacks is drawn from the fallback face. Every line sits on the
 * 22 × 28 grid computed by the pure layout (breakLines), so the page breaks are ours, not pdfkit's: the last body
 * lines, the 署名, the 成文日期 and the 附注 go to the next page together with the 版记 when it does not fit, so no
 * page holds the 版记 alone.
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
type FontId = 'body' | 'title' | 'heading' | 'fallback' | 'kai';

/** pdfkit keeps the fontkit font of the current face here; used only to ask whether it has a glyph. */
interface WithFontkit {
  _font?: { font?: { hasGlyphForCodePoint?(cp: number): boolean } };
}
const glyphCache = new Map<string, boolean>();
/** Whether face `id` has a glyph for `ch` (true when it cannot be asked). */
function hasGlyph(doc: Doc, id: FontId, ch: string): boolean {
  const key = `${id}:${ch}`;
  let v = glyphCache.get(key);
  if (v === undefined) {
    doc.font(id);
    const f = (doc as unknown as WithFontkit)._font?.font;
    v = f?.hasGlyphForCodePoint ? f.hasGlyphForCodePoint(ch.codePointAt(0) ?? 0) : true;
    glyphCache.set(key, v);
  }
  return v;
}

let fallbackOn = false;
let kaiOn = false;
/** Split runs so each character the body face lacks is drawn from the fallback face (same size, same cell). */
function withFallback(doc: Doc, runs: Run[]): Run[] {
  if (!fallbackOn) return runs;
  const out: Run[] = [];
  for (const r of runs) {
    if (r.font !== 'body') {
      out.push(r);
      continue;
    }
    for (const ch of r.text) {
      const font: FontId = /\s/u.test(ch) || hasGlyph(doc, 'body', ch) ? 'body' : 'fallback';
      const last = out.at(-1);
      if (last && last.font === font) last.text += ch;
      else out.push({ text: ch, font });
    }
  }
  return out;
}

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
function drawRuns(doc: Doc, input: Run[], x: number, baseline: number, size: number, target: number | null, color = 'black'): void {
  const runs = withFallback(doc, input);
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

/**
 * 署名 and 成文日期 (7.3.5.2, no seal): the date 4 characters from the right edge, the 署名 centred on it; a 署名 longer
 * than the date puts the date 2 characters in and the 署名 flush with it (its right space grows as needed), broken
 * over lines when longer than the line. Glyphs keep their cell: never squeezed to fit.
 */
function signatureRows(doc: Doc, layout: ReportLayout): Array<(r: number) => void> {
  const dateCells = cells(layout.date);
  const signer = breakLines(layout.signer, PAGE.charsPerLine - 2, 0).map((l) => l.text);
  const widest = Math.max(...signer.map(cells));
  const rightSpace = widest > dateCells ? 2 : 4;
  const dateX = LEFT + CW - rightSpace * CELL - dateCells * CELL;
  const rows = signer.map((text) => (r: number) => {
    const w = cells(text);
    const x = widest > dateCells ? LEFT + CW - rightSpace * CELL - w * CELL : dateX + ((dateCells - w) * CELL) / 2;
    drawRuns(doc, [{ text, font: 'body' }], x, baselineOf(r, PAGE.bodyPt), PAGE.bodyPt, w * CELL);
  });
  rows.push((r: number) => drawRuns(doc, [{ text: layout.date, font: 'body' }], dateX, baselineOf(r, PAGE.bodyPt), PAGE.bodyPt, dateCells * CELL));
  return rows;
}

/** Lines (14 pt) the 版记 takes at the foot of the last page, in grid lines. */
function recordBlock(layout: ReportLayout): { lines: Array<{ left: string; right?: string; sepAbove: 'thick' | 'thin' }>; rows: number } {
  const lines: Array<{ left: string; right?: string; sepAbove: 'thick' | 'thin' }> = [];
  // The log's head at printing (issue 13), first, so the 印发 line stays the last line of the 版记 (7.4).
  if (layout.logHead) lines.push({ left: layout.logHead, sepAbove: 'thick' });
  if (layout.cc.length) lines.push({ left: `抄送：${layout.cc.join('，')}。`, sepAbove: lines.length ? 'thin' : 'thick' });
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
  glyphCache.clear();
  fallbackOn = !!fonts.fallback;
  kaiOn = !!fonts.kai;
  for (const id of ['body', 'title', 'heading', 'fallback', 'kai'] as const) {
    const f = id === 'fallback' ? fonts.fallback : id === 'kai' ? fonts.kai : fonts[id];
    if (!f) continue;
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
  // 7.2.5: 发文字号 two lines below the 标志, centred, 3号仿宋; 7.2.6 on an upward report flush left (空一字) with
  // 签发人 flush right (空一字): "签发人" in 仿宋, a full-width colon, the name (楷体 asked; the body face here).
  const refBaseline = issuerBaseline + (1 - EM_ASCENT) * issuerSize + 2 * LINE;
  if (layout.upward) {
    drawRuns(doc, [{ text: layout.docNumber, font: 'body' }], LEFT + CELL, refBaseline, PAGE.bodyPt, null);
    const name = layout.issuedBy || '\u3000\u3000\u3000';
    const sign = `签发人：${name}`;
    drawRuns(doc, [{ text: '签发人：', font: 'body' }, { text: name, font: kaiOn ? 'kai' : 'body' }], LEFT + CW - CELL - cells(sign) * CELL, refBaseline, PAGE.bodyPt, cells(sign) * CELL);
  } else {
    drawCentered(doc, layout.docNumber, 'body', PAGE.bodyPt, refBaseline);
  }
  // 7.2.7: the red separator 4 mm below it, as wide as the 版心.
  const redY = refBaseline + (1 - EM_ASCENT) * PAGE.bodyPt + 4 * MM;
  rule(doc, redY, 1.0, RED);

  // ---- 主体 -------------------------------------------------------------------------------------------------------
  // 7.3.1: 标题 below the red line (one blank grid line), 2号 bold serif, centred, in as many lines as it needs.
  let row = Math.ceil((redY - TOP) / LINE) + 1;
  // 回行 in balanced lines broken between words only (7.3.1 词意完整), the same lines as the print view.
  for (const tl of layout.titleLines) {
    drawCentered(doc, tl, 'title', PAGE.titlePt, baselineOf(row, PAGE.titlePt));
    row++;
  }
  row++; // 标题下空一行

  // Rows after the title, each drawn on its grid line; null = a blank line.
  type Row = ((r: number) => void) | null;
  const bodyRows: Row[] = bodyLines(layout).map((l) => (r: number) => drawBodyLine(doc, l, r));
  const tail: Row[] = [null, ...signatureRows(doc, layout)];
  for (const note of layout.notes) for (const l of breakLines(`（${note}）`, PAGE.charsPerLine, 2)) tail.push((r: number) => drawBodyLine(doc, { ...l, headingChars: 0 }, r));
  const rec = recordBlock(layout);
  const recLine = PAGE.recordPt * 2;
  const recHeight = rec.rows * recLine;
  const recRows = Math.ceil(recHeight / LINE - 0.05);
  // The last body lines (up to 2), the 署名 block and the 附注 stay with the 版记 (7.4) on the last page.
  const keep = Math.min(2, bodyRows.length);
  const head = bodyRows.slice(0, bodyRows.length - keep);
  const group = [...bodyRows.slice(bodyRows.length - keep), ...tail];
  const place = (r: Row) => {
    if (row >= PAGE.linesPerPage) {
      newPage();
      row = 0;
    }
    r?.(row);
    row++;
  };
  head.forEach(place);
  if (row + group.length + recRows > PAGE.linesPerPage && row > 0) {
    newPage();
    row = 0;
  }
  group.forEach(place);

  // ---- 版记 (7.4): at the foot of the last page, between thick lines -----------------------------------------
  const recTop = TOP + CH - recHeight;
  if (row > PAGE.linesPerPage - recRows) {
    // a 署名 block longer than a page: the 版记 follows on its own page (never happens with the plans' reports)
    newPage();
    row = 0;
  }
  rec.lines.forEach((l, i) => {
    const y = recTop + i * recLine;
    rule(doc, y, l.sepAbove === 'thick' ? 1 : 0.7);
    const base = y + (recLine - PAGE.recordPt) / 2 + EM_ASCENT * PAGE.recordPt;
    drawRuns(doc, [{ text: l.left, font: 'body' }], LEFT + PAGE.recordPt, base, PAGE.recordPt, null);
    if (l.right) {
      useFont(doc, 'body', PAGE.recordPt);
      const w = doc.widthOfString(l.right);
      drawRuns(doc, [{ text: l.right, font: 'body' }], LEFT + CW - PAGE.recordPt - w, base, PAGE.recordPt, null);
    }
  });
  rule(doc, recTop + recHeight, 1);

  doc.end();
  return done;
}
