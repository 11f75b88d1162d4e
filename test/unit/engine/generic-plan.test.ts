// The engine is generic: a plan with number and boolean facts, a minimum level, flags from facts and grade, a timer
// from a payload time with stop states, and plan-specific stages via `transition` events. The plan below is a
// small test plan in the shape of the forest-fire rules (森林防火条例 第四十条, 第三十二条), not the real one.
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/api/errors';
import { grade, incidentView, loadPlan, timers, type PlanInput } from '../../../shared/engine';
import { TestLog } from './helpers';

const data: PlanInput = {
  id: 'mini-fire',
  version: 't1',
  effectiveFrom: '2026-01-01',
  basis: [{ document: '测试用条例', articles: ['32', '40'] }],
  presentation: { screen: 'fire', shortName: '测试火灾' },
  title: '测试用火灾预案',
  source: { document: '测试', verified: 'unverified' },
  facts: [
    { name: 'burnedHa', kind: 'number', label: '受害森林面积', unit: '公顷', clause: '40' },
    { name: 'deaths', kind: 'count', label: '死亡人数', clause: '40', step: { zh: '再有{n}人死亡' } },
    { name: 'nearBorder', kind: 'boolean', label: '国界附近', clause: '32(1)' },
  ],
  levels: [
    { id: 'I', name: '特别重大', colour: 'red', clause: '40' },
    { id: 'II', name: '重大', colour: 'orange', clause: '40' },
    { id: 'III', name: '较大', colour: 'yellow', clause: '40' },
    { id: 'IV', name: '一般', colour: 'blue', clause: '40' },
  ],
  criteria: [
    { id: 'a4', level: 'IV', clause: '40(1)', fact: 'burnedHa', range: { gt: 0, lt: 1 }, text: '1公顷以下' },
    { id: 'a3', level: 'III', clause: '40(2)', fact: 'burnedHa', range: { gte: 1, lt: 100 }, text: '1公顷以上100公顷以下' },
    { id: 'a2', level: 'II', clause: '40(3)', fact: 'burnedHa', range: { gte: 100, lt: 1000 }, text: '100公顷以上1000公顷以下' },
    { id: 'a1', level: 'I', clause: '40(4)', fact: 'burnedHa', range: { gte: 1000 }, text: '1000公顷以上' },
    { id: 'd3', level: 'III', clause: '40(2)', fact: 'deaths', range: { gte: 3, lt: 10 }, text: '死亡3人以上10人以下' },
  ],
  minimumLevel: { level: 'IV', clause: '40(1)', text: '森林火灾至少为一般森林火灾' },
  flags: [
    { id: 'f32-1', clause: '32(1)', text: '国界附近的森林火灾', when: { fact: 'nearBorder', equals: true } },
    { id: 'f32-2', clause: '32(2)', text: '重大、特别重大森林火灾', when: { level: { gte: 'II' } } },
    { id: 'f32-3', clause: '32(3)', text: '死亡3人以上', when: { any: [{ fact: 'deaths', range: { gte: 3 } }] } },
  ],
  units: [{ id: 'hq', name: '县森林防灭火指挥部', kind: 'hq' }],
  states: [
    { id: 'idle', label: '待命', clause: '-', kind: 'initial' },
    { id: 'reported', label: '接报', clause: '31' },
    { id: 'attack', label: '首次扑救', clause: '33' },
    { id: 'out', label: '明火扑灭', clause: '33' },
    { id: 'closed', label: '结案', clause: '-', kind: 'terminal' },
  ],
  transitions: [
    { id: 'report', event: 'reported', from: ['idle'], to: 'reported', label: '接报', clause: '31' },
    { id: 'facts', event: 'facts-updated', from: ['reported', 'attack'], label: '更新', clause: '31' },
    { id: 'first-attack', event: 'transition', from: ['reported'], to: 'attack', label: '首次扑救', clause: '33', triggeredBy: ['hq'] },
    { id: 'extinguished', event: 'transition', from: ['attack'], to: 'out', label: '明火扑灭', clause: '33' },
    { id: 'close', event: 'closed', from: ['out'], to: 'closed', label: '结案', clause: '-' },
  ],
  timers: [
    { id: 'f32-5', clause: '32(5)', text: '燃烧超过24小时', anchor: { event: 'reported', payloadField: 'incidentStartedAt' }, after: { hours: 24 }, stopStates: ['out', 'closed'], flag: true },
  ],
};

