/**
 * A report draft → the report-filed payload, or an AppError `invalid-input` naming the field and the rule. The same
 * function runs in the form (before anything is sent) and in the core (before anything is written); the plan engine's
 * fold then checks the report again against the incident's state when the log appends it.
 * Pure: no I/O.
 */
import { z } from 'zod';
import { fieldError } from '../base/errors';
import { zodError } from '../base/zodError';
import type { EventPayloadInput } from '../engine/events';
import type { Plan } from '../engine/schema';
import { ruleClause } from '../engine/machine';
import { CORRECTIONS_FIELD, FOREIGN_NO, FOREIGN_YES, SECRECY_LEVELS, UNCLASSIFIED, reportKind } from './fields';

export const MAX_FIELD_CHARS = 20_000;

export const reportDraftSchema = z
  .object({
    kind: z.string().min(1).max(40),
    /** The reporting unit (plan unit id); default `office` (县指挥部办公室, 疫苗预案 2.2.2(3)). */
    by: z.string().min(1).max(100).default('office'),
    channel: z.string().min(1).max(40),
    recipients: z.array(z.string().min(1).max(100)).default([]),
    fields: z.record(z.string(), z.string()).default({}),
    /** 密级: 非密 (or absent) = unclassified. */
    secrecy: z.string().max(10).default(UNCLASSIFIED),
    /** 保密期限, e.g. 10年 — required when classified. */
    secrecyPeriod: z.string().max(100).default(''),
    /** The log seq of the filed report this one corrects (5.1: a correction is a new report pointing at it). */
    corrects: z.number().int().positive().optional(),
    /** 签发人 of a report to a higher body (GB/T 9704-2012 7.2.6); typed until accounts exist (issue 15). */
    issuedBy: z.string().max(100).default(''),
  })
  .strict();
export type ReportDraft = z.input<typeof reportDraftSchema>;

function refuse(field: string, rule: string, zh: string, en: string): never {
  throw fieldError(field, rule, zh, en);
}

export interface ValidatedReport {
  payload: Omit<EventPayloadInput<'report-filed'>, 'correctsReportSeq'>;
  corrects: number | undefined;
  written: boolean;
}

/**
 * Every rule of 疫苗预案 5.1–5.3 that concerns one report by itself:
 *  - the kind is one of the plan's reports; the channel is one allowed for it (5.3; 结案报告 only in writing);
 *  - a written report carries every content item the plan lists (5.2); a phone report (紧急情况下先电话口头报告, 5.3)
 *    may be partial but not empty, and the written report must follow;
 *  - the first report answers 是否涉及外宾、华侨、港澳同胞 (5.1) when written;
 *  - 涉密: 密级 and 保密期限 both, and only through the confidential channel (5.1、5.3);
 *  - a correction says what it corrects.
 */
