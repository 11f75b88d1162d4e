// Exercise mode and the office's statistics (issue 16 items 4 and 5), on a REAL SQLite file:
// - an exercise (演练) is said on its opening event (on the chain, verify ok); the board marks it; its overdue report is
//   on its own page but never in the deadline banner; its round calls no real number unless chosen; its report's
//   title and 附注 say 演练 (PDF read back with pdftotext);
// - the statistics count real incidents by plan, level and month, reports on time and late, and the minutes a round took
//   to reach everyone; exercises apart; both sides of the date range; the same figures in the XLSX.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../electron/core/clock';
import { createCore } from '../../../electron/core/core';
import { EXERCISE_NOTE } from '../../../shared/reports/layout';
import { tmpDir } from '../../helpers/tmp';
import { FIRST_FIELDS } from '../reports/fixture';

const T0 = '2026-11-30T02:00:00.000Z'; // 10:00 Beijing, 30 November
const at = (min: number) => new Date(Date.parse(T0) + min * 60_000).toISOString();
const seed = { actor: 'seed', transport: 'test' as const };
const FACTS = { clusteredRareAE: 4, suspectedQualityRelated: true };

describe('exercise mode and the office statistics', () => {
  it('an exercise is marked everywhere, out of the banner and the counts; the statistics count the rest', async () => {
    const dir = tmpDir();
    const clock = new ManualClock(T0);
    const core = createCore({ dbPath: path.join(dir, 'ex.sqlite'), clock });
    await core.invoke('contacts.saveUnit', { name: '县市场监督管理局', kind: 'member', dutyPhone: '0358-7221234', planUnits: ['amr'] }, seed);
    const open = (title: string, exercise: boolean) => core.invoke('console.report', { planId: 'vaccine', title, exercise, payload: { source: '电话', summary: '4人', facts: FACTS } }, seed);
    const a = await open('甲接种点群体不良反应', false);
    const c = await open('应急演练：乙接种点', true);
    clock.set(at(1));
    const b = await open('丙接种点群体不良反应', false);
    const first = (id: string) => core.invoke('reports.file', { incidentId: id, draft: { kind: 'first', channel: 'fax', by: 'amr', recipients: ['county-gov', 'county-emergency-office', 'city-amr'], fields: FIRST_FIELDS, issuedBy: '' } as never }, seed);
    clock.set(at(30));
    await first(a.id); // on time
    clock.set(at(120));
    await first(b.id); // 59 minutes late

    // The opening event says so, on the chain; a real incident's opening event is as it always was.
    const opened = (id: string) => JSON.parse(core.services.db.prepare('SELECT payload FROM events WHERE incident_id = ? AND seq = 0').pluck().get(id) as string);
    expect(opened(c.id)).toMatchObject({ exercise: true });
    expect(opened(a.id)).not.toHaveProperty('exercise');
    expect((await core.invoke('log.verify', {}, seed)).ok).toBe(true);
    const board = await core.invoke('console.board', { status: 'open' }, seed);
    expect(Object.fromEntries(board.incidents.map((r) => [r.id, r.exercise]))).toEqual({ [a.id]: false, [b.id]: false, [c.id]: true });
    // Its first report is overdue on its own page, but not in the banner the real incidents use.
    const page = await core.invoke('console.incident', { id: c.id }, seed);
    expect(page.incident.exercise).toBe(true);
    expect(page.view.obligations.find((o) => o.kind === 'first')!.status).toBe('overdue');
    const due = await core.invoke('console.due', { soonMinutes: 15 }, seed);
    expect(due.items.some((d) => d.incidentId === c.id)).toBe(false);

    // Rounds: the exercise's round has no real numbers unless chosen; it is not a re-call in the banner.
    for (const id of [a.id, c.id]) {
      await core.invoke('console.act', { incidentId: id, type: 'assessed', payload: { level: 'IV', by: 'amr' } }, seed);
      await core.invoke('console.act', { incidentId: id, type: 'response-started', payload: { level: 'IV', by: 'hq', approvedBy: 'county-gov' } }, seed);
    }
    const trigger = async (id: string) => (await core.invoke('rounds.list', { incidentId: id }, seed)).due[0]!.triggerSeq;
    const drill = await core.invoke('rounds.open', { incidentId: c.id, ruleId: 'notify-members-iv', triggerSeq: await trigger(c.id) }, seed);
    expect(drill.exercise).toBe(true);
    expect(drill.text.startsWith('【演练】')).toBe(true);
    expect(drill.recipients.find((x) => x.planUnit === 'amr')).toMatchObject({ number: '', contactUnitId: null });
    const realRound = await core.invoke('rounds.open', { incidentId: a.id, ruleId: 'notify-members-iv', triggerSeq: await trigger(a.id) }, seed);
    expect(realRound.exercise).toBe(false);
    expect(realRound.recipients.find((x) => x.planUnit === 'amr')!.number).toBe('0358-7221234');
    expect((await core.invoke('console.due', { soonMinutes: 15 }, seed)).items.filter((d) => d.obligationId.startsWith('round:')).map((d) => d.incidentId)).toEqual([a.id]);
    // Everyone reached 12 minutes after the round opened.
    clock.set(at(132));
    for (const x of realRound.recipients) await core.invoke('rounds.record', { recipientId: x.id, channel: 'phone', outcome: 'reached' }, seed);
    // An exercise can still choose to call the real numbers (a drill with the member units).
    const f = await core.invoke('console.report', { planId: 'vaccine', title: '联合演练', exercise: true, payload: { source: '电话', summary: '4人', facts: FACTS } }, seed);
    await core.invoke('console.act', { incidentId: f.id, type: 'assessed', payload: { level: 'IV', by: 'amr' } }, seed);
    await core.invoke('console.act', { incidentId: f.id, type: 'response-started', payload: { level: 'IV', by: 'hq', approvedBy: 'county-gov' } }, seed);
    const joint = await core.invoke('rounds.open', { incidentId: f.id, ruleId: 'notify-members-iv', triggerSeq: await trigger(f.id), realContacts: true }, seed);
    expect(joint.recipients.find((x) => x.planUnit === 'amr')!.number).toBe('0358-7221234');

    // The exercise's report says 演练 in its title and its 附注, on paper too.
    const rep = await first(c.id);
    const view = await core.invoke('reports.view', { incidentId: c.id }, seed);
    expect(view.exercise).toBe(true);
    const layout = view.reports.find((x) => x.seq === rep.seq)!.layout;
    expect(layout.title.startsWith('【演练】关于')).toBe(true);
    expect(layout.notes[0]).toBe(EXERCISE_NOTE);
    const pdf = await core.invoke('reports.render', { incidentId: c.id, seq: rep.seq, format: 'pdf' }, seed);
    fs.writeFileSync(path.join(dir, 'c.pdf'), Buffer.from(pdf.base64, 'base64'));
    const text = execFileSync('pdftotext', [path.join(dir, 'c.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    expect(text).toContain('【演练】');
    expect(text).toContain(EXERCISE_NOTE.replace(/\s+/g, ''));

    // The statistics: two real incidents (IV), one first report on time and one late, one round in 12 minutes.
    const st = await core.invoke('stats.office', { from: '2026-11-01', to: '2026-11-30' }, seed);
    expect(st).toMatchObject({ incidentsTotal: 2, exercises: 2 });
    expect(st.incidents).toEqual([{ planId: 'vaccine', plan: '疫苗质量安全事件', month: '2026-11', level: 'IV', count: 2 }]);
    expect(st.reports).toEqual([{ planId: 'vaccine', plan: '疫苗质量安全事件', kind: 'first', label: '首次报告', total: 2, onTime: 1, late: 1 }]);
    expect(st.rounds).toEqual([{ planId: 'vaccine', plan: '疫苗质量安全事件', ruleId: 'notify-members-iv', label: '立即向县指挥部成员单位通报情况', clause: '6.2.2(2)', total: 1, completed: 1, medianMinutes: 12, maxMinutes: 12 }]);
    // Both sides of the range: the incidents were received on 30 November (Beijing).
    expect((await core.invoke('stats.office', { from: '2026-11-01', to: '2026-11-29' }, seed)).incidentsTotal).toBe(0);
    expect((await core.invoke('stats.office', { from: '2026-11-30', to: '2026-11-30' }, seed)).incidentsTotal).toBe(2);
    await expect(core.invoke('stats.office', { from: '2026-12-01', to: '2026-11-30' }, seed)).rejects.toMatchObject({ body: { code: 'invalid-input', field: 'to' } });

    // The XLSX: the same figures, one sheet each.
    const x = await core.invoke('stats.export', { from: '2026-11-01', to: '2026-11-30' }, seed);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(x.content, 'base64') as never);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['事件', '报告', '通知']);
    expect(wb.getWorksheet('报告')!.getRow(3).values).toEqual([undefined, '疫苗质量安全事件', '首次报告', 2, 1, 1, '50%']);
    expect(wb.getWorksheet('事件')!.getRow(1).getCell(1).value).toContain('演练 2 起不计入');
    core.close();
  });
});
