import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../../shared/api';
import { ManualClock } from '../../../../electron/core/clock';
import { createCore, type Core } from '../../../../electron/core/core';
import { tmpDir } from '../../../helpers/tmp';

const ctx = { actor: '值班员', transport: 'test' as const };
let core: Core | null = null;
afterEach(() => {
  core?.close();
  core = null;
});

function make(start = '2026-11-23T16:00:00Z') {
  const clock = new ManualClock(start);
  const dbPath = path.join(tmpDir(), 'console.sqlite');
  core = createCore({ dbPath, clock });
  return { core, clock, dbPath };
}

async function refused(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
}

const facts4 = { clusteredRareAE: 4, suspectedQualityRelated: true };

describe('console.* commands over a real SQLite file', () => {
  it('console.report opens the incident and records the report; the first report is due 1 h after HQ received it (5.1)', async () => {
    const { core } = make();
    const r = await core.invoke('console.report', { planId: 'vaccine', title: '某乡卫生院疫苗接种后群体不良反应', receivedAt: '2026-11-23T15:40:00Z', payload: { source: '县疾控中心电话', summary: '4人出现相似症状', facts: facts4 } }, ctx);
    expect(r.id).toMatch(/^20261124-001$/);
    const inc = await core.invoke('console.incident', { id: r.id }, ctx);
    expect(inc.view.state.state).toBe('reported');
    expect(inc.view.state.factsLevel).toBe('IV');
    const first = inc.view.obligations.find((o) => o.kind === 'first')!;
    expect(first.dueAt).toBe('2026-11-23T16:40:00.000Z');
    expect(first.status).toBe('pending');
    expect(inc.events.map((e) => [e.type, e.n])).toEqual([
      ['incident.opened', null],
      ['reported', 1],
    ]);
  });

  it('writes nothing when the facts are bad (the report and the incident are one transaction)', async () => {
    const { core, dbPath } = make();
    const e = await refused(core.invoke('console.report', { planId: 'vaccine', title: 'x', payload: { source: 's', summary: 's', facts: { clusteredRareAE: -1 } } }, ctx));
    expect(e.body.code).toBe('invalid-input');
    expect(e.body.field).toContain('clusteredRareAE');
    const q = await refused(core.invoke('console.report', { planId: 'vaccine', title: 'x', payload: { source: 's', summary: 's', facts: { qualitative: 'serious' } } }, ctx));
    expect(q.body.field).toContain('qualitativeReason');
    core.close();
    const db = new BetterSqlite3(dbPath, { readonly: true });
    expect(db.prepare('SELECT count(*) FROM incidents').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM events').pluck().get()).toBe(0);
    db.close();
  });

  it('console.act refuses what the plan refuses, with its clause, and commits what it accepts', async () => {
    const { core, clock } = make();
    const { id } = await core.invoke('console.report', { planId: 'vaccine', title: 't', payload: { source: 's', summary: 's', facts: facts4 } }, ctx);
    // Starting a response before the assessment (5.4) is refused.
    const early = await refused(core.invoke('console.act', { incidentId: id, type: 'response-started', payload: { level: 'IV', by: 'county-gov', approvedBy: 'county-gov' } }, ctx));
    expect(early.body.code).toBe('conflict');
    clock.advance(60_000);
    await core.invoke('console.act', { incidentId: id, type: 'assessed', payload: { level: 'IV', by: 'amr' } }, ctx);
    // Below the facts (none < IV) is impossible; III above the facts without a reason is refused (6.2).
    const noReason = await refused(core.invoke('console.act', { incidentId: id, type: 'response-started', payload: { level: 'III', by: 'county-gov', approvedBy: 'county-gov' } }, ctx));
    expect(noReason.body.rule).toBe('6.2');
    await core.invoke('console.act', { incidentId: id, type: 'response-started', payload: { level: 'IV', by: 'county-gov', approvedBy: 'county-gov' }, approval: { body: 'county-gov', name: '王副县长' } }, ctx);
    // Terminating without the expert evaluation (6.4) is refused and names the clause.
    const term = await refused(core.invoke('console.act', { incidentId: id, type: 'response-terminated', payload: { by: 'county-gov', approvedBy: 'hq' } }, ctx));
    expect(term.body.rule).toBe('6.4');
    expect(term.body.message).toContain('专家');
    const inc = await core.invoke('console.incident', { id }, ctx);
    expect(inc.view.state.state).toBe('responding');
    expect(inc.view.state.level).toBe('IV');
    // The approval note is in the same commit, right after the event it approves.
    const started = inc.events.find((e) => e.type === 'response-started')!;
    const note = inc.events.find((e) => e.seq === started.seq + 1)!;
    expect(note.type).toBe('note');
    expect((note.payload as { text: string }).text).toContain('王副县长');
    expect(inc.events).toHaveLength(5);
  });

  it('console.due announces a deadline as soon (≤ 15 min) and then overdue; closed and filed ones are not listed', async () => {
    const { core, clock } = make('2026-11-23T16:00:00Z');
    const { id } = await core.invoke('console.report', { planId: 'vaccine', title: '接报', payload: { source: 's', summary: 's', facts: facts4 } }, ctx);
    // Due at 17:00Z. At 16:44:59 (15 min 1 s left) nothing; at 16:45:00 (15 min left) soon; after 17:00 overdue.
    clock.set('2026-11-23T16:44:59Z');
    expect((await core.invoke('console.due', {}, ctx)).items).toEqual([]);
    clock.set('2026-11-23T16:45:00Z');
    let due = await core.invoke('console.due', {}, ctx);
    expect(due.items.map((x) => [x.key, x.phase])).toEqual([[`${id}:first-report:soon`, 'soon']]);
    clock.set('2026-11-23T17:00:00Z');
    due = await core.invoke('console.due', {}, ctx);
    expect(due.items.map((x) => x.phase)).toEqual(['soon']);
    clock.set('2026-11-23T17:00:01Z');
    due = await core.invoke('console.due', {}, ctx);
    expect(due.items.map((x) => [x.key, x.phase])).toEqual([[`${id}:first-report:overdue`, 'overdue']]);
    const board = await core.invoke('console.board', { status: 'open' }, ctx);
    expect(board.incidents[0]!.overdue.map((d) => d.obligationId)).toEqual(['first-report']);
    expect(board.incidents[0]!.nextDeadline?.status).toBe('overdue');
    // A phone report to every recipient meets the first report's deadline (5.3), and starts the written report's own
    // clock: due 1 hour after the call (县定), shown in the alarms and on the board until a written report is filed.
    await core.invoke(
      'console.act',
      { incidentId: id, type: 'report-filed', payload: { kind: 'first', by: 'hq', recipients: ['county-gov', 'county-emergency-office', 'city-amr'], channel: 'phone', fields: {} } },
      ctx,
    );
    expect((await core.invoke('console.due', { soonMinutes: 59 }, ctx)).items).toEqual([]);
    due = await core.invoke('console.due', { soonMinutes: 60 }, ctx);
    expect(due.items.map((x) => [x.key, x.phase, x.dueAt])).toEqual([[`${id}:first-report:written:soon`, 'soon', '2026-11-23T18:00:01.000Z']]);
    const after = await core.invoke('console.board', { status: 'open' }, ctx);
    expect(after.incidents[0]!.nextDeadline).toMatchObject({ obligationId: 'first-report:written', label: '首次报告（书面）', clause: '5.3', status: 'pending' });
    expect(after.incidents[0]!.lateReports).toBe(1); // the phone report came 1 s after the 1-hour limit: late, never shown as on time
    clock.set('2026-11-23T18:00:02Z');
    due = await core.invoke('console.due', {}, ctx);
    expect(due.items.map((x) => [x.key, x.phase])).toEqual([[`${id}:first-report:written:overdue`, 'overdue']]);
  });

  it('console.board separates open from closed incidents and shows plan, level and state', async () => {
    const { core } = make();
    await core.invoke('console.report', { planId: 'drug', title: '药品不良事件', payload: { source: 's', summary: 's', facts: {} } }, ctx);
    const open = await core.invoke('console.board', {}, ctx);
    expect(open.incidents).toHaveLength(1);
    expect(open.incidents[0]).toMatchObject({ planId: 'drug', state: 'reported', stateLabel: '已接报', level: null, terminal: false });
    expect((await core.invoke('console.board', { status: 'closed' }, ctx)).incidents).toEqual([]);
  });
});

describe('console.fires (the fire list and map marks in one request)', () => {
  it('answers the forest-fire incidents only, each with its board row and its `reported` event; open vs closed', async () => {
    const { core } = make();
    await core.invoke('console.report', { planId: 'vaccine', title: '疫苗事件', payload: { source: 's', summary: 's', facts: facts4 } }, ctx);
    const a = await core.invoke('console.report', { planId: 'forest-fire', title: '石壁火情', receivedAt: '2026-11-23T15:50:00Z', payload: { source: '瞭望台', summary: '起火', facts: {}, place: '石壁 [WGS84 112.080000,37.640000]', incidentStartedAt: '2026-11-23T15:30:00Z' } }, ctx);
    const b = await core.invoke('console.report', { planId: 'forest-fire', title: '卦山火情', payload: { source: '群众', summary: '冒烟', facts: {} } }, ctx);
    const open = await core.invoke('console.fires', { status: 'open' }, ctx);
    expect(open.fires.map((f) => [f.row.id, f.row.planId, f.row.title]).sort()).toEqual([
      [a.id, 'forest-fire', '石壁火情'],
      [b.id, 'forest-fire', '卦山火情'],
    ]);
    expect(open.fires.find((f) => f.row.id === a.id)!.reported).toEqual({ payload: expect.objectContaining({ place: '石壁 [WGS84 112.080000,37.640000]', incidentStartedAt: '2026-11-23T15:30:00Z' }), occurredAt: '2026-11-23T15:50:00.000Z' });
    // the rows are the board's own rows
    const board = await core.invoke('console.board', { status: 'open' }, ctx);
    expect(open.fires.map((f) => f.row)).toEqual(board.incidents.filter((r) => r.planId === 'forest-fire'));
    expect((await core.invoke('console.fires', { status: 'closed' }, ctx)).fires).toEqual([]);
  });
});
