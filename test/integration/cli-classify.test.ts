// The CLI contract other tools depend on, run as a real child process:
//   npm run -s ercon -- classify <plan> --facts <file.json|->  → ONE JSON line, exit 0
//   invalid facts → exit 2, nothing on stdout, the field and the rule on stderr.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../..');
let tmp = '';

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ercon-classify-'));
});
afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

function run(args: string[], input?: string, viaNpm = false) {
  const env = { ...process.env, ERCON_DATA_DIR: tmp, NO_COLOR: '1' };
  const r = viaNpm
    ? spawnSync('npm', ['run', '-s', 'ercon', '--', ...args], { cwd: root, input, encoding: 'utf8', env, timeout: 120_000 })
    : spawnSync(process.execPath, ['electron/cli/ercon.mjs', ...args], { cwd: root, input, encoding: 'utf8', env, timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function factsFile(name: string, facts: unknown): string {
  const f = path.join(tmp, `${name}.json`);
  fs.writeFileSync(f, JSON.stringify(facts));
  return f;
}

describe('ercon classify', () => {
  it('vaccine, via npm run -s ercon, from a file: one JSON line with the contract keys', () => {
    const r = run(['classify', 'vaccine', '--facts', factsFile('v1', { clusteredRareAE: 4, suspectedQualityRelated: true })], undefined, true);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n').filter(Boolean);
    expect(lines).toHaveLength(1);
    const out = JSON.parse(lines[0]!);
    expect(Object.keys(out)).toEqual(['plan', 'planVersion', 'effectiveFrom', 'effectiveUntil', 'level', 'levelName', 'counted', 'notGraded', 'criteria', 'nearest', 'flags', 'reportUpFlags']);
    expect(out).toMatchObject({ plan: 'vaccine', effectiveFrom: '2024-06-15', effectiveUntil: null, level: 'IV', levelName: '一般', counted: true, notGraded: null, criteria: [{ clause: '4.4(1)', level: 'IV', fact: 'clusteredRareAE', value: 4 }], reportUpFlags: [] });
    expect(Object.keys(out.criteria[0])).toEqual(['clause', 'level', 'fact', 'value', 'text']);
    expect(typeof out.planVersion).toBe('string');
  });

  it('from standard input; below every threshold: level null and the nearest threshold', () => {
    const r = run(['classify', 'vaccine', '--facts', '-'], JSON.stringify({ clusteredRareAE: 3, suspectedQualityRelated: true }));
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.level).toBeNull();
    expect(out.levelName).toBeNull();
    expect(out.counted).toBe(false);
    expect(out.criteria).toEqual([]);
    expect(out.nearest).toMatchObject({ fact: 'clusteredRareAE', needed: 1, wouldBe: 'IV' });
  });

  it('drug plan: its own facts and table', () => {
    const out = JSON.parse(run(['classify', 'drug', '--facts', '-'], JSON.stringify({ clusteredRareAE: 50, countiesWithLevelIV: 2 })).stdout);
    expect(out.level).toBe('I');
    expect(out.criteria.map((c: { clause: string; level: string }) => c.level)).toEqual(['I', 'III']);
  });

  it.each([
    [{ deathsSameBatch: -1 }, 'deathsSameBatch'],
    [{ deathsSameBatch: 1.5 }, 'deathsSameBatch'],
    [{ suspectedQualityRelated: 'true' }, 'suspectedQualityRelated'],
    [{ deathsInTotal: 1 }, 'deathsInTotal'],
    [{ qualitative: 'serious' }, 'qualitativeReason'],
    [{ qualitative: 'catastrophic', qualitativeReason: 'r' }, 'qualitative'],
  ])('invalid facts %j → exit 2, empty stdout, stderr names %s and the rule', (facts, field) => {
    const r = run(['classify', 'vaccine', '--facts', '-'], JSON.stringify(facts));
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`field=${field}`);
    expect(r.stderr).toMatch(/rule=\S+/);
  });

  it('English messages with --lang en', () => {
    const r = run(['--lang', 'en', 'classify', 'vaccine', '--facts', '-'], JSON.stringify({ clusteredSeriousAE: -3 }));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('must be an integer ≥ 0');
  });

  it('not JSON, a missing file, a missing --facts → exit 2, nothing on stdout', () => {
    for (const r of [run(['classify', 'vaccine', '--facts', '-'], '{deaths: 1'), run(['classify', 'vaccine', '--facts', path.join(tmp, 'nope.json')]), run(['classify', 'vaccine'])]) {
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.length).toBeGreaterThan(0);
    }
  }, 240_000);

  it('an unknown plan → exit 1 (not-found), nothing on stdout', () => {
    const r = run(['classify', 'flood', '--facts', '-'], '{}');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('flood');
  });

  it('an office-edited copy of the plan (--plan-file) grades by the corrected number', () => {
    const plan = JSON.parse(run(['plan', 'show', 'drug', '--json']).stdout);
    plan.version = 'office-edit';
    plan.criteria.find((c: { id: string }) => c.id === 'IV-rare').range = { gte: 8, lte: 19 };
    const file = path.join(tmp, 'drug-edited.json');
    fs.writeFileSync(file, JSON.stringify(plan));
    const v = run(['plan', 'validate', file]);
    expect(v.code).toBe(0);
    expect(JSON.parse(v.stdout)).toEqual({ ok: true, id: 'drug', version: 'office-edit', title: plan.title });
    const out = JSON.parse(run(['classify', 'drug', '--plan-file', file, '--facts', '-'], '{"clusteredRareAE":8}').stdout);
    expect(out).toMatchObject({ planVersion: 'office-edit', level: 'IV' });
    expect(JSON.parse(run(['classify', 'drug', '--facts', '-'], '{"clusteredRareAE":8}').stdout).level).toBeNull();
    // a broken copy is refused with the path of the problem
    plan.criteria[0].fact = 'nonsense';
    fs.writeFileSync(file, JSON.stringify(plan));
    const bad = run(['plan', 'validate', file]);
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toContain('criteria.0');
  }, 300_000); // five child processes; the shared build machine can be slow to start tsx
});

