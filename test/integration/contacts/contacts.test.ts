// The contact directory (通讯录, issue 16 item 1) on a REAL SQLite file: units linked to the plan units they are, a plan
// unit with no contact listed as a gap (and gone once linked), search by name, post or number (with or without its
// separators), bad input naming the field with nothing written, who changed what.
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../electron/core/core';
import { addPerson, httpCtx, sessionOf } from '../../helpers/people';
import { tmpDir } from '../../helpers/tmp';

let core: Core | null = null;
afterEach(() => {
  core?.close();
  core = null;
});

describe('the contact directory', () => {
  it('links plan units, lists the gaps, finds by name, post and number, and records who changed it', async () => {
    core = createCore({ dbPath: path.join(tmpDir(), 'contacts.sqlite') });
    await addPerson(core, 'wang', ['duty-officer'], '王值班');
    const ctx = httpCtx(await sessionOf(core, 'wang'));
    const before = (await core.invoke('contacts.gaps', {}, ctx)).gaps;
    const amrGap = before.find((g) => g.unitId === 'amr');
    expect(amrGap).toMatchObject({ name: '县市场监督管理局' });
    // amr is a unit of both the vaccine and the drug plan: one gap naming both.
    expect(amrGap!.plans.length).toBeGreaterThanOrEqual(2);

    const amr = await core.invoke('contacts.saveUnit', { name: '县市场监督管理局', kind: 'member', dutyPhone: '0358-7221234', planUnits: ['amr'] }, ctx);
    expect(JSON.parse(amr.updatedBy)).toMatchObject({ name: '王值班' });
    await core.invoke('contacts.savePerson', { unitId: amr.id, name: '孙科长', post: '药品安全科科长', mobile: '139 0000 1111' }, ctx);
    const after = (await core.invoke('contacts.gaps', {}, ctx)).gaps;
    expect(after.find((g) => g.unitId === 'amr')).toBeUndefined();
    expect(after.length).toBe(before.length - 1);

    const find = async (q: string) => (await core!.invoke('contacts.list', { q }, ctx)).units.map((u) => u.name);
    expect(await find('市场监督')).toEqual(['县市场监督管理局']);
    expect(await find('科长')).toEqual(['县市场监督管理局']);
    expect(await find('03587221234')).toEqual(['县市场监督管理局']);
    expect(await find('139-0000-1111')).toEqual(['县市场监督管理局']);
    expect(await find('卫健')).toEqual([]);
    // A LIKE wildcard typed by the officer is taken literally.
    expect(await find('%')).toEqual([]);
  });

  it('bad input names the field; a duplicate name is refused; nothing written', async () => {
    core = createCore({ dbPath: path.join(tmpDir(), 'contacts.sqlite') });
    await addPerson(core, 'wang', ['duty-officer'], '王值班');
    const ctx = httpCtx(await sessionOf(core, 'wang'));
    await expect(core.invoke('contacts.saveUnit', { name: '县卫生健康局', kind: 'member', dutyPhone: '电话待定' }, ctx)).rejects.toMatchObject({ body: { field: 'dutyPhone' } });
    await expect(core.invoke('contacts.saveUnit', { name: '县卫生健康局', kind: 'member', email: 'not-an-email' }, ctx)).rejects.toMatchObject({ body: { field: 'email' } });
    await core.invoke('contacts.saveUnit', { name: '县卫生健康局', kind: 'member' }, ctx);
    await expect(core.invoke('contacts.saveUnit', { name: '县卫生健康局', kind: 'member' }, ctx)).rejects.toMatchObject({ body: { code: 'conflict', field: 'name', rule: 'unique' } });
    await expect(core.invoke('contacts.savePerson', { unitId: 999, name: '某人' }, ctx)).rejects.toMatchObject({ body: { code: 'not-found', field: 'unitId' } });
    expect((await core.invoke('contacts.list', {}, ctx)).units.map((u) => u.name)).toEqual(['县卫生健康局']);
  });
});

describe('the directory as XLSX', () => {
  it('exports the template; an import with a bad row writes nothing and names it; a good one adds and updates', async () => {
    core = createCore({ dbPath: path.join(tmpDir(), 'contacts.sqlite') });
    await addPerson(core, 'wang', ['duty-officer'], '王值班');
    const ctx = httpCtx(await sessionOf(core, 'wang'));
    const amr = await core.invoke('contacts.saveUnit', { name: '县市场监督管理局', kind: 'member', dutyPhone: '0358-7221234', planUnits: ['amr'] }, ctx);
    await core.invoke('contacts.savePerson', { unitId: amr.id, name: '孙科长', post: '科长', mobile: '13900001111' }, ctx);
    const out = await core.invoke('contacts.export', {}, ctx);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(out.content, 'base64') as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(['单位', '类别', '24小时值班电话', '传真', '电子邮箱', '对应预案单位', '姓名', '职务', '手机', '办公电话']);
    expect((ws.getRow(2).values as unknown[]).slice(1)).toEqual(['县市场监督管理局', '成员单位', '0358-7221234', '', '', 'amr', '孙科长', '科长', '13900001111', '']);
    ws.getRow(2).getCell(9).value = '13900002222'; // 孙科长's new mobile
    ws.addRow(['县卫生健康局', '成员单位', '0358-7225678', '', '', 'health', '周主任', '主任', '13700003333', '']);
    ws.addRow(['县公安局', '警察局', '110', '', '', 'police', '', '', '', '']);
    const bad = Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
    const refused = await core.invoke('contacts.import', { content: bad }, ctx);
    expect(refused).toMatchObject({ written: 0, problems: [{ row: 4, field: '类别', message: expect.stringMatching(/“警察局”不是类别/) }] });
    expect((await core.invoke('contacts.list', {}, ctx)).units.map((u) => [u.name, u.people.map((p) => p.mobile)])).toEqual([['县市场监督管理局', ['13900001111']]]);
    ws.getRow(4).getCell(2).value = '成员单位';
    const good = Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
    expect(await core.invoke('contacts.import', { content: good }, ctx)).toEqual({ rows: 3, written: 3, problems: [] });
    expect((await core.invoke('contacts.list', {}, ctx)).units.map((u) => [u.name, u.planUnits, u.people.map((p) => p.mobile)])).toEqual([
      ['县市场监督管理局', ['amr'], ['13900002222']],
      ['县卫生健康局', ['health'], ['13700003333']],
      ['县公安局', ['police'], []],
    ]);
  });
});
