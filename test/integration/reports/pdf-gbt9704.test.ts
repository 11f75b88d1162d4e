/**
 * The PDF read back (poppler: pdffonts, pdfinfo, pdftotext -bbox) against GB/T 9704-2012 (issue 12 item 8): A4; the
 * body in a 仿宋 face at 3号 (16 pt) on 22 lines of 28 characters inside margins of 37 / 35 / 28 / 26 mm; 发文字号
 * under the 版头 (not the incident number) and 签发人 on an upward report; 署名 glyphs in their cells, never squeezed;
 * no page holding only the 版记, whatever the length of the body.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { afterEach, describe, expect, it } from 'vitest';
import { findCjkFonts } from '../../../electron/core/reports/fonts';
import { renderPdf } from '../../../electron/core/reports/pdf';
import { vaccinePlan } from '../../../shared/plans';
import { reportLayout } from '../../../shared/reports/layout';
import { ROOT } from '../../helpers/tmp';
import { FIRST_FIELDS, reportedIncident, type Fixture } from './fixture';

const ctx = { actor: '值班员甲', transport: 'cli' as const };
const MM = 72 / 25.4;
const OUT = path.join(ROOT, 'test-output', 'pdf');
let f: Fixture | null = null;
afterEach(() => {
  f?.cleanup();
  f = null;
});

interface Word {
  page: number;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  text: string;
}

/** Every word poppler finds, with its box in points from the page's top-left, page by page. */
function words(pdf: string): Word[] {
  const html = execFileSync('pdftotext', ['-bbox', pdf, '-'], { encoding: 'utf8' });
  const out: Word[] = [];
  let page = 0;
  for (const line of html.split('\n')) {
    if (line.includes('<page ')) page++;
    const m = /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*)<\/word>/.exec(line);
    if (m) out.push({ page, x0: +m[1]!, y0: +m[2]!, x1: +m[3]!, y1: +m[4]!, text: m[5]! });
  }
  return out;
}

async function filedPdf(fx: Fixture, draft: Record<string, unknown>, name: string): Promise<string> {
  const r = await fx.core.invoke('reports.file', { incidentId: fx.incidentId, draft: draft as never }, ctx as never);
  const out = await fx.core.invoke('reports.render', { incidentId: fx.incidentId, seq: r.seq, format: 'pdf' }, ctx as never);
  fs.mkdirSync(OUT, { recursive: true });
  const file = path.join(OUT, `${name}.pdf`);
  fs.writeFileSync(file, Buffer.from(out.base64, 'base64'));
  return file;
}

const LEFT = 28 * MM;
const RIGHT = (210 - 26) * MM;
const TOP = 37 * MM;
const BOTTOM = (297 - 35) * MM;
const LINE = (225 * MM) / 22;
const CELL = (156 * MM) / 28;
const near = (a: number, b: number, tol = 0.6) => Math.abs(a - b) <= tol;

/** Words of the 版心 (everything but the page numbers, which GB/T 9704 7.5 puts 7 mm below it). */
const inBlock = (ws: Word[]) => ws.filter((w) => !/^(—|\d+)$/.test(w.text) || w.y0 < BOTTOM);

