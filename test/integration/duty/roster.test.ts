// The roster (排班, issue 15 item 3) on a REAL SQLite file: day and night shifts with the duty leader; who is on duty
// on both sides of 08:00 and 20:00 (the shift change, 县定); a 24-hour shift over a day shift refused; the leader must
// be a duty leader; a swap needs a duty leader's own password and a reason, and is logged.
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../electron/core/clock';
import { createCore, type Core } from '../../../electron/core/core';
import { addPerson, httpCtx, sessionOf, TEST_PASSWORD } from '../../helpers/people';
import { tmpDir } from '../../helpers/tmp';

let core: Core | null = null;
afterEach(() => {
  core?.close();
  core = null;
});

async function setup() {
  const clock = new ManualClock('2026-12-01T00:00:00.000Z'); // 08:00 Beijing
  core = createCore({ dbPath: path.join(tmpDir(), 'roster.sqlite'), clock });
  const office = await addPerson(core, 'office', ['office'], '办公室刘');
  const wang = await addPerson(core, 'wang', ['duty-officer'], '王值班');
  const li = await addPerson(core, 'li', ['duty-officer'], '李值班');
  const zhao = await addPerson(core, 'zhao', ['duty-officer'], '赵值班');
  const zhang = await addPerson(core, 'zhang', ['duty-leader'], '张主任');
  const ctx = httpCtx(await sessionOf(core, 'office'));
  return { c: core, clock, ctx, office, wang, li, zhao, zhang };
}

describe('the roster', () => {
  it('who is on duty on both sides of each shift change, and the next handover', async () => {
    const { c, clock, ctx, wang, li, zhang } = await setup();
    const day = await c.invoke('roster.set', { date: '2026-12-01', shift: 'day', officers: [wang.id], leader: zhang.id }, ctx);
    expect(day).toMatchObject({ shiftLabel: '白班', startsAt: '2026-12-01T00:00:00.000Z', endsAt: '2026-12-01T12:00:00.000Z', leader: { name: '张主任' } });
    await c.invoke('roster.set', { date: '2026-12-01', shift: 'night', officers: [li.id], leader: zhang.id, reinforcement: true, note: '寒潮期间加强' }, ctx);
    const onDuty = async () => (await c.invoke('roster.now', {}, ctx)).current?.officers.map((p) => p.name) ?? [];
    clock.set('2026-11-30T23:59:59.999Z'); // 07:59:59.999: nobody on the roster yet
    expect(await onDuty()).toEqual([]);
    expect((await c.invoke('roster.now', {}, ctx)).nextHandoverAt).toBe('2026-12-01T00:00:00.000Z');
    clock.set('2026-12-01T00:00:00.000Z'); // 08:00
    expect(await onDuty()).toEqual(['王值班']);
    clock.set('2026-12-01T11:59:59.999Z');
    const now = await c.invoke('roster.now', {}, ctx);
    expect(now).toMatchObject({ nextHandoverAt: '2026-12-01T12:00:00.000Z', next: { shiftLabel: '夜班', reinforcement: true } });
    clock.set('2026-12-01T12:00:00.000Z'); // 20:00
    expect(await onDuty()).toEqual(['李值班']);
  });

  it('refuses an overlapping shift, a leader who is not one, an invalid date; nothing written', async () => {
    const { c, ctx, wang, zhang } = await setup();
    await c.invoke('roster.set', { date: '2026-12-02', shift: 'day', officers: [wang.id], leader: zhang.id }, ctx);
    await expect(c.invoke('roster.set', { date: '2026-12-02', shift: 'full', officers: [wang.id], leader: zhang.id }, ctx)).rejects.toMatchObject({ body: { field: 'shift', rule: 'no-overlap', message: expect.stringMatching(/与已排的 2026-12-02 白班 时间重叠/) } });
    await expect(c.invoke('roster.set', { date: '2026-12-03', shift: 'day', officers: [wang.id], leader: wang.id }, ctx)).rejects.toMatchObject({ body: { field: 'leader', message: expect.stringMatching(/王值班不是带班领导/) } });
    await expect(c.invoke('roster.set', { date: '2026-02-30', shift: 'day', officers: [wang.id], leader: zhang.id }, ctx)).rejects.toMatchObject({ body: { field: 'date' } });
    // A duty officer does not keep the roster.
    const officer = httpCtx(await sessionOf(c, 'wang'));
    await expect(c.invoke('roster.set', { date: '2026-12-04', shift: 'day', officers: [wang.id], leader: zhang.id }, officer)).rejects.toMatchObject({ body: { code: 'forbidden' } });
    expect((await c.invoke('roster.list', { from: '2026-12-01', to: '2026-12-31' }, ctx)).slots.map((s) => `${s.date}:${s.shift}`)).toEqual(['2026-12-02:day']);
    // Dates are real calendar dates at the command's boundary, both sides of the month's end: 02-28 and 02-29 of a
    // common year, and in a list's or an export's range too.
    await expect(c.invoke('roster.set', { date: '2027-02-29', shift: 'day', officers: [wang.id], leader: zhang.id }, ctx)).rejects.toMatchObject({ body: { code: 'invalid-input', field: 'date', message: expect.stringContaining('须为真实日期') } });
    await expect(c.invoke('roster.list', { from: '2026-12-01', to: '2026-02-30' }, ctx)).rejects.toMatchObject({ body: { code: 'invalid-input', field: 'to' } });
    await expect(c.invoke('roster.export', { from: '2026-13-01', to: '2026-12-31' }, ctx)).rejects.toMatchObject({ body: { code: 'invalid-input', field: 'from' } });
    expect((await c.invoke('roster.set', { date: '2027-02-28', shift: 'day', officers: [wang.id], leader: zhang.id }, ctx)).date).toBe('2027-02-28');
  });

  it('a swap: approved by a duty leader\'s own password, with a reason, logged; wrong password writes nothing', async () => {
    const { c, ctx, wang, zhao, zhang } = await setup();
    const slot = await c.invoke('roster.set', { date: '2026-12-02', shift: 'day', officers: [wang.id], leader: zhang.id }, ctx);
    await expect(c.invoke('roster.swap', { id: slot.id, out: wang.id, in: zhao.id, reason: '王值班病假', approval: { login: 'zhang', password: 'wrong-password' } }, ctx)).rejects.toMatchObject({ body: { field: 'approval.password' } });
    await expect(c.invoke('roster.swap', { id: slot.id, out: wang.id, in: zhao.id, reason: '病假', approval: { login: 'wang', password: TEST_PASSWORD } }, ctx)).rejects.toMatchObject({ body: { code: 'forbidden', rule: 'role' } });
    expect((await c.invoke('roster.list', { from: '2026-12-02', to: '2026-12-02' }, ctx)).slots[0]!.officers.map((p) => p.name)).toEqual(['王值班']);
    const swapped = await c.invoke('roster.swap', { id: slot.id, out: wang.id, in: zhao.id, reason: '王值班病假', approval: { login: 'zhang', password: TEST_PASSWORD } }, ctx);
    expect(swapped.officers.map((p) => p.name)).toEqual(['赵值班']);
    const ev = c.services.db.prepare("SELECT detail, approver FROM roster_events WHERE kind = 'swap'").get() as { detail: string; approver: string };
    expect(JSON.parse(ev.detail)).toEqual({ out: wang.id, in: zhao.id, reason: '王值班病假' });
    expect(JSON.parse(ev.approver)).toMatchObject({ name: '张主任', roles: ['duty-leader'] });
  });
});

