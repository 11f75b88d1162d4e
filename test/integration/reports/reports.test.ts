import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError, commands } from '../../../shared/api';
import { logFor } from '../../../electron/core/log';
import { ROOT } from '../../helpers/tmp';
import { FIRST_FIELDS, RECEIVED_AT, reportedIncident, type Fixture } from './fixture';

const ctx = { actor: '值班员甲', transport: 'cli' as const };
let f: Fixture | null = null;
afterEach(() => {
  f?.cleanup();
  f = null;
});

async function refusal(p: Promise<unknown>): Promise<AppError['body']> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e.body;
    throw e;
  }
  throw new Error('expected a refusal');
}

function file(fx: Fixture, draft: Record<string, unknown>, occurredAt?: string) {
  return fx.core.invoke('reports.file', { incidentId: fx.incidentId, draft: draft as never, ...(occurredAt ? { occurredAt } : {}) }, ctx as never);
}

describe('filing reports through the log', () => {
  it('a first report is one report-filed event in the hash chain; the view lists it with its due time', async () => {
    f = reportedIncident();
    const r = await file(f, { kind: 'first', channel: 'fax', fields: FIRST_FIELDS });
    const events = logFor(f.core.services.db, f.clock).eventsOf(f.incidentId);
    const ev = events.find((e) => e.seq === r.seq)!;
    expect(ev.type).toBe('report-filed');
    expect((ev.payload as { fields: Record<string, string> }).fields.eventName).toBe(FIRST_FIELDS.eventName);
    expect(ev.prevHash).toBe(events.find((e) => e.seq === r.seq - 1)!.hash);
    const v = await f.core.invoke('reports.view', { incidentId: f.incidentId }, ctx as never);
    expect(v.reports).toHaveLength(1);
    expect(v.reports[0]!.recipients.map((x) => x.name)).toEqual(['县人民政府', '县应急救援总指挥部办公室（县应急管理局）', '市市场监督管理局']);
    const first = v.deadlines.find((d) => d.kind === 'first')!;
    // 疫苗预案 5.1: 一小时内 from HQ's receipt.
    expect(first.dueAt).toBe(new Date(Date.parse(RECEIVED_AT) + 3600_000).toISOString());
    expect(first.status).toBe('filed-on-time');
  });

  it('nothing is written when a required field is missing (named in the error)', async () => {
    f = reportedIncident();
    const before = logFor(f.core.services.db, f.clock).eventsOf(f.incidentId).length;
    const { victims: _omit, ...rest } = FIRST_FIELDS;
    const b = await refusal(file(f, { kind: 'first', channel: 'fax', fields: rest }));
    expect(b.field).toBe('fields.victims');
    expect(b.message).toContain('受害者基本信息');
    expect(logFor(f.core.services.db, f.clock).eventsOf(f.incidentId).length).toBe(before);
  });

  it('the first report deadline on both sides of one hour: filed at 04:00:00 is on time, 04:00:01 is late', async () => {
    for (const [at, status] of [
      ['2026-11-23T20:00:00.000Z', 'filed-on-time'],
      ['2026-11-23T20:00:01.000Z', 'filed-late'],
    ] as const) {
      f = reportedIncident({ now: '2026-11-23T20:30:00.000Z' });
      await file(f, { kind: 'first', channel: 'fax', fields: FIRST_FIELDS }, at);
      const v = await f.core.invoke('reports.view', { incidentId: f.incidentId }, ctx as never);
      expect(v.deadlines.find((d) => d.kind === 'first')!.status).toBe(status);
      f.cleanup();
      f = null;
    }
  });

  it('unfiled: pending at 03:59:59, overdue at 04:00:01', async () => {
    f = reportedIncident({ now: '2026-11-23T19:59:59.000Z' });
    const view = () => f!.core.invoke('reports.view', { incidentId: f!.incidentId }, ctx as never);
    expect((await view()).deadlines.find((d) => d.kind === 'first')!.status).toBe('pending');
    f.clock.set('2026-11-23T20:00:01.000Z');
    expect((await view()).deadlines.find((d) => d.kind === 'first')!.status).toBe('overdue');
  });

  it('a phone report leaves the written report pending (5.3), and the written one clears it', async () => {
    f = reportedIncident();
    await file(f, { kind: 'first', channel: 'phone', fields: { eventName: FIRST_FIELDS.eventName } });
    let v = await f.core.invoke('reports.view', { incidentId: f.incidentId }, ctx as never);
    expect(v.deadlines.find((d) => d.kind === 'first')!.writtenPending).toBe(true);
    expect(v.reports[0]!.written).toBe(false);
    await file(f, { kind: 'first', channel: 'fax', fields: FIRST_FIELDS });
    v = await f.core.invoke('reports.view', { incidentId: f.incidentId }, ctx as never);
    expect(v.deadlines.find((d) => d.kind === 'first')!.writtenPending).toBe(false);
    expect(v.reports.map((r) => r.channel)).toEqual(['phone', 'fax']);
  });

  it('the final report is due 14 days after termination (5.2: 2周内), and not before termination', async () => {
    f = reportedIncident();
    const log = logFor(f.core.services.db, f.clock);
    const finalFields = { termination: '已终止', cause: '批次问题', nature: '质量事件', impact: '4人', responsibility: '企业', measures: '召回', lessons: '加强抽检', recommendations: '完善监测' };
    expect((await refusal(file(f, { kind: 'final', channel: 'written', fields: finalFields }))).code).not.toBe('invalid-input');
    const steps: Array<[string, unknown]> = [
      ['assessed', { level: 'IV', by: 'amr' }],
      ['response-started', { level: 'IV', by: 'hq', approvedBy: 'county-gov' }],
      ['expert-evaluation-recorded', { by: 'office', experts: ['专家甲'], conclusion: '危害已得到有效控制', recommendsTermination: true, assessedLevel: null }],
      ['termination-proposed', { by: 'office', reason: '危害已控制' }],
    ];
    for (const [type, payload] of steps) log.append({ incidentId: f.incidentId, type, payload }, 'x');
    const terminatedAt = '2026-11-23T19:20:00.000Z';
    log.append({ incidentId: f.incidentId, type: 'response-terminated', payload: { by: 'hq', approvedBy: 'hq' }, occurredAt: terminatedAt }, 'x');
    const due = new Date(Date.parse(terminatedAt) + 14 * 86_400_000).toISOString();
    f.clock.set(due);
    let v = await f.core.invoke('reports.view', { incidentId: f.incidentId }, ctx as never);
    expect(v.deadlines.find((d) => d.kind === 'final')!.dueAt).toBe(due);
    expect(v.deadlines.find((d) => d.kind === 'final')!.status).toBe('pending');
    f.clock.advance(1000);
    v = await f.core.invoke('reports.view', { incidentId: f.incidentId }, ctx as never);
    expect(v.deadlines.find((d) => d.kind === 'final')!.status).toBe('overdue');
    expect(v.canFile.final!.allowed).toBe(true);
    await file(f, { kind: 'final', channel: 'written', fields: finalFields });
    v = await f.core.invoke('reports.view', { incidentId: f.incidentId }, ctx as never);
    expect(v.deadlines.find((d) => d.kind === 'final')!.status).toBe('filed-late');
  });

  it('shows the 县委统战部 prompt when the first report says foreigners are involved (5.1)', async () => {
    f = reportedIncident();
    let v = await f.core.invoke('reports.view', { incidentId: f.incidentId }, ctx as never);
    expect(v.unitedFront.involved).toBe(false);
    await file(f, { kind: 'first', channel: 'fax', fields: { ...FIRST_FIELDS, other: '是' } });
    v = await f.core.invoke('reports.view', { incidentId: f.incidentId }, ctx as never);
    expect(v.unitedFront).toMatchObject({ applies: true, involved: true, notified: false, atIntake: null });
  });

  it("takes the intake's answer (reported.involvesForeigners) for the prompt and the form", async () => {
    f = reportedIncident({ involvesForeigners: true });
    const v = await f.core.invoke('reports.view', { incidentId: f.incidentId }, ctx as never);
    expect(v.unitedFront).toMatchObject({ involved: true, atIntake: true });
  });
});

