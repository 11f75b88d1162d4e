/**
 * The log's head printed on a report (issue 13 item 2: "in every backup, report, handover sheet and print, where a
 * reader can compare it"): the 版记 of the PDF, the .docx and the print view's layout carry the position and the first
 * 12 hex digits of the newest event's hash at the time of printing, inside the GB/T 9704 margins, above the 印发
 * line; printed again after more was logged, it names the newer head. Read back with poppler's pdftotext.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { afterEach, describe, expect, it } from 'vitest';
import { logFor } from '../../../electron/core/log';
import { headOf } from '../../../electron/core/log/witness';
import { FIRST_FIELDS, reportedIncident, type Fixture } from './fixture';

const ctx = { actor: '值班员甲', transport: 'cli' as const };
const MM = 72 / 25.4;
let f: Fixture | null = null;
afterEach(() => {
  f?.cleanup();
  f = null;
});

async function pdfLines(fx: Fixture, seq: number): Promise<string[]> {
  const out = await fx.core.invoke('reports.render', { incidentId: fx.incidentId, seq, format: 'pdf' }, ctx as never);
  const pdf = path.join(fx.dir, `h-${seq}-${Date.now()}.pdf`);
  fs.writeFileSync(pdf, Buffer.from(out.base64, 'base64'));
  return execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).split('\n').map((l) => l.trim()).filter(Boolean);
}

describe('the log head on a printed report', () => {
  it('the 版记 names the head at printing: position and hash, above the 印发 line; a later print, the later head', async () => {
    f = reportedIncident();
    const r = await f.core.invoke('reports.file', { incidentId: f.incidentId, draft: { kind: 'first', channel: 'fax', fields: FIRST_FIELDS } as never }, ctx as never);
    const head = headOf(f.core.services.db);
    const line = `日志头：第${head.eventsPos}条 ${head.eventsHash!.slice(0, 12)}（2026-11-24 03:20）`;
    const lines = await pdfLines(f, r.seq);
    const at = lines.findIndex((l) => l.replace(/\s+/g, '') === line.replace(/\s+/g, ''));
    expect(at, lines.slice(-6).join('\n')).toBeGreaterThan(0);
    expect(lines.findIndex((l) => l.includes('印发'))).toBeGreaterThan(at);

    // the .docx and the print view's layout say the same
    const docx = await f.core.invoke('reports.render', { incidentId: f.incidentId, seq: r.seq, format: 'docx' }, ctx as never);
    expect(await (await JSZip.loadAsync(Buffer.from(docx.base64, 'base64'))).file('word/document.xml')!.async('string')).toContain(line);
    const view = await f.core.invoke('reports.view', { incidentId: f.incidentId }, ctx as never);
    expect(view.reports[0]!.layout.logHead).toBe(line);

    // More is logged; printed again, the report names the newer head.
    f.clock.set('2026-11-23T20:00:00.000Z');
    logFor(f.core.services.db, f.clock).append({ incidentId: f.incidentId, type: 'note', payload: { text: '已电话联系县疾控中心' } }, '值班员甲');
    const later = headOf(f.core.services.db);
    expect(later.eventsPos).toBeGreaterThan(head.eventsPos);
    const again = (await pdfLines(f, r.seq)).join('\n').replace(/[ \t]+/g, '');
    expect(again).toContain(`日志头：第${later.eventsPos}条${later.eventsHash!.slice(0, 12)}（2026-11-2404:00）`);
  });

  it('the head line stays inside the 版心 (GB/T 9704 margins)', async () => {
    f = reportedIncident();
    const r = await f.core.invoke('reports.file', { incidentId: f.incidentId, draft: { kind: 'first', channel: 'fax', fields: FIRST_FIELDS } as never }, ctx as never);
    const out = await f.core.invoke('reports.render', { incidentId: f.incidentId, seq: r.seq, format: 'pdf' }, ctx as never);
    const pdf = path.join(f.dir, 'box.pdf');
    fs.writeFileSync(pdf, Buffer.from(out.base64, 'base64'));
    const html = execFileSync('pdftotext', ['-bbox', pdf, '-'], { encoding: 'utf8' });
    const word = html.split('\n').find((l) => l.includes('>日志头：'));
    const m = /xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)"/.exec(word ?? '');
    expect(m, html.slice(-2000)).not.toBeNull();
    const [x0, y0, x1, y1] = m!.slice(1).map(Number) as [number, number, number, number];
    expect(x0).toBeGreaterThanOrEqual(28 * MM - 0.5);
    expect(x1).toBeLessThanOrEqual((210 - 26) * MM + 0.5);
    expect(y0).toBeGreaterThanOrEqual(37 * MM - 0.5);
    expect(y1).toBeLessThanOrEqual((297 - 35) * MM + 0.5);
  });
});
