/**
 * The duty officer's console (incident board, incident page, deadlines): commands that fold an incident's logged
 * events through its pinned plan (shared/engine) and answer what the screens show, and that append an event only
 * after the plan has accepted it (the fold runs inside the write transaction).
 */
import { z } from 'zod';
import { command } from './contract';
import { incidentViewSchema } from './views';

const instant = z.string().min(1).max(40);
const incidentId = z.string().min(1).max(64);
const levelId = z.enum(['I', 'II', 'III', 'IV']);

/** One logged event as the console shows it: the log's envelope plus `n`, its number in the plan's fold. */
export const consoleEventSchema = z.object({
  seq: z.number().int(),
  /** 1, 2, 3… per incident, as the engine counts (the opening record has none). Payload references use it. */
  n: z.number().int().nullable(),
  type: z.string(),
  payload: z.unknown(),
  occurredAt: z.string(),
  recordedAt: z.string(),
  actor: z.string(),
  corrects: z.number().int().nullable(),
});
export type ConsoleEvent = z.infer<typeof consoleEventSchema>;

const deadline = z.object({
  obligationId: z.string(),
  label: z.string(),
  clause: z.string(),
  dueAt: z.string(),
  dueText: z.string().nullable(),
  status: z.enum(['pending', 'overdue']),
});

export const boardRowSchema = z.object({
  id: z.string(),
  title: z.string(),
  planId: z.string(),
  planVersion: z.string(),
  planTitle: z.string(),
  openedAt: z.string(),
  state: z.string(),
  stateLabel: z.string(),
  /** The plan's English name of the state, when it has one (the board shows it without loading the plans). */
  stateLabelEn: z.string().nullable(),
  terminal: z.boolean(),
  level: levelId.nullable(),
  /** The response level's name in the plan (一般 / General …), for the board. */
  levelName: z.string().nullable(),
  levelNameEn: z.string().nullable(),
  factsLevel: levelId.nullable(),
  /** The earliest deadline still open (pending or overdue). */
  nextDeadline: deadline.nullable(),
  overdue: z.array(deadline),
  warnings: z.number().int(),
  /** Reports filed after their deadline (a late report is late everywhere, never shown as on time). */
  lateReports: z.number().int(),
  /** The plan's board tags that hold (e.g. 涉外). */
  tags: z.array(z.object({ id: z.string(), text: z.string() })),
  lastOccurredAt: z.string().nullable(),
  /** Events the plan could not replay (written around the console); shown, never hidden. */
  problems: z.number().int(),
  /** The screen the incident opens on and the plan's short name (plan data, `presentation`). */
  screen: z.enum(['incident', 'fire']),
  planShortName: z.string(),
  planShortNameEn: z.string().nullable(),
  /** The plan version the incident is pinned to is not in the registry: one problem row, everything else keeps working. */
  planMissing: z.object({ message: z.string(), messageEn: z.string() }).nullable(),
  /** Opened as an exercise (演练): marked plainly, never in the deadline banner or the statistics of real incidents. */
  exercise: z.boolean(),
});
export type BoardRow = z.infer<typeof boardRowSchema>;

const appended = z.object({ seq: z.number().int(), hash: z.string(), incidentId: z.string(), type: z.string(), recordedAt: z.string(), occurredAt: z.string() });

/** An approval as the officer records it: which body (one the plan names) and the person who gave it. */
/**
 * The approval of an event that names an approving body (`payload.approvedBy`): the body, the official who gave the
 * decision as the duty room was told (optional), and the duty leader who confirms it in the console: by their own
 * sign-in name and password on this screen (`login`, `password`), or, when omitted, the signed-in person, who must be
 * a duty leader.
 */
