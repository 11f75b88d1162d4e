import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../electron/core/clock';
import { createCore, type Core } from '../../../electron/core/core';
import { commands } from '../../../shared/api';
import type { CallContext } from '../../../electron/core/handlers/types';

const ctx: CallContext = { actor: '值班员甲', transport: 'test' };
let dir: string;
let dbPath: string;
let core: Core;
let clock: ManualClock;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fire-core-'));
  dbPath = path.join(dir, 'console.sqlite');
  clock = new ManualClock('2026-04-02T01:00:00Z'); // 2026-04-02 09:00 Asia/Shanghai, 3 days before 清明
  core = withOutputCheck(createCore({ dbPath, clock }));
});

/** Every answer must also parse with the command's own output schema (the contract the UI is typed from). */
function withOutputCheck(c: Core): Core {
  const invoke = c.invoke.bind(c);
  c.invoke = (async (name: string, input: unknown, cx: CallContext) => {
    const out = await invoke(name as never, input, cx);
    const r = (commands as Record<string, { output: { safeParse(x: unknown): { success: boolean; error?: unknown } } }>)[name]!.output.safeParse(out);
    if (!r.success) throw new Error(`output of ${name} breaks its schema: ${String(r.error)}`);
    return out;
  }) as Core['invoke'];
  return c;
}
afterEach(() => {
  core.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function rejects(p: Promise<unknown>): Promise<{ code: string; field?: string; rule?: string; message: string }> {
  try {
    await p;
  } catch (e) {
    return (e as { body: { code: string; field?: string; rule?: string; message: string } }).body;
  }
  throw new Error('expected a rejection');
}

const application = {
  applicant: '交城县某建筑公司',
  kind: 'forestConstruction' as const,
  purpose: '林区防火通道施工（电焊）',
  placeName: '卦山风景区北坡',
  lng: 112.14,
  lat: 37.56,
  township: '天宁镇',
  windowStart: '2026-04-04T08:00:00+08:00',
  windowEnd: '2026-04-05T17:00:00+08:00',
};

describe('fire.calendar and fire.posture through the core', () => {
  it('answers the calendar and refuses an impossible date with invalid-input', async () => {
    const c = await core.invoke('fire.calendar', { date: '2026-04-05' }, ctx);
    expect(c).toMatchObject({ highRiskDay: '清明', inSpecialPeriod: true });
    const err = await rejects(core.invoke('fire.calendar', { date: '2026-02-30' }, ctx));
    expect(err).toMatchObject({ code: 'invalid-input', field: 'date' });
  });
  it("posture defaults to today's Shanghai date from the clock and uses the official level over the estimate", async () => {
    clock.set('2026-04-01T16:30:00Z'); // 2026-04-02 00:30 in Shanghai
    let p = await core.invoke('fire.posture', {}, ctx);
    expect(p.calendar.date).toBe('2026-04-02');
    expect(p.calendar.inHighRiskWindow).toMatchObject({ name: '清明', offsetDays: -3 });
    expect(p.danger.effective).toBeNull();

    await core.invoke('fire.danger.record', { date: '2026-04-02', weather: { maxTempC: 35, humidity14Pct: 5, dryDays: 20, windMs: 10 } }, ctx);
    p = await core.invoke('fire.posture', { date: '2026-04-02' }, ctx);
    expect(p.danger.effective).toMatchObject({ kind: 'estimated', level: 5 });
    expect(p.fireUseForbidden).toBe(true);

    await core.invoke('fire.danger.record', { date: '2026-04-02', official: { level: 3, source: '交城县气象局 16时预报' } }, ctx);
    p = await core.invoke('fire.posture', { date: '2026-04-02' }, ctx);
    expect(p.danger.effective).toMatchObject({ kind: 'official', level: 3 });
    expect(p.danger.estimated).toMatchObject({ kind: 'estimated', level: 5 });
    expect(p.fireUseForbidden).toBe(false);
  });
  it('refuses a danger record with both or neither of official / weather', async () => {
    expect((await rejects(core.invoke('fire.danger.record', { date: '2026-04-02' }, ctx))).code).toBe('invalid-input');
    expect((await rejects(core.invoke('fire.danger.record', { date: '2026-04-02', official: { level: 6, source: 'x' } }, ctx))).code).toBe('invalid-input');
  });
});

describe('fire-use permits in SQLite', () => {
  it('runs applied → approved → active → closed, recording every change as an event', async () => {
    const p = await core.invoke('fire.permits.apply', application, ctx);
    expect(p).toMatchObject({ state: 'applied', authority: 'township', authorityName: '乡镇人民政府', assistedBy: '辖区林场' });
    // the window touches 清明 2026-04-05
    expect(p.warnings.map((w) => w.code)).toEqual(['high-risk-day']);
    clock.advance(60_000);
    await core.invoke('fire.permits.transition', { id: p.id, action: 'approve', approver: '天宁镇 张副镇长' }, ctx);
    clock.set('2026-04-04T00:30:00Z'); // 08:30 Beijing, inside the window: 开始用火 is only legal there
    await core.invoke('fire.permits.transition', { id: p.id, action: 'activate' }, ctx);
    const active = await core.invoke('fire.permits.list', { state: 'active' }, ctx);
    expect(active.permits.map((x) => x.id)).toEqual([p.id]);
    expect((await core.invoke('fire.posture', { date: '2026-04-04' }, ctx)).activePermits).toBe(1);
    const closed = await core.invoke('fire.permits.transition', { id: p.id, action: 'close', note: '施工结束，现场无遗留火种' }, ctx);
    expect(closed.state).toBe('closed');
    expect(closed.approver).toBe('天宁镇 张副镇长');
    expect(closed.events.map((e) => [e.prevState, e.nextState, e.actor])).toEqual([
      [null, 'applied', '值班员甲'],
      ['applied', 'approved', '值班员甲'],
      ['approved', 'active', '值班员甲'],
      ['active', 'closed', '值班员甲'],
    ]);
    expect(closed.events[1]!.recordedAt).toBe('2026-04-02T01:01:00.000Z');
  });

  it('refuses illegal transitions with conflict and writes nothing', async () => {
    const p = await core.invoke('fire.permits.apply', application, ctx);
    const e1 = await rejects(core.invoke('fire.permits.transition', { id: p.id, action: 'activate' }, ctx));
    expect(e1).toMatchObject({ code: 'conflict', rule: 'permit-state-machine' });
    await core.invoke('fire.permits.transition', { id: p.id, action: 'refuse', approver: '天宁镇', note: '特险期不予批准' }, ctx);
    const e2 = await rejects(core.invoke('fire.permits.transition', { id: p.id, action: 'approve', approver: 'x' }, ctx));
    expect(e2.code).toBe('conflict');
    const after = await core.invoke('fire.permits.get', { id: p.id }, ctx);
    expect(after.events).toHaveLength(2);
    expect(after.state).toBe('refused');
    expect((await rejects(core.invoke('fire.permits.transition', { id: 999, action: 'close' }, ctx))).code).toBe('not-found');
    expect((await rejects(core.invoke('fire.permits.transition', { id: p.id, action: 'approve' }, ctx))).field).toBe('approver');
  });

  it('warns on a level-5 day in the window; in 2026 routes blasting and planned burns by Art. 27 (county text superseded)', async () => {
    await core.invoke('fire.danger.record', { date: '2026-06-02', official: { level: 5, source: '县气象局' } }, ctx);
    const b = await core.invoke('fire.permits.apply', { ...application, kind: 'blasting', windowStart: '2026-06-01T08:00:00+08:00', windowEnd: '2026-06-02T10:00:00+08:00' }, ctx);
    expect(b).toMatchObject({ regime: 'regulation-2026', authorityName: '县级以上地方人民政府', clause: '第二十七条' });
    expect(b.supersededCounty).toMatchObject({ authorityName: '县林业局' });
    expect(b.warnings).toEqual([expect.objectContaining({ code: 'danger-level-5', date: '2026-06-02' })]);
    const burn = await core.invoke('fire.permits.apply', { ...application, kind: 'plannedBurn', windowStart: '2026-06-10T08:00:00+08:00', windowEnd: '2026-06-10T12:00:00+08:00' }, ctx);
    expect(burn).toMatchObject({ authorityName: '县级人民政府', warnings: [] });
    expect(burn.supersededCounty).toMatchObject({ authorityName: '县森林防灭火指挥部' });
  });

  it('bad applications are refused naming the field; nothing written', async () => {
    const e = await rejects(core.invoke('fire.permits.apply', { ...application, windowEnd: '2026-04-04T07:00:00+08:00' }, ctx));
    expect(e).toMatchObject({ code: 'invalid-input', field: 'windowEnd' });
    const long = await rejects(core.invoke('fire.permits.apply', { ...application, windowEnd: '2026-09-01T00:00:00+08:00' }, ctx));
    expect(long).toMatchObject({ code: 'invalid-input', rule: 'max-window-days' });
    expect((await core.invoke('fire.permits.list', {}, ctx)).permits).toEqual([]);
  });

  it('the permit history is append-only at the SQLite level', async () => {
    await core.invoke('fire.permits.apply', application, ctx);
    core.close();
    const db = new BetterSqlite3(dbPath);
    // A connection without the console's log key cannot even prepare the write (the seal triggers need its functions).
    const refused = /append-only|no such function: ercon_seal/;
    expect(() => db.prepare("UPDATE fire_permit_events SET next_state = 'approved'").run()).toThrow(refused);
    expect(() => db.prepare('DELETE FROM fire_permit_events').run()).toThrow(refused);
    expect(() => db.prepare("UPDATE fire_permits SET applicant = 'x'").run()).toThrow(refused);
    db.close();
    core = withOutputCheck(createCore({ dbPath, clock }));
  });
});

describe('rewards (6(8))', () => {
  const proposal = { incidentId: 'FIRE-2026-001', kind: 'first-report' as const, recipientName: '刘某', amountYuan: 300, reason: '第一时间报告卦山火情' };
  it('amount bounds 99/100/500/501', async () => {
    for (const [amount, ok] of [
      [99, false],
      [100, true],
      [500, true],
      [501, false],
    ] as const) {
      const p = core.invoke('fire.rewards.propose', { ...proposal, amountYuan: amount }, ctx);
      if (ok) expect((await p).amountYuan).toBe(amount);
      else expect(await rejects(p)).toMatchObject({ code: 'invalid-input', field: 'amountYuan' });
    }
    expect((await core.invoke('fire.rewards.list', { incidentId: 'FIRE-2026-001' }, ctx)).rewards).toHaveLength(2);
  });
  it('needs the township and the HQ office before payment', async () => {
    const r = await core.invoke('fire.rewards.propose', proposal, ctx);
    expect((await rejects(core.invoke('fire.rewards.act', { id: r.id, action: 'pay' }, ctx))).code).toBe('conflict');
    await core.invoke('fire.rewards.act', { id: r.id, action: 'confirm', by: 'township', name: '天宁镇 王' }, ctx);
    expect((await rejects(core.invoke('fire.rewards.act', { id: r.id, action: 'pay' }, ctx))).code).toBe('conflict');
    const c = await core.invoke('fire.rewards.act', { id: r.id, action: 'confirm', by: 'hq-office', name: '指挥部办公室 李' }, ctx);
    expect(c.state).toBe('confirmed');
    const paid = await core.invoke('fire.rewards.act', { id: r.id, action: 'pay' }, ctx);
    expect(paid.state).toBe('paid');
    expect(paid.events.map((e) => e.nextState)).toEqual(['proposed', 'proposed', 'confirmed', 'paid']);
  });
});

describe('ledgers: CSV and XLSX import / export', () => {
  const csv = ['包保类型,包保责任人,职务,联系电话,包保对象,乡镇,村,第二责任人,备注', '县包乡,王某,副县长,,西社镇,西社镇,,,', '护林员包山头,赵某,护林员,139xxxx,卦山北坡,天宁镇,卦山村,,'].join('\n');

  it('imports a good CSV and exports it back (CSV and XLSX round trip)', async () => {
    const r = await core.invoke('fire.ledger.import', { table: 'baobao', format: 'csv', content: '\uFEFF' + csv }, ctx);
    expect(r).toEqual({ ok: true, table: 'baobao', imported: 2, problems: [], encoding: null, rows: 2, headers: expect.any(Array), dryRun: false });
    const list = await core.invoke('fire.ledger.list', { table: 'baobao' }, ctx);
    expect(list.rows.map((x) => (x as { kind: string }).kind)).toEqual(['county-township', 'ranger-hills']);

    const outCsv = await core.invoke('fire.ledger.export', { table: 'baobao', format: 'csv' }, ctx);
    expect(outCsv.content.startsWith('\uFEFF包保类型,包保责任人')).toBe(true);
    expect(outCsv.content).toContain('护林员包山头,赵某,护林员');

    const outX = await core.invoke('fire.ledger.export', { table: 'baobao', format: 'xlsx' }, ctx);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(outX.content, 'base64') as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(1).text).toBe('包保类型');
    expect(ws.getRow(3).getCell(2).text).toBe('赵某');
    // re-import the exported XLSX with replace: same rows
    const again = await core.invoke('fire.ledger.import', { table: 'baobao', format: 'xlsx', content: outX.content, mode: 'replace' }, ctx);
    expect(again).toMatchObject({ ok: true, imported: 2 });
    expect((await core.invoke('fire.ledger.list', { table: 'baobao' }, ctx)).rows).toHaveLength(2);
  });

  it('writes nothing when any row is invalid, and lists problems per row', async () => {
    const bad = csv + '\n监护人和村两委包智障人员,钱某,,,孙某,天宁镇,,,\n县包村,x,,,y,z,,,';
    const r = await core.invoke('fire.ledger.import', { table: 'baobao', format: 'csv', content: bad }, ctx);
    expect(r.ok).toBe(false);
    expect(r.imported).toBe(0);
    expect(r.problems.map((p) => [p.row, p.column])).toEqual([
      [4, '第二责任人'],
      [5, '包保类型'],
    ]);
    expect((await core.invoke('fire.ledger.list', { table: 'baobao' }, ctx)).rows).toEqual([]);
  });

  it('grave register from XLSX: duplicate numbers against the register are refused, nothing written', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('坟头');
    ws.addRow(['编号', '类别', '乡镇', '村', '位置', '经度', '纬度', '坟主', '火险等级', '备注']);
    ws.addRow(['G-001', '坟头', '天宁镇', '卦山村', '北坡松林边', 112.14, 37.56, '张某', '高', '']);
    ws.addRow(['A-001', '集中祭坛', '天宁镇', '卦山村', '村东祭坛', null, null, null, '低', '']);
    const content = Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
    expect(await core.invoke('fire.ledger.import', { table: 'graves', format: 'xlsx', content }, ctx)).toMatchObject({ ok: true, imported: 2 });
    const twice = await core.invoke('fire.ledger.import', { table: 'graves', format: 'xlsx', content }, ctx);
    expect(twice.ok).toBe(false);
    expect(twice.problems.map((p) => p.row)).toEqual([2, 3]);
    expect((await core.invoke('fire.ledger.list', { table: 'graves' }, ctx)).rows).toHaveLength(2);
    // a broken file is a problem, not a crash
    const junk = await core.invoke('fire.ledger.import', { table: 'graves', format: 'xlsx', content: Buffer.from('not a zip').toString('base64') }, ctx);
    expect(junk.ok).toBe(false);
  });

  it('edits and removes rows; a duplicate grave number conflicts', async () => {
    const a = await core.invoke('fire.ledger.save', { table: 'graves', row: { number: 'G-9', kind: 'grave', township: '西社镇', location: '沟口', owner: '周', riskGrade: 'medium' } }, ctx);
    await core.invoke('fire.ledger.save', { table: 'graves', id: a.id, row: { number: 'G-9', kind: 'grave', township: '西社镇', location: '沟口', owner: '周', riskGrade: 'high' } }, ctx);
    const rows = (await core.invoke('fire.ledger.list', { table: 'graves' }, ctx)).rows as Array<{ riskGrade: string }>;
    expect(rows[0]!.riskGrade).toBe('high');
    const dup = await rejects(core.invoke('fire.ledger.save', { table: 'graves', row: { number: 'G-9', kind: 'altar', township: '西社镇', location: 'x', riskGrade: 'low' } }, ctx));
    expect(dup.code).toBe('conflict');
    await core.invoke('fire.ledger.remove', { table: 'graves', id: a.id }, ctx);
    expect((await core.invoke('fire.ledger.list', { table: 'graves' }, ctx)).rows).toEqual([]);
    expect((await rejects(core.invoke('fire.ledger.remove', { table: 'graves', id: a.id }, ctx))).code).toBe('not-found');
  });
});

