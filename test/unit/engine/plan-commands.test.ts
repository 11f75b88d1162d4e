// The plans.* commands through the real core (a real SQLite file in a temp dir; plans need no tables).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../electron/core/clock';
import { createCore, type Core } from '../../../electron/core/core';
import type { CallContext } from '../../../electron/core/handlers/types';
import { vaccinePlan } from '../../../shared/plans';
import { report, TestLog, Q } from './helpers';

const ctx: CallContext = { actor: 'tester', transport: 'test' };
let dir = '';
let core: Core;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plans-core-'));
  core = createCore({ dbPath: path.join(dir, 'c.sqlite'), clock: new ManualClock(new Date('2026-11-23T03:00:00Z')) });
});
afterAll(() => {
  core.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('plans.* commands', () => {
  it('plans.list and plans.get', async () => {
    const list = await core.invoke('plans.list', {}, ctx);
    expect(list.map((p) => p.id)).toEqual(expect.arrayContaining(['vaccine', 'drug']));
    expect(list.find((p) => p.id === 'drug')!.verified).toBe('partial');
    const p = await core.invoke('plans.get', { plan: 'vaccine' }, ctx);
    expect(p.title).toBe('交城县疫苗质量安全事件应急预案');
    await expect(core.invoke('plans.get', { plan: 'vaccine', version: '1999' }, ctx)).rejects.toMatchObject({ body: { code: 'not-found' } });
  });

  it('plans.grade, with bad facts as invalid-input naming the field', async () => {
    const r = await core.invoke('plans.grade', { plan: 'vaccine', facts: { ...Q, deathsSameBatch: 2 } }, ctx);
    expect(r).toMatchObject({ level: 'II', levelName: '重大' });
    await expect(core.invoke('plans.grade', { plan: 'vaccine', facts: { deathsSameBatch: -1 } }, ctx)).rejects.toMatchObject({ body: { code: 'invalid-input', field: 'deathsSameBatch' } });
  });

  it('plans.flowchart', async () => {
    const { svg } = await core.invoke('plans.flowchart', { plan: 'drug', state: 'responding', level: 'II' }, ctx);
    expect(svg).toContain('data-state="responding" aria-current="step"');
    expect(svg).toContain('交城县药品安全突发事件应急预案');
  });

  it('plans.legalActions replays the events', async () => {
    const log = new TestLog(vaccinePlan);
    log.push('reported', { source: 's', summary: 's', facts: { ...Q, clusteredRareAE: 4 } });
    log.push('report-filed', report(vaccinePlan, 'first'));
    log.push('assessed', { level: 'IV', by: 'amr' });
    const r = await core.invoke('plans.legalActions', { plan: 'vaccine', events: log.events }, ctx);
    expect(r).toMatchObject({ state: 'assessing', stateLabel: '事件评估', level: null, factsLevel: 'IV' });
    expect(r.actions.find((a) => a.id === 'start-response:IV')!.allowed).toBe(true);
    expect(r.actions.find((a) => a.id === 'dismiss')).toMatchObject({ allowed: false, clause: '5.4' });
    // an illegal event in the list is refused as the engine refuses it
    const bad = [...log.events, { ...log.event('closed', { by: 'hq' }) }];
    await expect(core.invoke('plans.legalActions', { plan: 'vaccine', events: bad }, ctx)).rejects.toMatchObject({ body: { code: 'conflict' } });
  });

  it('plans.validate', async () => {
    const p = await core.invoke('plans.get', { plan: 'drug' }, ctx);
    expect(await core.invoke('plans.validate', { plan: p }, ctx)).toEqual({ ok: true, id: 'drug', version: p.version, title: p.title });
    await expect(core.invoke('plans.validate', { plan: { ...p, levels: [] } }, ctx)).rejects.toMatchObject({ body: { code: 'invalid-input', field: 'levels' } });
  });
});
