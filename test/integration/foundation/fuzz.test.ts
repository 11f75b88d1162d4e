import path from 'node:path';
import { addPerson, signInHttp } from '../../helpers/people';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../../shared/api';
import { createCore, type Core } from '../../../electron/core/core';
import { logFor } from '../../../electron/core/log';
import { startServer, type RunningServer } from '../../../electron/serve/server';
import { mulberry32 } from '../../helpers/random';
import { rawRequest } from '../../helpers/serve';
import { tmpDir } from '../../helpers/tmp';

/**
 * A bounded, seeded fuzz test over every command of the contract, through the real HTTP server on a real SQLite file:
 * each command gets PER_COMMAND malformed payloads (wrong types, missing and unknown fields, hostile strings, deep
 * nesting, broken JSON). Every answer must be a 4xx with the error shape, or a 200 when the random input happens to be
 * valid; never a 5xx, never a reset; and a refused request must have written nothing (SQLite's data_version, read by a
 * second connection, moves with every commit of the server's connection).
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261201);
const PER_COMMAND = Number(process.env.FUZZ_PER_COMMAND ?? 60);


/** Field names the contract uses (from each input schema's shape where it has one), to reach past "unknown key". */
function fieldNames(): string[] {
  const out = new Set<string>(['id', 'incidentId', 'text', 'query', 'layer', 'file', 'dest', 'name', 'payload', 'type', 'seq']);
  for (const c of Object.values(commands)) {
    const shape = (c.input as unknown as { shape?: Record<string, unknown> }).shape;
    if (shape && typeof shape === 'object') for (const k of Object.keys(shape)) out.add(k);
  }
  return [...out];
}

const HOSTILE = ['', ' ', 'a\ud800b', '\udc00', 'x\u0000y', '\u001b[2J', '../../../../etc/passwd', '/etc/passwd', 'C:\\Windows\\win.ini', '%00', '${7*7}', "'; DROP TABLE events; --", '"', '\\', '疫苗'.repeat(3000), 'NaN', '-1', '1e309', '2026-13-45T99:99:99Z', '20240501-001', 'forest-fire', 'water', '\uFEFF', '\u202e', 'A'.repeat(70_000)];

function value(r: () => number, keys: string[], depth: number): unknown {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const k = r();
  if (depth > 3 || k < 0.35) return pick(HOSTILE);
  if (k < 0.5) return pick([0, -1, 1, 1.5, -0.0, 2 ** 53 + 1, 1e308, -1e308, 65536, 4294967296]);
  if (k < 0.58) return pick([true, false, null]);
  if (k < 0.75) return Array.from({ length: Math.floor(r() * 4) }, () => value(r, keys, depth + 1));
  const o: Record<string, unknown> = {};
  for (let i = Math.floor(r() * 5); i > 0; i--) o[r() < 0.8 ? pick(keys) : pick(HOSTILE).slice(0, 40)] = value(r, keys, depth + 1);
  return o;
}

interface ZodLike {
  _zod?: { def?: Record<string, unknown> };
}
const defOf = (s: unknown) => ((s as ZodLike)?._zod?.def ?? {}) as { type?: string; [k: string]: unknown };
const PLAUSIBLE_STRINGS = ['疫苗接种后发热', 'water', 'vaccine', 'forest-fire', '2026-04-02T09:00:00+08:00', '20260402-001', 'a.geojson', 'e30=', '卦山'];

/** A value the schema would likely accept (zod 4 introspection), so that mutations reach the handlers. */
function sample(s: unknown, r: () => number, depth = 0): unknown {
  const d = defOf(s);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  switch (d.type) {
    case 'string':
      return pick(PLAUSIBLE_STRINGS);
    case 'number':
    case 'int':
      return pick([1, 2, 0, 112.15, 37.58, 100]);
    case 'boolean':
      return r() < 0.5;
    case 'enum':
      return pick(Object.values(d.entries as Record<string, unknown>));
    case 'literal':
      return (d.values as unknown[])[0];
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
    case 'nonoptional':
      return r() < 0.3 ? undefined : sample(d.innerType, r, depth);
    case 'pipe':
      return sample(d.in, r, depth);
    case 'union':
      return sample(pick(d.options as unknown[]), r, depth);
    case 'object': {
      if (depth > 4) return {};
      const o: Record<string, unknown> = {};
      for (const [k, v] of Object.entries((d.shape as Record<string, unknown>) ?? {})) o[k] = sample(v, r, depth + 1);
      return o;
    }
    case 'array':
      return depth > 4 ? [] : [sample(d.element, r, depth + 1)];
    case 'tuple':
      return ((d.items as unknown[]) ?? []).map((x) => sample(x, r, depth + 1));
    case 'record':
      return { k: 'v' };
    default:
      return 'x';
  }
}

