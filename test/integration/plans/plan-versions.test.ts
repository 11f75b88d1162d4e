// Plan versions in time, through a real core (createCore on a SQLite file in a temp folder, office plan files in its
// plans/ folder) and the real CLI (child processes): edited versions side by side, a pinned version gone missing, a
// plan that exists only as a data file written here (no product change), a refused guard name, and `--at`.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { ManualClock } from '../../../electron/core/clock';
import { createCore, type Core } from '../../../electron/core/core';
import type { IncidentView, PlanInput } from '../../../shared/engine';
import { drugPlan, forestFire2026Plan } from '../../../shared/plans';
import { ROOT, tmpDir } from '../../helpers/tmp';

// child processes (tsx) on a shared 2-core machine can take several seconds each
vi.setConfig({ testTimeout: 300_000 });

const ctx = { actor: 'office', transport: 'test' as const };
const T0 = '2026-11-23T02:00:00.000Z'; // 10:00 in Beijing

function rejection(p: Promise<unknown>): Promise<{ code: string; field?: string; rule?: string; message: string; messageEn: string }> {
  return p.then(
    () => {
      throw new Error('expected a refusal');
    },
    (e: { body?: { code: string; message: string; messageEn: string } }) => {
      if (!e.body) throw e;
      return e.body;
    },
  );
}

/** The drug plan as `ercon plan show drug --json` prints it, edited: a new version, its own date, IV's rare-AE bound moved. */
function drugVersion(version: string, effectiveFrom: string, ivFrom: number): string {
  const p = JSON.parse(JSON.stringify(drugPlan)) as PlanInput;
  p.version = version;
  p.effectiveFrom = effectiveFrom;
  p.criteria.find((c) => c.id === 'IV-rare')!.range = { gte: ivFrom, lte: 19 };
  return JSON.stringify(p);
}

function start(dir: string, at: string): Core {
  return createCore({ dbPath: path.join(dir, 'console.sqlite'), clock: new ManualClock(at) });
}

const drugReport = (title: string, clusteredRareAE: number) => ({
  planId: 'drug',
  title,
  payload: { source: '县医院电话', summary: title, facts: { clusteredRareAE } },
});

