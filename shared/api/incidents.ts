import { z } from 'zod';
import { command } from './contract';
import { incidentStateSchema } from './views';

/** ISO 8601 instant with Z or an offset; the core normalises it to UTC and names the field when it is not one. */
const instant = z.string().min(1).max(40);
const incidentId = z.string().min(1).max(64);

export const loggedEventSchema = z.object({
  /** Global position in the hash chain. */
  pos: z.number().int().positive(),
  /** Number within the incident: 0 is the opening record, then 1, 2, … */
  seq: z.number().int().min(0),
  incidentId: z.string(),
  type: z.string(),
  payload: z.unknown(),
  occurredAt: z.string(),
  recordedAt: z.string(),
  actor: z.string(),
  corrects: z.number().int().nullable(),
  prevHash: z.string(),
  hash: z.string(),
});

const appended = z.object({
  pos: z.number().int().positive(),
  seq: z.number().int().min(0),
  hash: z.string(),
  incidentId: z.string(),
  type: z.string(),
  recordedAt: z.string(),
  occurredAt: z.string(),
});

const incidentSummary = z.object({
  id: z.string(),
  planId: z.string(),
  planVersion: z.string(),
  title: z.string(),
  openedAt: z.string(),
  recordedAt: z.string(),
  openedBy: z.string(),
  status: z.enum(['open', 'closed']),
  eventCount: z.number().int(),
  lastSeq: z.number().int(),
  /** Set when the plan version the incident is pinned to is not loaded: it is listed (as open) but cannot be folded. */
  planMissing: z.boolean().optional(),
});

export const verifyResultSchema = z.object({
  ok: z.boolean(),
  events: z.number().int(),
  firstBrokenSeq: z.number().int().nullable(),
  incidentId: z.string().optional(),
  pos: z.number().int().optional(),
  reason: z.string().optional(),
  reasonZh: z.string().optional(),
  headHash: z.string().nullable(),
  problems: z.array(z.string()),
  /** Events whose stored text SQLite changed (ill-formed Unicode written before the boundary check): named, not tampering. */
  storedTextMismatches: z
    .array(z.object({ pos: z.number().int(), incidentId: z.string(), seq: z.number().int(), column: z.string(), reason: z.string(), reasonZh: z.string() }))
    .optional(),
});

export const incidentCommands = {
  'incidents.open': command({
    summary: 'Open an incident under a plan (pinned to the plan version current now); writes its first event',
    mutates: true,
    input: z
      .object({
        planId: z.string().min(1).max(100),
        planVersion: z.string().min(1).max(50).optional(),
        title: z.string().min(1).max(500),
        occurredAt: instant.optional(),
      })
      .strict(),
    output: appended.extend({ id: z.string(), planId: z.string(), planVersion: z.string(), title: z.string() }),
  }),
  'incidents.list': command({
    summary: 'Incidents, newest first, optionally only open or closed ones, or one plan\'s',
    input: z
      .object({
        status: z.enum(['open', 'closed', 'all']).default('all'),
        planId: z.string().min(1).max(100).optional(),
      })
      .strict(),
    output: z.object({ incidents: z.array(incidentSummary) }),
  }),
  'incidents.get': command({
    summary: 'One incident: its state (the fold of its events through its pinned plan) and its events',
    input: z.object({ id: incidentId }).strict(),
    output: z.object({ incident: incidentSummary, state: incidentStateSchema, events: z.array(loggedEventSchema) }),
  }),
  'incidents.append': command({
    summary: 'Append one typed event (payload validated by its type\'s schema, legality by the plan); answers after commit',
    mutates: true,
    input: z
      .object({
        incidentId,
        type: z.string().min(1).max(100),
        payload: z.unknown(),
        occurredAt: instant.optional(),
        corrects: z.number().int().min(0).optional(),
      })
      .strict(),
    output: appended,
  }),
  'incidents.note': command({
    summary: 'Append a free-text note (optionally correcting an earlier event); answers after commit',
    mutates: true,
    input: z
      .object({
        incidentId,
        text: z.string().min(1).max(20_000),
        occurredAt: instant.optional(),
        corrects: z.number().int().min(0).optional(),
      })
      .strict(),
    output: appended,
  }),
  'incidents.search': command({
    summary: 'Full-text search over event text (Chinese: any substring of 2+ characters); newest first',
    input: z
      .object({
        query: z.string().min(1).max(200),
        incidentId: incidentId.optional(),
        limit: z.number().int().min(1).max(500).default(50),
      })
      .strict(),
    output: z.object({
      hits: z.array(z.object({ pos: z.number().int(), seq: z.number().int(), incidentId: z.string(), type: z.string(), occurredAt: z.string(), snippet: z.string() })),
      truncated: z.boolean(),
    }),
  }),
  'log.verify': command({
    summary: 'SQLite integrity check and every hash link of the log; names the first broken seq',
    input: z.object({}).strict(),
    output: verifyResultSchema,
  }),
  'log.backup': command({
    summary: 'Consistent online backup of the database (verified after writing) into the backups folder or a given file',
    input: z.object({ dest: z.string().min(1).max(4096).optional() }).strict(),
    output: z.object({ path: z.string(), bytes: z.number().int(), events: z.number().int(), headHash: z.string().nullable() }),
  }),
};