const plan = loadPlan(data);

describe('a generic plan on the engine', () => {
  it('number facts with 以上/以下 bounds, a minimum level', () => {
    expect(grade(plan, {}).level).toBe('IV'); // minimum level: any forest fire is at least 一般
    expect(grade(plan, {}).minimum).toMatchObject({ level: 'IV', clause: '40(1)' });
    expect(grade(plan, { burnedHa: 0.99 }).level).toBe('IV');
    expect(grade(plan, { burnedHa: 1 }).level).toBe('III');
    expect(grade(plan, { burnedHa: 99.9 }).level).toBe('III');
    expect(grade(plan, { burnedHa: 100 }).level).toBe('II');
    expect(grade(plan, { burnedHa: 1000 }).level).toBe('I');
    expect(grade(plan, { burnedHa: 0.5 }).minimum).toBeNull();
    expect(grade(plan, { burnedHa: 0.5 }).criteria.map((c) => c.id)).toEqual(['a4']);
    expect(() => grade(plan, { burnedHa: -0.5 })).toThrow(AppError);
    expect(() => grade(plan, { burnedHa: 'a lot' })).toThrow(/burnedHa/);
    expect(grade(plan, { burnedHa: 0.5 }).nearest).toMatchObject({ fact: 'burnedHa', threshold: 1, needed: 0.5, wouldBe: 'III' });
  });

  it('flags from facts and from the grade', () => {
    expect(grade(plan, {}).flags).toEqual([]);
    expect(grade(plan, { nearBorder: true }).flags).toEqual([{ id: 'f32-1', clause: '32(1)', text: '国界附近的森林火灾', reportUp: false }]);
    expect(grade(plan, { burnedHa: 150 }).flags.map((f) => f.id)).toEqual(['f32-2']);
    expect(grade(plan, { burnedHa: 50, deaths: 2 }).flags.map((f) => f.id)).toEqual([]);
    expect(grade(plan, { burnedHa: 50, deaths: 3 }).flags.map((f) => f.id)).toEqual(['f32-3']);
  });

  it('a timer from the payload time, raised as a flag once elapsed, stopped by a stop state', () => {
    const log = new TestLog(plan, '2026-03-01T10:00:00.000Z');
    log.push('reported', { source: '护林员', summary: '山火', incidentStartedAt: '2026-03-01T08:00:00.000Z' });
    log.push('transition', { transition: 'first-attack', by: 'hq' });
    expect(timers(plan, log.state, new Date('2026-03-02T07:59:59Z'))[0]).toMatchObject({ status: 'running', dueAt: '2026-03-02T08:00:00.000Z', dueAtShanghai: '2026-03-02 16:00' });
    expect(timers(plan, log.state, new Date('2026-03-02T08:00:00Z'))[0]!.status).toBe('elapsed');
    expect(incidentView(plan, log.state, new Date('2026-03-02T09:00:00Z')).flags.map((f) => f.id)).toContain('f32-5');
    log.push('transition', { transition: 'extinguished' });
    expect(timers(plan, log.state, new Date('2026-03-03T00:00:00Z'))[0]!.status).toBe('stopped');
  });

  it('a timer without the payload time counts from occurredAt', () => {
    const log = new TestLog(plan);
    log.push('reported', { source: 's', summary: 's' }, '2026-03-01T10:00:00.000Z');
    expect(timers(plan, log.state, new Date('2026-03-01T11:00:00Z'))[0]!.dueAt).toBe('2026-03-02T10:00:00.000Z');
  });

  it('plan-specific stages with `transition` events', () => {
    const log = new TestLog(plan);
    log.push('reported', { source: 's', summary: 's' });
    expect(log.refuse('transition', { transition: 'extinguished' }).body.code).toBe('conflict');
    expect(log.refuse('transition', { transition: 'first-attack', by: 'someone' }).body.code).toBe('forbidden');
    expect(log.refuse('transition', { transition: 'teleport' }).body.message).toContain('本预案无此操作');
    log.push('transition', { transition: 'first-attack', by: 'hq' });
    expect(log.state.state).toBe('attack');
  });
});
