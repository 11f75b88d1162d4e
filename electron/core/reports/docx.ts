/**
 * A filed report as .docx (the `docx` package), laid out in the manner of GB/T 9704-2012: A4, the 版心 margins, a
 * document grid of 22 lines × 28 characters, 仿宋 3号 body, red 发文机关标志 and separator, 小标宋-style 2号 title,
 * 版记 with 抄送 / 印发 between rules, page numbers “— 1 —” (odd right, even left). Word substitutes the fonts it has;
 * the font names asked for are the GB/T ones (仿宋_GB2312 / 方正小标宋简体 / 黑体) with the common Windows fallbacks.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  DocumentGridType,
  Footer,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  TextRun,
  type IRunOptions,
} from 'docx';
import { PAGE, type ReportLayout } from '../../../shared/reports/layout';

const TWIP_PER_MM = 1440 / 25.4;
const mm = (v: number) => Math.round(v * TWIP_PER_MM);
const CH_MM = PAGE.heightMm - PAGE.marginTopMm - PAGE.marginBottomMm;
/** Exact line pitch of the 22-line grid, in twips. */
const LINE = Math.round((CH_MM * TWIP_PER_MM) / PAGE.linesPerPage);
const RED = 'E60012';

const FANGSONG = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '仿宋_GB2312', cs: 'Times New Roman' };
const XIAOBIAOSONG = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '方正小标宋简体', cs: 'Times New Roman' };
const KAITI = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '楷体_GB2312', cs: 'Times New Roman' };
const HEITI = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '黑体', cs: 'Times New Roman' };

const half = (pt: number) => pt * 2;

function run(text: string, o: Partial<IRunOptions> = {}): TextRun {
  return new TextRun({ text, font: FANGSONG, size: half(PAGE.bodyPt), ...o });
}

function exact(lines = 1) {
  return { line: LINE * lines, lineRule: LineRuleType.EXACT, before: 0, after: 0 };
}

function pageNumberFooter(align: (typeof AlignmentType)[keyof typeof AlignmentType]): Footer {
  return new Footer({
    children: [
      new Paragraph({
        alignment: align,
        indent: align === AlignmentType.RIGHT ? { right: 280 } : { left: 280 },
        children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: FANGSONG, size: half(PAGE.recordPt) })],
      }),
    ],
  });
}