describe('a filed report is immutable; a correction is a new report pointing at it (5.1)', () => {
  it('the contract has no command that updates or deletes a report or an event', () => {
    const names = Object.keys(commands);
    expect(names.filter((n) => /^reports\./.test(n)).sort()).toEqual(['reports.file', 'reports.render', 'reports.view']);
    expect(names.filter((n) => /(update|edit|delete|remove|amend)/i.test(n) && /^(reports|incidents)\./.test(n))).toEqual([]);
  });

  it('the correction points at its target; the target, its hash and the chain are unchanged', async () => {
    f = reportedIncident();
    const first = await file(f, { kind: 'first', channel: 'fax', fields: FIRST_FIELDS });
    const log = logFor(f.core.services.db, f.clock);
    const before = JSON.stringify(log.eventsOf(f.incidentId).find((e) => e.seq === first.seq));
    const corr = await file(f, { kind: 'first', channel: 'fax', fields: { ...FIRST_FIELDS, scopeAndNumbers: '5人', corrections: '涉及人数由4人更正为5人' }, corrects: first.seq });
    expect(corr.seq).toBeGreaterThan(first.seq);
    const after = log.eventsOf(f.incidentId);
    expect(JSON.stringify(after.find((e) => e.seq === first.seq))).toBe(before);
    const ce = after.find((e) => e.seq === corr.seq)!;
    expect(ce.corrects).toBe(first.seq);
    expect((ce.payload as { correctsReportSeq: number }).correctsReportSeq).toBe(first.seq);
    const v = await f.core.invoke('reports.view', { incidentId: f.incidentId }, ctx as never);
    expect(v.reports.find((r) => r.seq === first.seq)!.correctedBy).toEqual([corr.seq]);
    expect(v.reports.find((r) => r.seq === first.seq)!.fields.scopeAndNumbers).toBe(FIRST_FIELDS.scopeAndNumbers);
    expect((await f.core.invoke('log.verify', {}, ctx as never)).ok).toBe(true);
  });

  it('refuses a correction of something that is not a report, or of another kind', async () => {
    f = reportedIncident();
    const first = await file(f, { kind: 'first', channel: 'fax', fields: FIRST_FIELDS });
    expect((await refusal(file(f, { kind: 'first', channel: 'fax', fields: { ...FIRST_FIELDS, corrections: 'x' }, corrects: 1 }))).field).toBe('corrects');
    const progress = { development: 'a', handlingProgress: 'b', causeInvestigation: 'c', productControl: 'd', controlMeasures: 'e', impactAssessment: 'f', corrections: 'g' };
    expect((await refusal(file(f, { kind: 'progress', channel: 'fax', fields: progress, corrects: first.seq }))).field).toBe('kind');
  });
});

