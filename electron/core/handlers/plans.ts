import { fold, grade, legalActions, loadPlan, planFlowchartSvg } from '../../../shared/engine';
import { builtInPlans, getPlan, listPlans } from '../../../shared/plans';
import type { HandlerTable } from './types';

type PlanNames = 'plans.list' | 'plans.get' | 'plans.grade' | 'plans.flowchart' | 'plans.legalActions' | 'plans.validate';

/** Plans are pure data in shared/; these handlers only look them up and run the engine. */
export const planHandlers: HandlerTable<PlanNames> = {
  'plans.list': () =>
    listPlans().map((p) => ({
      id: p.id,
      version: p.version,
      title: p.title,
      source: p.source.number ?? p.source.document,
      verified: p.source.verified,
      levels: p.levels.map((l) => ({ id: l.id, name: l.name, colour: l.colour })),
      facts: p.facts.map((f) => ({ name: f.name, kind: f.kind, label: f.label, clause: f.clause })),
      builtIn: builtInPlans.includes(p),
    })),
  'plans.get': (input) => getPlan(input.plan, input.version),
  'plans.grade': (input) => grade(getPlan(input.plan, input.version), input.facts),
  'plans.flowchart': (input) => ({ svg: planFlowchartSvg(getPlan(input.plan, input.version), input.state ?? null, { level: input.level ?? null }) }),
  'plans.legalActions': (input, _ctx, s) => {
    const plan = getPlan(input.plan, input.version);
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