describe('office plan files v2 (in use) and v3 beside it', () => {
  it('board and deadlines keep working; the v2 incident keeps v2; with v2 removed it is ONE problem row and the rest works', async () => {
    const dir = tmpDir('ercon-versions-');
    const plansDir = path.join(dir, 'plans');
    fs.mkdirSync(plansDir);
    fs.writeFileSync(path.join(plansDir, 'drug-v2.json'), drugVersion('2024.1-v2', '2025-01-01', 8));

    // 1. v2 in force: a drug incident with 7 rare AE (below v2's IV at 8) and a vaccine incident.
    let core = start(dir, T0);
    let v2Id: string;
    let vaccineId: string;
    try {
      expect(core.services.planOverrides.loaded).toEqual([expect.objectContaining({ id: 'drug', version: '2024.1-v2', effectiveFrom: '2025-01-01' })]);
      v2Id = (await core.invoke('console.report', drugReport('v2 下的药品事件', 7), ctx)).id;
      vaccineId = (await core.invoke('console.report', { planId: 'vaccine', title: '疫苗事件', payload: { source: '电话', summary: 's', facts: { clusteredRareAE: 4, suspectedQualityRelated: true } } }, ctx)).id;
      expect((await core.invoke('incidents.get', { id: v2Id }, ctx)).incident.planVersion).toBe('2024.1-v2');
    } finally {
      core.close();
    }

    // 2. v3 dropped beside it (IV from 6, in force from 2026-06-01), restart 50 minutes later.
    fs.writeFileSync(path.join(plansDir, 'drug-v3.json'), drugVersion('2024.1-v3', '2026-06-01', 6));
    core = start(dir, '2026-11-23T02:50:00.000Z');
    let v3Id: string;
    try {
      const listed = (await core.invoke('plans.list', {}, ctx)).filter((p) => p.id === 'drug');
      expect(listed.map((p) => [p.version, p.builtIn, p.inForceNow, p.effectiveFrom])).toEqual([
        ['2024.1', true, false, '2024-06-15'],
        ['2024.1-v2', false, false, '2025-01-01'],
        ['2024.1-v3', false, true, '2026-06-01'],
      ]);
      v3Id = (await core.invoke('console.report', drugReport('v3 下的药品事件', 7), ctx)).id;
      const board = await core.invoke('console.board', {}, ctx);
      const row = (id: string) => board.incidents.find((r) => r.id === id)!;
      expect(board.incidents).toHaveLength(3);
      expect(board.incidents.every((r) => r.planMissing === null)).toBe(true);
      // The same 7 rare AE: not graded under v2 (kept for life), IV under v3.
      expect(row(v2Id)).toMatchObject({ planId: 'drug', planVersion: '2024.1-v2', factsLevel: null, screen: 'incident', planShortName: drugPlan.presentation.shortName, problems: 0 });
      expect(row(v3Id)).toMatchObject({ planVersion: '2024.1-v3', factsLevel: 'IV' });
      expect(row(vaccineId)).toMatchObject({ planId: 'vaccine', planVersion: '2024.1', factsLevel: 'IV' });
      expect(row(v2Id).nextDeadline).toMatchObject({ obligationId: 'first-report', dueAt: '2026-11-23T03:00:00.000Z', status: 'pending' });
      // The deadline alarms: both incidents opened at T0 are due within 15 minutes.
      const due = await core.invoke('console.due', { soonMinutes: 15 }, ctx);
      expect(due.items.map((d) => `${d.incidentId}:${d.phase}`).sort()).toEqual([`${v2Id}:soon`, `${vaccineId}:soon`].sort());
      const page = await core.invoke('console.incident', { id: v2Id }, ctx);
      expect(page.incident.planVersion).toBe('2024.1-v2');
      expect((page.view as IncidentView).grade).toMatchObject({ planVersion: '2024.1-v2', level: null });
      // facts updated: still graded by v2 (8 → IV under v2)
      await core.invoke('console.act', { incidentId: v2Id, type: 'facts-updated', payload: { facts: { clusteredRareAE: 8 } } }, ctx);
      expect(((await core.invoke('console.incident', { id: v2Id }, ctx)).view as IncidentView).grade).toMatchObject({ planVersion: '2024.1-v2', level: 'IV' });
    } finally {
      core.close();
    }

    // 3. v2's file removed, restart 70 minutes after T0.
    fs.rmSync(path.join(plansDir, 'drug-v2.json'));
    core = start(dir, '2026-11-23T03:10:00.000Z');
    try {
      const board = await core.invoke('console.board', {}, ctx);
      expect(board.incidents).toHaveLength(3);
      const missing = board.incidents.filter((r) => r.planMissing !== null);
      expect(missing).toHaveLength(1);
      expect(missing[0]).toMatchObject({ id: v2Id, planId: 'drug', planVersion: '2024.1-v2', problems: 1, nextDeadline: null });
      expect(missing[0]!.planMissing!.message).toContain('2024.1-v2');
      expect(missing[0]!.planMissing!.messageEn).toContain('2024.1-v2');
      expect(board.incidents.find((r) => r.id === v3Id)).toMatchObject({ planVersion: '2024.1-v3', factsLevel: 'IV', planMissing: null });
      expect(board.incidents.find((r) => r.id === vaccineId)).toMatchObject({ factsLevel: 'IV', planMissing: null, nextDeadline: { status: 'overdue' } });
      // The alarms still ring for the others (vaccine overdue; v3 opened at 02:50, due 03:50, not yet within 15 min).
      const due = await core.invoke('console.due', { soonMinutes: 15 }, ctx);
      expect(due.items.map((d) => `${d.incidentId}:${d.phase}`)).toEqual([`${vaccineId}:overdue`]);
      expect((await core.invoke('console.due', { soonMinutes: 60 }, ctx)).items.map((d) => d.incidentId).sort()).toEqual([vaccineId, v3Id].sort());
      // The missing incident's own page says what is missing; other pages work; nothing is regraded under another version.
      const e = await rejection(core.invoke('console.incident', { id: v2Id }, ctx));
      expect(e).toMatchObject({ code: 'not-found' });
      expect(e.message).toContain('2024.1-v2');
      expect((await core.invoke('console.incident', { id: v3Id }, ctx)).incident.planVersion).toBe('2024.1-v3');
      // A new drug incident is pinned to v3; the board still has exactly one problem row.
      await core.invoke('console.report', drugReport('又一起', 6), ctx);
      expect((await core.invoke('console.board', {}, ctx)).incidents.filter((r) => r.planMissing)).toHaveLength(1);
    } finally {
      core.close();
    }
  });

  // "Everything else keeps working" includes the plain incident list (`ercon incident list`): the incident whose pinned
  // version is missing is listed (flagged planMissing), the others with their real status.
  it('incidents.list still lists every incident when one pinned version is missing', async () => {
    const dir = tmpDir('ercon-versions-');
    fs.mkdirSync(path.join(dir, 'plans'));
    fs.writeFileSync(path.join(dir, 'plans', 'drug-v2.json'), drugVersion('2024.1-v2', '2025-01-01', 8));
    let core = start(dir, T0);
    const ids: string[] = [];
    try {
      ids.push((await core.invoke('console.report', drugReport('v2 下的药品事件', 7), ctx)).id);
      ids.push((await core.invoke('console.report', drugReport('另一起', 7), ctx)).id);
    } finally {
      core.close();
    }
    fs.rmSync(path.join(dir, 'plans', 'drug-v2.json'));
    core = start(dir, '2026-11-23T02:10:00.000Z');
    try {
      const v = (await core.invoke('console.report', { planId: 'vaccine', title: '疫苗事件', payload: { source: '电话', summary: 's' } }, ctx)).id;
      const list = await core.invoke('incidents.list', { status: 'all' }, ctx);
      expect(list.incidents.map((r) => r.id).sort()).toEqual([...ids, v].sort());
      expect(list.incidents.filter((r) => r.planMissing).map((r) => r.id).sort()).toEqual([...ids].sort());
      expect(list.incidents.find((r) => r.id === v)).toMatchObject({ status: 'open', planVersion: '2024.1' });
      expect(list.incidents.find((r) => r.id === v)?.planMissing).toBeUndefined();
    } finally {
      core.close();
    }
  });
});

