/**
 * Incident events: the log (electron/core/log) stores them; the engine folds them through the incident's plan.
 * Each type has a zod payload schema; plan-dependent checks (fact names, levels, bodies, guards) happen in `apply`.
 * Times are UTC ISO strings. STABLE CONTRACT: add optional fields only.
 */
import { z } from 'zod';
import { AppError } from '../base/errors';
import { levelIdSchema } from './schema';

const iso = z.iso.datetime({ offset: true });
/** A body (unit id of the plan, e.g. `hq`, `office`, `county-gov`). */
const body = z.string().min(1).max(100);
const text = z.string().min(1).max(10_000);
/** Facts as entered; validated against the plan's fact definitions when applied. */
const factsInput = z.record(z.string(), z.unknown());

export const classificationSchema = z
  .object({
    /** 密级: 秘密 / 机密 / 绝密 */
    level: z.enum(['秘密', '机密', '绝密']),
    /** 保密期限, e.g. 10年 */
    period: z.string().min(1).max(100),
  })
  .strict();

export const eventPayloadSchemas = {
  /** 3.2 预警: the office issues a risk warning; teams on standby. */
  'warning-issued': z.object({ by: body, summary: text }).strict(),
  /** HQ received the report (the envelope's occurredAt is that moment, 疫苗预案 5.1). */
  reported: z
    .object({
      source: text,
      summary: text,
      facts: factsInput.default({}),
      /** When the incident itself began (e.g. the fire started), if known; HQ's receipt is the envelope's occurredAt. */
      incidentStartedAt: iso.optional(),
      place: z.string().max(1000).optional(),
      reporter: z.string().max(500).optional(),
      /** 涉外、涉台、港澳: the office must notify 县委统战部 (疫苗预案 5.1). */
      involvesForeigners: z.boolean().optional(),
    })
    .strict(),
  'facts-updated': z.object({ facts: factsInput, reason: z.string().max(10_000).optional() }).strict(),
  /** 5.4: the assessing body's finding: whether it is an incident, and its level (must match the facts' grade). */
  assessed: z
    .object({
      level: levelIdSchema.nullable(),
      by: body,
      assessor: z.string().max(500).optional(),
      criteria: z.array(z.object({ clause: z.string(), level: levelIdSchema, fact: z.string(), value: z.unknown() })).optional(),
      summary: z.string().max(10_000).optional(),
    })
    .strict(),
  /** 6.2: a response is started at `level` by `by`, approved by `approvedBy`; above the facts needs `reason`. */
  'response-started': z
    .object({ level: levelIdSchema, by: body, approvedBy: body.optional(), reason: z.string().max(10_000).optional() })
    .strict(),
  'level-changed': z
    .object({
      direction: z.enum(['escalate', 'de-escalate']),
      to: levelIdSchema,
      by: body,
      approvedBy: body.optional(),
      reason: text,
    })
    .strict(),
  /** 6.4: the office's expert evaluation. */
  'expert-evaluation-recorded': z
    .object({
      by: body,
      experts: z.array(z.string().min(1)).min(1),
      conclusion: text,
      /** The evaluation finds the harm controlled and recommends ending the response. */
      recommendsTermination: z.boolean(),
      /** The level the evaluation finds the harm now corresponds to (null = below every level). */
      assessedLevel: levelIdSchema.nullable().optional(),
    })
    .strict(),
  'termination-proposed': z.object({ by: body, reason: text }).strict(),
  /** 6.4: ended by the body that started it (谁启动谁终止), approved by HQ. */
  'response-terminated': z.object({ by: body, approvedBy: body.optional(), summary: z.string().max(10_000).optional() }).strict(),
  'aftermath-started': z.object({ by: body, summary: z.string().max(10_000).optional() }).strict(),
  /** 5.2/5.3: a report as filed. A correction is a new report pointing at the one it corrects (5.1). */
  'report-filed': z
    .object({
      kind: z.string().min(1).max(40),
      by: body,
      recipients: z.array(body).min(1),
      channel: z.string().min(1).max(40),
      fields: z.record(z.string(), z.string().max(20_000)),
      classification: classificationSchema.optional(),
      correctsReportSeq: z.number().int().min(1).optional(),
      /** 签发人 (GB/T 9704-2012 7.2.6, on a report to a higher body): the person who signed it off, as typed. */
      issuedBy: z.string().trim().min(1).max(100).optional(),
    })
    .strict(),
  'checklist-item-done': z.object({ itemId: z.string().min(1), by: z.string().min(1).max(500), unit: body, note: z.string().max(10_000).optional() }).strict(),
  note: z.object({ text }).strict(),
  /** Points at an earlier event; may carry corrected facts. Reports are corrected by a new report instead (5.1). */
  correction: z
    .object({ correctsSeq: z.number().int().min(1), text, facts: factsInput.optional() })
    .strict(),
  /** 5.4: the evaluation finds it is not an incident of this plan. */
  dismissed: z.object({ by: body, reason: text }).strict(),
  /** `reason`: why it is closed with checklist items still open (the open items are listed in the refusal). */
  closed: z.object({ by: body, summary: z.string().max(10_000).optional(), reason: z.string().max(10_000).optional() }).strict(),
  /** A plan-specific stage change (e.g. a fire's first attack → reinforced): names the plan's transition id. */
  transition: z.object({ transition: z.string().min(1), by: body.optional(), approvedBy: body.optional(), reason: z.string().max(10_000).optional() }).strict(),
} as const;