describe('rendering (GB/T 9704 manner)', () => {
  it('PDF: starts with %PDF, the title is extractable text, the CJK font is embedded', async () => {
    f = reportedIncident();
    const r = await file(f, { kind: 'first', channel: 'confidential', fields: FIRST_FIELDS, secrecy: '秘密', secrecyPeriod: '5年' });
    const out = await f.core.invoke('reports.render', { incidentId: f.incidentId, seq: r.seq, format: 'pdf' }, ctx as never);
    const bytes = Buffer.from(out.base64, 'base64');
    expect(bytes.subarray(0, 4).toString('latin1')).toBe('%PDF');
    const pdfFile = path.join(f.dir, 'r.pdf');
    fs.writeFileSync(pdfFile, bytes);
    const text = execFileSync('pdftotext', ['-layout', pdfFile, '-'], { encoding: 'utf8' });
    expect(text.replace(/\s+/g, '')).toContain(`关于${FIRST_FIELDS.eventName}的首次报告`);
    expect(text).toContain('秘密★5年');
    expect(text).toContain('交城县疫苗质量安全事件应急指挥部办公室');
    expect(text).toMatch(/—\s*1\s*—/);
    const fonts = execFileSync('pdffonts', [pdfFile], { encoding: 'utf8' });
    const cjk = fonts.split('\n').filter((l) => /CJK|Sim|Fang|Song|Hei/i.test(l));
    expect(cjk.length).toBeGreaterThan(0);
    for (const l of cjk) expect(l).toMatch(/\byes\s+yes\s+yes\b/); // embedded, subset, ToUnicode
    // A4 portrait
    const info = execFileSync('pdfinfo', [pdfFile], { encoding: 'utf8' });
    expect(info).toMatch(/Page size:\s+595\.2\d? x 841\.8\d? pts \(A4\)/);
  });

  it('DOCX: a valid zip whose word/document.xml holds the fields, A4 with the GB/T margins', async () => {
    f = reportedIncident();
    const r = await file(f, { kind: 'first', channel: 'fax', fields: FIRST_FIELDS });
    const out = await f.core.invoke('reports.render', { incidentId: f.incidentId, seq: r.seq, format: 'docx' }, ctx as never);
    const zip = await JSZip.loadAsync(Buffer.from(out.base64, 'base64'));
    const xml = await zip.file('word/document.xml')!.async('string');
    for (const v of [FIRST_FIELDS.victims, FIRST_FIELDS.manufacturer, FIRST_FIELDS.contact]) expect(xml).toContain(v);
    expect(xml).toContain('受害者基本信息');
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(xml).toMatch(/w:top="2098"/); // 37 mm
    expect(xml).toMatch(/w:left="1587"|w:left="1588"/); // 28 mm
    expect(out.fileName.endsWith('.docx')).toBe(true);
  });

  it('a correction renders as one, pointing at the report it corrects', async () => {
    f = reportedIncident();
    const first = await file(f, { kind: 'first', channel: 'fax', fields: FIRST_FIELDS });
    const corr = await file(f, { kind: 'first', channel: 'fax', fields: { ...FIRST_FIELDS, corrections: '人数更正为5人' }, corrects: first.seq });
    const out = await f.core.invoke('reports.render', { incidentId: f.incidentId, seq: corr.seq, format: 'pdf' }, ctx as never);
    const pdfFile = path.join(f.dir, 'c.pdf');
    fs.writeFileSync(pdfFile, Buffer.from(out.base64, 'base64'));
    const text = execFileSync('pdftotext', [pdfFile, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    expect(text).toContain('（更正）');
    expect(text).toContain(`记录号${first.seq}`);
  });
});

describe('ercon report export (a real child process)', () => {
  const ercon = (args: string[]) => spawnSync(process.execPath, [path.join(ROOT, 'electron/cli/ercon.mjs'), ...args], { cwd: ROOT, encoding: 'utf8' });

  it('writes the PDF and the .docx, and refuses a bad seq with exit 2 and nothing on stdout', async () => {
    f = reportedIncident();
    const r = await file(f, { kind: 'first', channel: 'fax', fields: FIRST_FIELDS });
    f.core.close();
    const pdfOut = path.join(f.dir, 'out.pdf');
    const p = ercon(['--db', f.dbPath, 'report', 'export', f.incidentId, String(r.seq), '--format', 'pdf', '--out', pdfOut]);
    expect(p.stderr).toBe('');
    expect(p.status).toBe(0);
    expect(JSON.parse(p.stdout)).toMatchObject({ path: pdfOut });
    expect(fs.readFileSync(pdfOut).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const docxOut = path.join(f.dir, 'out.docx');
    const d = ercon(['--db', f.dbPath, 'report', 'export', f.incidentId, String(r.seq), '--format', 'docx', '--out', docxOut]);
    expect(d.status).toBe(0);
    expect(fs.readFileSync(docxOut).subarray(0, 2).toString('latin1')).toBe('PK');
    const bad = ercon(['--db', f.dbPath, 'report', 'export', f.incidentId, 'x1', '--out', pdfOut]);
    expect(bad.status).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toContain('seq');
    const missing = ercon(['--db', f.dbPath, 'report', 'export', f.incidentId, '99', '--out', path.join(f.dir, 'none.pdf')]);
    expect(missing.status).toBe(1);
    expect(missing.stdout).toBe('');
    expect(fs.existsSync(path.join(f.dir, 'none.pdf'))).toBe(false);
  }, 240_000); // four cold starts of the CLI (tsx + a 25 MB font) on a shared 2-core machine
});