export async function renderDocx(layout: ReportLayout): Promise<Buffer> {
  const children: Paragraph[] = [];
  if (layout.secrecy) children.push(new Paragraph({ spacing: exact(), children: [run(layout.secrecy, { font: HEITI })] }));
  // 发文机关标志: 35 mm from the top of the 版心.
  children.push(
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: mm(35) - (layout.secrecy ? LINE : 0), after: 0, line: mm(16), lineRule: LineRuleType.EXACT },
      children: [new TextRun({ text: layout.issuer, font: XIAOBIAOSONG, size: half(28), color: RED, bold: true })],
    }),
  );
  // 7.2.5 发文字号 two lines below the 标志 (centred; on an upward report 7.2.6 flush left with 签发人 flush right,
  // both 空一字), then the red separator (a bottom border the width of the 版心).
  children.push(
    new Paragraph({
      alignment: layout.upward ? AlignmentType.LEFT : AlignmentType.CENTER,
      spacing: { before: 2 * LINE, after: mm(4), line: LINE, lineRule: LineRuleType.EXACT },
      border: { bottom: { style: BorderStyle.SINGLE, size: 12, color: RED, space: 4 } },
      indent: layout.upward ? { left: 320, right: 320 } : undefined,
      tabStops: layout.upward ? [{ type: 'right', position: mm(156) - 640 }] : undefined,
      children: layout.upward
        ? [run(layout.docNumber), run(`\t签发人：`), run(layout.issuedBy || '\u3000\u3000\u3000', { font: KAITI })]
        : [run(layout.docNumber)],
    }),
  );
  children.push(new Paragraph({ spacing: exact(), children: [] }));
  children.push(
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { line: Math.round(LINE * 1.2), lineRule: LineRuleType.EXACT, before: 0, after: LINE },
      // the title's lines broken between words (GB/T 9704 7.3.1), as in the PDF and the print view
      children: layout.titleLines.map((text, i) => new TextRun({ text, font: XIAOBIAOSONG, size: half(PAGE.titlePt), bold: true, ...(i ? { break: 1 } : {}) })),
    }),
  );
  children.push(new Paragraph({ spacing: exact(), children: [run(layout.addressees)] }));
  for (const p of layout.body) {
    const runs = [...(p.heading ? [run(p.heading, { font: HEITI })] : []), ...p.text.split('\n').flatMap((t, i) => (i ? [run('', { break: 1 }), run(t)] : [run(t)]))];
    children.push(new Paragraph({ spacing: exact(), alignment: AlignmentType.JUSTIFIED, indent: p.indent ? { firstLine: 640 } : undefined, children: runs }));
  }
  children.push(new Paragraph({ spacing: exact(), children: [] }));
  // 署名 and 成文日期: right, the date 4 characters from the right edge.
  children.push(new Paragraph({ spacing: exact(), alignment: AlignmentType.RIGHT, indent: { right: 4 * 320 }, children: [run(layout.signer)] }));
  children.push(new Paragraph({ spacing: exact(), alignment: AlignmentType.RIGHT, indent: { right: 4 * 320 }, children: [run(layout.date)] }));
  for (const n of layout.notes) children.push(new Paragraph({ spacing: exact(), indent: { firstLine: 640 }, children: [run(`（${n}）`)] }));
  // 版记: 抄送 / 印发机关 + 印发日期, 4号, between rules (thick above and below, thin between).
  children.push(new Paragraph({ spacing: exact(2), children: [] }));
  const recSize = half(PAGE.recordPt);
  // The log's head at printing (issue 13), the first line of the 版记.
  if (layout.logHead)
    children.push(
      new Paragraph({
        spacing: exact(),
        indent: { left: 280, right: 280 },
        border: { top: { style: BorderStyle.SINGLE, size: 8, color: '000000', space: 1 } },
        children: [new TextRun({ text: layout.logHead, font: FANGSONG, size: recSize })],
      }),
    );
  if (layout.cc.length)
    children.push(
      new Paragraph({
        spacing: exact(),
        indent: { left: 280, right: 280 },
        border: { top: { style: BorderStyle.SINGLE, size: layout.logHead ? 4 : 8, color: '000000', space: 1 } },
        children: [new TextRun({ text: `抄送：${layout.cc.join('，')}。`, font: FANGSONG, size: recSize })],
      }),
    );
  children.push(
    new Paragraph({
      spacing: exact(),
      indent: { left: 280, right: 280 },
      tabStops: [{ type: 'right', position: mm(156) - 560 }],
      border: {
        top: { style: BorderStyle.SINGLE, size: layout.cc.length || layout.logHead ? 4 : 8, color: '000000', space: 1 },
        bottom: { style: BorderStyle.SINGLE, size: 8, color: '000000', space: 1 },
      },
      children: [new TextRun({ text: layout.printer, font: FANGSONG, size: recSize }), new TextRun({ text: `\t${layout.printDate}`, font: FANGSONG, size: recSize })],
    }),
  );

  const doc = new Document({
    creator: layout.signer,
    title: layout.title,
    description: layout.reference,
    evenAndOddHeaderAndFooters: true,
    sections: [
      {
        properties: {
          page: {
            size: { width: mm(PAGE.widthMm), height: mm(PAGE.heightMm) },
            margin: { top: mm(PAGE.marginTopMm), bottom: mm(PAGE.marginBottomMm), left: mm(PAGE.marginLeftMm), right: mm(PAGE.marginRightMm), footer: mm(PAGE.marginBottomMm - 7 - 7) },
          },
          grid: { type: DocumentGridType.LINES_AND_CHARS, linePitch: LINE },
        },
        footers: { default: pageNumberFooter(AlignmentType.RIGHT), even: pageNumberFooter(AlignmentType.LEFT) },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
