import { describe, expect, it } from 'vitest';
import { decodePlace, encodePlace, parseCoord } from '../../../../renderer/src/fire/location';
import { draftToRow, rowToDraft } from '../../../../renderer/src/fire/ledgerDraft';
import { raisedFlags } from '../../../../renderer/src/fire/FireFlags';
import { reportUpItems } from '../../../../shared/fire/incident';
import { forestFire2026Plan, forestFirePlan, grasslandFire2026Plan } from '../../../../shared/plans';

describe('fire location in the reported place text', () => {
  it('round-trips a named point with 6 decimals', () => {
    const place = encodePlace('卦山风景区北坡', { lng: 112.1501234, lat: 37.5859876 });
    expect(place).toBe('卦山风景区北坡 [WGS84 112.150123,37.585988]');
    expect(decodePlace(place)).toEqual({ name: '卦山风景区北坡', point: { lng: 112.150123, lat: 37.585988 } });
  });
  it('keeps a place without coordinates as text, and a name-less point', () => {
    expect(decodePlace('西社镇沟口')).toEqual({ name: '西社镇沟口', point: null });
    expect(decodePlace(encodePlace('', { lng: -1.5, lat: -2.25 }))).toEqual({ name: '', point: { lng: -1.5, lat: -2.25 } });
    expect(decodePlace(undefined)).toEqual({ name: '', point: null });
  });
  it('does not read an out-of-range tag as a point', () => {
    expect(decodePlace('x [WGS84 190.000000,37.000000]').point).toBeNull();
    expect(decodePlace('x [WGS84 112.000000,91.000000]').point).toBeNull();
  });
  it('parses typed coordinates within range only', () => {
    expect(parseCoord(' 112.15 ', 'lng')).toBe(112.15);
    expect(parseCoord('180', 'lng')).toBe(180);
    expect(parseCoord('180.0001', 'lng')).toBeNull();
    expect(parseCoord('90', 'lat')).toBe(90);
    expect(parseCoord('90.5', 'lat')).toBeNull();
    expect(parseCoord('112,15', 'lng')).toBeNull();
    expect(parseCoord('', 'lat')).toBeNull();
  });
});

describe('report-up flags shown on a fire, from the pinned plan version', () => {
  it('2008 rules: the eight clauses of 第三十二条 in order; 2026 rules: the five of 第三十五条', () => {
    expect(reportUpItems(forestFirePlan).map((f) => f.clause)).toEqual(['32(1)', '32(2)', '32(3)', '32(4)', '32(5)', '32(6)', '32(7)', '32(8)']);
    expect(reportUpItems(forestFire2026Plan).map((f) => f.clause)).toEqual(['35(1)', '35(2)', '35(3)', '35(4)', '35(5)']);
    expect(reportUpItems(grasslandFire2026Plan).map((f) => f.clause)).toEqual(['35(1)', '35(2)', '35(3)', '35(4)', '35(5)']);
  });
  it('32(3) / 35(2): 2 deaths no, 3 deaths yes; 9 serious injuries no, 10 yes', () => {
    for (const [plan, clause] of [[forestFirePlan, '32(3)'], [forestFire2026Plan, '35(2)']] as const) {
      expect(raisedFlags(plan, { deaths: 2 }, false).has(clause)).toBe(false);
      expect(raisedFlags(plan, { deaths: 3 }, false).has(clause)).toBe(true);
      expect(raisedFlags(plan, { seriousInjuries: 9 }, false).has(clause)).toBe(false);
      expect(raisedFlags(plan, { seriousInjuries: 10 }, false).has(clause)).toBe(true);
    }
  });
  it('32(5) (2008): 23.9 burning hours no, 24 yes; or the 24-hour timer alone', () => {
    expect(raisedFlags(forestFirePlan, { burningHours: 23.9 }, false).has('32(5)')).toBe(false);
    expect(raisedFlags(forestFirePlan, { burningHours: 24 }, false).has('32(5)')).toBe(true);
    expect(raisedFlags(forestFirePlan, {}, true).has('32(5)')).toBe(true);
  });
  it('35(5) (2026): the 24-hour mark raises no flag (it is a prompt); a recorded 研判 does', () => {
    expect([...raisedFlags(forestFire2026Plan, {}, true)]).toEqual([]);
    expect(raisedFlags(forestFire2026Plan, { judgedReportUp: true, judgedReportUpReason: '火势向居民区蔓延' }, false).has('35(5)')).toBe(true);
  });
  it('32(2) (2008): 99.9 ha (较大) no, 100 ha (重大) yes; 35(1) (2026): over-burned 100 no, 100.5 yes', () => {
    expect(raisedFlags(forestFirePlan, { burnedForestHa: 99.9 }, false).has('32(2)')).toBe(false);
    expect(raisedFlags(forestFirePlan, { burnedForestHa: 100 }, false).has('32(2)')).toBe(true);
    expect(raisedFlags(forestFire2026Plan, { burnedForestHa: 50, overburnedForestHa: 100 }, false).has('35(1)')).toBe(false);
    expect(raisedFlags(forestFire2026Plan, { burnedForestHa: 50, overburnedForestHa: 100.5 }, false).has('35(1)')).toBe(true);
  });
  it('bad facts raise nothing from the facts (the form shows the error instead)', () => {
    expect([...raisedFlags(forestFirePlan, { deaths: -1 }, false)]).toEqual([]);
    expect([...raisedFlags(forestFire2026Plan, { judgedReportUp: true }, false)]).toEqual([]);
  });
});

describe('ledger rows as editable text', () => {
  it('fills required enum cells with their first value and leaves optional ones empty', () => {
    const d = rowToDraft('graves', null);
    expect(d.kind).toBe('grave');
    expect(d.riskGrade).toBe('high');
    expect(d.lng).toBe('');
  });
  it('drops empty optional cells, parses numbers, keeps empty required ones for the core to name', () => {
    const r = draftToRow('graves', { ...rowToDraft('graves', null), number: 'F-1', township: '天宁镇', location: '北坡', lng: '112.15', lat: '37.58', owner: '' });
    expect(r).toEqual({ row: { number: 'F-1', kind: 'grave', township: '天宁镇', location: '北坡', lng: 112.15, lat: 37.58, riskGrade: 'high' } });
    expect(draftToRow('baobao', rowToDraft('baobao', null))).toMatchObject({ row: { kind: 'county-township', responsible: '', target: '', township: '' } });
  });
  it('names a cell that is not a number', () => {
    expect(draftToRow('graves', { ...rowToDraft('graves', null), lng: '112.1.5' })).toEqual({ field: 'lng' });
  });
  it('round-trips a stored row', () => {
    const stored = { id: 7, kind: 'altar', number: 'A-2', township: '西社镇', location: '集中祭坛', riskGrade: 'low', lng: 111.9, lat: 37.6 };
    expect(draftToRow('graves', rowToDraft('graves', stored))).toEqual({ row: { number: 'A-2', kind: 'altar', township: '西社镇', location: '集中祭坛', lng: 111.9, lat: 37.6, riskGrade: 'low' } });
  });
});