describe('console.report pins a fire to the rules in force when it started', () => {
  it('a fire that started 23:50 on 2025-12-31, reported 00:10 on 2026-01-01: 2024.1 and III; one that started 00:05: 2026.1 and IV', async () => {
    const dir = tmpDir('ercon-pin-');
    const core = start(dir, '2026-01-01T00:15:00+08:00');
    try {
      const fire = (title: string, startedAt: string, extra: Record<string, unknown> = {}) =>
        core.invoke(
          'console.report',
          { planId: 'forest-fire', title, receivedAt: '2026-01-01T00:10:00+08:00', payload: { source: '护林员电话', summary: title, incidentStartedAt: startedAt, facts: { burnedForestHa: 5 } }, ...extra },
          ctx,
        );
      const old = (await fire('跨年夜林火', '2025-12-31T23:50:00+08:00')).id;
      const neu = (await fire('元旦林火', '2026-01-01T00:05:00+08:00')).id;
      // an explicit occurredAt decides over the payload's start time
      const explicit = (await fire('补录', '2026-01-01T00:05:00+08:00', { occurredAt: '2025-12-31T23:00:00+08:00' })).id;
      const board = await core.invoke('console.board', {}, ctx);
      const row = (id: string) => board.incidents.find((r) => r.id === id)!;
      expect(row(old)).toMatchObject({ planVersion: '2024.1', factsLevel: 'III', screen: 'fire', planMissing: null });
      expect(row(neu)).toMatchObject({ planVersion: '2026.1', factsLevel: 'IV', screen: 'fire', planShortName: forestFire2026Plan.presentation.shortName });
      expect(row(explicit)).toMatchObject({ planVersion: '2024.1', factsLevel: 'III' });
      const page = (await core.invoke('console.incident', { id: neu }, ctx)).view as IncidentView;
      expect(page.grade).toMatchObject({ planVersion: '2026.1', level: 'IV', criteria: [expect.objectContaining({ clause: '第四十五条' })] });
      // a facts update keeps each on its own rules
      await core.invoke('console.act', { incidentId: old, type: 'facts-updated', payload: { facts: { burnedForestHa: 0.05 } } }, ctx);
      await core.invoke('console.act', { incidentId: neu, type: 'facts-updated', payload: { facts: { burnedForestHa: 0.05 } } }, ctx);
      expect(((await core.invoke('console.incident', { id: old }, ctx)).view as IncidentView).grade).toMatchObject({ level: 'IV', counted: true });
      expect(((await core.invoke('console.incident', { id: neu }, ctx)).view as IncidentView).grade).toMatchObject({ level: null, counted: false, notGraded: { clause: '第四十七条' } });
      // grassland did not exist before 2026: refused naming occurredAt, nothing written
      const before = (await core.invoke('incidents.list', { status: 'all' }, ctx)).incidents.length;
      const e = await rejection(
        core.invoke('console.report', { planId: 'grassland-fire', title: '草原火', payload: { source: 's', summary: 's', incidentStartedAt: '2025-12-31T23:50:00+08:00', facts: { damagedGrasslandHa: 20 } } }, ctx),
      );
      expect(e).toMatchObject({ code: 'not-found', field: 'occurredAt', rule: 'plan-in-force' });
      expect((await core.invoke('incidents.list', { status: 'all' }, ctx)).incidents).toHaveLength(before);
      // plans.grade / plans.get with `at`
      expect(await core.invoke('plans.grade', { plan: 'forest-fire', at: '2025-12-31', facts: { burnedForestHa: 5 } }, ctx)).toMatchObject({ planVersion: '2024.1', level: 'III' });
      expect(await core.invoke('plans.grade', { plan: 'forest-fire', at: '2026-01-01T00:00:00+08:00', facts: { burnedForestHa: 5 } }, ctx)).toMatchObject({ planVersion: '2026.1', level: 'IV' });
      expect((await core.invoke('plans.get', { plan: 'forest-fire', at: '2025-12-31T23:59:59+08:00' }, ctx)).version).toBe('2024.1');
      expect((await core.invoke('plans.get', { plan: 'forest-fire' }, ctx)).version).toBe('2026.1');
    } finally {
      core.close();
    }
  });
});

