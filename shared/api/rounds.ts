import { z } from 'zod';
import { command } from './contract';

/**
 * Notification rounds (通知轮次, issue 16 item 2): when the plan says whom to notify on an event (plan data,
 * `notifications`), the duty room works through a list of recipients with their numbers from the contact directory and
 * records each call's channel and outcome. An unreached recipient comes back as a re-call after `recallMinutes` until
 * reached or given up with a reason.
 */
export const CHANNELS = ['phone', 'sms', 'fax', 'system'] as const;
export const OUTCOMES = ['reached', 'no-answer', 'busy', 'receipt', 'given-up'] as const;

export const recipientSchema = z.object({
  id: z.number().int(),
  planUnit: z.string(),
  name: z.string(),
  number: z.string(),
  /** The contact entry the number comes from; null: the directory has no entry for this unit (a gap). */
  contactUnitId: z.number().int().nullable(),
  status: z.enum(['pending', 'reached', 'given-up']),
  /** When to call (again): the round's opening for the first call, then the last unanswered call + recallMinutes. */
  callAt: z.string().nullable(),
  attempts: z.array(z.object({ at: z.string(), channel: z.enum(CHANNELS), outcome: z.enum(OUTCOMES), note: z.string(), actor: z.string() })),
});

export const roundSchema = z.object({
  id: z.number().int(),
  incidentId: z.string(),
  /** The incident is an exercise (演练): unless real contacts were chosen when it opened, its recipients have no numbers. */
  exercise: z.boolean(),
  ruleId: z.string(),
  triggerSeq: z.number().int(),
  label: z.string(),
  clause: z.string(),
  /** The text to read out or send (SMS template), from the incident. */
  text: z.string(),
  openedAt: z.string(),
  openedBy: z.string(),
  recallMinutes: z.number().int(),
  recipients: z.array(recipientSchema),
  /** Everyone reached or given up: when the last of them was. */
  completedAt: z.string().nullable(),
});
export type Round = z.infer<typeof roundSchema>;

export const roundCommands = {
  'rounds.list': command({
    summary: 'The notification rounds of an incident, and the rounds its plan asks for that are not opened yet',
    input: z.object({ incidentId: z.string().min(1).max(64) }).strict(),
    output: z.object({
      now: z.string(),
      /** The incident is an exercise (演练). */
      exercise: z.boolean(),
      rounds: z.array(roundSchema),
      due: z.array(z.object({ ruleId: z.string(), triggerSeq: z.number().int(), label: z.string(), clause: z.string(), units: z.array(z.object({ id: z.string(), name: z.string() })) })),
    }),
  }),
  'rounds.open': command({
    summary: 'Open the round the plan asks for after an event: the recipients with their numbers from the directory (an exercise: no numbers unless realContacts)',
    mutates: true,
    input: z.object({ incidentId: z.string().min(1).max(64), ruleId: z.string().min(1).max(100), triggerSeq: z.number().int().min(0), recallMinutes: z.number().int().min(1).max(240).default(10), realContacts: z.boolean().default(false) }).strict(),
    output: roundSchema,
  }),
  'rounds.record': command({
    summary: 'Record one call to a recipient: channel and outcome (通知到、未接通、占线、已回执, or given up with a reason)',
    mutates: true,
    input: z.object({ recipientId: z.number().int().positive(), channel: z.enum(CHANNELS), outcome: z.enum(OUTCOMES), note: z.string().trim().max(1000).default('') }).strict(),
    output: roundSchema,
  }),
};