describe('PDF after GB/T 9704-2012, read back with poppler', () => {
  it('A4, a 仿宋 body face embedded, every word inside the 37/35/28/26 mm margins, 3号 on a 22 × 28 grid', async () => {
    f = reportedIncident();
    // (long enough that page 2 holds nothing but body lines, whatever the length of the 涉外 sentence after it)
    const long = '接种同批次疫苗的儿童共计一百二十名，其中四名儿童于接种后两小时内出现高热皮疹和呼吸急促等相似症状，均已送县人民医院救治，其余儿童由乡镇卫生院医务人员逐户随访观察，暂未发现新增病例'.repeat(3) + '。另有两名儿童体温略高于正常，已由家长带回家中观察并每日电话随访报告情况';
    const pdf = await filedPdf(f, { kind: 'first', channel: 'fax', fields: { ...FIRST_FIELDS, scopeAndNumbers: long }, issuedBy: '王某某' }, 'grid');
    expect(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' })).toMatch(/Page size:\s+595\.28 x 841\.89 pts \(A4\)/);
    const fonts = execFileSync('pdffonts', [pdf], { encoding: 'utf8' });
    const fang = fonts.split('\n').find((l) => /Fang/i.test(l));
    expect(fang, fonts).toBeDefined();
    expect(fang).toMatch(/\byes\s+yes\s+yes\b/); // embedded, subset, ToUnicode
    // 疫苗预案 5.1 in the plan's own words (外宾、华侨、港澳同胞), not 外籍人员…港澳台人员.
    const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    expect(text).toContain('涉外情况：本事件不涉及外宾、华侨、港澳同胞。');
    expect(text).not.toMatch(/外籍人员|港澳台/);
    const ws = words(pdf);
    for (const w of inBlock(ws)) {
      expect(w.x0, w.text).toBeGreaterThanOrEqual(LEFT - 0.5);
      expect(w.x1, w.text).toBeLessThanOrEqual(RIGHT + 0.5);
      expect(w.y0, w.text).toBeGreaterThanOrEqual(TOP - 0.5);
      expect(w.y1, w.text).toBeLessThanOrEqual(BOTTOM + 0.5);
    }
    // The long paragraph's full lines (no indent, not its last): 28 characters of 3号 (16 pt boxes) from margin to margin.
    const full = ws.filter((w) => near(w.x0, LEFT) && near(w.x1, RIGHT) && /^[\u4e00-\u9fff，。、]+$/.test(w.text));
    expect(full.length).toBeGreaterThanOrEqual(4);
    for (const w of full) {
      expect([...w.text]).toHaveLength(28);
      expect(w.y1 - w.y0).toBeCloseTo(16, 1);
    }
    // 22 lines a page: page 2 is all body; its words fall on grid lines 1…22 of the 版心, each line filled, and the
    // 仿宋 words of every line sit at the same offset in their line (one pitch of 225 mm / 22 from line to line).
    const p2 = ws.filter((w) => w.page === 2 && w.y0 < BOTTOM);
    const rowOf = (w: Word) => Math.floor(((w.y0 + w.y1) / 2 - TOP) / LINE) + 1;
    expect([...new Set(p2.map(rowOf))].sort((a, b) => a - b)).toEqual(Array.from({ length: 22 }, (_, i) => i + 1));
    const offsets = p2.filter((w) => near(w.y1 - w.y0, 16, 0.3)).map((w) => (w.y1 - TOP) / LINE - rowOf(w));
    expect(Math.max(...offsets) - Math.min(...offsets)).toBeLessThan(0.01);
  });

  it('a character outside GB 2312 (堃) is drawn from the fallback face, not lost', async () => {
    f = reportedIncident();
    const pdf = await filedPdf(f, { kind: 'first', channel: 'fax', fields: { ...FIRST_FIELDS, contact: '张堃 0358-1234567' } }, 'fallback');
    const fonts = findCjkFonts();
    const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' });
    expect(text).toContain('张堃');
    if (fonts.body.family === 'FandolFang' && fonts.fallback) expect(execFileSync('pdffonts', [pdf], { encoding: 'utf8' })).toContain(fonts.fallback.postscript ?? fonts.fallback.family);
  });

  it('发文字号 under the 版头 and 签发人 on an upward report; the incident number is only a 附注', async () => {
    f = reportedIncident();
    const pdf = await filedPdf(f, { kind: 'first', channel: 'fax', fields: FIRST_FIELDS, issuedBy: '王某某' }, 'upward');
    const ws = words(pdf).filter((w) => w.page === 1);
    const issuer = ws.find((w) => w.text === '交城县疫苗质量安全事件应急指挥部办公室')!;
    const no = ws.find((w) => /^交疫苗指办〔2026〕\d+号$/.test(w.text));
    const signer = ws.find((w) => w.text === '签发人：王某某');
    const title = ws.find((w) => w.text.startsWith('关于'))!;
    expect(no, ws.map((w) => w.text).join('|')).toBeDefined();
    expect(signer).toBeDefined();
    // on one line between the 标志 and the title: the number 空一字 from the left, 签发人 空一字 from the right
    expect(no!.y0).toBeGreaterThan(issuer.y1);
    expect(no!.y1).toBeLessThan(title.y0);
    expect(near(no!.y1, signer!.y1)).toBe(true);
    expect(near(no!.x0, LEFT + CELL)).toBe(true);
    expect(near(signer!.x1, RIGHT - CELL)).toBe(true);
    // the incident number no longer stands in the 发文字号's place
    const inc = f.incidentId;
    expect(ws.filter((w) => w.text.includes(inc) && w.y0 < title.y0)).toEqual([]);
    expect(execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, '')).toContain(`事件编号${inc}`);
  });

  it('numbers the register per unit and year; a report to member units only has no 签发人 and a centred number', async () => {
    f = reportedIncident();
    await filedPdf(f, { kind: 'first', channel: 'fax', fields: FIRST_FIELDS }, 'n1');
    const pdf = await filedPdf(f, { kind: 'first', channel: 'fax', fields: { ...FIRST_FIELDS, corrections: '人数更正' }, corrects: 2, recipients: ['health', 'amr'] }, 'sideways');
    const ws = words(pdf).filter((w) => w.page === 1);
    const no = ws.find((w) => w.text === '交疫苗指办〔2026〕2号');
    expect(no, ws.map((w) => w.text).join('|')).toBeDefined();
    expect(near((no!.x0 + no!.x1) / 2, (LEFT + RIGHT) / 2, 1)).toBe(true);
    expect(ws.some((w) => w.text.startsWith('签发人'))).toBe(false);
  });

  it('署名 glyphs keep their cells: the 19-character HQ office name is not squeezed over the date', async () => {
    f = reportedIncident();
    const pdf = await filedPdf(f, { kind: 'first', channel: 'fax', fields: FIRST_FIELDS }, 'signature');
    const ws = words(pdf);
    const sig = ws.filter((w) => w.text === '交城县疫苗质量安全事件应急指挥部办公室' && w.y0 > TOP + 5 * LINE && near(w.y1 - w.y0, 16, 0.3));
    expect(sig).toHaveLength(1);
    const s = sig[0]!;
    expect((s.x1 - s.x0) / 19).toBeGreaterThan(CELL - 0.3);
    expect(s.x1).toBeLessThanOrEqual(RIGHT + 0.5);
    const date = ws.find((w) => w.page === s.page && /^2026年11月24日$/.test(w.text) && w.y0 > s.y0)!;
    // longer than the date: the date 2 characters in, the 署名 flush with it (7.3.5.2)
    expect(near(date.x1, RIGHT - 2 * CELL)).toBe(true);
    expect(near(s.x1, date.x1)).toBe(true);
  });
});