// ---------------------------------------------------------------------------------------------------------------
// A plan that exists only as this data file: a county flood plan, invented for the test.

const syntheticFlood: PlanInput = {
  id: 'synthetic-flood',
  version: 't1',
  effectiveFrom: '2026-01-01',
  basis: [{ document: '《测试县防汛应急预案》（测试用）', number: '测试〔2026〕1号', articles: ['3.1', '3.2', '4.1'], effectiveFrom: '2026-01-01', role: '分级、报告' }],
  presentation: { screen: 'incident', shortName: '洪涝', shortNameEn: 'Flood', intake: true, english: false },
  title: '测试县洪涝灾害应急预案（测试用）',
  source: { document: '测试用预案，仅用于测试', verified: 'unverified' },
  facts: [
    { name: 'floodedHouseholds', kind: 'count', label: '受淹户数', unit: '户', clause: '3.1' },
    { name: 'deaths', kind: 'count', label: '死亡人数', unit: '人', clause: '3.1' },
    { name: 'schoolsAffected', kind: 'boolean', label: '学校受影响', clause: '3.2' },
  ],
  levels: [
    { id: 'I', name: '特大洪涝', colour: '#c62828', clause: '3.1' },
    { id: 'II', name: '重大洪涝', colour: '#ef6c00', clause: '3.1' },
    { id: 'III', name: '较大洪涝', colour: '#f9a825', clause: '3.1' },
    { id: 'IV', name: '一般洪涝', colour: '#1565c0', clause: '3.1' },
  ],
  criteria: [
    { id: 'hh-IV', level: 'IV', clause: '3.1(4)', fact: 'floodedHouseholds', range: { gte: 50, lt: 200 }, text: '受淹50户以上200户以下' },
    { id: 'hh-III', level: 'III', clause: '3.1(3)', fact: 'floodedHouseholds', range: { gte: 200 }, text: '受淹200户以上' },
    { id: 'd-II', level: 'II', clause: '3.1(2)', fact: 'deaths', range: { gte: 3 }, text: '死亡3人以上' },
  ],
  notGradedText: '未达分级标准：按一般汛情处置',
  notGradedClause: '3.1',
  warnings: [{ id: 'notify-education', clause: '3.2', text: '学校受影响：立即通报县教育局，组织师生转移', when: { fact: 'schoolsAffected', equals: true }, unlessDone: 'notifyEducation' }],
  tags: [{ id: 'school', text: '涉校', when: { fact: 'schoolsAffected', equals: true } }],
  units: [
    { id: 'hq', name: '测试县防汛抗旱指挥部', kind: 'hq' },
    { id: 'office', name: '测试县防汛办', kind: 'office' },
  ],
  states: [
    { id: 'watch', label: '值守', clause: '4.1', kind: 'initial' },
    { id: 'reported', label: '接报', clause: '4.1' },
    { id: 'evacuating', label: '转移群众', clause: '4.2' },
    { id: 'closed', label: '结束', clause: '4.3', kind: 'terminal' },
  ],
  transitions: [
    { id: 'receive', event: 'reported', from: ['watch'], to: 'reported', label: '接报汛情', clause: '4.1' },
    { id: 'facts', event: 'facts-updated', from: ['reported', 'evacuating'], label: '更新汛情', clause: '4.1' },
    { id: 'item', event: 'checklist-item-done', from: ['reported', 'evacuating'], label: '完成事项', clause: '4.2' },
    { id: 'file', event: 'report-filed', from: ['reported', 'evacuating'], label: '报送', clause: '4.1' },
    {
      id: 'evacuate',
      event: 'transition',
      from: ['reported'],
      to: 'evacuating',
      label: '组织转移',
      clause: '4.2',
      guards: [{ guard: 'checklist-item-done', param: 'notifyEducation', clause: '3.2', text: '转移前须已通报县教育局' }],
    },
    { id: 'close', event: 'closed', from: ['evacuating'], to: 'closed', label: '结束响应', clause: '4.3', guards: [{ guard: 'report-filed', param: 'first', clause: '4.1', text: '结束前须已书面报告' }] },
    { id: 'note', event: 'note', from: ['watch', 'reported', 'evacuating', 'closed'], label: '备注', clause: '4.1' },
  ],
  reportChannels: [
    { id: 'phone', label: '电话', written: false },
    { id: 'written', label: '书面' },
  ],
  obligations: [
    {
      id: 'first-report',
      kind: 'first',
      label: '汛情首报',
      clause: '4.1',
      due: { anchor: { event: 'reported' }, after: { minutes: 30 }, text: '接报后30分钟内' },
      recipients: ['hq'],
      requiredFields: [{ id: 'situation', label: '汛情' }],
    },
  ],
  checklists: [{ id: 'reported-items', state: 'reported', title: '接报后', clause: '4.2', items: [{ id: 'notifyEducation', text: '通报县教育局', unit: 'office', clause: '3.2' }] }],
};