describe('the roster as XLSX', () => {
  it('exports the template; a file with one bad row writes nothing and names the row; a good file writes every row', async () => {
    const { c, ctx, wang, li, zhang } = await setup();
    await c.invoke('roster.set', { date: '2026-12-02', shift: 'day', officers: [wang.id, li.id], leader: zhang.id, reinforcement: true, note: '节日' }, ctx);
    const out = await c.invoke('roster.export', { from: '2026-12-01', to: '2026-12-31' }, ctx);
    expect(out).toMatchObject({ fileName: '排班表_2026-12-01_2026-12-31.xlsx', rows: 1 });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(out.content, 'base64') as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(['日期', '班次', '值班人员', '带班领导', '节假日加强', '备注']);
    expect((ws.getRow(2).values as unknown[]).slice(1)).toEqual(['2026-12-02', '白班', '王值班、李值班', '张主任', '是', '节日']);
    // The office fills in two more days; one row names somebody who does not exist.
    ws.addRow(['2026-12-03', '24小时班', 'zhao', '张主任', '否', '']);
    ws.addRow(['2026-12-04', '夜班', '钱某某', '张主任', '', '']);
    const bad = Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
    const refused = await c.invoke('roster.import', { content: bad }, ctx);
    expect(refused.written).toBe(0);
    expect(refused.problems).toEqual([expect.objectContaining({ row: 4, field: '值班人员', message: expect.stringMatching(/没有登录名或姓名为“钱某某”的在用账户/) })]);
    expect((await c.invoke('roster.list', { from: '2026-12-01', to: '2026-12-31' }, ctx)).slots).toHaveLength(1);
    ws.spliceRows(4, 1);
    const good = Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
    expect(await c.invoke('roster.import', { content: good, dryRun: true }, ctx)).toEqual({ rows: 2, written: 0, problems: [] });
    expect((await c.invoke('roster.list', { from: '2026-12-01', to: '2026-12-31' }, ctx)).slots).toHaveLength(1);
    expect(await c.invoke('roster.import', { content: good }, ctx)).toEqual({ rows: 2, written: 2, problems: [] });
    const slots = (await c.invoke('roster.list', { from: '2026-12-01', to: '2026-12-31' }, ctx)).slots;
    expect(slots.map((s) => [s.date, s.shiftLabel, s.officers.map((p) => p.name).join('、'), s.reinforcement])).toEqual([
      ['2026-12-02', '白班', '王值班、李值班', true],
      ['2026-12-03', '24小时班', '赵值班', false],
    ]);
  });
});
