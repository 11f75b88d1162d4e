import { z } from 'zod';
import { entryTypesSchema } from '../duty/types';
import { command } from './contract';

const instant = z.string().min(1).max(40);
const text = (max: number) => z.string().trim().max(max);

/** One entry of the duty log as the call book keeps it (肇庆's fields), and who recorded it. */
export const dutyEntryInput = z
  .object({
    type: z.string().min(1).max(40),
    /** When it came in (default: now). */
    receivedAt: instant.optional(),
    callerUnit: text(100).default(''),
    callerName: text(50).default(''),
    callerPost: text(50).default(''),
    callerPhone: text(40).default(''),
    place: text(200).default(''),
    /** What happened (required): 事由 / 内容. */
    content: z.string().trim().min(1).max(5000),
    measures: text(5000).default(''),
    trend: text(2000).default(''),
    /** Which leaders or units the caller has already told. */
    alreadyTold: text(500).default(''),
  })
  .strict();

const stepView = z.object({
  stepId: z.string(),
  label: z.string(),
  dueAt: z.string().nullable(),
  doneAt: z.string().nullable(),
  doneBy: z.string().nullable(),
  note: z.string(),
  status: z.enum(['done', 'done-late', 'open', 'overdue']),
});

export const dutyEntryView = z.object({
  id: z.number().int(),
  type: z.string(),
  typeLabel: z.string(),
  basis: z.string(),
  receivedAt: z.string(),
  callerUnit: z.string(),
  callerName: z.string(),
  callerPost: z.string(),
  callerPhone: z.string(),
  place: z.string(),
  content: z.string(),
  measures: z.string(),
  trend: z.string(),
  alreadyTold: z.string(),
  recordedBy: z.string(),
  recordedAt: z.string(),
  steps: z.array(stepView),
  status: z.enum(['open', 'closed']),
  closedAt: z.string().nullable(),
  closedBy: z.string().nullable(),
  closeNote: z.string(),
  incidentId: z.string().nullable(),
});
export type DutyEntryView = z.infer<typeof dutyEntryView>;

export const dutyCommands = {
  'duty.types.get': command({
    summary: 'The duty log\'s entry types and their handling clocks (the office edits them)',
    input: z.object({}).strict(),
    output: z.object({ types: entryTypesSchema, edited: z.boolean() }),
  }),
  'duty.types.save': command({
    summary: 'Replace the entry types and handling clocks (logged; entries already recorded keep the type they had)',
    mutates: true,
    input: z.object({ types: entryTypesSchema }).strict(),
    output: z.object({ types: entryTypesSchema, edited: z.boolean() }),
  }),
  'duty.log.record': command({
    summary: 'Record a call, fax, notice, document, system message or warning in the duty log',
    mutates: true,
    input: dutyEntryInput,
    output: dutyEntryView,
  }),
  'duty.log.list': command({
    summary: 'The duty log of one Beijing day (default today), or every entry still open',
    input: z.object({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(), open: z.boolean().default(false) }).strict(),
    output: z.object({ date: z.string().nullable(), now: z.string(), entries: z.array(dutyEntryView) }),
  }),
  'duty.log.step': command({
    summary: 'Record that a handling step of an entry was done (when, by whom, a note)',
    mutates: true,
    input: z.object({ id: z.number().int().positive(), step: z.string().min(1).max(40), at: instant.optional(), note: text(2000).default('') }).strict(),
    output: dutyEntryView,
  }),
  'duty.log.close': command({
    summary: 'Close an entry (办结); with steps still open a note saying why is required',
    mutates: true,
    input: z.object({ id: z.number().int().positive(), note: text(2000).default('') }).strict(),
    output: dutyEntryView,
  }),
  'duty.log.promote': command({
    summary: 'Turn an entry into an incident under a plan, its facts carried over (the entry then points at it)',
    mutates: true,
    input: z.object({ id: z.number().int().positive(), planId: z.string().min(1).max(100), title: z.string().trim().min(1).max(500).optional() }).strict(),
    output: z.object({ entry: dutyEntryView, incidentId: z.string() }),
  }),
};
