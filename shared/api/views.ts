/**
 * Output schemas of the two richest answers — the folded state of an incident (`incidents.get`) and everything the
 * incident page shows (`console.incident`) — so the contract validates their content, not just their presence. They
 * mirror `IncidentState` (shared/engine/machine.ts) and `IncidentView` (shared/engine/obligations.ts);
 * test/integration/plans/output-schemas.test.ts checks, at compile time, that they stay equal, and at run time that the
 * answers for every built-in plan parse.
 */
import { z } from 'zod';
import { EVENT_TYPES, type EventType } from '../engine/events';
import { levelIdSchema } from '../engine/schema';
import { gradeResultSchema, legalActionSchema } from './plans';

const scalar = z.union([z.string(), z.number(), z.boolean()]);
const level = levelIdSchema.nullable();

const eventRef = z.object({ seq: z.number().int(), occurredAt: z.string(), recordedAt: z.string(), payload: z.record(z.string(), z.unknown()) }).strict();

export const incidentStateSchema = z
  .object({
    plan: z.string(),
    planVersion: z.string(),
    state: z.string(),
    level,
    factsLevel: level,
    facts: z.record(z.string(), scalar.optional()),
    startedBy: z.string().nullable(),
    responseStartedAt: z.string().nullable(),
    levelSetSeq: z.number().int().nullable(),
    levelHistory: z.array(z.object({ seq: z.number().int(), level, at: z.string(), reason: z.string().optional() }).strict()),
    assessment: z.object({ seq: z.number().int(), level, by: z.string(), at: z.string() }).strict().nullable(),
    evaluation: z.object({ seq: z.number().int(), by: z.string(), recommendsTermination: z.boolean(), assessedLevel: level.optional(), at: z.string() }).strict().nullable(),
    proposal: z.object({ seq: z.number().int(), by: z.string(), at: z.string() }).strict().nullable(),
    terminatedBy: z.string().nullable(),
    terminatedAt: z.string().nullable(),
    reports: z.array(
      z
        .object({
          seq: z.number().int(),
          kind: z.string(),
          by: z.string(),
          channel: z.string(),
          written: z.boolean(),
          recipients: z.array(z.string()),
          occurredAt: z.string(),
          recordedAt: z.string(),
          correctsReportSeq: z.number().int().optional(),
          classification: z.object({ level: z.string(), period: z.string() }).strict().optional(),
          inState: z.string().optional(),
        })
        .strict(),
    ),
    checklistDone: z.record(z.string(), z.object({ seq: z.number().int(), by: z.string(), unit: z.string(), at: z.string() }).strict()),
    events: z.partialRecord(z.enum(EVENT_TYPES as [EventType, ...EventType[]]), z.object({ first: eventRef, last: eventRef }).strict()),
    corrections: z.number().int(),
    notes: z.number().int(),
    lastSeq: z.number().int(),
    lastOccurredAt: z.string().nullable(),
    visited: z.array(z.string()),
  })
  .strict();

const flag = z.object({ id: z.string(), clause: z.string(), text: z.string(), reportUp: z.boolean() }).strict();

export const obligationViewSchema = z
  .object({
    id: z.string(),
    kind: z.string(),
    label: z.string(),
    clause: z.string(),
    startsAt: z.string().nullable(),
    dueAt: z.string().nullable(),
    dueAtShanghai: z.string().nullable(),
    dueText: z.string().nullable(),
    status: z.enum(['not-started', 'pending', 'filed', 'overdue']),
    late: z.boolean(),
    filed: z.array(
      z.object({ seq: z.number().int(), at: z.string(), channel: z.string(), written: z.boolean(), corrects: z.number().int().optional(), number: z.number().int().positive().optional(), title: z.string().optional() }).strict(),
    ),
    recipients: z.array(z.string()),
    missingRecipients: z.array(z.string()),
    writtenPending: z.boolean(),
    writtenDueAt: z.string().nullable(),
    writtenStatus: z.enum(['none', 'pending', 'overdue', 'filed']),
    writtenLate: z.boolean(),
    phoneFirst: z.object({ text: z.string(), countyDecision: z.boolean() }).strict().nullable(),
    nextNumber: z.object({ n: z.number().int().positive(), title: z.string(), clause: z.string() }).strict().nullable(),
    countyDecision: z.boolean(),
    rhythm: z.string().nullable(),
    requiredFields: z.array(z.object({ id: z.string(), label: z.string() }).strict()),
    repeatable: z.boolean(),
    msLeft: z.number().nullable(),
  })
  .strict();

export const timerViewSchema = z
  .object({
    id: z.string(),
    clause: z.string(),
    text: z.string(),
    startsAt: z.string().nullable(),
    dueAt: z.string().nullable(),
    dueAtShanghai: z.string().nullable(),
    status: z.enum(['not-started', 'running', 'elapsed', 'stopped']),
    msLeft: z.number().nullable(),
  })
  .strict();

export const checklistViewSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    clause: z.string(),
    state: z.string(),
    levels: z.array(levelIdSchema).nullable(),
    applies: z.boolean(),
    carried: z.boolean(),
    items: z.array(
      z
        .object({
          id: z.string(),
          text: z.string(),
          clause: z.string().nullable(),
          unit: z.string(),
          unitName: z.string(),
          group: z.string().nullable(),
          groupName: z.string().nullable(),
          done: z.object({ seq: z.number().int(), by: z.string(), unit: z.string(), at: z.string() }).strict().nullable(),
        })
        .strict(),
    ),
  })
  .strict();

export const incidentViewSchema = z
  .object({
    state: incidentStateSchema,
    stateLabel: z.string(),
    grade: gradeResultSchema,
    flags: z.array(flag),
    obligations: z.array(obligationViewSchema),
    timers: z.array(timerViewSchema),
    checklists: z.array(checklistViewSchema),
    actions: z.array(legalActionSchema),
    warnings: z.array(z.object({ id: z.string(), clause: z.string(), text: z.string() }).strict()),
    tags: z.array(z.object({ id: z.string(), text: z.string() }).strict()),
  })
  .strict();
