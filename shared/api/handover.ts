import { z } from 'zod';
import { command } from './contract';

/** A person's confirmation on the same screen: their sign-in name and password (each side signs with their own). */
const signature = z.object({ login: z.string().trim().min(1).max(40), password: z.string().min(1).max(200) }).strict();

/**
 * The handover sheet (交接班, issue 15 item 4), drafted by the core from the log at the moment it is drafted: every open
 * incident with its state and level, reports due within the next 24 hours (or overdue), checklist items not done,
 * duty-log entries still open, fire-use permits in use, and today's fire posture.
 */
export const handoverContentSchema = z.object({
  at: z.string(),
  incidents: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      plan: z.string(),
      state: z.string(),
      level: z.string().nullable(),
      nextDeadline: z.object({ label: z.string(), dueAt: z.string(), status: z.string() }).nullable(),
      overdue: z.number().int(),
      lateReports: z.number().int(),
    }),
  ),
  due: z.array(z.object({ incidentId: z.string(), title: z.string(), label: z.string(), clause: z.string(), dueAt: z.string(), phase: z.string() })),
  openItems: z.array(z.object({ incidentId: z.string(), checklist: z.string(), text: z.string(), unitName: z.string() })),
  dutyLog: z.array(z.object({ id: z.number().int(), typeLabel: z.string(), receivedAt: z.string(), content: z.string(), openSteps: z.array(z.object({ label: z.string(), dueAt: z.string().nullable(), status: z.string() })) })),
  permits: z.array(z.object({ id: z.number().int(), applicant: z.string(), placeName: z.string(), windowStart: z.string(), windowEnd: z.string(), stateLabel: z.string() })),
  posture: z.array(z.object({ clause: z.string(), text: z.string() })),
});
export type HandoverContent = z.infer<typeof handoverContentSchema>;

export const handoverViewSchema = z.object({
  id: z.number().int(),
  draftedAt: z.string(),
  content: handoverContentSchema,
  notes: z.string(),
  outgoing: z.string(),
  outgoingAt: z.string(),
  incoming: z.string().nullable(),
  incomingAt: z.string().nullable(),
  /** The log's head when the outgoing officer signed: the sheet can be checked against the log later. */
  logHead: z.object({ pos: z.number().int(), hash: z.string().nullable() }),
  status: z.enum(['awaiting-incoming', 'signed']),
});
export type HandoverView = z.infer<typeof handoverViewSchema>;

export const handoverCommands = {
  'handover.draft': command({
    summary: 'Draft the handover sheet from the log now (nothing is written)',
    input: z.object({}).strict(),
    output: handoverContentSchema,
  }),
  'handover.start': command({
    summary: 'The outgoing officer signs the sheet (with their own password): it waits for the incoming officer',
    mutates: true,
    input: z.object({ notes: z.string().trim().max(5000).default(''), outgoing: signature }).strict(),
    output: handoverViewSchema,
  }),
  'handover.accept': command({
    summary: 'The incoming officer signs the sheet (with their own password): the shift has changed hands',
    mutates: true,
    input: z.object({ id: z.number().int().positive(), incoming: signature }).strict(),
    output: handoverViewSchema,
  }),
  'handover.list': command({
    summary: 'Recent handovers, the one awaiting its incoming signature first',
    input: z.object({ limit: z.number().int().min(1).max(100).default(20) }).strict(),
    output: z.object({ handovers: z.array(handoverViewSchema) }),
  }),
};
