import { z } from 'zod';
import { command } from './contract';
import { ROLES } from './actor';

const roleSchema = z.enum(ROLES);

/**
 * The duty room's people and what each may do. A person holds one or more roles; the core checks the role of the
 * signed-in person for every command (the table in ./permissions.ts).
 *  - duty-officer 值班员: takes calls, records incidents and events, files reports;
 *  - duty-leader 带班领导: everything a duty officer does, and approves (starts, escalates, ends a response; signs off
 *    a report; approves a fire-use permit);
 *  - office 办公室: files and prints reports, keeps ledgers and rewards;
 *  - admin 管理员: accounts and the data folder (backups, tiles);
 *  - map-keeper 地图维护: the map's layers (forestry staff).
 */
/** A sign-in name: letters, digits, `.`, `_`, `-` (typed on any keyboard, in any input mode). */
const login = z
  .string()
  .trim()
  .min(2)
  .max(40)
  .regex(/^[A-Za-z0-9._-]+$/, { message: 'letters, digits, . _ - only / 只能用字母、数字和 . _ -' });
/** At least 8 characters; checked again by the core (not only the form). */
export const MIN_PASSWORD = 8;
const password = z.string().min(MIN_PASSWORD).max(200);
const name = z.string().trim().min(1).max(50);
const phone = z.string().trim().max(40);

export const personSchema = z.object({
  id: z.number().int(),
  login: z.string(),
  name: z.string(),
  roles: z.array(roleSchema),
  phone: z.string(),
  active: z.boolean(),
});
export type PersonView = z.infer<typeof personSchema>;

/** A new session. The shell keeps `token` (an HttpOnly cookie, or the desktop window's) and removes it from the answer. */
const sessionSchema = z.object({ token: z.string().optional(), expiresAt: z.string() });

export const peopleCommands = {
  'auth.status': command({
    summary: 'Who is signed in on this connection, and whether the console still needs its first administrator',
    input: z.object({}).strict(),
    output: z.object({ person: personSchema.nullable(), needsFirstAdmin: z.boolean(), expiresAt: z.string().nullable() }),
  }),
  'auth.setup': command({
    summary: 'Create the first administrator (only while no account exists) and sign in as them',
    mutates: true,
    input: z.object({ login, name, password, phone: phone.optional() }).strict(),
    output: z.object({ person: personSchema, session: sessionSchema }),
  }),
  'auth.signIn': command({
    summary: 'Sign in with a sign-in name and password; answers a session (the shell keeps its token, never the page)',
    mutates: true,
    input: z.object({ login: z.string().trim().min(1).max(40), password: z.string().min(1).max(200) }).strict(),
    output: z.object({ person: personSchema, session: sessionSchema }),
  }),
  'auth.signOut': command({
    summary: 'End this connection\'s session',
    mutates: true,
    input: z.object({}).strict(),
    output: z.object({ ok: z.literal(true) }),
  }),
  'people.list': command({
    summary: 'The duty room\'s accounts (no password hashes)',
    input: z.object({ includeInactive: z.boolean().default(false) }).strict(),
    output: z.object({ people: z.array(personSchema) }),
  }),
  'people.add': command({
    summary: 'Add an account with its roles and first password',
    mutates: true,
    input: z.object({ login, name, roles: z.array(roleSchema).min(1).max(ROLES.length), password, phone: phone.optional() }).strict(),
    output: personSchema,
  }),
  'people.update': command({
    summary: 'Change an account\'s name, roles, phone or whether it is active (the last active administrator stays)',
    mutates: true,
    input: z
      .object({ id: z.number().int().positive(), name: name.optional(), roles: z.array(roleSchema).min(1).max(ROLES.length).optional(), phone: phone.optional(), active: z.boolean().optional() })
      .strict(),
    output: personSchema,
  }),
  'people.setPassword': command({
    summary: 'Set a password: one\'s own (with the current one), or anyone\'s by an administrator',
    mutates: true,
    input: z.object({ id: z.number().int().positive(), password, current: z.string().max(200).optional() }).strict(),
    output: z.object({ ok: z.literal(true) }),
  }),
};