describe('a plan that is only data, dropped into the plans folder (no product change)', () => {
  it('is listed, graded, opened at intake, on the board and on its incident page; a plan naming an unknown guard is refused', async () => {
    const dir = tmpDir('ercon-synthetic-');
    fs.mkdirSync(path.join(dir, 'plans'));
    fs.writeFileSync(path.join(dir, 'plans', 'flood.json'), JSON.stringify(syntheticFlood));
    const badGuard = JSON.parse(JSON.stringify(syntheticFlood)) as PlanInput;
    badGuard.id = 'synthetic-flood-bad';
    badGuard.transitions.find((t) => t.id === 'evacuate')!.guards![0]!.guard = 'vibes';
    fs.writeFileSync(path.join(dir, 'plans', 'flood-bad-guard.json'), JSON.stringify(badGuard));
    const core = start(dir, T0);
    try {
      // the console starts; the bad file is refused with the reason, the good one is loaded
      const { loaded, refused } = core.services.planOverrides;
      expect(loaded).toEqual([expect.objectContaining({ id: 'synthetic-flood', version: 't1', effectiveFrom: '2026-01-01' })]);
      expect(refused.map((r) => path.basename(r.file))).toEqual(['flood-bad-guard.json']);
      expect(refused[0]!.messageEn).toContain('vibes');
      expect(refused[0]!.messageEn).toContain('transitions.4(evacuate).guards.0.guard');
      expect((await core.invoke('system.health', {}, ctx)).planOverrides.refused).toHaveLength(1);
      expect(core.services.plans.versions('synthetic-flood-bad')).toEqual([]);

      const listed = (await core.invoke('plans.list', {}, ctx)).find((p) => p.id === 'synthetic-flood')!;
      expect(listed).toMatchObject({ version: 't1', builtIn: false, inForceNow: true, effectiveFrom: '2026-01-01', effectiveUntil: null, screen: 'incident', shortName: '洪涝', intake: true });
      expect(listed.basis[0]).toMatchObject({ number: '测试〔2026〕1号', articles: ['3.1', '3.2', '4.1'] });
      expect(listed.facts.map((f) => f.name)).toEqual(['floodedHouseholds', 'deaths', 'schoolsAffected']);

      expect(await core.invoke('plans.grade', { plan: 'synthetic-flood', facts: { floodedHouseholds: 49 } }, ctx)).toMatchObject({ level: null, nearest: { threshold: 50, wouldBe: 'IV' } });
      expect(await core.invoke('plans.grade', { plan: 'synthetic-flood', facts: { floodedHouseholds: 50 } }, ctx)).toMatchObject({ level: 'IV', levelName: '一般洪涝' });
      expect(await core.invoke('plans.grade', { plan: 'synthetic-flood', facts: { floodedHouseholds: 200, deaths: 3 } }, ctx)).toMatchObject({ level: 'II' });
      expect(await rejection(core.invoke('plans.grade', { plan: 'synthetic-flood', facts: { floodedHouseholds: -1 } }, ctx))).toMatchObject({ code: 'invalid-input', field: 'floodedHouseholds' });
      expect(await rejection(core.invoke('plans.grade', { plan: 'synthetic-flood', at: '2025-12-31', facts: {} }, ctx))).toMatchObject({ code: 'not-found', rule: 'plan-in-force' });

      // intake
      const bad = await rejection(core.invoke('console.report', { planId: 'synthetic-flood', title: 'x', payload: { source: 's', summary: 's', facts: { rainfallMm: 300 } } }, ctx));
      expect(bad).toMatchObject({ code: 'invalid-input' });
      expect(bad.field).toMatch(/rainfallMm/);
      const { id } = await core.invoke(
        'console.report',
        { planId: 'synthetic-flood', title: '城关镇内涝', payload: { source: '村委会电话', summary: '城关镇多处内涝', facts: { floodedHouseholds: 120, schoolsAffected: true } } },
        ctx,
      );
      const board = await core.invoke('console.board', {}, ctx);
      expect(board.incidents).toHaveLength(1);
      expect(board.incidents[0]).toMatchObject({
        id,
        planId: 'synthetic-flood',
        planVersion: 't1',
        planTitle: '测试县洪涝灾害应急预案（测试用）',
        planShortName: '洪涝',
        screen: 'incident',
        state: 'reported',
        stateLabel: '接报',
        factsLevel: 'IV',
        tags: [{ id: 'school', text: '涉校' }],
        planMissing: null,
        problems: 0,
        nextDeadline: { obligationId: 'first-report', clause: '4.1', dueAt: '2026-11-23T02:30:00.000Z', status: 'pending' },
      });
      expect(board.incidents[0]!.warnings).toBeGreaterThanOrEqual(1);
      expect((await core.invoke('console.due', { soonMinutes: 30 }, ctx)).items).toEqual([expect.objectContaining({ incidentId: id, obligationId: 'first-report', clause: '4.1', phase: 'soon' })]);

      // the incident page: grade, the plan's warning, the guard by name refusing with the plan's clause
      let view = (await core.invoke('console.incident', { id }, ctx)).view as IncidentView;
      expect(view.grade).toMatchObject({ plan: 'synthetic-flood', level: 'IV', criteria: [expect.objectContaining({ clause: '3.1(4)' })] });
      expect(view.warnings.find((w) => w.id === 'notify-education')).toMatchObject({ clause: '3.2', text: '学校受影响：立即通报县教育局，组织师生转移' });
      expect(view.actions.find((a) => a.id === 'evacuate')).toMatchObject({ allowed: false, clause: '3.2', reason: '转移前须已通报县教育局' });
      expect(await rejection(core.invoke('console.act', { incidentId: id, type: 'transition', payload: { transition: 'evacuate' } }, ctx))).toMatchObject({ code: 'conflict', rule: '3.2' });
      await core.invoke('console.act', { incidentId: id, type: 'checklist-item-done', payload: { itemId: 'notifyEducation', by: '值班员', unit: 'office' } }, ctx);
      view = (await core.invoke('console.incident', { id }, ctx)).view as IncidentView;
      expect(view.warnings.map((w) => w.id)).not.toContain('notify-education');
      expect(view.actions.find((a) => a.id === 'evacuate')).toMatchObject({ allowed: true });
      await core.invoke('console.act', { incidentId: id, type: 'transition', payload: { transition: 'evacuate' } }, ctx);
      expect(await rejection(core.invoke('console.act', { incidentId: id, type: 'closed', payload: { by: 'hq' } }, ctx))).toMatchObject({ code: 'conflict', rule: '4.1' });
      await core.invoke('console.act', { incidentId: id, type: 'report-filed', payload: { kind: 'first', by: 'office', recipients: ['hq'], channel: 'written', fields: { situation: '受淹120户' } } }, ctx);
      await core.invoke('console.act', { incidentId: id, type: 'closed', payload: { by: 'hq' } }, ctx);
      expect((await core.invoke('console.board', { status: 'closed' }, ctx)).incidents.map((r) => [r.id, r.state, r.terminal])).toEqual([[id, 'closed', true]]);
    } finally {
      core.close();
    }
  });
});

