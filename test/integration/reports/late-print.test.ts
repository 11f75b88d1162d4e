/**
 * A late report is late on paper and in the counts too (issue 12 item 4, "board, incident page, print, statistics"):
 * the PDF and the .docx of a report filed after its deadline carry 超时报送 with the due time and how late (read back
 * with poppler's pdftotext), an on-time one does not; the reports view names the late report; the board counts it.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { afterEach, describe, expect, it } from 'vitest';
import { FIRST_FIELDS, reportedIncident, type Fixture } from './fixture';

const ctx = { actor: '值班员甲', transport: 'cli' as const };
let f: Fixture | null = null;
afterEach(() => {
  f?.cleanup();
  f = null;
});

function file(fx: Fixture, draft: Record<string, unknown>) {
  return fx.core.invoke('reports.file', { incidentId: fx.incidentId, draft: draft as never }, ctx as never);
}

async function pdfText(fx: Fixture, seq: number): Promise<string> {
  const out = await fx.core.invoke('reports.render', { incidentId: fx.incidentId, seq, format: 'pdf' }, ctx as never);
  const pdf = path.join(fx.dir, `r-${seq}.pdf`);
  fs.writeFileSync(pdf, Buffer.from(out.base64, 'base64'));
  return execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
}

async function lateOnBoard(fx: Fixture): Promise<number> {
  const board = await fx.core.invoke('console.board', { status: 'all' }, ctx as never);
  return board.incidents.find((r) => r.id === fx.incidentId)!.lateReports;
}

describe('a late report is marked late in the print and in the counts', () => {
  it('a first report 1 h 27 min after its 1-hour deadline: 超时报送, the due time and 迟报1小时27分钟 in the PDF and the .docx', async () => {
    // HQ received the report at 03:00 Beijing time: the first report is due at 04:00; it goes at 05:27.
    f = reportedIncident({ now: '2026-11-23T21:27:00.000Z' });
    const r = await file(f, { kind: 'first', channel: 'fax', fields: FIRST_FIELDS });
    const text = await pdfText(f, r.seq);
    expect(text).toContain('超时报送：应于2026年11月24日04:00前报送，2026年11月24日05:27报送，迟报1小时27分钟');
    const docx = await f.core.invoke('reports.render', { incidentId: f.incidentId, seq: r.seq, format: 'docx' }, ctx as never);
    const xml = await (await JSZip.loadAsync(Buffer.from(docx.base64, 'base64'))).file('word/document.xml')!.async('string');
    expect(xml).toContain('迟报1小时27分钟');
    const view = await f.core.invoke('reports.view', { incidentId: f.incidentId }, ctx as never);
    const rep = view.reports.find((x) => x.seq === r.seq)!;
    expect(rep.late).toMatchObject({ dueAt: '2026-11-23T20:00:00.000Z', lateMs: 87 * 60_000, written: false });
    expect(rep.layout.late).toBe(rep.late!.text);
    expect(await lateOnBoard(f)).toBe(1);
  });

  it('an on-time first report is not marked late anywhere', async () => {
    f = reportedIncident({ now: '2026-11-23T19:40:00.000Z' });
    const r = await file(f, { kind: 'first', channel: 'fax', fields: FIRST_FIELDS });
    expect(await pdfText(f, r.seq)).not.toContain('超时报送');
    const view = await f.core.invoke('reports.view', { incidentId: f.incidentId }, ctx as never);
    expect(view.reports[0]!.late).toBeNull();
    expect(await lateOnBoard(f)).toBe(0);
  });

  it('the written report after an on-time phone report, past its own 1-hour clock, is the late one', async () => {
    f = reportedIncident({ now: '2026-11-23T19:20:00.000Z' });
    const phone = await file(f, { kind: 'first', channel: 'phone', fields: FIRST_FIELDS });
    f.clock.set('2026-11-23T21:00:00.000Z'); // written report due 04:20 Beijing, sent 05:00
    const written = await file(f, { kind: 'first', channel: 'fax', fields: FIRST_FIELDS });
    expect(await pdfText(f, phone.seq)).not.toContain('超时报送');
    expect(await pdfText(f, written.seq)).toContain('超时报送：书面报告应于2026年11月24日04:20前报送，2026年11月24日05:00报送，迟报40分钟');
    expect(await lateOnBoard(f)).toBe(1);
  });

  it('a burning fire\'s progress report after its 2-hour rhythm is late; one within it, or after the fire is out, is not', async () => {
    f = reportedIncident();
    const { core, clock } = f;
    clock.set('2026-11-23T20:00:00.000Z');
    const fire = await core.invoke('console.report', { planId: 'forest-fire', title: '卦山北坡森林火情', receivedAt: '2026-11-23T20:00:00.000Z', payload: { source: '瞭望台', summary: '山坡起火', facts: { burnedForestHa: 2 }, place: '卦山北坡', incidentStartedAt: '2026-11-23T19:50:00.000Z' } }, ctx as never);
    const progress = async (at: string) => {
      clock.set(at);
      return core.invoke('reports.file', { incidentId: fire.id, draft: { kind: 'progress', channel: 'fax', fields: { progress: '扑救中' } } as never }, ctx as never);
    };
    const late1 = await progress('2026-11-23T22:30:00.000Z'); // due 22:00 (2 h after the report): 30 min late
    const onTime = await progress('2026-11-24T00:00:00.000Z'); // due 00:30
    await core.invoke('console.act', { incidentId: fire.id, type: 'transition', payload: { transition: 'firstAttack', by: 'township' } }, ctx as never);
    await core.invoke('console.act', { incidentId: fire.id, type: 'transition', payload: { transition: 'extinguish', by: 'township' } }, ctx as never);
    const afterOut = await progress('2026-11-24T05:00:00.000Z'); // the rhythm stopped with the fire
    const view = await core.invoke('reports.view', { incidentId: fire.id }, ctx as never);
    const late = Object.fromEntries(view.reports.map((r) => [r.seq, r.late]));
    expect(late[late1.seq]).toMatchObject({ dueAt: '2026-11-23T22:00:00.000Z', lateMs: 30 * 60_000 });
    expect(late[onTime.seq]).toBeNull();
    expect(late[afterOut.seq]).toBeNull();
    const board = await core.invoke('console.board', { status: 'all' }, ctx as never);
    expect(board.incidents.find((r) => r.id === fire.id)!.lateReports).toBe(1);
    const out = await core.invoke('reports.render', { incidentId: fire.id, seq: late1.seq, format: 'pdf' }, ctx as never);
    const pdf = path.join(f.dir, 'fire-late.pdf');
    fs.writeFileSync(pdf, Buffer.from(out.base64, 'base64'));
    expect(execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, '')).toContain('超时报送：应于2026年11月24日06:00前报送，2026年11月24日06:30报送，迟报30分钟');
  });
});
