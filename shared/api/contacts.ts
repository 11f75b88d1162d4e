import { z } from 'zod';
import { command } from './contract';

/**
 * The duty room's contact directory (通讯录, issue 16 item 1): units (HQ, its office, member units, working groups,
 * townships, teams, experts, the city's receiving bodies) with their 24-hour duty number, and people in them. A unit is
 * linked to the plan units it is (`planUnits`: the ids plans use, e.g. `amr` = 县市场监督管理局 in both the vaccine and
 * the drug plan), so a plan unit with no contact shows as a gap.
 */
export const CONTACT_KINDS = ['hq', 'office', 'member', 'group', 'township', 'team', 'expert', 'receiver', 'other'] as const;

const phone = z.string().trim().max(40).regex(/^[0-9+\-()（）转\s]*$/, { message: 'digits, +, -, ( ) and 转 only / 电话只能含数字、+、-、括号和“转”' });
const text = (max: number) => z.string().trim().max(max);

export const contactPersonSchema = z.object({
  id: z.number().int(),
  unitId: z.number().int(),
  name: z.string(),
  post: z.string(),
  mobile: z.string(),
  officePhone: z.string(),
  email: z.string(),
  updatedBy: z.string(),
  updatedAt: z.string(),
});

export const contactUnitSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  kind: z.enum(CONTACT_KINDS),
  dutyPhone: z.string(),
  fax: z.string(),
  email: z.string(),
  note: z.string(),
  planUnits: z.array(z.string()),
  people: z.array(contactPersonSchema),
  updatedBy: z.string(),
  updatedAt: z.string(),
});
export type ContactUnit = z.infer<typeof contactUnitSchema>;

export const contactCommands = {
  'contacts.list': command({
    summary: 'The contact directory, or the units and people matching `q` (a name, a unit, a post or a number)',
    input: z.object({ q: z.string().trim().max(100).default('') }).strict(),
    output: z.object({ units: z.array(contactUnitSchema) }),
  }),
  'contacts.saveUnit': command({
    summary: 'Add a unit (no id) or change one; every change is logged with who made it',
    mutates: true,
    input: z
      .object({
        id: z.number().int().positive().optional(),
        name: z.string().trim().min(1).max(100),
        kind: z.enum(CONTACT_KINDS),
        dutyPhone: phone.default(''),
        fax: phone.default(''),
        email: z.union([z.literal(''), z.string().trim().email().max(100)]).default(''),
        note: text(500).default(''),
        planUnits: z.array(z.string().regex(/^[a-z][a-z0-9-]{0,63}$/)).max(20).default([]),
      })
      .strict(),
    output: contactUnitSchema,
  }),
  'contacts.savePerson': command({
    summary: 'Add a person to a unit (no id) or change one',
    mutates: true,
    input: z
      .object({
        id: z.number().int().positive().optional(),
        unitId: z.number().int().positive(),
        name: z.string().trim().min(1).max(50),
        post: text(50).default(''),
        mobile: phone.default(''),
        officePhone: phone.default(''),
        email: z.union([z.literal(''), z.string().trim().email().max(100)]).default(''),
      })
      .strict(),
    output: contactUnitSchema,
  }),
  'contacts.export': command({
    summary: 'The directory as XLSX (base64), one row per person (a unit without people: one row): the import template',
    input: z.object({}).strict(),
    output: z.object({ fileName: z.string(), content: z.string(), rows: z.number().int() }),
  }),
  'contacts.import': command({
    summary: 'Add or update units and people from an XLSX in the export\'s columns: all rows or none; bad rows listed',
    mutates: true,
    input: z.object({ content: z.string().min(1).max(20_000_000), dryRun: z.boolean().default(false) }).strict(),
    output: z.object({ rows: z.number().int(), written: z.number().int(), problems: z.array(z.object({ row: z.number().int(), field: z.string(), message: z.string() })) }),
  }),
  'contacts.gaps': command({
    summary: 'Units the plans in force name that have no contact entry (shown on the status screen)',
    input: z.object({}).strict(),
    output: z.object({ gaps: z.array(z.object({ unitId: z.string(), name: z.string(), plans: z.array(z.string()) })) }),
  }),
};
