// Plan engine benchmark: `npx tsx test/bench/engine.bench.ts` → ONE JSON object on stdout.
// 1. grading throughput: grade() (facts validated by the generated zod schema, criteria from plan data, nearest,
//    flags) against a hand-inlined comparison of the same table over the same facts (baseline).
// 2. replaying an incident of 10,000 events: JSON.parse + fold (payload validation, guards, facts, reports) against a
//    plain reduce over the same stored JSON doing only JSON.parse (baseline: the cost of reading the log).
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { fold, grade, incidentView, legalActions, type AnyIncidentEvent, type EventType } from '../../shared/engine';
import { vaccinePlan } from '../../shared/plans';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function time(fn: () => unknown, runs = 7): number {
  fn(); // warm-up
  const ts: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    ts.push(performance.now() - t0);
  }
  return median(ts);
}

// Deterministic pseudo-random facts.
let seed = 42;
const rnd = (n: number) => {
  seed = (seed * 1103515245 + 12345) % 2 ** 31;
  return seed % n;
};
const QUAL = ['none', 'general', 'larger', 'serious', 'especially-serious'] as const;
const N_FACTS = 20_000;
const factsList = Array.from({ length: N_FACTS }, () => {
  const q = QUAL[rnd(10) < 8 ? 0 : rnd(5)]!;
  return {
    deathsSameBatch: rnd(7),
    clusteredRareAE: rnd(30),
    clusteredSeriousAE: rnd(8),
    suspectedQualityRelated: rnd(4) > 0,
    qualitative: q,
    ...(q !== 'none' ? { qualitativeReason: '理由' } : {}),
  };
});

/** Baseline: the 疫苗预案 4.1–4.4 table as hand-written comparisons. */
function inlineGrade(f: (typeof factsList)[number]): string | null {
  let r = 0;
  if (f.suspectedQualityRelated) {
    const d = f.deathsSameBatch;
    const a = f.clusteredRareAE;
    const s = f.clusteredSeriousAE;
    r = Math.max(r, d >= 5 ? 4 : d >= 2 ? 3 : d === 1 ? 2 : 0, a > 20 ? 4 : a > 10 ? 3 : a > 5 ? 2 : a > 3 ? 1 : 0, s > 5 ? 4 : s > 3 ? 3 : s === 3 ? 2 : s === 2 ? 1 : 0);
  }
  r = Math.max(r, QUAL.indexOf(f.qualitative));
  return r === 0 ? null : (['IV', 'III', 'II', 'I'] as const)[r - 1]!;
}

// Sanity: both agree on every facts object (otherwise the comparison is meaningless).
let disagreements = 0;
for (const f of factsList) if (grade(vaccinePlan, f).level !== inlineGrade(f)) disagreements++;

const gradeMs = time(() => {
  for (const f of factsList) grade(vaccinePlan, f);
});
const inlineMs = time(() => {
  for (const f of factsList) inlineGrade(f);
});

// An incident of 10,000 events.
const N_EVENTS = 10_000;
const events: AnyIncidentEvent[] = [];
let t = Date.parse('2026-11-23T02:00:00Z');
const push = (type: EventType, payload: unknown) => {
  const at = new Date((t += 30_000)).toISOString();
  events.push({ seq: events.length + 1, type, payload, occurredAt: at, recordedAt: at, actor: '值班员' } as AnyIncidentEvent);
};
const firstFields = Object.fromEntries(vaccinePlan.obligations.find((o) => o.kind === 'first')!.requiredFields.map((f) => [f.id, `${f.label}：……`]));
const progressFields = Object.fromEntries(vaccinePlan.obligations.find((o) => o.kind === 'progress')!.requiredFields.map((f) => [f.id, `${f.label}：……`]));
push('reported', { source: '县人民医院', summary: '接种后多人不良反应', facts: { suspectedQualityRelated: true, clusteredRareAE: 4 } });
push('report-filed', { kind: 'first', by: 'amr', recipients: ['county-gov', 'county-emergency-office', 'city-amr'], channel: 'direct-report', fields: firstFields });
push('assessed', { level: 'IV', by: 'amr' });
push('response-started', { level: 'IV', by: 'hq', approvedBy: 'county-gov' });
const items = vaccinePlan.checklists.flatMap((c) => c.items.map((i) => i.id));
let item = 0;
let rare = 4;
while (events.length < N_EVENTS) {
  const k = rnd(100);
  if (k < 40) push('note', { text: `第${events.length}条值守记录：现场情况平稳。` });
  else if (k < 70) push('facts-updated', { facts: { clusteredRareAE: (rare = Math.min(rare + rnd(2), 5)) }, reason: '核实新增病例' });
  else if (k < 85) push('report-filed', { kind: 'progress', by: 'amr', recipients: ['county-gov', 'county-emergency-office', 'city-amr'], channel: 'email', fields: progressFields });
  else if (k < 95) push('expert-evaluation-recorded', { by: 'office', experts: ['甲', '乙'], conclusion: '持续观察', recommendsTermination: false });
  else if (item < items.length) push('checklist-item-done', { itemId: items[item++]!, by: '科员', unit: 'amr' });
  else push('note', { text: '巡查' });
}
const stored = events.map((e) => JSON.stringify(e));

const foldMs = time(() => fold(vaccinePlan, stored.map((s) => JSON.parse(s) as AnyIncidentEvent)), 5);
const parseOnlyMs = time(
  () =>
    stored.reduce((n, s) => {
      const e = JSON.parse(s) as { seq: number };
      return n + e.seq;
    }, 0),
  5,
);
const state = fold(vaccinePlan, events);
const now = new Date(t + 60_000);
const viewMs = time(() => incidentView(vaccinePlan, state, now), 21);
const actionsMs = time(() => legalActions(vaccinePlan, state, now), 21);

const out = {
  bench: 'engine',
  node: process.version,
  machine: { cpu: os.cpus()[0]?.model, cpus: os.cpus().length },
  grading: {
    plan: 'vaccine',
    facts: N_FACTS,
    engineMs: +gradeMs.toFixed(1),
    engineGradesPerSec: Math.round(N_FACTS / (gradeMs / 1000)),
    engineUsPerGrade: +((gradeMs * 1000) / N_FACTS).toFixed(2),
    baseline: 'hand-inlined comparisons of the same table',
    baselineMs: +inlineMs.toFixed(2),
    baselineGradesPerSec: Math.round(N_FACTS / (inlineMs / 1000)),
    slowdown: +(gradeMs / inlineMs).toFixed(1),
    disagreements,
  },
  replay: {
    events: events.length,
    finalState: state.state,
    finalLevel: state.level,
    reports: state.reports.length,
    engineMs: +foldMs.toFixed(1),
    engineUsPerEvent: +((foldMs * 1000) / events.length).toFixed(2),
    baseline: 'plain reduce over the same stored JSON doing only JSON.parse',
    baselineMs: +parseOnlyMs.toFixed(2),
    slowdown: +(foldMs / parseOnlyMs).toFixed(1),
  },
  afterReplay: { incidentViewMs: +viewMs.toFixed(2), legalActionsMs: +actionsMs.toFixed(2) },
};
process.stdout.write(JSON.stringify(out) + '\n');
// The engine must grade as the hand-written table does, or the comparison means nothing.
if (disagreements > 0) process.exit(1);