const approval = z
  .object({
    body: z.string().min(1).max(100),
    name: z.string().trim().min(1).max(200).optional(),
    login: z.string().trim().min(1).max(40).optional(),
    password: z.string().min(1).max(200).optional(),
  })
  .strict()
  .refine((a) => !a.login === !a.password, { path: ['password'], message: 'give both the duty leader\'s sign-in name and password / 须同时填写带班领导的登录名和密码' });

export const dueItemSchema = z.object({
  /** Stable per incident, obligation and phase: a shell notifies each key once. */
  key: z.string(),
  incidentId: z.string(),
  title: z.string(),
  obligationId: z.string(),
  label: z.string(),
  clause: z.string(),
  dueAt: z.string(),
  phase: z.enum(['soon', 'overdue']),
  msLeft: z.number(),
});
export type DueItem = z.infer<typeof dueItemSchema>;

export const consoleCommands = {
  'console.board': command({
    summary: 'Incidents for the duty board: plan, level, state, next deadline, overdue obligations',
    input: z.object({ status: z.enum(['open', 'closed', 'all']).default('open') }).strict(),
    output: z.object({ now: z.string(), incidents: z.array(boardRowSchema) }),
  }),
  'console.fires': command({
    summary: 'Forest-fire incidents for the fire list and the map in one answer: each board row with its `reported` event (where, since when)',
    input: z.object({ status: z.enum(['open', 'closed', 'all']).default('open') }).strict(),
    output: z.object({
      now: z.string(),
      fires: z.array(z.object({ row: boardRowSchema, reported: z.object({ payload: z.unknown(), occurredAt: z.string() }).nullable() })),
    }),
  }),
  'console.incident': command({
    summary: 'One incident as the incident page shows it: the engine view (state, grade, legal actions, obligations, checklists) and its events',
    input: z.object({ id: incidentId }).strict(),
    output: z.object({
      now: z.string(),
      incident: z.object({ id: z.string(), title: z.string(), planId: z.string(), planVersion: z.string(), openedAt: z.string(), openedBy: z.string(), exercise: z.boolean() }),
      view: incidentViewSchema,
      events: z.array(consoleEventSchema),
      problems: z.array(z.object({ seq: z.number().int(), message: z.string(), messageEn: z.string() })),
    }),
  }),
  'console.report': command({
    summary: 'A report received by HQ: open the incident and record the `reported` event (facts) in one transaction',
    mutates: true,
    input: z
      .object({
        planId: z.string().min(1).max(100),
        title: z.string().trim().min(1).max(500),
        /** When HQ received the report (疫苗预案 5.1); the first-report deadline counts from it. Default: now. */
        receivedAt: instant.optional(),
        /** When the incident itself occurred (a fire: when it started). The plan version in force on that Beijing date
         *  is the one the incident is pinned to for life. Default: the payload's `incidentStartedAt`, else `receivedAt`. */
        occurredAt: instant.optional(),
        payload: z.record(z.string(), z.unknown()),
        /** Open it as an exercise (演练, issue 16 item 4). Kept on its opening event; cannot be changed later. */
        exercise: z.boolean().default(false),
      })
      .strict(),
    output: appended.extend({ id: z.string(), reportedSeq: z.number().int() }),
  }),
  'console.act': command({
    summary: 'Append one event after the incident\'s plan has accepted it (refusals name the clause); optional approval note in the same transaction',
    mutates: true,
    input: z
      .object({
        incidentId,
        type: z.string().min(1).max(100),
        payload: z.unknown(),
        occurredAt: instant.optional(),
        /** The log seq this event corrects (same incident). */
        corrects: z.number().int().positive().optional(),
        approval: approval.optional(),
      })
      .strict(),
    output: appended,
  }),
  'console.due': command({
    summary: 'Deadlines of open incidents that are overdue or due within `soonMinutes` (for desktop notifications)',
    input: z.object({ soonMinutes: z.number().int().min(1).max(24 * 60).default(15) }).strict(),
    output: z.object({ now: z.string(), items: z.array(dueItemSchema) }),
  }),
};
