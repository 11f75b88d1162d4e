import { z } from 'zod';
import { SHIFT_IDS } from '../duty/roster';
import { command } from './contract';
import { isoDate } from './dates';

const personRef = z.object({ id: z.number().int(), name: z.string(), phone: z.string() });

export const rosterSlotSchema = z.object({
  id: z.number().int(),
  date: z.string(),
  shift: z.string(),
  shiftLabel: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  officers: z.array(personRef),
  leader: personRef,
  reinforcement: z.boolean(),
  note: z.string(),
  setBy: z.string(),
  setAt: z.string(),
});
export type RosterSlot = z.infer<typeof rosterSlotSchema>;

/** A duty leader's confirmation by their own sign-in name and password. */
const leaderConfirm = z.object({ login: z.string().trim().min(1).max(40), password: z.string().min(1).max(200) }).strict();

export const rosterCommands = {
  'roster.set': command({
    summary: 'Put people on a shift of a date, with the duty leader (replaces what that shift had; logged)',
    mutates: true,
    input: z
      .object({
        date: isoDate,
        shift: z.enum(SHIFT_IDS),
        officers: z.array(z.number().int().positive()).min(1).max(10),
        leader: z.number().int().positive(),
        /** 节假日加强: a holiday or sensitive-period reinforcement shift. */
        reinforcement: z.boolean().default(false),
        note: z.string().trim().max(500).default(''),
      })
      .strict(),
    output: rosterSlotSchema,
  }),
  'roster.list': command({
    summary: 'The roster between two Beijing dates (inclusive)',
    input: z.object({ from: isoDate, to: isoDate }).strict(),
    output: z.object({ slots: z.array(rosterSlotSchema) }),
  }),
  'roster.now': command({
    summary: 'Who is on duty now, the duty leader and their phone, and when the next handover is',
    input: z.object({}).strict(),
    output: z.object({ now: z.string(), current: rosterSlotSchema.nullable(), next: rosterSlotSchema.nullable(), nextHandoverAt: z.string().nullable() }),
  }),
  'roster.export': command({
    summary: 'The roster between two dates as XLSX (base64), in the columns the import reads (the template)',
    input: z.object({ from: isoDate, to: isoDate }).strict(),
    output: z.object({ fileName: z.string(), content: z.string(), rows: z.number().int() }),
  }),
  'roster.import': command({
    summary: 'Put the shifts of an XLSX (the export\'s columns) on the roster: all rows or none; a bad row is listed with its reason',
    mutates: true,
    input: z.object({ content: z.string().min(1).max(20_000_000), dryRun: z.boolean().default(false) }).strict(),
    output: z.object({ rows: z.number().int(), written: z.number().int(), problems: z.array(z.object({ row: z.number().int(), field: z.string(), column: z.string(), message: z.string() })) }),
  }),
  'roster.swap': command({
    summary: 'Swap one person on a shift for another, approved by a duty leader with their own password',
    mutates: true,
    input: z.object({ id: z.number().int().positive(), out: z.number().int().positive(), in: z.number().int().positive(), approval: leaderConfirm, reason: z.string().trim().min(1).max(500) }).strict(),
    output: rosterSlotSchema,
  }),
};