export type EventType = keyof typeof eventPayloadSchemas;
export const EVENT_TYPES = Object.keys(eventPayloadSchemas) as EventType[];
export type EventPayload<T extends EventType> = z.output<(typeof eventPayloadSchemas)[T]>;
export type EventPayloadInput<T extends EventType> = z.input<(typeof eventPayloadSchemas)[T]>;

export { EVENT_LABELS } from './eventLabels';

/** The envelope the log stores. `seq` starts at 1 and increases by 1 per incident. */
export interface IncidentEvent<T extends EventType = EventType> {
  seq: number;
  type: T;
  payload: EventPayload<T>;
  /** What the officer says (e.g. when the call came). UTC ISO. */
  occurredAt: string;
  /** The system clock when stored; never editable. UTC ISO. */
  recordedAt: string;
  actor: string;
}

export type AnyIncidentEvent = { [T in EventType]: IncidentEvent<T> }[EventType];

export const eventTypeSchema = z.enum(EVENT_TYPES as [EventType, ...EventType[]]);

export const eventEnvelopeSchema = z
  .object({
    seq: z.number().int().min(1),
    type: eventTypeSchema,
    payload: z.unknown(),
    occurredAt: iso,
    recordedAt: iso,
    actor: z.string().min(1).max(500),
  })
  .strict();

function issueToError(what: string, issue: z.core.$ZodIssue): AppError {
  let path = issue.path.map(String).join('.');
  if (issue.code === 'unrecognized_keys' && 'keys' in issue && Array.isArray(issue.keys)) path = [path, ...issue.keys].filter(Boolean).join('.');
  const field = path ? `${what}.${path}` : what;
  return new AppError({
    code: 'invalid-input',
    message: `字段 ${field} 不符合规则：${issue.message}`,
    messageEn: `field ${field}: ${issue.message}`,
    field,
    rule: issue.code,
  });
}

/** Validate (and normalise: defaults filled in) a payload for its type; AppError invalid-input naming the field. */
export function validateEvent<T extends EventType>(type: T, payload: unknown): EventPayload<T>;
export function validateEvent(type: string, payload: unknown): EventPayload<EventType>;
export function validateEvent(type: string, payload: unknown): unknown {
  if (!Object.prototype.hasOwnProperty.call(eventPayloadSchemas, type)) {
    throw new AppError({
      code: 'invalid-input',
      message: `未知的事件类型：${type}`,
      messageEn: `unknown event type: ${type}`,
      field: 'type',
      rule: 'event-type',
    });
  }
  const schema = eventPayloadSchemas[type as EventType] as z.ZodType;
  const r = schema.safeParse(payload);
  if (!r.success) throw issueToError('payload', r.error.issues[0]!);
  return r.data;
}

/** Validate a whole envelope (type, times, actor) and its payload. */
export function validateEnvelope(e: unknown): AnyIncidentEvent {
  const r = eventEnvelopeSchema.safeParse(e);
  if (!r.success) throw issueToError('event', r.error.issues[0]!);
  const payload = validateEvent(r.data.type, r.data.payload);
  return { ...r.data, payload } as AnyIncidentEvent;
}