/** One malformed request body (text): a plausible input with one field made hostile, or plain garbage. */
function body(r: () => number, keys: string[], input: unknown): string {
  const k = r();
  if (k < 0.04) return '{"a":';
  if (k < 0.06) return `{"payload":${'['.repeat(5000)}${']'.repeat(5000)}}`;
  if (k < 0.08) return 'null';
  if (k < 0.1) return '{"__proto__":{"polluted":1},"constructor":{"prototype":{"x":1}}}';
  if (k < 0.25) {
    const o: Record<string, unknown> = {};
    for (let i = 1 + Math.floor(r() * 4); i > 0; i--) o[keys[Math.floor(r() * keys.length)]!] = value(r, keys, 1);
    return JSON.stringify(o);
  }
  const base = sample(input, r);
  const o = base && typeof base === 'object' && !Array.isArray(base) ? (base as Record<string, unknown>) : {};
  const fields = Object.keys(o);
  const m = r();
  if (m < 0.15 || !fields.length) o[keys[Math.floor(r() * keys.length)]!] = value(r, keys, 1);
  else if (m < 0.25) delete o[fields[Math.floor(r() * fields.length)]!];
  else {
    // One or two fields hostile; nested objects get a hostile value one level down.
    for (let n = 1 + Math.floor(r() * 2); n > 0; n--) {
      const f = fields[Math.floor(r() * fields.length)]!;
      const inner = o[f];
      if (inner && typeof inner === 'object' && !Array.isArray(inner) && Object.keys(inner).length && r() < 0.5) {
        const ik = Object.keys(inner)[Math.floor(r() * Object.keys(inner).length)]!;
        (inner as Record<string, unknown>)[ik] = value(r, keys, 3);
      } else o[f] = value(r, keys, 2);
    }
  }
  return JSON.stringify(o);
}

/** Whether a request body holds a string (or key) with a lone surrogate or a C0 control other than tab/LF/CR, or DEL.
 * Written here independently of shared/api/validate.ts. */
function holdsIllFormedText(text: string): boolean {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return false;
  }
  const bad = (s: string) => {
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if ((c < 0x20 && c !== 9 && c !== 10 && c !== 13) || c === 0x7f) return true;
      if (c >= 0xd800 && c <= 0xdbff) {
        const n = s.charCodeAt(i + 1);
        if (!(n >= 0xdc00 && n <= 0xdfff)) return true;
        i++;
      } else if (c >= 0xdc00 && c <= 0xdfff) return true;
    }
    return false;
  };
  const stack = [v];
  while (stack.length) {
    const x = stack.pop();
    if (typeof x === 'string' && bad(x)) return true;
    if (x && typeof x === 'object') {
      for (const [k, y] of Object.entries(x)) {
        if (bad(k)) return true;
        stack.push(y);
      }
    }
  }
  return false;
}

let dir: string;
let core: Core;
let srv: RunningServer;
let reader: BetterSqlite3.Database;
let cookie = '';
const failedSignIns = () => (reader.prepare("SELECT count(*) AS n FROM people_events WHERE kind = 'sign-in-failed'").get() as { n: number }).n;