export function validateReportDraft(plan: Plan, input: unknown): ValidatedReport {
  const parsed = reportDraftSchema.safeParse(input);
  if (!parsed.success) {
    throw zodError(parsed.error, 'draft');
  }
  const d = parsed.data;
  const correcting = d.corrects !== undefined;
  const def = reportKind(plan, d.kind, { correcting });
  if (!def) refuse('kind', 'report-kind', `本预案没有“${d.kind}”类报告（可选：${plan.obligations.map((o) => o.label).join('、')}）`, `no report kind ${d.kind} in plan ${plan.id}`);

  const channel = def.channels.find((c) => c.id === d.channel);
  const phoneClause = ruleClause(plan, 'writtenAfterPhone');
  const secretClause = ruleClause(plan, 'confidential');
  const corrClause = ruleClause(plan, 'corrections');
  if (!channel) refuse('channel', phoneClause, `${def.label}不能经“${d.channel}”报送（可用：${def.channels.map((c) => c.label).join('、')}）`, `a ${d.kind} report cannot go by ${d.channel} (allowed: ${def.channels.map((c) => c.id).join(', ')})`);

  if (!plan.units.some((u) => u.id === d.by)) refuse('by', 'known-unit', `未知的报告单位 ${d.by}`, `unknown reporting unit ${d.by}`);
  const recipients = d.recipients.length ? [...new Set(d.recipients)] : def.recipients.map((r) => r.id);
  for (const r of recipients) if (!plan.units.some((u) => u.id === r)) refuse('recipients', 'known-unit', `未知的报送对象 ${r}`, `unknown recipient ${r}`);

  // 疫苗预案 5.1: 涉密的，需规范定密、标注密级和保密期限; 5.3: 报告内容涉密的，须通过机要渠道报送.
  let classification: { level: (typeof SECRECY_LEVELS)[number]; period: string } | undefined;
  if (d.secrecy !== UNCLASSIFIED && d.secrecy !== '') {
    if (!(SECRECY_LEVELS as readonly string[]).includes(d.secrecy))
      refuse('secrecy', 'secrecy-level', `密级应为${UNCLASSIFIED}、${SECRECY_LEVELS.join('、')}之一：${d.secrecy}`, `secrecy must be one of ${UNCLASSIFIED}, ${SECRECY_LEVELS.join(', ')}`);
    const period = d.secrecyPeriod.trim();
    if (!period) refuse('secrecyPeriod', secretClause, `涉密报告须标注保密期限（${secretClause}）`, `a classified report must state its secrecy period (保密期限, ${secretClause})`);
    if (!channel.confidential) refuse('channel', channel.clause || secretClause, `涉密报告须通过机要渠道报送（${channel.clause || secretClause}）`, `a classified report must go through the confidential channel (${channel.clause || secretClause})`);
    classification = { level: d.secrecy as (typeof SECRECY_LEVELS)[number], period };
  }

  const fields: Record<string, string> = {};
  for (const [k, v] of Object.entries(d.fields)) {
    const f = def.fields.find((x) => x.id === k);
    if (!f) refuse(`fields.${k}`, 'report-field', `${def.label}没有这一项（可填：${def.fields.map((x) => x.label).join('、')}）`, `a ${d.kind} report has no field ${k}`);
    if (v.length > MAX_FIELD_CHARS) refuse(`fields.${k}`, 'max-length', `“${f.label}”超过 ${MAX_FIELD_CHARS} 字`, `${k} is longer than ${MAX_FIELD_CHARS} characters`);
    const t = v.trim();
    if (t) fields[k] = t;
  }
  for (const f of def.fields) {
    if (f.input === 'yesno' && fields[f.id] !== undefined && fields[f.id] !== FOREIGN_YES && fields[f.id] !== FOREIGN_NO)
      refuse(`fields.${f.id}`, 'yes-no', `“${f.label}”应为“${FOREIGN_YES}”或“${FOREIGN_NO}”`, `${f.id} must be 是 or 否`);
  }
  if (channel.written) {
    // 疫苗预案 5.2: the report carries every item the plan lists (plus the 5.1 question on the first report).
    for (const f of def.fields) if (f.required && !fields[f.id]) refuse(`fields.${f.id}`, def.clause, `${def.label}须填写“${f.label}”（${f.clause}）`, `a ${d.kind} report must include ${f.id} (${f.clause})`);
  } else {
    // 5.3: 紧急情况下先电话口头报告 — record what was said; the written report follows.
    if (!Object.keys(fields).length) refuse('fields', phoneClause, '电话口头报告也须记录所报内容（至少一项）', 'record what was said on the phone (at least one item)');
    if (correcting && !fields[CORRECTIONS_FIELD]) refuse(`fields.${CORRECTIONS_FIELD}`, corrClause, '更正报告须写明所更正的内容及原因', 'a correction must say what it corrects');
  }
  return {
    payload: { kind: d.kind, by: d.by, recipients, channel: d.channel, fields, ...(classification ? { classification } : {}), ...(d.issuedBy.trim() ? { issuedBy: d.issuedBy.trim() } : {}) },
    corrects: d.corrects,
    written: channel.written,
  };
}

/** “机密★10年” — the mark GB/T 9704-2012 7.2.2 prints top-left; null when unclassified. */
export function secrecyMark(c: { level: string; period: string } | null | undefined): string | null {
  return c ? `${c.level}★${c.period}` : null;
}