describe('the .docx carries the same 版头 and title lines', () => {
  it('发文字号 with 签发人 (楷体 asked), the title in its word-whole lines', async () => {
    f = reportedIncident();
    const r = await f.core.invoke('reports.file', { incidentId: f.incidentId, draft: { kind: 'first', channel: 'fax', fields: FIRST_FIELDS, issuedBy: '王某某' } as never }, ctx as never);
    const out = await f.core.invoke('reports.render', { incidentId: f.incidentId, seq: r.seq, format: 'docx' }, ctx as never);
    const xml = await (await JSZip.loadAsync(Buffer.from(out.base64, 'base64'))).file('word/document.xml')!.async('string');
    expect(xml).toContain('交疫苗指办〔2026〕1号');
    expect(xml).toMatch(/签发人：[\s\S]*楷体_GB2312[\s\S]*王某某/);
    expect(xml).toMatch(/关于某乡镇卫生院接种点疑似疫苗<\/w:t>[\s\S]*?<w:br\/>[\s\S]*?群体不良反应事件的首次报告/);
    expect(xml).not.toContain(`事件编号 ${f.incidentId}\u3000`);
  });
});

describe('no page holds only the 版记 (7.4), wherever the body ends', () => {
  it('for bodies ending on each of the 22 lines, the last page carries body text, the 署名 and the date with the 版记', async () => {
    const plan = vaccinePlan;
    const fonts = findCjkFonts();
    const lonely: number[] = [];
    for (let k = 0; k <= 22; k++) {
      const layout = reportLayout(plan, {
        incidentId: '20261124-001',
        incidentTitle: '接种点疑似群体不良反应',
        seq: 2,
        kind: 'first',
        by: 'office',
        channel: 'fax',
        recipients: ['county-gov'],
        fields: { ...FIRST_FIELDS, helpNeeded: `请求市局协调应急抽检${'并'.repeat(28 * k)}` },
        filedAt: '2026-11-23T19:30:00.000Z',
        serial: 1,
      });
      const file = path.join(OUT, `sweep-${k}.pdf`);
      fs.mkdirSync(OUT, { recursive: true });
      fs.writeFileSync(file, await renderPdf(layout, { fonts }));
      const ws = words(file);
      const last = Math.max(...ws.map((w) => w.page));
      const onLast = ws.filter((w) => w.page === last && w.y0 < BOTTOM);
      const body16 = onLast.filter((w) => near(w.y1 - w.y0, 16, 0.3));
      const hasDate = onLast.some((w) => w.text === '2026年11月24日');
      const hasRecord = onLast.some((w) => w.text.endsWith('印发'));
      if (!(hasDate && hasRecord && body16.length >= 3)) lonely.push(k);
    }
    expect(lonely).toEqual([]);
  });
});