// ---------------------------------------------------------------------------------------------------------------
// The CLI contract

function ercon(args: string[], input?: string, env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'electron/cli/ercon.mjs'), ...args], {
    cwd: ROOT,
    input,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ...env },
    timeout: 240_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('ercon classify --at and incident open --occurred-at', () => {
  it('the same 5 ha: III by the 2008 rules on 2025-12-31, IV by 第四十五条 on 2026-01-01', () => {
    const data = tmpDir('ercon-at-');
    const f = path.join(data, 'facts.json');
    fs.writeFileSync(f, JSON.stringify({ burnedForestHa: 5 }));
    const before = ercon(['classify', 'forest-fire', '--facts', f, '--at', '2025-12-31'], undefined, { ERCON_DATA_DIR: data });
    expect(before.code, before.stderr).toBe(0);
    expect(before.stdout.trim().split('\n')).toHaveLength(1);
    expect(JSON.parse(before.stdout)).toMatchObject({ plan: 'forest-fire', planVersion: '2024.1', effectiveFrom: '2009-01-01', effectiveUntil: '2025-12-31', level: 'III', counted: true, reportUpFlags: [] });
    const after = ercon(['classify', 'forest-fire', '--facts', '-', '--at', '2026-01-01'], JSON.stringify({ burnedForestHa: 5 }), { ERCON_DATA_DIR: data });
    expect(after.code, after.stderr).toBe(0);
    const j = JSON.parse(after.stdout);
    expect(j).toMatchObject({ plan: 'forest-fire', planVersion: '2026.1', effectiveFrom: '2026-01-01', level: 'IV', levelName: '一般森林火灾', counted: true, reportUpFlags: [] });
    expect(j.criteria).toEqual([expect.objectContaining({ clause: '第四十五条', level: 'IV', fact: 'burnedForestHa', value: 5 })]);
    // an instant: 23:59:59 Beijing on 31 December is still the old rules
    expect(JSON.parse(ercon(['classify', 'forest-fire', '--facts', f, '--at', '2025-12-31T23:59:59+08:00']).stdout).planVersion).toBe('2024.1');
  });

  it('0.05 ha in 2026 is not counted; grassland with 35(1) and the flags as clause ids', () => {
    const j = JSON.parse(ercon(['classify', 'forest-fire', '--facts', '-', '--at', '2026-03-01'], '{"burnedForestHa":0.05}').stdout);
    expect(j).toMatchObject({ level: null, counted: false, notGraded: { clause: '第四十七条' }, reportUpFlags: [] });
    const g = JSON.parse(ercon(['classify', 'grassland-fire', '--facts', '-', '--at', '2026-03-01'], '{"damagedGrasslandHa":6000,"deaths":3}').stdout);
    expect(g).toMatchObject({ plan: 'grassland-fire', planVersion: '2026.1', level: 'II', counted: true, reportUpFlags: ['35(1)', '35(2)'] });
  });

  it('a bad --at (2026-02-30) exits 2 naming the field at; nothing on stdout', () => {
    for (const at of ['2026-02-30', 'tomorrow', '2026-01-01T00:00:00']) {
      const r = ercon(['classify', 'forest-fire', '--facts', '-', '--at', at], '{"burnedForestHa":5}');
      expect(r.code, at).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain('field=at');
    }
  });

  it('bad facts exit 2 with the field on stderr and nothing on stdout', () => {
    for (const [facts, field] of [
      [{ burnedForestHa: -1 }, 'burnedForestHa'],
      [{ burnedForestHa: '5' }, 'burnedForestHa'],
      [{ burningHours: 24 }, 'burningHours'],
      [{ judgedReportUp: true }, 'judgedReportUpReason'],
      [{ burnedForestHa: 10, overburnedForestHa: 9 }, 'overburnedForestHa'],
    ] as const) {
      const r = ercon(['classify', 'forest-fire', '--facts', '-', '--at', '2026-01-01'], JSON.stringify(facts));
      expect(r.code, JSON.stringify(facts)).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain(`field=${field}`);
    }
  });

  it('incident open --occurred-at 2025-12-31T23:50+08:00 pins forest-fire 2024.1; show --json has planVersion', () => {
    const data = tmpDir('ercon-open-');
    const db = path.join(data, 'console.sqlite');
    const opened = ercon(['--db', db, 'incident', 'open', '--plan', 'forest-fire', '--title', 't', '--occurred-at', '2025-12-31T23:50:00+08:00']);
    expect(opened.code, opened.stderr).toBe(0);
    const { id, planVersion } = JSON.parse(opened.stdout) as { id: string; planVersion: string };
    expect(planVersion).toBe('2024.1');
    const show = ercon(['--db', db, 'incident', 'show', id, '--json']);
    expect(show.code, show.stderr).toBe(0);
    const j = JSON.parse(show.stdout);
    expect(j.incident).toMatchObject({ id, planId: 'forest-fire', planVersion: '2024.1' });
    expect(j.state).toMatchObject({ plan: 'forest-fire', planVersion: '2024.1' });
    // occurring after midnight: the 2026 version; before the vaccine plan took effect: refused, nothing written
    expect(JSON.parse(ercon(['--db', db, 'incident', 'open', '--plan', 'forest-fire', '--title', 't2', '--occurred-at', '2026-01-01T00:05:00+08:00']).stdout).planVersion).toBe('2026.1');
    const early = ercon(['--db', db, 'incident', 'open', '--plan', 'vaccine', '--title', 't3', '--occurred-at', '2024-06-14T23:59:00+08:00']);
    expect(early.code).toBe(2);
    expect(early.stdout).toBe('');
    expect(early.stderr).toContain('field=occurredAt');
    expect(JSON.parse(ercon(['--db', db, 'incident', 'list', '--status', 'all']).stdout).incidents).toHaveLength(2);
  });

  it('plan list shows every version with its dates; plan show --at picks the version in force', () => {
    const list = JSON.parse(ercon(['plan', 'list', '--json']).stdout) as Array<{ id: string; version: string; effectiveFrom: string; effectiveUntil: string | null }>;
    expect(list.filter((p) => p.id === 'forest-fire')).toEqual([
      expect.objectContaining({ version: '2024.1', effectiveFrom: '2009-01-01', effectiveUntil: '2025-12-31' }),
      expect.objectContaining({ version: '2026.1', effectiveFrom: '2026-01-01', effectiveUntil: null }),
    ]);
    expect(list.find((p) => p.id === 'grassland-fire')).toMatchObject({ version: '2026.1', effectiveFrom: '2026-01-01' });
    expect(JSON.parse(ercon(['plan', 'show', 'forest-fire', '--at', '2025-12-31', '--json']).stdout)).toMatchObject({ id: 'forest-fire', version: '2024.1' });
    expect(JSON.parse(ercon(['plan', 'show', 'forest-fire', '--at', '2026-01-01', '--json']).stdout)).toMatchObject({ id: 'forest-fire', version: '2026.1' });
    const none = ercon(['plan', 'show', 'grassland-fire', '--at', '2025-12-31', '--json']);
    expect(none.code).not.toBe(0);
    expect(none.stdout).toBe('');
    expect(none.stderr).toContain('rule=plan-in-force');
  });

  // `plan show <id> --plan-version <v>` (not `--version`: the program's own -V/--version would take that flag).
  it('plan show --plan-version picks that version', () => {
    const r = ercon(['plan', 'show', 'forest-fire', '--plan-version', '2026.1', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ id: 'forest-fire', version: '2026.1', effectiveFrom: '2026-01-01' });
  });
});
