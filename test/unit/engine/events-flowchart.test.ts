import { DOMParser } from '@xmldom/xmldom';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/api/errors';
import { EVENT_TYPES, eventPayloadSchemas, planFlowchartSvg, validateEnvelope, validateEvent } from '../../../shared/engine';
import { drugPlan, vaccinePlan } from '../../../shared/plans';

function err(f: () => unknown): AppError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return e as AppError;
  }
  throw new Error('expected an error');
}

describe('event payload schemas', () => {
  it('one schema per event type, including every type the plans use', () => {
    expect(Object.keys(eventPayloadSchemas).sort()).toEqual([...EVENT_TYPES].sort());
    for (const p of [vaccinePlan, drugPlan]) for (const t of p.transitions) expect(EVENT_TYPES).toContain(t.event);
  });
  it('validateEvent fills defaults and names the bad field', () => {
    expect(validateEvent('reported', { source: 's', summary: 's' })).toEqual({ source: 's', summary: 's', facts: {} });
    expect(err(() => validateEvent('level-changed', { direction: 'sideways', to: 'II', by: 'hq', reason: 'r' })).body).toMatchObject({ code: 'invalid-input', field: 'payload.direction' });
    expect(err(() => validateEvent('response-started', { level: 'V', by: 'hq' })).body.field).toBe('payload.level');
    expect(err(() => validateEvent('note', { text: 'x', extra: 1 })).body.field).toBe('payload.extra');
    expect(err(() => validateEvent('report-filed', { kind: 'first', by: 'amr', recipients: [], channel: 'fax', fields: {} })).body.field).toBe('payload.recipients');
    expect(err(() => validateEvent('report-filed', { kind: 'first', by: 'amr', recipients: ['x'], channel: 'fax', fields: {}, classification: { level: '内部', period: '1年' } })).body.field).toBe('payload.classification.level');
    expect(err(() => validateEvent('teleported', {})).body).toMatchObject({ field: 'type', rule: 'event-type' });
  });
  it('validateEnvelope checks the envelope and the payload', () => {
    const ok = { seq: 1, type: 'note', payload: { text: 'x' }, occurredAt: '2026-11-23T01:00:00Z', recordedAt: '2026-11-23T01:00:00.000+08:00', actor: 'a' };
    expect(validateEnvelope(ok).payload).toEqual({ text: 'x' });
    expect(err(() => validateEnvelope({ ...ok, seq: 0 })).body.field).toBe('event.seq');
    expect(err(() => validateEnvelope({ ...ok, occurredAt: 'yesterday' })).body.field).toBe('event.occurredAt');
    expect(err(() => validateEnvelope({ ...ok, payload: {} })).body.field).toBe('payload.text');
  });
});

describe('flow chart', () => {
  const parse = (svg: string) => new DOMParser().parseFromString(svg, 'image/svg+xml');

  it('is well-formed SVG with every state in Chinese, generated from the plan', () => {
    const svg = planFlowchartSvg(vaccinePlan);
    const doc = parse(svg);
    expect(doc.documentElement!.nodeName).toBe('svg');
    const states = Array.from(doc.getElementsByTagName('g')).filter((g) => g.getAttribute('data-state'));
    expect(states.map((g) => g.getAttribute('data-state')).sort()).toEqual(vaccinePlan.states.map((s) => s.id).sort());
    for (const s of vaccinePlan.states) expect(svg).toContain(`>${s.label}<`);
    // edges for the state-changing transitions, labelled with their clause
    const edges = Array.from(doc.getElementsByTagName('path'))
      .filter((l) => (l.getAttribute('class') ?? '').startsWith('edge'))
      .map((l) => `${l.getAttribute('data-from')}>${l.getAttribute('data-to')}`);
    expect(edges).toHaveLength(new Set(edges).size);
    expect(edges).toEqual(expect.arrayContaining(['assessing>responding', 'responding>terminated', 'assessing>dismissed', 'aftermath>closed']));
    expect(svg).toContain('终止应急响应（6.4）');
    expect(svg).toContain('降低响应级别（6.4）');
  });

  it('lights the current state and level; nothing else', () => {
    const doc = parse(planFlowchartSvg(vaccinePlan, 'responding', { level: 'III' }));
    const current = Array.from(doc.getElementsByTagName('g')).filter((g) => (g.getAttribute('class') ?? '').split(' ').includes('current'));
    expect(current.map((g) => g.getAttribute('data-state') ?? `level:${g.getAttribute('data-level')}`)).toEqual(['responding', 'level:III']);
    const none = parse(planFlowchartSvg(vaccinePlan));
    expect(Array.from(none.getElementsByTagName('g')).some((g) => (g.getAttribute('class') ?? '').includes('current'))).toBe(false);
  });

  it('is self-contained: no scripts, no external fonts, images or links', () => {
    for (const p of [vaccinePlan, drugPlan]) {
      const svg = planFlowchartSvg(p, 'reported');
      expect(svg).not.toMatch(/<script|<image|<foreignObject|@import|@font-face|href=|url\((?!#)/i);
    }
  });

  it('draws a loop back (e.g. a fire flaring up again) as a back edge on the side', () => {
    const p = { ...vaccinePlan, transitions: [...vaccinePlan.transitions, { ...vaccinePlan.transitions.find((t) => t.id === 'start-aftermath')!, id: 'reopen', from: ['aftermath'], to: 'responding', label: '重新响应' }] };
    const doc = parse(planFlowchartSvg(p, 'aftermath'));
    const back = Array.from(doc.getElementsByTagName('path')).filter((l) => (l.getAttribute('class') ?? '') === 'edge back');
    expect(back.map((l) => `${l.getAttribute('data-from')}>${l.getAttribute('data-to')}`)).toEqual(['aftermath>responding']);
  });

  it('escapes text', () => {
    const p = { ...vaccinePlan, title: '<b>&"' };
    expect(planFlowchartSvg(p)).toContain('&lt;b&gt;&amp;&quot;');
  });
});
