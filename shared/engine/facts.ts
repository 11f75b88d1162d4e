/**
 * The facts an officer enters, validated by a zod schema generated from the plan's fact definitions:
 * counts are integers ≥ 0 (default 0), numbers ≥ 0 (default 0), booleans (default false), enums one of their values
 * (default as the plan says), text free. An unknown fact, a wrong type, a negative or fractional count, or a
 * judgement without its written reason is an error naming the field and the rule — never a guess (docs/rules/vaccine-drug.md).
 */
import { z } from 'zod';
import { AppError } from '../base/errors';
import type { FactDef, Plan } from './schema';

export type FactValue = number | boolean | string;
export type Facts = Record<string, FactValue | undefined>;

interface Rule {
  rule: string;
  zh: string;
  en: string;
}

function ruleOf(def: FactDef): Rule {
  switch (def.kind) {
    case 'count':
      return { rule: 'integer>=0', zh: '必须是不小于0的整数', en: 'must be an integer ≥ 0' };
    case 'number':
      return { rule: 'number>=0', zh: '必须是不小于0的数', en: 'must be a number ≥ 0' };
    case 'boolean':
      return { rule: 'boolean', zh: '必须是 true 或 false', en: 'must be true or false' };
    case 'enum': {
      const vs = def.values.map((v) => v.value).join(' | ');
      return { rule: `one-of:${vs}`, zh: `必须是以下之一：${vs}`, en: `must be one of: ${vs}` };
    }
    case 'text':
      return { rule: `text<=${def.maxLength}`, zh: `必须是不超过${def.maxLength}字的文字`, en: `must be text of at most ${def.maxLength} characters` };
  }
}

function fieldSchema(def: FactDef): z.ZodType {
  switch (def.kind) {
    case 'count':
      return z.number().int().min(0).default(def.default);
    case 'number':
      return def.optional ? z.number().min(0).finite().optional() : z.number().min(0).finite().default(def.default);
    case 'boolean':
      return z.boolean().default(def.default);
    case 'enum':
      return z.enum(def.values.map((v) => v.value) as [string, ...string[]]).default(def.default);
    case 'text':
      return z.string().max(def.maxLength).optional();
  }
}

const schemaCache = new WeakMap<Plan, z.ZodType<Facts>>();

/** The zod schema of the plan's facts (strict: unknown names refused; a judgement needs its reason). */
export function factsSchema(plan: Plan): z.ZodType<Facts> {
  const cached = schemaCache.get(plan);
  if (cached) return cached;
  const shape: Record<string, z.ZodType> = {};
  for (const def of plan.facts) shape[def.name] = fieldSchema(def);
  const schema = z
    .object(shape)
    .strict()
    .superRefine((facts, ctx) => {
      for (const def of plan.facts) {
        if (def.kind === 'number' && def.atLeast) {
          const v = facts[def.name];
          const floor = facts[def.atLeast];
          if (typeof v === 'number' && typeof floor === 'number' && v < floor) ctx.addIssue({ code: 'custom', path: [def.name], message: 'at-least' });
        }
        const needs =
          def.kind === 'enum' && def.requiresReason
            ? typeof facts[def.name] === 'string' && !def.requiresReason.except.includes(facts[def.name] as string)
            : def.kind === 'boolean' && def.requiresReason
              ? facts[def.name] === true
              : false;
        if (!needs || (def.kind !== 'enum' && def.kind !== 'boolean') || !def.requiresReason) continue;
        const reason = facts[def.requiresReason.fact];
        if (typeof reason !== 'string' || reason.trim() === '') ctx.addIssue({ code: 'custom', path: [def.requiresReason.fact], message: 'reason-required' });
      }
    }) as unknown as z.ZodType<Facts>;
  schemaCache.set(plan, schema);
  return schema;
}

/** Parse facts (missing ones take their defaults) or throw AppError invalid-input naming the field and the rule. */
export function parseFacts(plan: Plan, input: unknown): Facts {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new AppError({
      code: 'invalid-input',
      message: '事实必须是一个 JSON 对象（字段名: 值）',
      messageEn: 'facts must be a JSON object (name: value)',
      field: 'facts',
      rule: 'object',
    });
  }
  const r = factsSchema(plan).safeParse(input);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  if (issue.code === 'unrecognized_keys') {
    const name = (issue as { keys: string[] }).keys[0] ?? '?';
    const known = plan.facts.map((f) => f.name).join(', ');
    throw new AppError({
      code: 'invalid-input',
      message: `未知的事实 ${name}：${plan.title}只认以下事实：${known}`,
      messageEn: `unknown fact ${name}: plan ${plan.id} knows only: ${known}`,
      field: name,
      rule: 'known-fact',
    });
  }
  const name = String(issue.path[0] ?? 'facts');
  const def = plan.facts.find((f) => f.name === name);
  if (issue.code === 'custom' && issue.message === 'reason-required') {
    const owner = plan.facts.find((f) => (f.kind === 'enum' || f.kind === 'boolean') && f.requiresReason?.fact === name);
    const clause = owner?.kind === 'enum' || owner?.kind === 'boolean' ? owner.requiresReason?.clause : undefined;
    const when = owner?.kind === 'enum' ? `other than ${owner.requiresReason?.except.join('/')}` : 'of true';
    throw new AppError({
      code: 'invalid-input',
      message: `缺少 ${name}（${def?.label ?? ''}）：作出“${owner?.label ?? owner?.name ?? ''}”判断时必须写明理由${clause ? `（${clause}）` : ''}`,
      messageEn: `${name} is required: a ${owner?.name ?? 'judgement'} ${when} needs a written reason${clause ? ` (${clause})` : ''}`,
      field: name,
      rule: 'reason-required',
    });
  }
  if (issue.code === 'custom' && issue.message === 'at-least' && def?.kind === 'number' && def.atLeast) {
    const floor = plan.facts.find((f) => f.name === def.atLeast);
    const got = (input as Record<string, unknown>)[name];
    throw new AppError({
      code: 'invalid-input',
      message: `事实 ${name}（${def.label}）不能小于 ${def.atLeast}（${floor?.label ?? ''}），收到 ${JSON.stringify(got)}（${def.clause}）`,
      messageEn: `fact ${name} may not be less than ${def.atLeast}; got ${JSON.stringify(got)} (${def.clause})`,
      field: name,
      rule: `at-least:${def.atLeast}`,
    });
  }
  const rule = def ? ruleOf(def) : { rule: issue.code, zh: '不符合规则', en: issue.message };
  const got = (input as Record<string, unknown>)[name];
  throw new AppError({
    code: 'invalid-input',
    message: `事实 ${name}（${def?.label ?? ''}）${rule.zh}，收到 ${JSON.stringify(got)}`,
    messageEn: `fact ${name} ${rule.en}; got ${JSON.stringify(got)}`,
    field: name,
    rule: rule.rule,
  });
}