describe('ercon plan', () => {
  it('list', () => {
    const r = run(['plan', 'list', '--json']);
    expect(r.code).toBe(0);
    const ids = JSON.parse(r.stdout).map((p: { id: string }) => p.id);
    expect(ids).toEqual(expect.arrayContaining(['vaccine', 'drug']));
    expect(run(['plan', 'list']).stdout).toContain('交城县疫苗质量安全事件应急预案');
  }, 180_000);

  it('show: readable Chinese for people, with levels, units, groups, reports and clauses', () => {
    const r = run(['plan', 'show', 'vaccine']);
    expect(r.code).toBe(0);
    for (const s of ['交城县疫苗质量安全事件应急预案', 'I级 特别重大', '（4.4(1)）', '县委网信办：', '宣传报道组', '涉外、涉台时包括县委统战部', '首次报告（5.1、5.2）：县指挥部接到事件信息报告后一小时内', '谁启动谁终止', '□ 依法对相关疫苗和相关产品进行封存——县市场监督管理局（6.1）']) {
      expect(r.stdout).toContain(s);
    }
    expect(run(['plan', 'show', 'drug']).stdout).toContain('部分核实');
  }, 180_000);

  it('show --json: the plan data, one line', () => {
    const r = run(['plan', 'show', 'vaccine', '--json']);
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
    const p = JSON.parse(r.stdout);
    expect(p).toMatchObject({ id: 'vaccine', source: { number: '交政办发〔2024〕14号' } });
    expect(p.criteria.length).toBeGreaterThan(10);
  });

  it('flowchart: SVG with the state lit', () => {
    const r = run(['plan', 'flowchart', 'vaccine', '--state', 'assessing']);
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith('<svg')).toBe(true);
    expect(r.stdout).toContain('data-state="assessing" aria-current="step"');
  });
});
