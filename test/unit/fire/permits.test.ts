import { describe, expect, it } from 'vitest';
import { authorityFor, legalPermitActions, nextPermitState, PERMIT_ACTIONS, PERMIT_STATES, permitApplicationSchema, type PermitState } from '../../../shared/fire/permits';
import { permitWarnings } from '../../../shared/fire/permitCheck';

describe('approving authority by kind (3(2), 3(3))', () => {
  it.each([
    ['blasting', '县林业局', null],
    ['otherFireUse', '县林业局', null],
    ['enterHighRiskZone', '乡镇人民政府', '辖区林场'],
    ['forestConstruction', '乡镇人民政府', '辖区林场'],
    ['plannedBurn', '县森林防灭火指挥部', null],
  ] as const)('%s → %s', (kind, name, assisted) => {
    const d = authorityFor(kind);
    expect(d.authorityName).toBe(name);
    expect(d.assistedBy).toBe(assisted);
  });
});

describe('state machine: applied → approved/refused → active → closed', () => {
  const legal: Array<[PermitState, string, PermitState]> = [
    ['applied', 'approve', 'approved'],
    ['applied', 'refuse', 'refused'],
    ['approved', 'activate', 'active'],
    ['active', 'close', 'closed'],
    ['approved', 'close', 'closed'],
  ];
  it.each(legal)('%s --%s--> %s', (from, action, to) => expect(nextPermitState(from, action as never)).toBe(to));
  it('every other (state, action) pair is illegal', () => {
    const ok = new Set(legal.map(([f, a]) => `${f}/${a}`));
    let illegal = 0;
    for (const s of PERMIT_STATES)
      for (const a of PERMIT_ACTIONS) {
        if (ok.has(`${s}/${a}`)) continue;
        expect(nextPermitState(s, a), `${s}/${a}`).toBeNull();
        illegal++;
      }
    expect(illegal).toBe(PERMIT_STATES.length * PERMIT_ACTIONS.length - legal.length);
  });
  it('refused and closed are final; applied cannot be activated or closed', () => {
    expect(legalPermitActions('refused')).toEqual([]);
    expect(legalPermitActions('closed')).toEqual([]);
    expect(legalPermitActions('applied')).toEqual(['approve', 'refuse']);
  });
});

describe('warnings for the time window', () => {
  it('a window touching 清明 (2026-04-05, Asia/Shanghai day) warns; one ending the minute before does not', () => {
    const touching = permitWarnings('2026-04-04T20:00:00+08:00', '2026-04-05T00:00:00+08:00');
    expect(touching).toHaveLength(1);
    expect(touching[0]).toMatchObject({ code: 'high-risk-day', date: '2026-04-05', clause: '3(2)' });
    expect(permitWarnings('2026-04-04T08:00:00+08:00', '2026-04-04T23:59:59+08:00')).toEqual([]);
  });
  it('寒衣节 2027-10-29 warns although it is before the special period', () => {
    expect(permitWarnings('2027-10-28T09:00:00+08:00', '2027-10-30T17:00:00+08:00').map((w) => w.date)).toEqual(['2027-10-29']);
  });
  it('a level-5 day warns, a level-4 day does not', () => {
    const w = permitWarnings('2026-06-01T08:00:00+08:00', '2026-06-03T17:00:00+08:00', new Map([['2026-06-02', 5], ['2026-06-03', 4]]));
    expect(w).toEqual([expect.objectContaining({ code: 'danger-level-5', date: '2026-06-02' })]);
  });
});

describe('application schema', () => {
  const good = {
    applicant: '某施工单位',
    kind: 'forestConstruction',
    purpose: '林区道路施工',
    placeName: '卦山',
    lng: 112.1,
    lat: 37.55,
    windowStart: '2026-06-01T08:00:00+08:00',
    windowEnd: '2026-06-01T17:00:00+08:00',
  };
  it('accepts a good application', () => expect(permitApplicationSchema.safeParse(good).success).toBe(true));
  it('refuses an end not after the start, bad coordinates, an unknown kind', () => {
    expect(permitApplicationSchema.safeParse({ ...good, windowEnd: good.windowStart }).success).toBe(false);
    expect(permitApplicationSchema.safeParse({ ...good, lat: 91 }).success).toBe(false);
    expect(permitApplicationSchema.safeParse({ ...good, kind: 'bbq' }).success).toBe(false);
    expect(permitApplicationSchema.safeParse({ ...good, applicant: ' ' }).success).toBe(false);
  });
});
