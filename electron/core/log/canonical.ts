import { createHash } from 'node:crypto';

/**
 * Canonical JSON for hashing: object keys sorted by UTF-16 code units at every depth, no whitespace, strings and
 * numbers as ECMAScript's JSON.stringify writes them. For the JSON values the log stores (no -0, no NaN/Infinity,
 * integers within 2^53) this is the same text RFC 8785 (JCS) produces, so another tool can recompute a hash.
 * Written here rather than taken from a package because it is a dozen lines on top of JSON.stringify.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortDeep(value, '$'));
}

function sortDeep(v: unknown, at: string): unknown {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new TypeError(`${at}: ${v} is not a JSON number`);
    return Object.is(v, -0) ? 0 : v;
  }
  if (Array.isArray(v)) return v.map((x, i) => sortDeep(x, `${at}[${i}]`));
  if (typeof v === 'object') {
    const proto = Object.getPrototypeOf(v);
    if (proto !== Object.prototype && proto !== null) throw new TypeError(`${at}: not a plain JSON object`);
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v as object).sort()) {
      const x = (v as Record<string, unknown>)[k];
      if (x === undefined) continue;
      out[k] = sortDeep(x, `${at}.${k}`);
    }
    return out;
  }
  throw new TypeError(`${at}: ${typeof v} is not a JSON value`);
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** prevHash of the first event of the log. */
export const GENESIS_HASH = '0'.repeat(64);

/** The fields of an event that its hash covers (every stored column except the derived search text). */
export interface HashedEnvelope {
  /** Global chain position. */
  pos: number;
  /** Number within the incident (0 = opening record). */
  seq: number;
  incidentId: string;
  type: string;
  /** The payload exactly as stored (canonical JSON text): hashing the text, not the parsed value, catches any byte change. */
  payload: string;
  occurredAt: string;
  recordedAt: string;
  actor: string;
  corrects: number | null;
  prevHash: string;
}

/** Version 1 of the hash: SHA-256 over the canonical JSON of the envelope, `prevHash` included (global chain). */
export function eventHash(e: HashedEnvelope): string {
  return sha256Hex(
    canonicalJson({
      v: 1,
      pos: e.pos,
      seq: e.seq,
      incidentId: e.incidentId,
      type: e.type,
      payload: e.payload,
      occurredAt: e.occurredAt,
      recordedAt: e.recordedAt,
      actor: e.actor,
      corrects: e.corrects,
      prevHash: e.prevHash,
    }),
  );
}