beforeAll(async () => {
  dir = tmpDir('ercon-fuzz-');
  const db = path.join(dir, 'console.sqlite');
  core = createCore({ dbPath: db, open: { backups: false } });
  const ctx = { actor: 'seed', transport: 'test' as const };
  const { id } = await core.invoke('incidents.open', { planId: 'vaccine', title: '模糊测试' }, ctx);
  await core.invoke('incidents.note', { incidentId: id, text: '第一条' }, ctx);
  srv = await startServer({ core, maxBodyBytes: 2 * 1024 * 1024 });
  reader = new BetterSqlite3(db, { readonly: true });
  // As a signed-in person holding every role, so that the fuzz reaches each command's own checks.
  await addPerson(core, 'fuzz');
  cookie = await signInHttp(`http://127.0.0.1:${srv.port}`, srv.token, 'fuzz');
});
afterAll(async () => {
  reader.close();
  await srv.close();
  core.close();
});

describe(`seeded fuzz over every command (seed ${SEED}, ${PER_COMMAND} payloads each)`, () => {
  it('4xx with the error shape or 200; never 5xx or a reset; a refused request writes nothing', async () => {
    const r = mulberry32(SEED);
    const keys = fieldNames();
    const names = Object.keys(commands).sort();
    const failures: string[] = [];
    let refused = 0;
    let sent = 0;
    for (const name of names) {
      let refusedHere = 0;
      for (let i = 0; i < PER_COMMAND; i++) {
        const text = body(r, keys, commands[name as keyof typeof commands].input);
        // Derived data an earlier accepted write left to fill (the search indexes, fold snapshots: IncidentLog.maintain,
        // run shortly after an append) is filled now, so that a refused request is judged by what IT wrote.
        logFor(core.services.db, core.services.clock, core.services.logEngine).maintain();
        const version = reader.pragma('data_version', { simple: true });
        const failedBefore = failedSignIns();
        let res;
        try {
          res = await rawRequest(srv.port, 'POST', `/api/cmd/${name}`, { Authorization: `Bearer ${srv.token}`, 'Content-Type': 'application/json', Cookie: cookie }, text);
        } catch (e) {
          failures.push(`${name} #${i}: connection error ${(e as Error).message} for ${text.slice(0, 120)}`);
          continue;
        }
        sent++;
        if (res.status >= 500 || (res.status !== 200 && (res.status < 400 || res.status >= 500))) {
          failures.push(`${name} #${i}: HTTP ${res.status} ${res.body.slice(0, 300)} for ${text.slice(0, 200)}`);
          continue;
        }
        if (res.status === 200) {
          // The boundary rule: text the log cannot keep (a lone surrogate, a control character) is always refused.
          if (holdsIllFormedText(text)) failures.push(`${name} #${i}: accepted ill-formed text ${text.slice(0, 200)}`);
          continue;
        }
        refused++;
        refusedHere++;
        const b = JSON.parse(res.body) as { ok?: unknown; error?: Record<string, unknown> };
        const e = b.error ?? {};
        const shapeOk = b.ok === false && ['code', 'message', 'messageEn'].every((k) => typeof e[k] === 'string') && ['field', 'rule'].every((k) => e[k] === undefined || typeof e[k] === 'string');
        if (!shapeOk) failures.push(`${name} #${i}: bad error shape ${res.body.slice(0, 300)}`);
        if (res.body.length > 4000) failures.push(`${name} #${i}: a ${res.body.length}-byte error echoes its input`);
        // A refused sign-in (or a refused confirmation by a person's password: an approval, a handover signature)
        // writes exactly one thing, on purpose: the failed attempt in the account log.
        const loggedFailure = failedSignIns() === failedBefore + 1;
        if (reader.pragma('data_version', { simple: true }) !== version && !loggedFailure) failures.push(`${name} #${i}: refused (HTTP ${res.status}) but the database changed`);
      }
      // A payload may have signed the fuzz person out or changed their password: sign in afresh for the next command.
      if (name.startsWith('auth.') || name.startsWith('people.')) cookie = await signInHttp(`http://127.0.0.1:${srv.port}`, srv.token, 'fuzz').catch(() => cookie);
      if (refusedHere === 0) failures.push(`${name}: no payload was refused (the fuzz did not reach it)`);
    }
    expect(failures.slice(0, 20)).toEqual([]);
    expect(sent).toBe(names.length * PER_COMMAND);
    expect(refused).toBeGreaterThan(sent * 0.6);
  });
});
