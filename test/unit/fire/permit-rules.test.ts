/**
 * Permit rules in force on the day (issue 11 item 4, issue 12 item 6): 《森林草原防灭火条例》 Art. 27 / 31 from
 * 2026-01-01 (county text superseded where it names another approver), penalties of Art. 53–56, and the zone check
 * (three control zones of 3(1), 清明 / 寒衣节 of 3(2), the high-risk period) and the activation window.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { kindRule, PENALTIES, penaltyText, permitRegime, windowStatus, type PermitKind } from '../../../shared/fire/permits';
import { permitCheck } from '../../../shared/fire/permitCheck';

const GUASHAN = [{ name: '卦山风景区重点管控区（示例）', kind: 'control-zone' }];

describe('the rules in force on the day the window starts (Beijing date)', () => {
  it('23:59 on 2025-12-31 keeps the county opinions; 00:00 on 2026-01-01 takes the regulation', () => {
    expect(permitRegime('2025-12-31T23:59:59+08:00')).toBe('county-2024');
    expect(permitRegime('2025-12-31T16:00:00Z')).toBe('regulation-2026'); // = 2026-01-01 00:00 Beijing
    expect(permitRegime('2025-12-31T15:59:59Z')).toBe('county-2024');
  });
  it.each([
    // kind, 2024 approver, 2026 approver, 2026 clause, superseded?
    ['blasting', '县林业局', '县级以上地方人民政府', '第二十七条', true],
    ['otherFireUse', '县林业局', '县级人民政府', '第二十七条', true],
    ['enterHighRiskZone', '乡镇人民政府', '县级以上地方人民政府', '第三十一条', true],
    ['forestConstruction', '乡镇人民政府', '乡镇人民政府', '3(2)', false],
    ['plannedBurn', '县森林防灭火指挥部', '县级人民政府', '第二十七条', true],
  ] as const)('%s: before %s, from 2026 %s (%s)', (kind, old, now, clause, superseded) => {
    expect(kindRule(kind, 'county-2024')).toMatchObject({ authorityName: old, supersededCounty: null, penalties: [] });
    const r = kindRule(kind, 'regulation-2026');
    expect(r).toMatchObject({ authorityName: now, clause });
    expect(r.supersededCounty !== null).toBe(superseded);
    if (superseded) expect(r.supersededCounty!.note).toMatch(new RegExp(`${old}审批，已被《森林草原防灭火条例》${clause}取代`));
  });
  it('every 2026 kind lists the penalty for doing it without approval, and Art. 53', () => {
    const arts = (k: PermitKind) => kindRule(k, 'regulation-2026').penalties.map((p) => p.article);
    expect(arts('blasting')).toEqual(['第五十五条', '第五十三条']);
    expect(arts('otherFireUse')).toEqual(['第五十四条', '第五十三条']);
    expect(arts('enterHighRiskZone')).toEqual(['第五十六条', '第五十三条']);
    expect(arts('forestConstruction')).toEqual(['第五十四条', '第五十六条', '第五十三条']);
  });
  it('penalty texts carry the ranges of DOMAIN §6.5', () => {
    expect(penaltyText(PENALTIES.art54).zh).toBe('未经批准在防火区内野外用火：罚款个人 300–5,000 元，单位 2万–10万 元（第五十四条）');
    expect(penaltyText(PENALTIES.art55).zh).toContain('罚款 10万–20万 元（第五十五条）');
    expect(penaltyText(PENALTIES.art56).zh).toContain('个人 300–3,000 元，单位 5,000–2万 元');
    expect(penaltyText(PENALTIES.art53).en).toContain('individual 300–3,000 yuan; unit 10,000–20,000 yuan');
  });
});

describe('zone check', () => {
  const qingming = { windowStart: '2026-04-05T09:00:00+08:00', windowEnd: '2026-04-05T11:00:00+08:00' };
  it('a 清明 grave-burning permit inside 卦山 is refused (both rules), not approvable as ordinary', () => {
    const c = permitCheck({ kind: 'otherFireUse', purpose: '清明上坟烧纸', ...qingming, zones: GUASHAN });
    expect(c.blocks.map((b) => b.code)).toEqual(['grave-fire', 'high-risk-day-in-zone']);
    expect(c.blocks[1]!.message).toContain('卦山风景区重点管控区（示例）');
  });
  it('grave fire is refused anywhere in the county; other fire on 清明 outside the zones only warns', () => {
    expect(permitCheck({ kind: 'otherFireUse', purpose: '祭扫', ...qingming, zones: [] }).blocks.map((b) => b.code)).toEqual(['grave-fire']);
    const c = permitCheck({ kind: 'otherFireUse', purpose: '防治病虫害', ...qingming, zones: [] });
    expect(c.blocks).toEqual([]);
    expect(c.warnings.map((w) => w.code)).toEqual(['high-risk-day']);
  });
  it('the day before 清明 inside the zone is not blocked but needs the zone-entry approval', () => {
    const c = permitCheck({ kind: 'forestConstruction', purpose: '施工', windowStart: '2026-04-04T08:00:00+08:00', windowEnd: '2026-04-04T23:59:59+08:00', zones: GUASHAN });
    expect(c.blocks).toEqual([]);
    expect(c.approvals.map((a) => [a.id, a.authorityName, a.clause])).toEqual([
      ['kind', '乡镇人民政府', '3(2)'],
      ['zone-entry', '县级以上地方人民政府', '第三十一条'],
    ]);
  });
  it('before 2026 the zone-entry approval is the township (3(2))', () => {
    const c = permitCheck({ kind: 'blasting', purpose: '采石爆破', windowStart: '2025-11-20T08:00:00+08:00', windowEnd: '2025-11-20T12:00:00+08:00', zones: GUASHAN });
    expect(c.approvals.map((a) => [a.id, a.authorityName, a.clause])).toEqual([
      ['kind', '县林业局', '3(2)'],
      ['zone-entry', '乡镇人民政府', '3(2)'],
    ]);
  });
  it('high-risk period: 15 May is in the special period, 16 May is not; danger 4 makes it one, 3 does not', () => {
    const on = (d: string, danger?: number) =>
      permitCheck({ kind: 'forestConstruction', purpose: '施工', windowStart: `${d}T08:00:00+08:00`, windowEnd: `${d}T12:00:00+08:00`, zones: GUASHAN, dangerByDate: danger ? new Map([[d, danger as 3 | 4]]) : undefined }).approvals.length;
    expect(on('2026-05-15')).toBe(2);
    expect(on('2026-05-16')).toBe(1);
    expect(on('2026-07-10', 4)).toBe(2);
    expect(on('2026-07-10', 3)).toBe(1);
  });
  it('outside every zone no zone-entry approval; a zone-entry permit does not need itself twice', () => {
    expect(permitCheck({ kind: 'forestConstruction', purpose: '施工', windowStart: '2026-11-20T08:00:00+08:00', windowEnd: '2026-11-20T12:00:00+08:00', zones: [] }).approvals).toHaveLength(1);
    expect(permitCheck({ kind: 'enterHighRiskZone', purpose: '巡护', windowStart: '2026-11-20T08:00:00+08:00', windowEnd: '2026-11-20T12:00:00+08:00', zones: GUASHAN }).approvals).toHaveLength(1);
  });
});

describe('activation window', () => {
  const s = '2026-04-04T08:00:00+08:00';
  const e = '2026-04-05T17:00:00+08:00';
  it('both ends inclusive, a millisecond outside is outside', () => {
    expect(windowStatus(s, e, new Date(Date.parse(s) - 1))).toBe('before');
    expect(windowStatus(s, e, s)).toBe('inside');
    expect(windowStatus(s, e, e)).toBe('inside');
    expect(windowStatus(s, e, new Date(Date.parse(e) + 1))).toBe('after');
  });
  it('property: inside exactly when start ≤ now ≤ end; before / after otherwise', () => {
    const t0 = Date.parse('2025-06-01T00:00:00Z');
    fc.assert(
      // now: a random instant, or one of the edges (start, end, a millisecond either side), where bugs live
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 1, max: 10_000_000 }), fc.oneof(fc.integer({ min: -1_000_000, max: 21_000_000 }), fc.constantFrom('s', 'e', 's-1', 'e+1')), (a, len, pick) => {
        const start = new Date(t0 + a).toISOString();
        const end = new Date(t0 + a + len).toISOString();
        const edges: Record<string, number> = { s: t0 + a, e: t0 + a + len, 's-1': t0 + a - 1, 'e+1': t0 + a + len + 1 };
        const now = typeof pick === 'number' ? t0 + pick : edges[pick]!;
        const st = windowStatus(start, end, new Date(now));
        const expected = now < t0 + a ? 'before' : now > t0 + a + len ? 'after' : 'inside';
        return st === expected;
      }),
      { numRuns: 2000 },
    );
  });
});
