/**
 * Accounts, passwords and sessions of the duty room (issue 15). Passwords are hashed with scrypt (node:crypto; memory
 * hard: N = 2^15, r = 8, 32 MiB per hash), each with its own random salt; a session is a random 256-bit token of which
 * only the SHA-256 is stored. Every account change, sign-in, failed attempt and sign-out is a row of `people_events`
 * (sealed, append-only), recorded with who did it.
 */
import crypto from 'node:crypto';
import { promisify } from 'node:util';
import type { Database } from 'better-sqlite3';
import { AppError, MIN_PASSWORD, ROLE_LABELS, type Actor, type PersonView, type Role } from '../../../shared/api';

const scrypt = promisify(crypto.scrypt) as (pw: string, salt: Buffer, len: number, opts: crypto.ScryptOptions) => Promise<Buffer>;
const KDF = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 } as const;
const KEY_LEN = 32;

/** How long a session lasts: one 24-hour shift and its handover. */
export const SESSION_MS = 26 * 3600_000;
/** Failed sign-ins of one name within WINDOW before it is locked for LOCK_MS (each attempt is logged). */
export const MAX_FAILURES = 5;
export const FAILURE_WINDOW_MS = 15 * 60_000;

export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.randomBytes(16);
  const key = await scrypt(password.normalize('NFC'), salt, KEY_LEN, KDF);
  return `scrypt$${KDF.N}$${KDF.r}$${KDF.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function passwordMatches(password: string, stored: string): Promise<boolean> {
  const [alg, n, r, p, salt, key] = stored.split('$');
  if (alg !== 'scrypt' || !salt || !key) return false;
  const want = Buffer.from(key, 'base64');
  const got = await scrypt(password.normalize('NFC'), Buffer.from(salt, 'base64'), want.length, { N: Number(n), r: Number(r), p: Number(p), maxmem: KDF.maxmem });
  return got.length === want.length && crypto.timingSafeEqual(got, want);
}

interface PersonRow {
  id: number;
  login: string;
  name: string;
  roles: string;
  phone: string;
  pw_hash: string;
  active: number;
}

const view = (r: PersonRow): PersonView => ({ id: r.id, login: r.login, name: r.name, roles: JSON.parse(r.roles) as Role[], phone: r.phone, active: r.active === 1 });

/** The actor string every log record keeps for a person: their id, name and roles, as JSON (inside the hash chain). */
export function actorOf(p: PersonView): string {
  const a: Actor = { id: p.id, name: p.name, roles: p.roles };
  return JSON.stringify(a);
}

const err = (code: 'invalid-input' | 'not-found' | 'conflict' | 'forbidden' | 'unauthenticated', message: string, messageEn: string, field?: string, rule?: string) =>
  new AppError({ code, message, messageEn, ...(field ? { field } : {}), ...(rule ? { rule } : {}) });

export function countPeople(db: Database): number {
  return (db.prepare('SELECT count(*) AS n FROM people').get() as { n: number }).n;
}

export function getPerson(db: Database, id: number): PersonView {
  const r = db.prepare('SELECT * FROM people WHERE id = ?').get(id) as PersonRow | undefined;
  if (!r) throw err('not-found', `没有编号为 ${id} 的账户`, `no account with id ${id}`, 'id');
  return view(r);
}

export function listPeople(db: Database, includeInactive: boolean): PersonView[] {
  const rows = db.prepare(`SELECT * FROM people ${includeInactive ? '' : 'WHERE active = 1'} ORDER BY id`).all() as PersonRow[];
  return rows.map(view);
}

function logEvent(db: Database, at: Date, kind: string, personId: number | null, login: string, actor: string, detail = ''): void {
  db.prepare('INSERT INTO people_events (at, kind, person_id, login, actor, detail) VALUES (?, ?, ?, ?, ?, ?)').run(at.toISOString(), kind, personId, login, actor, detail);
}

function checkPassword(password: string): void {
  if ([...password].length < MIN_PASSWORD) throw err('invalid-input', `字段 password：密码至少 ${MIN_PASSWORD} 个字符`, `field password: at least ${MIN_PASSWORD} characters`, 'password', 'min-length');
}

export interface NewPerson {
  login: string;
  name: string;
  roles: Role[];
  password: string;
  phone?: string;
}

function insertPerson(db: Database, p: NewPerson, pwHash: string, actor: string, at: Date): PersonView {
  const dup = db.prepare('SELECT id FROM people WHERE login = ?').get(p.login) as { id: number } | undefined;
  if (dup) throw err('conflict', `字段 login：登录名“${p.login}”已被占用`, `field login: the sign-in name "${p.login}" is taken`, 'login', 'unique');
  const roles = [...new Set(p.roles)];
  const now = at.toISOString();
  const id = Number(
    db
      .prepare('INSERT INTO people (login, name, roles, phone, pw_hash, active, created_at, created_by, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?, ?)')
      .run(p.login, p.name, JSON.stringify(roles), p.phone ?? '', pwHash, now, actor, now, actor).lastInsertRowid,
  );
  return getPerson(db, id);
}

/** The first administrator, only while there is no account at all; signs them in. */
export async function setupFirstAdmin(db: Database, p: Omit<NewPerson, 'roles'>, at: Date): Promise<{ person: PersonView; session: { token: string; expiresAt: string } }> {
  checkPassword(p.password);
  const pwHash = await hashPassword(p.password);
  return db
    .transaction(() => {
      if (countPeople(db) > 0) throw err('conflict', '已经有账户了：第一个管理员只能在首次启动时创建，请用管理员账户登录后添加', 'accounts exist: the first administrator is created only on first start; sign in as an administrator to add people', 'login', 'first-admin');
      const person = insertPerson(db, { ...p, roles: ['admin', 'duty-leader'] }, pwHash, 'setup', at);
      logEvent(db, at, 'setup', person.id, person.login, actorOf(person));
      return { person, session: newSession(db, person, at) };
    })
    .immediate();
}

export async function addPerson(db: Database, p: NewPerson, actor: string, at: Date): Promise<PersonView> {
  checkPassword(p.password);
  const pwHash = await hashPassword(p.password);
  return db
    .transaction(() => {
      const person = insertPerson(db, p, pwHash, actor, at);
      logEvent(db, at, 'added', person.id, person.login, actor, person.roles.join(','));
      return person;
    })
    .immediate();
}

const isActiveAdmin = (p: PersonView) => p.active && p.roles.includes('admin');

export function updatePerson(db: Database, id: number, change: { name?: string; roles?: Role[]; phone?: string; active?: boolean }, actor: string, at: Date): PersonView {
  return db
    .transaction(() => {
      const before = getPerson(db, id);
      const after: PersonView = { ...before, ...change, roles: change.roles ? [...new Set(change.roles)] : before.roles };
      if (isActiveAdmin(before) && !isActiveAdmin(after)) {
        const others = listPeople(db, false).filter((p) => p.id !== id && isActiveAdmin(p)).length;
        if (others === 0)
          throw err('conflict', '这是最后一个在用的管理员账户：不能停用或取消其管理员角色（否则无人能管理账户）', 'this is the last active administrator: it cannot be deactivated or lose the role', change.active === false ? 'active' : 'roles', 'last-admin');
      }
      db.prepare('UPDATE people SET name = ?, roles = ?, phone = ?, active = ?, updated_at = ?, updated_by = ? WHERE id = ?').run(
        after.name,
        JSON.stringify(after.roles),
        after.phone,
        after.active ? 1 : 0,
        at.toISOString(),
        actor,
        id,
      );
      // A deactivated account loses its sessions at once.
      if (!after.active) db.prepare('DELETE FROM sessions WHERE person_id = ?').run(id);
      const what = Object.keys(change).join(',');
      logEvent(db, at, 'updated', id, before.login, actor, what);
      return getPerson(db, id);
    })
    .immediate();
}

/** One's own password (with the current one), or anyone's by an administrator. Other sessions of the person end. */
export async function setPassword(db: Database, by: PersonView, id: number, password: string, current: string | undefined, at: Date): Promise<void> {
  const target = db.prepare('SELECT * FROM people WHERE id = ?').get(id) as PersonRow | undefined;
  if (!target) throw err('not-found', `没有编号为 ${id} 的账户`, `no account with id ${id}`, 'id');
  const own = by.id === id;
  if (!own && !by.roles.includes('admin')) throw err('forbidden', '只有管理员可以设置他人的密码', 'only an administrator may set another person\'s password', 'id', 'role');
  if (own && !(await passwordMatches(current ?? '', target.pw_hash))) throw err('invalid-input', '字段 current：当前密码不对，未修改', 'field current: the current password is wrong; nothing changed', 'current', 'password');
  checkPassword(password);
  const pwHash = await hashPassword(password);
  db.transaction(() => {
    db.prepare('UPDATE people SET pw_hash = ?, updated_at = ?, updated_by = ? WHERE id = ?').run(pwHash, at.toISOString(), actorOf(by), id);
    db.prepare('DELETE FROM sessions WHERE person_id = ?').run(id);
    logEvent(db, at, 'password', id, target.login, actorOf(by));
  }).immediate();
}

const tokenHash = (token: string) => crypto.createHash('sha256').update(token).digest('hex');

function newSession(db: Database, person: PersonView, at: Date): { token: string; expiresAt: string } {
  const token = crypto.randomBytes(32).toString('base64url');
  const expiresAt = new Date(at.getTime() + SESSION_MS).toISOString();
  db.prepare('DELETE FROM sessions WHERE expires_at <= ?').run(at.toISOString());
  db.prepare('INSERT INTO sessions (token_hash, person_id, created_at, expires_at) VALUES (?, ?, ?, ?)').run(tokenHash(token), person.id, at.toISOString(), expiresAt);
  return { token, expiresAt };
}

function recentFailures(db: Database, login: string, at: Date): { count: number; last: string | null } {
  const since = new Date(at.getTime() - FAILURE_WINDOW_MS).toISOString();
  // Failures since the last successful sign-in of that name, within the window.
  const lastOk = (db.prepare("SELECT max(at) AS t FROM people_events WHERE login = ? AND kind = 'sign-in'").get(login) as { t: string | null }).t;
  const from = lastOk && lastOk > since ? lastOk : since;
  const r = db.prepare("SELECT count(*) AS n, max(at) AS t FROM people_events WHERE login = ? AND kind = 'sign-in-failed' AND at > ?").get(login, from) as { n: number; t: string | null };
  return { count: r.n, last: r.t };
}

/**
 * Check a sign-in name and password. A wrong name or password answers the same message (which of the two is not
 * said); after MAX_FAILURES failures of one name within FAILURE_WINDOW_MS that name is refused until the window has
 * passed, even with the right password. Every attempt is logged (`from` says where: the shell, or a confirmation).
 */
async function checkCredentials(db: Database, login: string, password: string, at: Date, from: string): Promise<PersonView> {
  const fails = recentFailures(db, login, at);
  if (fails.count >= MAX_FAILURES) {
    const until = new Date(Date.parse(fails.last!) + FAILURE_WINDOW_MS);
    const mins = Math.max(1, Math.ceil((until.getTime() - at.getTime()) / 60_000));
    db.transaction(() => logEvent(db, at, 'sign-in-failed', null, login, from, 'locked')).immediate();
    throw err('forbidden', `“${login}”连续 ${fails.count} 次登录失败，已暂时锁定，请 ${mins} 分钟后再试或请管理员重设密码`, `"${login}" failed ${fails.count} times: locked, try again in ${mins} min or ask an administrator to reset the password`, 'login', 'rate-limit');
  }
  const row = db.prepare('SELECT * FROM people WHERE login = ?').get(login) as PersonRow | undefined;
  // The hash runs also for an unknown name, so that the time taken does not tell which names exist.
  const ok = await passwordMatches(password, row?.pw_hash ?? DUMMY_HASH);
  if (!row || !ok || row.active !== 1) {
    db.transaction(() => logEvent(db, at, 'sign-in-failed', row?.id ?? null, login, from, row && ok ? 'inactive' : '')).immediate();
    if (row && ok) throw err('forbidden', `账户“${login}”已停用，请联系管理员`, `the account "${login}" is deactivated; ask an administrator`, 'login', 'inactive');
    throw err('unauthenticated', '登录名或密码不对', 'wrong sign-in name or password', 'password', 'credentials');
  }
  return view(row);
}

export async function signIn(db: Database, login: string, password: string, at: Date, from: string): Promise<{ person: PersonView; session: { token: string; expiresAt: string } }> {
  const person = await checkCredentials(db, login, password, at, from);
  return db
    .transaction(() => {
      logEvent(db, at, 'sign-in', person.id, person.login, actorOf(person), from);
      return { person, session: newSession(db, person, at) };
    })
    .immediate();
}

/** A hash no password is expected to match (all-zero key), hashed against for an unknown name so timing stays the same. */
const DUMMY_HASH = `scrypt$${KDF.N}$${KDF.r}$${KDF.p}$${Buffer.alloc(16).toString('base64')}$${Buffer.alloc(KEY_LEN).toString('base64')}`;

export function signOut(db: Database, token: string | undefined, at: Date): void {
  if (!token) return;
  const s = sessionPerson(db, token, at);
  db.transaction(() => {
    db.prepare('DELETE FROM sessions WHERE token_hash = ?').run(tokenHash(token));
    if (s) logEvent(db, at, 'sign-out', s.person.id, s.person.login, actorOf(s.person));
  }).immediate();
}

/** The person a session token belongs to, or null when it is unknown, expired, or the account is no longer active. */
export function sessionPerson(db: Database, token: string, at: Date): { person: PersonView; expiresAt: string } | null {
  const r = db
    .prepare('SELECT p.*, s.expires_at AS expires FROM sessions s JOIN people p ON p.id = s.person_id WHERE s.token_hash = ?')
    .get(tokenHash(token)) as (PersonRow & { expires: string }) | undefined;
  if (!r || r.active !== 1 || r.expires <= at.toISOString()) return null;
  return { person: view(r), expiresAt: r.expires };
}

/**
 * A person's confirmation on the same screen (an approval): their sign-in name and password, checked like a sign-in
 * (failures count towards the lock and are logged) but opening no session, and the role the step needs.
 */
export async function confirmPerson(db: Database, login: string, password: string, need: readonly Role[], what: { zh: string; en: string }, at: Date, from: string, field = 'approval'): Promise<PersonView> {
  let person: PersonView;
  try {
    person = await checkCredentials(db, login, password, at, `confirm:${from}`);
  } catch (e) {
    // Not the caller's own sign-in failing: the confirming person's name or password, shown at those fields.
    if (e instanceof AppError && e.code === 'unauthenticated') throw err('invalid-input', `字段 ${field}.password：${what.zh}的登录名或密码不对，未写入任何内容`, `field ${field}.password: wrong sign-in name or password to ${what.en}; nothing was written`, `${field}.password`, 'credentials');
    if (e instanceof AppError && e.body.field === 'login') throw new AppError({ ...e.body, field: `${field}.login` });
    throw e;
  }
  if (!person.roles.some((r) => need.includes(r))) {
    const names = need.map((r) => ROLE_LABELS[r].zh).join('或');
    throw err('forbidden', `“${what.zh}”须由${names}确认，${person.name}不是${names}`, `"${what.en}" must be confirmed by a ${need.join(' or ')}; ${person.name} is not`, `${field}.login`, 'role');
  }
  // A good confirmation is recorded where it counts: as the approver on the event it approves.
  return person;
}
