import { z } from 'zod';
import { EVENT_TYPES, eventEnvelopeSchema, type EventType } from '../engine/events';
import { levelIdSchema, planSchema } from '../engine/schema';
import { command } from './contract';

const planRef = {
  plan: z.string().min(1).max(60),
  /** Absent = the version in force at `at` (default: now). */
  version: z.string().min(1).max(40).optional(),
  /** A date (YYYY-MM-DD, Beijing) or an instant: which version is in force then (ignored when `version` is given). */
  at: z.union([z.iso.date(), z.iso.datetime({ offset: true })]).optional(),
};

const scalar = z.union([z.string(), z.number(), z.boolean()]);

export const planSummarySchema = z.object({
  id: z.string(),
  version: z.string(),
  title: z.string(),
  source: z.string(),
  verified: z.enum(['verbatim', 'partial', 'unverified']),
  levels: z.array(z.object({ id: levelIdSchema, name: z.string(), colour: z.string() })),
  facts: z.array(z.object({ name: z.string(), kind: z.string(), label: z.string(), clause: z.string() })),
  /** false for an office-edited plan loaded from the data folder's plans/. */
  builtIn: z.boolean(),
  /** The Beijing dates this version is in force (from, and until inclusive when a repeal is known). */
  effectiveFrom: z.string(),
  effectiveUntil: z.string().nullable(),
  /** It is the version a new incident occurring now would be pinned to. */
  inForceNow: z.boolean(),
  basis: z.array(z.object({ document: z.string(), number: z.string().optional(), articles: z.array(z.string()), effectiveFrom: z.string().optional(), role: z.string().optional() })),
  screen: z.enum(['incident', 'fire']),
  shortName: z.string(),
  shortNameEn: z.string().nullable(),
  intake: z.boolean(),
  /** Report-up flags a must-report-up list shows (clause, text), in the plan's order. */
  reportUp: z.array(z.object({ clause: z.string(), text: z.string(), textEn: z.string().nullable() })),
});

export const gradeResultSchema = z.object({
  plan: z.string(),
  planVersion: z.string(),
  level: levelIdSchema.nullable(),
  levelName: z.string().nullable(),
  levelColour: z.string().nullable(),
  criteria: z.array(z.object({ id: z.string(), clause: z.string(), level: levelIdSchema, fact: z.string(), value: scalar.nullable(), text: z.string(), verified: z.enum(['verbatim', 'partial', 'unverified']).optional() })),
  nearest: z
    .object({
      fact: z.string(),
      label: z.string(),
      value: z.number(),
      threshold: z.number(),
      needed: z.number(),
      wouldBe: levelIdSchema,
      wouldBeName: z.string(),
      clause: z.string(),
      criterion: z.string(),
      text: z.string(),
      textEn: z.string(),
    })
    .nullable(),
  blocked: z.array(z.object({ id: z.string(), clause: z.string(), level: levelIdSchema, fact: z.string(), value: scalar.nullable(), requires: z.string() })),
  flags: z.array(z.object({ id: z.string(), clause: z.string(), text: z.string(), reportUp: z.boolean() })),
  minimum: z.object({ level: levelIdSchema, clause: z.string(), text: z.string() }).nullable(),
  counted: z.boolean(),
  notGraded: z.object({ text: z.string(), clause: z.string().nullable() }).nullable(),
  summary: z.string(),
  facts: z.record(z.string(), scalar.optional()),
});

export const legalActionSchema = z.object({
  id: z.string(),
  transition: z.string(),
  event: z.enum(EVENT_TYPES as [EventType, ...EventType[]]),
  label: z.string(),
  params: z.record(z.string(), z.string()),
  allowed: z.boolean(),
  requiresReason: z.boolean(),
  triggeredBy: z.array(z.string()),
  approvedBy: z.array(z.string()),
  mustBeBy: z.string().optional(),
  to: z.string().optional(),
  clause: z.string(),
  reason: z.string().optional(),
  reasonEn: z.string().optional(),
});

export const planCommands = {
  'plans.list': command({
    summary: 'Every plan version the console knows, oldest first per plan (id, version, dates in force, legal basis, levels, facts)',
    input: z.object({}).strict(),
    output: z.array(planSummarySchema),
  }),
  'plans.get': command({
    summary: 'One plan as data (criteria, life cycle, obligations, checklists, command structure)',
    input: z.object(planRef).strict(),
    output: planSchema,
  }),
  'plans.grade': command({
    summary: 'Grade facts against a plan: level, criteria that fired with their clauses, nearest threshold, flags',
    input: z.object({ ...planRef, facts: z.record(z.string(), z.unknown()) }).strict(),
    output: gradeResultSchema,
  }),
  'plans.flowchart': command({
    summary: 'The plan\'s flow chart as a self-contained SVG, the current state (and level) lit',
    input: z.object({ ...planRef, state: z.string().max(60).optional(), level: levelIdSchema.nullable().optional() }).strict(),
    output: z.object({ svg: z.string() }),
  }),
  'plans.legalActions': command({
    summary: 'Replay an incident\'s events through its plan: its state, and every action with allowed / refused and why',
    input: z.object({ ...planRef, events: z.array(eventEnvelopeSchema).max(1_000_000).default([]) }).strict(),
    output: z.object({
      state: z.string(),
      stateLabel: z.string(),
      level: levelIdSchema.nullable(),
      factsLevel: levelIdSchema.nullable(),
      actions: z.array(legalActionSchema),
    }),
  }),
  'plans.validate': command({
    summary: 'Check an edited plan (JSON) against the plan schema and its cross-references, without loading it',
    input: z.object({ plan: z.unknown() }).strict(),
    output: z.object({ ok: z.literal(true), id: z.string(), version: z.string(), title: z.string() }),
  }),
};
