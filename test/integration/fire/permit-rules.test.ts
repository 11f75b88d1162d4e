/**
 * The permit zone check and window through the core on a real SQLite file with the sample control zones seeded
 * (issue 12 item 6, issue 11 item 4): a 清明 grave-burning permit inside 卦山 cannot be approved; a permit inside a
 * zone in the special period needs the zone-entry approval (Art. 31) confirmed; 开始用火 only inside the window, and
 * only then does the map's list call it valid; the rules of the day on both sides of 2026-01-01.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../electron/core/clock';
import { createCore, type Core } from '../../../electron/core/core';
import type { CallContext } from '../../../electron/core/handlers/types';
import { commands } from '../../../shared/api';

const ctx: CallContext = { actor: '值班员甲', transport: 'test' };
let dir: string;
let dbPath: string;
let core: Core;
let clock: ManualClock;

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fire-permit-rules-'));
  dbPath = path.join(dir, 'console.sqlite');
  clock = new ManualClock('2025-12-01T01:00:00Z');
  core = createCore({ dbPath, clock });
  await core.invoke('map.seedSamples', {}, ctx);
});
afterEach(() => {
  core.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function rejects(p: Promise<unknown>): Promise<{ code: string; field?: string; rule?: string; message: string; messageEn: string }> {
  try {
    await p;
  } catch (e) {
    return (e as { body: { code: string; field?: string; rule?: string; message: string; messageEn: string } }).body;
  }
  throw new Error('expected a rejection');
}

function eventCount(): number {
  const db = new BetterSqlite3(dbPath, { readonly: true });
  try {
    return (db.prepare('SELECT COUNT(*) AS n FROM fire_permit_events').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

// inside the sample 卦山 zone (assets/geo/jiaocheng-samples.geojson); the second point is outside every zone
const IN_GUASHAN = { lng: 112.15, lat: 37.585 };
const OUTSIDE = { lng: 112.3, lat: 37.45 };
const base = { applicant: '城关村 李某', placeName: '卦山北坡', township: '天宁镇', purpose: '清明上坟烧纸', kind: 'otherFireUse' as const };

describe('zone check in the core', () => {
  it('a 清明 grave-burning permit inside 卦山 cannot be approved: conflict, approve not offered, nothing written', async () => {
    const p = await core.invoke('fire.permits.apply', { ...base, ...IN_GUASHAN, windowStart: '2026-04-05T09:00:00+08:00', windowEnd: '2026-04-05T11:00:00+08:00' }, ctx);
    expect(p.zones).toEqual(['卦山风景区重点管控区（示例）']);
    expect(p.blocks.map((b) => b.code)).toEqual(['grave-fire', 'high-risk-day-in-zone']);
    expect(p.legalActions).toEqual(['refuse']);
    const before = eventCount();
    const e = await rejects(core.invoke('fire.permits.transition', { id: p.id, action: 'approve', approver: '天宁镇 王镇长', approvals: ['kind', 'zone-entry'] }, ctx));
    expect(e).toMatchObject({ code: 'conflict', field: 'action', rule: 'permit-zone-check' });
    expect(e.message).toContain('严禁在坟头使用明火');
    expect(e.messageEn).toContain('no open fire at graves');
    expect(eventCount()).toBe(before);
    const r = await core.invoke('fire.permits.transition', { id: p.id, action: 'refuse', approver: '天宁镇 王镇长', note: '集中祭祀' }, ctx);
    expect(r.state).toBe('refused');
  });

  it('the same fire use outside the zones on an ordinary day can be approved; grave fire never', async () => {
    const ok = await core.invoke('fire.permits.apply', { ...base, ...OUTSIDE, purpose: '防治病虫害烧除', windowStart: '2026-06-10T09:00:00+08:00', windowEnd: '2026-06-10T11:00:00+08:00' }, ctx);
    expect(ok.blocks).toEqual([]);
    expect(ok.legalActions).toContain('approve');
    const grave = await core.invoke('fire.permits.apply', { ...base, ...OUTSIDE, windowStart: '2026-06-10T09:00:00+08:00', windowEnd: '2026-06-10T11:00:00+08:00' }, ctx);
    expect(grave.blocks.map((b) => b.code)).toEqual(['grave-fire']);
  });

  it('inside a zone in the special period the zone-entry approval (第三十一条) must be confirmed', async () => {
    const p = await core.invoke('fire.permits.apply', { ...base, ...IN_GUASHAN, kind: 'forestConstruction', purpose: '防火通道施工', windowStart: '2026-11-20T08:00:00+08:00', windowEnd: '2026-11-20T17:00:00+08:00' }, ctx);
    expect(p.approvals.map((a) => [a.id, a.authorityName, a.clause])).toEqual([
      ['kind', '乡镇人民政府', '3(2)'],
      ['zone-entry', '县级以上地方人民政府', '第三十一条'],
    ]);
    const before = eventCount();
    const e = await rejects(core.invoke('fire.permits.transition', { id: p.id, action: 'approve', approver: '天宁镇 王镇长' }, ctx));
    expect(e).toMatchObject({ code: 'invalid-input', field: 'approvals', rule: 'permit-higher-approval' });
    expect(e.message).toContain('县级以上地方人民政府');
    expect(eventCount()).toBe(before);
    const a = await core.invoke('fire.permits.transition', { id: p.id, action: 'approve', approver: '县政府 赵副县长', approvals: ['kind', 'zone-entry'] }, ctx);
    expect(a.state).toBe('approved');
    expect(a.events.at(-1)).toMatchObject({ approver: '县政府 赵副县长', approvals: ['kind', 'zone-entry'] });
  });
});

describe('开始用火 only inside the approved window; the map calls it valid only then', () => {
  it('four months early: refused (permit-window); at the start: active and valid; after the end: not valid', async () => {
    const p = await core.invoke('fire.permits.apply', { ...base, ...OUTSIDE, purpose: '防治病虫害烧除', windowStart: '2026-04-01T08:00:00+08:00', windowEnd: '2026-04-01T12:00:00+08:00' }, ctx);
    await core.invoke('fire.permits.transition', { id: p.id, action: 'approve', approver: '县政府 赵副县长' }, ctx);
    const early = await rejects(core.invoke('fire.permits.transition', { id: p.id, action: 'activate' }, ctx));
    expect(early).toMatchObject({ code: 'conflict', rule: 'permit-window' });
    expect(early.message).toContain('2026-04-01 08:00 起');
    clock.set('2026-03-31T23:59:59.999Z'); // one millisecond before 08:00 Beijing
    expect((await rejects(core.invoke('fire.permits.transition', { id: p.id, action: 'activate' }, ctx))).rule).toBe('permit-window');
    expect((await core.invoke('fire.permits.get', { id: p.id }, ctx)).state).toBe('approved');
    clock.set('2026-04-01T00:00:00Z');
    const act = await core.invoke('fire.permits.transition', { id: p.id, action: 'activate' }, ctx);
    expect(act).toMatchObject({ state: 'active', windowStatus: 'inside', validNow: true });
    expect((await core.invoke('fire.posture', {}, ctx)).activePermits).toBe(1);
    clock.set('2026-04-01T04:00:00.001Z'); // a millisecond after 12:00
    const late = await core.invoke('fire.permits.list', { state: 'active' }, ctx);
    expect(late.permits.map((x) => [x.state, x.windowStatus, x.validNow])).toEqual([['active', 'after', false]]);
    expect((await core.invoke('fire.posture', {}, ctx)).activePermits).toBe(0);
  });

  it('after the window an approved permit cannot start either', async () => {
    const p = await core.invoke('fire.permits.apply', { ...base, ...OUTSIDE, purpose: '烧除', windowStart: '2025-12-01T08:00:00+08:00', windowEnd: '2025-12-01T08:30:00+08:00' }, ctx);
    await core.invoke('fire.permits.transition', { id: p.id, action: 'approve', approver: '县林业局 钱科长' }, ctx);
    clock.set('2025-12-01T00:30:00.001Z');
    const e = await rejects(core.invoke('fire.permits.transition', { id: p.id, action: 'activate' }, ctx));
    expect(e).toMatchObject({ rule: 'permit-window' });
    expect(e.message).toContain('已过');
  });
});

describe('the rules of the day on both sides of 2026-01-01', () => {
  it('blasting starting 23:59 on 2025-12-31 → 县林业局 (3(2)); at 00:00 on 2026-01-01 → 县级以上地方人民政府 (第二十七条), county text superseded', async () => {
    const old = await core.invoke('fire.permits.apply', { ...base, ...OUTSIDE, kind: 'blasting', purpose: '采石爆破', windowStart: '2025-12-31T23:59:00+08:00', windowEnd: '2026-01-01T02:00:00+08:00' }, ctx);
    expect(old).toMatchObject({ regime: 'county-2024', authorityName: '县林业局', clause: '3(2)', supersededCounty: null, penalties: [] });
    const neu = await core.invoke('fire.permits.apply', { ...base, ...OUTSIDE, kind: 'blasting', purpose: '采石爆破', windowStart: '2026-01-01T00:00:00+08:00', windowEnd: '2026-01-01T02:00:00+08:00' }, ctx);
    expect(neu).toMatchObject({ regime: 'regulation-2026', authority: 'county-or-higher-government', authorityName: '县级以上地方人民政府', clause: '第二十七条' });
    expect(neu.basis).toContain('森林草原防灭火条例');
    expect(neu.supersededCounty?.note).toContain('县林业局审批，已被《森林草原防灭火条例》第二十七条取代');
    expect(neu.penalties.map((x) => x.zh)).toEqual([expect.stringContaining('罚款 10万–20万 元（第五十五条）'), expect.stringContaining('第五十三条')]);
    // the output is what the contract says
    expect(commands['fire.permits.get'].output.safeParse(neu).success).toBe(true);
  });
});
