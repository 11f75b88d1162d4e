import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

// each call starts a real `ercon` process (tsx); on a loaded 2-core machine one can take several seconds
vi.setConfig({ testTimeout: 180_000 });

const ROOT = path.resolve(__dirname, '../../..');
const ERCON = path.join(ROOT, 'electron/cli/ercon.mjs');
let dir: string;

function ercon(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [ERCON, ...args], { encoding: 'utf8', input, cwd: ROOT, env: { ...process.env } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fire-cli-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('ercon fire-calendar <date>', () => {
  it('2027-10-29: 寒衣节 before 1 November — outside the special period, still the high-risk day', () => {
    const r = ercon(['fire-calendar', '2027-10-29']);
    expect(r.code).toBe(0);
    expect(r.out.trim().split('\n')).toHaveLength(1);
    const j = JSON.parse(r.out);
    expect(j).toMatchObject({
      date: '2027-10-29',
      inSpecialPeriod: false,
      highRiskDay: '寒衣节',
      nextHighRiskDay: { name: '寒衣节', date: '2027-10-29', daysAway: 0 },
      inHighRiskWindow: { name: '寒衣节', date: '2027-10-29', offsetDays: 0 },
    });
    expect(j.focusPeriods.map((p: { name: string }) => p.name)).toEqual(['十月初一']);
  });
  it('special-period edges: 10-31 no, 11-01 yes, 05-15 yes, 05-16 no', () => {
    for (const [d, inside] of [
      ['2025-10-31', false],
      ['2025-11-01', true],
      ['2026-05-15', true],
      ['2026-05-16', false],
    ] as const) {
      const r = ercon(['fire-calendar', d]);
      expect(r.code, d).toBe(0);
      expect(JSON.parse(r.out).inSpecialPeriod, d).toBe(inside);
    }
  });
  it('the day before 清明 2026: highRiskDay null, window offset −1, next 1 day away; window is configurable', () => {
    const j = JSON.parse(ercon(['fire-calendar', '2026-04-04']).out);
    expect(j).toMatchObject({ highRiskDay: null, nextHighRiskDay: { name: '清明', date: '2026-04-05', daysAway: 1 }, inHighRiskWindow: { offsetDays: -1 } });
    const k = JSON.parse(ercon(['fire-calendar', '2026-04-04', '--before', '0']).out);
    expect(k.inHighRiskWindow).toBeNull();
    expect(k.window).toEqual({ daysBefore: 0, daysAfter: 1 });
  });
  it('a bad date exits 2 with a message and nothing on stdout', () => {
    for (const bad of ['2026-02-30', '2026/04/05', 'today']) {
      const r = ercon(['fire-calendar', bad]);
      expect(r.code, bad).toBe(2);
      expect(r.out).toBe('');
      expect(r.err).toMatch(/date/);
    }
    const w = ercon(['fire-calendar', '2026-04-04', '--before', '40']);
    expect(w.code).toBe(2);
    expect(w.err).toMatch(/daysBefore/);
  });
});

// The 2008 rules (《森林防火条例》第四十条、第三十二条) for a fire in 2025: `--at` picks the version in force that day (the
// 2026 rules are in test/integration/plans/plan-versions.test.ts).
describe('ercon classify forest-fire --facts --at 2025-…', () => {
  const AT = ['--at', '2025-06-01'];
  const facts = { burnedForestHa: 150, otherForestLandFire: false, deaths: 3, seriousInjuries: 0, burningHours: 24, nearNationalBorder: false, threatensResidentialOrKeyFacilities: true, virginForest: false, provincialBorderDangerous: false, needsStateSupport: false };

  it('grades by 第四十条 and raises the 第三十二条 flags (file and stdin)', () => {
    const f = path.join(dir, 'facts.json');
    fs.writeFileSync(f, JSON.stringify(facts));
    for (const r of [ercon(['classify', 'forest-fire', ...AT, '--facts', f]), ercon(['classify', 'forest-fire', ...AT, '--facts', '-'], JSON.stringify(facts))]) {
      expect(r.code).toBe(0);
      const j = JSON.parse(r.out);
      expect(j).toMatchObject({ plan: 'forest-fire', planVersion: '2024.1', effectiveUntil: '2025-12-31', level: 'II', levelName: '重大森林火灾' });
      expect(j.criteria.map((c: { clause: string }) => c.clause)).toEqual(['第四十条(三)', '第四十条(二)']);
      expect(j.flags.map((x: { clause: string }) => x.clause)).toEqual(['32(2)', '32(3)', '32(4)', '32(5)']);
    }
  });
  it('0.99 ha → IV, 1 ha → III over the CLI', () => {
    expect(JSON.parse(ercon(['classify', 'forest-fire', ...AT, '--facts', '-'], '{"burnedForestHa":0.99}').out).level).toBe('IV');
    expect(JSON.parse(ercon(['classify', 'forest-fire', ...AT, '--facts', '-'], '{"burnedForestHa":1}').out).level).toBe('III');
  });
  it('invalid facts exit 2 naming the field, nothing on stdout', () => {
    const r = ercon(['classify', 'forest-fire', ...AT, '--facts', '-'], '{"burnedForestHa":-1}');
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/burnedForestHa/);
  });
  it('prints reportUpFlags as clause ids (issue 6 exact contract), empty when none holds', () => {
    const j = JSON.parse(ercon(['classify', 'forest-fire', ...AT, '--facts', '-'], JSON.stringify(facts)).out);
    expect(j.reportUpFlags).toEqual(['32(2)', '32(3)', '32(4)', '32(5)']);
    const small = JSON.parse(ercon(['classify', 'forest-fire', ...AT, '--facts', '-'], '{"burnedForestHa":0.5,"burningHours":23}').out);
    expect(small.level).toBe('IV');
    expect(small.reportUpFlags).toEqual([]);
  });
});

describe('ercon fire-ledger-import / fire-ledger-export', () => {
  it('a CSV with a bad row exits 2 listing the row and writes nothing; a good one imports and exports', () => {
    const db = path.join(dir, 'ledger.sqlite');
    const bad = path.join(dir, 'bad.csv');
    fs.writeFileSync(bad, '编号,类别,乡镇,位置,坟主,火险等级\nG-1,坟头,天宁镇,北坡,张,高\nG-2,坟头,天宁镇,南坡,,中\n');
    const r = ercon(['--db', db, 'fire-ledger-import', 'graves', bad]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/第3行 坟主/);
    const good = path.join(dir, 'good.csv');
    fs.writeFileSync(good, '编号,类别,乡镇,位置,坟主,火险等级\nG-1,坟头,天宁镇,北坡,张,高\nA-1,集中祭坛,天宁镇,村东,,低\n');
    const out = path.join(dir, 'out.xlsx');
    const g = ercon(['--db', db, 'fire-ledger-import', 'graves', good]);
    expect(g.code).toBe(0);
    expect(JSON.parse(g.out)).toMatchObject({ ok: true, imported: 2 });
    const e = ercon(['--db', db, 'fire-ledger-export', 'graves', out]);
    expect(e.code).toBe(0);
    expect(JSON.parse(e.out).rows).toBe(2);
    expect(fs.readFileSync(out).subarray(0, 2).toString()).toBe('PK');
  });
});
