/**
 * Loading a plan: the zod schema, then the cross-reference checks a schema cannot express (every fact, level, state,
 * unit and event a rule names exists). A plan that fails is refused with the path of the first problem.
 */
import { AppError } from '../base/errors';
import { zodError } from '../base/zodError';
import { EVENT_TYPES } from './events';
import { guardImpl } from './guards';
import { planSchema, type Condition, type Plan } from './schema';

export { levelRank } from './levels';

function planError(field: string, zh: string, en: string, rule = 'plan-reference'): AppError {
  return new AppError({ code: 'invalid-input', message: `预案数据有误：${field}：${zh}`, messageEn: `plan data is invalid: ${field}: ${en}`, field, rule });
}


/** Validate a JSON-compatible plan and return it with defaults filled in. Throws AppError invalid-input. */
export function loadPlan(input: unknown): Plan {
  const r = planSchema.safeParse(input);
  if (!r.success) {
    throw zodError(r.error, 'plan', { zh: '预案数据有误：', en: 'plan data is invalid: ' });
  }
  const plan = r.data;
  checkReferences(plan);
  return Object.freeze(plan) as Plan;
}

function unique(ids: string[], what: string): void {
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) throw planError(what, `重复的 id ${id}`, `duplicate id ${id}`, 'unique-id');
    seen.add(id);
  }
}