describe('team tiers', () => {
  it('checks sizes against 6(5)', async () => {
    const r = await core.invoke('fire.teams.tiers', { sizes: [{ tier: 'village', size: 21 }, { tier: 'township-quick-response', size: 20 }] }, ctx);
    expect(r.tiers).toHaveLength(5);
    expect(r.checks.map((c) => c.ok)).toEqual([false, true]);
  });
});

describe('danger levels over a permit window', () => {
  it('an official level overrides an estimate of the same day, the latest entry wins', async () => {
    await core.invoke('fire.danger.record', { date: '2026-06-05', weather: { maxTempC: 35, humidity14Pct: 5, dryDays: 20, windMs: 10 } }, ctx); // estimated 5
    const w1 = await core.invoke('fire.permits.apply', { ...application, windowStart: '2026-06-05T08:00:00+08:00', windowEnd: '2026-06-05T12:00:00+08:00' }, ctx);
    expect(w1.warnings.map((w) => w.code)).toEqual(['danger-level-5']);
    await core.invoke('fire.danger.record', { date: '2026-06-05', official: { level: 2, source: '县气象局' } }, ctx);
    expect((await core.invoke('fire.permits.get', { id: w1.id }, ctx)).warnings).toEqual([]);
    await core.invoke('fire.danger.record', { date: '2026-06-05', official: { level: 5, source: '县气象局 更正' } }, ctx);
    expect((await core.invoke('fire.permits.get', { id: w1.id }, ctx)).warnings.map((w) => w.code)).toEqual(['danger-level-5']);
  });
});
