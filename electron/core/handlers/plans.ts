import { fold, grade, legalActions, loadPlan, planFlowchartSvg, type Plan } from '../../../shared/engine';
import { reportUpItems } from '../../../shared/fire/incident';
import type { CoreServices, HandlerTable } from './types';

type PlanNames = 'plans.list' | 'plans.get' | 'plans.grade' | 'plans.flowchart' | 'plans.legalActions' | 'plans.validate';

/** The exact version, or the one in force at `at` (default: now). */
function pick(s: CoreServices, input: { plan: string; version?: string | undefined; at?: string | undefined }): Plan {
  return input.version ? s.plans.get(input.plan, input.version) : s.plans.inForce(input.plan, input.at ?? s.clock.now());
}

/** Plans are data held by the core's registry; these handlers only look them up and run the engine. */
export const planHandlers: HandlerTable<PlanNames> = {
  'plans.list': (_i, _ctx, s) => {
    const now = s.clock.now();
    return s.plans.all().map(({ plan: p, builtIn }) => ({
      id: p.id,
      version: p.version,
      title: p.title,
      source: p.source.number ?? p.source.document,
      verified: p.source.verified,
      levels: p.levels.map((l) => ({ id: l.id, name: l.name, colour: l.colour })),
      facts: p.facts.map((f) => ({ name: f.name, kind: f.kind, label: f.label, clause: f.clause })),
      builtIn,
      effectiveFrom: p.effectiveFrom,
      effectiveUntil: p.effectiveUntil ?? null,
      inForceNow: s.plans.findInForce(p.id, now) === p,
      basis: p.basis.map((b) => ({ document: b.document, articles: b.articles, ...(b.number ? { number: b.number } : {}), ...(b.effectiveFrom ? { effectiveFrom: b.effectiveFrom } : {}), ...(b.role ? { role: b.role } : {}) })),
      screen: p.presentation.screen,
      shortName: p.presentation.shortName,
      shortNameEn: p.presentation.shortNameEn ?? null,
      intake: p.presentation.intake,
      reportUp: reportUpItems(p).map((f) => ({ clause: f.clause, text: f.text, textEn: f.textEn ?? null })),
    }));
  },
  'plans.get': (input, _ctx, s) => pick(s, input),
  'plans.grade': (input, _ctx, s) => grade(pick(s, input), input.facts),
  'plans.flowchart': (input, _ctx, s) => ({ svg: planFlowchartSvg(pick(s, input), input.state ?? null, { level: input.level ?? null }) }),
  'plans.legalActions': (input, _ctx, s) => {
    const plan = pick(s, input);
    const state = fold(plan, input.events);
    return {
      state: state.state,
      stateLabel: plan.states.find((x) => x.id === state.state)?.label ?? state.state,
      level: state.level,
      factsLevel: state.factsLevel,
      actions: legalActions(plan, state, s.clock.now()),
    };
  },
  'plans.validate': (input) => {
    const p = loadPlan(input.plan);
    return { ok: true as const, id: p.id, version: p.version, title: p.title };
  },
};