function checkReferences(plan: Plan): void {
  const facts = new Map(plan.facts.map((f) => [f.name, f]));
  unique(plan.facts.map((f) => f.name), 'facts');
  unique(plan.levels.map((l) => l.id), 'levels');
  unique(plan.criteria.map((c) => c.id), 'criteria');
  unique(plan.flags.map((f) => f.id), 'flags');
  unique(plan.units.map((u) => u.id), 'units');
  unique(plan.states.map((s) => s.id), 'states');
  unique(plan.transitions.map((t) => t.id), 'transitions');
  unique(plan.obligations.map((o) => o.id), 'obligations');
  unique(plan.timers.map((t) => t.id), 'timers');
  unique(plan.checklists.flatMap((c) => c.items.map((i) => i.id)), 'checklists.items');
  const levels = new Set<string>(plan.levels.map((l) => l.id));
  const units = new Set(plan.units.map((u) => u.id));
  const states = new Set(plan.states.map((s) => s.id));
  const events = new Set<string>(EVENT_TYPES);
  const groups = new Set(plan.command?.groups.map((g) => g.id) ?? []);

  if (plan.effectiveUntil && plan.effectiveUntil < plan.effectiveFrom)
    throw planError('effectiveUntil', `失效日期 ${plan.effectiveUntil} 早于施行日期 ${plan.effectiveFrom}`, `effectiveUntil ${plan.effectiveUntil} is before effectiveFrom ${plan.effectiveFrom}`, 'effective-dates');
  for (const def of plan.facts) {
    if (def.kind === 'boolean' && def.requiresReason && facts.get(def.requiresReason.fact)?.kind !== 'text')
      throw planError(`facts.${def.name}.requiresReason.fact`, `${def.requiresReason.fact} 须是文字事实`, `${def.requiresReason.fact} must be a text fact`);
    if (def.kind === 'number' && def.atLeast && facts.get(def.atLeast)?.kind !== 'number')
      throw planError(`facts.${def.name}.atLeast`, `${def.atLeast} 须是数值事实`, `${def.atLeast} must be a number fact`);
    if (def.kind === 'enum') {
      if (!def.values.some((v) => v.value === def.default)) throw planError(`facts.${def.name}.default`, `${def.default} 不在取值中`, `${def.default} is not one of the values`);
      if (def.requiresReason && facts.get(def.requiresReason.fact)?.kind !== 'text')
        throw planError(`facts.${def.name}.requiresReason.fact`, `${def.requiresReason.fact} 须是文字事实`, `${def.requiresReason.fact} must be a text fact`);
    }
  }
  const checkCondition = (c: Condition, where: string): void => {
    if ('fact' in c) {
      const def = facts.get(c.fact);
      if (!def) throw planError(where, `未定义的事实 ${c.fact}`, `unknown fact ${c.fact}`);
      if (c.range && def.kind !== 'count' && def.kind !== 'number') throw planError(where, `${c.fact} 不是数值事实`, `${c.fact} is not numeric`);
      if (c.equals !== undefined && def.kind === 'enum' && !def.values.some((v) => v.value === c.equals))
        throw planError(where, `${String(c.equals)} 不是 ${c.fact} 的取值`, `${String(c.equals)} is not a value of ${c.fact}`);
    } else if ('level' in c) {
      for (const l of [c.level.gte, ...(c.level.in ?? [])]) if (l && !levels.has(l)) throw planError(where, `未定义的级别 ${l}`, `unknown level ${l}`);
    } else if ('all' in c) c.all.forEach((x, i) => checkCondition(x, `${where}.all.${i}`));
    else if ('any' in c) c.any.forEach((x, i) => checkCondition(x, `${where}.any.${i}`));
    else checkCondition(c.not, `${where}.not`);
  };
  plan.criteria.forEach((c, i) => {
    const where = `criteria.${i}(${c.id})`;
    if (!levels.has(c.level)) throw planError(where, `未定义的级别 ${c.level}`, `unknown level ${c.level}`);
    checkCondition(c.range ? { fact: c.fact, range: c.range } : { fact: c.fact, equals: c.equals! }, where);
    if (c.requires) checkCondition(c.requires.when, `${where}.requires`);
  });
  plan.flags.forEach((f, i) => checkCondition(f.when, `flags.${i}(${f.id})`));
  unique(plan.warnings.map((w) => w.id), 'warnings');
  unique(plan.notifications.map((n) => n.id), 'notifications');
  plan.notifications.forEach((n, i) => {
    for (const u of n.units) if (!units.has(u)) throw planError(`notifications.${i}(${n.id}).units`, `未定义的单位 ${u}`, `unknown unit ${u}`);
  });
  unique(plan.tags.map((t) => t.id), 'tags');
  const items = new Set(plan.checklists.flatMap((c) => c.items.map((i) => i.id)));
  plan.warnings.forEach((w, i) => {
    checkCondition(w.when, `warnings.${i}(${w.id})`);
    if (w.unlessDone && !items.has(w.unlessDone)) throw planError(`warnings.${i}(${w.id}).unlessDone`, `未定义的处置事项 ${w.unlessDone}`, `unknown checklist item ${w.unlessDone}`);
  });
  plan.tags.forEach((t, i) => checkCondition(t.when, `tags.${i}(${t.id})`));
  if (plan.minimumLevel && !levels.has(plan.minimumLevel.level)) throw planError('minimumLevel', '未定义的级别', 'unknown level');

  const initial = plan.states.filter((s) => s.kind === 'initial');
  if (initial.length !== 1) throw planError('states', '须恰有一个 initial 状态', 'exactly one state must be initial', 'initial-state');
  plan.transitions.forEach((t, i) => {
    const where = `transitions.${i}(${t.id})`;
    if (!events.has(t.event)) throw planError(`${where}.event`, `未知的事件类型 ${t.event}`, `unknown event type ${t.event}`);
    for (const s of [...t.from, ...(t.to ? [t.to] : [])]) if (!states.has(s)) throw planError(where, `未定义的状态 ${s}`, `unknown state ${s}`);
    for (const u of [...(t.triggeredBy ?? []), ...(t.approvedBy ?? [])]) if (!units.has(u)) throw planError(where, `未定义的单位 ${u}`, `unknown unit ${u}`);
    if (t.event === 'level-changed' && !t.direction) throw planError(where, 'level-changed 须注明 direction', 'level-changed needs a direction');
    t.guards.forEach((g, j) => {
      if (!guardImpl(g.guard)) throw planError(`${where}.guards.${j}.guard`, `未定义的规则 ${g.guard}`, `no guard is registered as ${g.guard}`, 'known-guard');
      if (g.guard === 'checklist-item-done' && !items.has(g.param ?? ''))
        throw planError(`${where}.guards.${j}.param`, `未定义的处置事项 ${g.param ?? ''}`, `unknown checklist item ${g.param ?? ''}`);
    });
  });
  const checkAnchor = (event: string, where: string): void => {
    if (!events.has(event)) throw planError(where, `未知的事件类型 ${event}`, `unknown event type ${event}`);
  };
  plan.obligations.forEach((o, i) => {
    const where = `obligations.${i}(${o.id})`;
    if (o.due) checkAnchor(o.due.anchor.event, `${where}.due.anchor`);
    if (o.startsWith) checkAnchor(o.startsWith, `${where}.startsWith`);
    for (const st of o.every?.whileStates ?? []) if (!states.has(st)) throw planError(`${where}.every.whileStates`, `未定义的状态 ${st}`, `unknown state ${st}`);
    for (const u of o.recipients) if (!units.has(u)) throw planError(where, `未定义的单位 ${u}`, `unknown unit ${u}`);
    for (const c of o.channels ?? []) if (!plan.reportChannels.some((ch) => ch.id === c)) throw planError(where, `未定义的报送渠道 ${c}`, `unknown channel ${c}`);
  });
  plan.timers.forEach((t, i) => {
    const where = `timers.${i}(${t.id})`;
    checkAnchor(t.anchor.event, `${where}.anchor`);
    for (const s of t.stopStates) if (!states.has(s)) throw planError(where, `未定义的状态 ${s}`, `unknown state ${s}`);
    for (const e of t.stopEvents) checkAnchor(e, where);
  });
  plan.checklists.forEach((c, i) => {
    const where = `checklists.${i}(${c.id})`;
    if (!states.has(c.state)) throw planError(where, `未定义的状态 ${c.state}`, `unknown state ${c.state}`);
    for (const it of c.items) {
      if (!units.has(it.unit)) throw planError(`${where}.${it.id}`, `未定义的单位 ${it.unit}`, `unknown unit ${it.unit}`);
      if (it.group && !groups.has(it.group)) throw planError(`${where}.${it.id}`, `未定义的工作组 ${it.group}`, `unknown group ${it.group}`);
    }
  });
  if (plan.command) {
    const c = plan.command;
    for (const u of [c.hq.unit, ...c.hq.members, c.office.unit, c.office.seatedAt, ...c.groups.flatMap((g) => [...g.units, ...g.conditionalUnits.map((x) => x.unit)])])
      if (!units.has(u)) throw planError('command', `未定义的单位 ${u}`, `unknown unit ${u}`);
  }
}
