import { shanghaiCompactDate, shanghaiDate } from '../../../shared/base/time';
import type { Database, Statement } from 'better-sqlite3';
import { AppError } from '../../../shared/api/errors';
import type { Clock } from '../clock';
import { isHanBigram } from './bigrams';
import { canonicalJson, eventHash, GENESIS_HASH } from './canonical';
import { genericFold, type LogEngine, type PlanRef } from './engine';
import { canWrite, indexedHead, indexPending } from './searchIndex';
import { loadSnapshot, saveSnapshot, SNAPSHOT_EVERY, snapshotSeq } from './snapshots';
import { EventTypeRegistry, logEventPayloadSchemas, NOTE, OPENED, type LoggedEvent } from './types';

/** An event may be dated at most this far after the system clock (clock skew between the phone and the PC). */
export const FUTURE_TOLERANCE_MS = 5 * 60_000;
/** Largest payload the log accepts, as canonical JSON (UTF-8 bytes). */
export const MAX_PAYLOAD_BYTES = 256 * 1024;
/** After an append, the search indexes and the fold snapshots are brought up to date this much later, in one batch. */
export const MAINTAIN_DELAY_MS = 100;

/** An incident's folded state after its event `seq` (whose hash is `hash`). */
interface Folded {
  seq: number;
  hash: string;
  state: unknown;
}

/** The columns of an event the log reads back (search_text is derived and only searched). */
const EVENT_COLUMNS = 'pos, seq, incident_id, type, payload, occurred_at, recorded_at, actor, corrects, prev_hash, hash';

export interface AppendInput {
  incidentId: string;
  type: string;
  payload: unknown;
  /** ISO 8601 with Z or an offset; defaults to the recording time. */
  occurredAt?: string | undefined;
  /** The seq (same incident) this event corrects. */
  corrects?: number | undefined;
}

export interface Appended {
  pos: number;
  seq: number;
  hash: string;
  incidentId: string;
  type: string;
  recordedAt: string;
  occurredAt: string;
}

/** Whether the incident `i` was opened as an exercise: its opening event (seq 0) says `exercise: true`. */
const EXERCISE = `(SELECT json_extract(o.payload, '$.exercise') IS 1 FROM events o WHERE o.incident_id = i.id AND o.seq = 0) AS exercise`;

export interface IncidentRow {
  id: string;
  planId: string;
  planVersion: string;
  title: string;
  openedAt: string;
  recordedAt: string;
  openedBy: string;
  /** Opened as an exercise (演练, issue 16 item 4): its opening event says so, on the chain. */
  exercise: boolean;
}

export interface SearchHit {
  pos: number;
  seq: number;
  incidentId: string;
  type: string;
  occurredAt: string;
  snippet: string;
}

/** A row of the `events` table as SQLite returns it (search_text left out). */
export interface EventRow {
  pos: number;
  seq: number;
  incident_id: string;
  type: string;
  payload: string;
  occurred_at: string;
  recorded_at: string;
  actor: string;
  corrects: number | null;
  prev_hash: string;
  hash: string;
}

export function rowToEvent(r: EventRow): LoggedEvent {
  return {
    pos: r.pos,
    seq: r.seq,
    incidentId: r.incident_id,
    type: r.type,
    payload: JSON.parse(r.payload) as unknown,
    occurredAt: r.occurred_at,
    recordedAt: r.recorded_at,
    actor: r.actor,
    corrects: r.corrects,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

/** The text full-text search sees: every string in the payload, in canonical key order, one per line. */
export function searchTextOf(payload: unknown): string {
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (typeof v === 'string') out.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') for (const k of Object.keys(v).sort()) walk((v as Record<string, unknown>)[k]);
  };
  walk(payload);
  return out.join('\n');
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

function invalid(field: string, rule: string, zh: string, en: string): AppError {
  return new AppError({ code: 'invalid-input', message: zh, messageEn: en, field, rule });
}

/** An ISO 8601 instant with Z or an offset → UTC ISO (what the log stores). */
export function normalizeInstant(text: string, field: string): string {
  const ms = ISO_INSTANT.test(text) ? Date.parse(text) : NaN;
  if (Number.isNaN(ms)) {
    throw invalid(
      field,
      'iso-datetime',
      `字段 ${field}：不是带时区的 ISO 8601 时间（例如 2024-05-01T08:30:00+08:00）：${text}`,
      `field ${field}: not an ISO 8601 date-time with Z or an offset (e.g. 2024-05-01T08:30:00+08:00): ${text}`,
    );
  }
  return new Date(ms).toISOString();
}

/**
 * The incident log: one global hash-chained stream of events, written only by appending. Every write is one
 * IMMEDIATE transaction that has committed (with the database's synchronous=FULL, fsynced) when the method returns.
 */
export class IncidentLog {
  readonly registry: EventTypeRegistry;
  /**
   * Folded state per incident after its last committed event, so that an append to a long incident applies one event
   * instead of replaying all of them. Trusted only when its hash is the incident's last event's hash read inside the
   * write transaction (another process may have appended since); set only after a top-level commit.
   */
  private readonly folded = new Map<string, Folded>();
  private readonly statements = new Map<string, Statement>();
  /**
   * Incident rows read or written by this connection and committed. The rows never change (a trigger refuses UPDATE
   * and DELETE, and `exercise` comes from the opening event, which cannot change either), so an append does not read
   * the row again. Only committed rows are kept: a row seen inside an open transaction could still roll back.
   */
  private readonly incidents = new Map<string, IncidentRow>();
  /** One transaction function for every append (better-sqlite3 builds one per `db.transaction` call). */
  private readonly appendTx: (input: AppendInput, payload: unknown, corrects: number | null, occurredAt: string, recordedAt: string, actor: string) => {
    ev: LoggedEvent;
    state: unknown;
    incident: IncidentRow;
  };
  /** Incidents appended to since the last maintain() (their snapshots may be due), and its timer. */
  private readonly grown = new Set<string>();
  private maintainTimer: ReturnType<typeof setTimeout> | null = null;
  private flushesAtClose = false;

  /** Prepared once per connection (appends run several statements each). */
  private sql(text: string): Statement {
    let st = this.statements.get(text);
    if (!st) {
      st = this.db.prepare(text);
      this.statements.set(text, st);
    }
    return st;
  }

  constructor(
    readonly db: Database,
    readonly clock: Clock,
    readonly engine: LogEngine | null = null,
  ) {
    // The opening record is the log's; every other type is the plan engine's (its schemas win, e.g. for `note`).
    this.registry = new EventTypeRegistry().register(OPENED, logEventPayloadSchemas[OPENED]);
    const planTypes = engine ? engine.eventPayloadSchemas : { [NOTE]: logEventPayloadSchemas[NOTE] };
    for (const [t, schema] of Object.entries(planTypes)) if (t !== OPENED) this.registry.register(t, schema);
    this.appendTx = db.transaction((input: AppendInput, payload: unknown, corrects: number | null, occurredAt: string, recordedAt: string, actor: string) => {
      const incident = this.incidentRow(input.incidentId);
      const plan = { planId: incident.planId, planVersion: incident.planVersion };
      if (corrects !== null) {
        const target = this.sql('SELECT 1 FROM events WHERE incident_id = ? AND seq = ?').pluck().get(incident.id, corrects);
        if (!target) {
          throw invalid(
            'corrects',
            'same-incident',
            `字段 corrects：事件 ${incident.id} 没有第 ${corrects} 条记录`,
            `field corrects: incident ${incident.id} has no event ${corrects}`,
          );
        }
      }
      // The state after the incident's last committed event (memory, a stored snapshot, or a fold), to step from.
      const before = this.engine?.step ? this.foldedHead(incident) : null;
      const ev = this.insertEvent({ incidentId: incident.id, type: input.type, payload, occurredAt, recordedAt, actor, corrects }, before?.hash ? before.seq : undefined);
      // The plan decides whether the event is legal in the incident's current state; a refusal rolls back.
      let state: unknown = null;
      if (this.engine) {
        state = before && this.engine.step ? this.engine.step(plan, before.state, ev) : this.engine.fold(plan, this.eventsOf(incident.id));
      }
      return { ev, state, incident };
    }).immediate;
  }

  // ---- writes -------------------------------------------------------------------------------------------------

  openIncident(
    input: { planId: string; planVersion?: string | undefined; title: string; occurredAt?: string | undefined; exercise?: boolean | undefined },
    actor: string,
  ): Appended & { planId: string; planVersion: string; title: string } {
    const recordedAt = this.clock.now().toISOString();
    const occurredAt = this.occurredAt(input.occurredAt, recordedAt);
    const plan = this.resolvePlan(input.planId, input.planVersion, occurredAt);
    // `exercise` only when true: every real incident's opening event stays as it always was.
    const payload = this.registry.parse(OPENED, { planId: plan.planId, planVersion: plan.planVersion, title: input.title, ...(input.exercise ? { exercise: true } : {}) }) as {
      title: string;
    };
    const tx = this.db.transaction(() => {
      // Incident ids count per Beijing duty day (YYYYMMDD-nnn).
      const day = shanghaiCompactDate(recordedAt);
      const last = this.sql('SELECT id FROM incidents WHERE id LIKE ? ORDER BY length(id) DESC, id DESC LIMIT 1').pluck().get(`${day}-%`) as
        | string
        | undefined;
      const n = last ? Number(last.slice(day.length + 1)) + 1 : 1;
      const id = `${day}-${String(n).padStart(3, '0')}`;
      this.db
        .prepare('INSERT INTO incidents (id, plan_id, plan_version, title, opened_at, recorded_at, opened_by) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(id, plan.planId, plan.planVersion, payload.title, occurredAt, recordedAt, actor);
      const ev = this.insertEvent({ incidentId: id, type: OPENED, payload, occurredAt, recordedAt, actor, corrects: null }, null);
      // The plan must be able to start a state for it (a pinned version that cannot be loaded fails here, not later).
      return { ev, state: this.foldChecked(plan, [ev]) };
    });
    const { ev, state } = tx.immediate();
    this.remember(ev, state);
    return { ...summary(ev), planId: plan.planId, planVersion: plan.planVersion, title: payload.title };
  }

  append(input: AppendInput, actor: string): Appended {
    if (input.type === OPENED) {
      throw invalid('type', 'opened-once', `${OPENED} 只能由"开启事件"命令写入`, `${OPENED} is written only by opening an incident`);
    }
    const payload = this.registry.parse(input.type, input.payload);
    const corrects = correctsOf(input, payload);
    const recordedAt = this.clock.now().toISOString();
    const occurredAt = this.occurredAt(input.occurredAt, recordedAt);
    const { ev, state, incident } = this.appendTx(input, payload, corrects, occurredAt, recordedAt, actor);
    if (!this.db.inTransaction) this.incidents.set(incident.id, incident);
    this.remember(ev, state);
    return summary(ev);
  }

  note(incidentId: string, text: string, actor: string, occurredAt?: string): Appended {
    return this.append({ incidentId, type: NOTE, payload: { text }, occurredAt }, actor);
  }

  /** `lastSeq`: the incident's last seq when the caller has just read it (null: no events yet); else it is read here. */
  private insertEvent(e: Omit<LoggedEvent, 'pos' | 'seq' | 'prevHash' | 'hash'>, lastSeq?: number | null): LoggedEvent {
    const payloadText = canonicalJson(e.payload);
    if (Buffer.byteLength(payloadText) > MAX_PAYLOAD_BYTES) {
      throw invalid('payload', 'max-bytes', `事件内容超过 ${MAX_PAYLOAD_BYTES} 字节`, `payload exceeds ${MAX_PAYLOAD_BYTES} bytes`);
    }
    const head = this.sql('SELECT pos, hash FROM events ORDER BY pos DESC LIMIT 1').get() as { pos: number; hash: string } | undefined;
    const pos = (head?.pos ?? 0) + 1;
    const last = lastSeq !== undefined ? lastSeq : (this.sql('SELECT max(seq) FROM events WHERE incident_id = ?').pluck().get(e.incidentId) as number | null);
    const seq = last === null ? 0 : last + 1;
    const prevHash = head?.hash ?? GENESIS_HASH;
    const hash = eventHash({ ...e, pos, seq, payload: payloadText, prevHash });
    const text = searchTextOf(e.payload);
    this
      .sql(
        `INSERT INTO events (pos, incident_id, seq, type, payload, occurred_at, recorded_at, actor, corrects, prev_hash, hash, search_text)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(pos, e.incidentId, seq, e.type, payloadText, e.occurredAt, e.recordedAt, e.actor, e.corrects, prevHash, hash, text);
    // The search indexes are filled after the commit, in batches (searchIndex.ts; maintain()).
    return { ...e, payload: JSON.parse(payloadText) as unknown, pos, seq, prevHash, hash };
  }

  /** Cache the folded state once the event is committed; inside a caller's transaction it may still roll back. */
  private remember(ev: LoggedEvent, state: unknown): void {
    this.grown.add(ev.incidentId);
    this.scheduleMaintain();
    if (!this.engine) return;
    if (this.db.inTransaction) this.folded.delete(ev.incidentId);
    else this.folded.set(ev.incidentId, { seq: ev.seq, hash: ev.hash, state });
  }

  private scheduleMaintain(): void {
    if (this.maintainTimer) return;
    if (!this.flushesAtClose) {
      // A connection closed cleanly leaves the indexes and snapshots complete (the timer may not have run yet).
      this.flushesAtClose = true;
      const close = this.db.close.bind(this.db);
      this.db.close = () => {
        if (this.maintainTimer) clearTimeout(this.maintainTimer);
        this.maintainTimer = null;
        try {
          this.maintain();
        } catch {
          // best effort: search and verify catch the indexes up themselves
        }
        return close();
      };
    }
    this.maintainTimer = setTimeout(() => {
      this.maintainTimer = null;
      try {
        this.maintain();
      } catch {
        // Busy (another process writes) or closed: the next append, search or read tries again.
      }
    }, MAINTAIN_DELAY_MS);
    this.maintainTimer.unref?.();
  }

  /**
   * Bring the derived data up to date: index the events the search indexes have not reached, and store a fold snapshot
   * of each incident grown SNAPSHOT_EVERY events past its last one. Runs MAINTAIN_DELAY_MS after an append (a timer
   * that does not keep a CLI process alive; search and verify catch the indexes up themselves).
   */
  maintain(): { indexed: number; snapshots: number } {
    if (!this.db.open || !canWrite(this.db) || this.db.inTransaction) return { indexed: 0, snapshots: 0 };
    const indexed = indexPending(this.db);
    let snapshots = 0;
    for (const id of this.grown) {
      const mem = this.folded.get(id);
      if (mem && this.keepSnapshot(id, mem, snapshotSeq(this.db, id))) snapshots++;
    }
    this.grown.clear();
    return { indexed, snapshots };
  }

  /** Store `f` as the incident's snapshot when it is SNAPSHOT_EVERY events past the stored one (seq `at`). */
  private keepSnapshot(incidentId: string, f: Folded, at: number | null): boolean {
    const foldKey = this.foldKeyOf(incidentId);
    if (!foldKey || !canWrite(this.db) || this.db.inTransaction || f.seq - (at ?? 0) < SNAPSHOT_EVERY) return false;
    return this.db.transaction(() => saveSnapshot(this.db, incidentId, foldKey, f))();
  }

  private foldKeyOf(incidentId: string): string | null {
    if (!this.engine?.foldKey || !this.engine.step) return null;
    const r = this.incidentRow(incidentId);
    try {
      return this.engine.foldKey({ planId: r.planId, planVersion: r.planVersion });
    } catch {
      return null; // the pinned plan version is not loaded: no snapshot (the fold says why)
    }
  }

  /**
   * The incident's state after its last stored event: from memory when this connection folded up to it, else from
   * the stored snapshot (or an older state in memory) plus the events after it, else folded from the first event.
   */
  private foldedHead(incident: IncidentRow, known?: readonly LoggedEvent[]): Folded {
    const last = this.sql('SELECT seq, hash FROM events WHERE incident_id = ? ORDER BY seq DESC LIMIT 1').get(incident.id) as { seq: number; hash: string } | undefined;
    const mem = this.folded.get(incident.id);
    if (mem && last && mem.hash === last.hash) return mem;
    const plan = { planId: incident.planId, planVersion: incident.planVersion };
    const foldKey = this.foldKeyOf(incident.id);
    let base: Folded | null = foldKey ? loadSnapshot(this.db, incident.id, foldKey) : null;
    // A state this connection folded earlier is as good a start, while its event is still there with that hash.
    if (mem && (!base || mem.seq > base.seq) && this.sql('SELECT hash FROM events WHERE incident_id = ? AND seq = ?').pluck().get(incident.id, mem.seq) === mem.hash) {
      base = mem;
    }
    if (!base || !this.engine?.step || !last) {
      const events = known ?? this.eventsOf(incident.id);
      return { seq: last?.seq ?? 0, hash: last?.hash ?? '', state: this.stateOf(incident, events) };
    }
    const from = base.seq;
    const tail = known
      ? known.filter((e) => e.seq > from)
      : (this.sql(`SELECT ${EVENT_COLUMNS} FROM events WHERE incident_id = ? AND seq > ? ORDER BY seq`).all(incident.id, from) as EventRow[]).map(rowToEvent);
    let state = base.state;
    for (const e of tail) state = this.engine.step(plan, state, e);
    return { seq: last.seq, hash: last.hash, state };
  }

  /**
   * The incident's state (fold of its events through its pinned plan), without reading every event when this
   * connection or a stored snapshot already folded most of them. Remembers the result in memory; a read never writes
   * (snapshots are stored by maintain(), after appends).
   */
  currentState(incident: IncidentRow): unknown {
    const h = this.foldedHead(incident);
    this.keepFolded(incident.id, h);
    return h.state;
  }

  private keepFolded(incidentId: string, h: Folded): void {
    if (this.db.inTransaction || !this.engine || !h.hash) return;
    this.folded.set(incidentId, { seq: h.seq, hash: h.hash, state: h.state });
  }

  // ---- reads --------------------------------------------------------------------------------------------------

  incidentRow(id: string): IncidentRow {
    const known = this.incidents.get(id);
    if (known) return known;
    const r = this
      .sql(
        `SELECT i.id, i.plan_id AS planId, i.plan_version AS planVersion, i.title, i.opened_at AS openedAt, i.recorded_at AS recordedAt, i.opened_by AS openedBy,
                ${EXERCISE} FROM incidents i WHERE i.id = ?`,
      )
      .get(id) as (Omit<IncidentRow, 'exercise'> & { exercise: number | null }) | undefined;
    if (!r) {
      throw new AppError({ code: 'not-found', message: `没有编号为 ${id} 的事件`, messageEn: `no incident with id ${id}`, field: 'id' });
    }
    const row = Object.freeze({ ...r, exercise: r.exercise === 1 });
    if (!this.db.inTransaction) this.incidents.set(id, row);
    return row;
  }

  eventsOf(incidentId: string): LoggedEvent[] {
    return (this.sql(`SELECT ${EVENT_COLUMNS} FROM events WHERE incident_id = ? ORDER BY seq`).all(incidentId) as EventRow[]).map(rowToEvent);
  }

  /** The incident's state: fold(plan pinned to the incident, its events). */
  stateOf(incident: IncidentRow, events: readonly LoggedEvent[]): unknown {
    const plan = { planId: incident.planId, planVersion: incident.planVersion };
    return this.engine ? this.engine.fold(plan, events) : genericFold(plan, events);
  }

  get(id: string): { incident: IncidentRow; state: unknown; events: LoggedEvent[] } {
    const incident = this.incidentRow(id);
    const events = this.eventsOf(id);
    if (!this.engine?.step) return { incident, state: this.stateOf(incident, events), events };
    // The fold from memory or a snapshot, if it reached the same last event as the events read (another process may
    // have appended in between: then from these events).
    const h = this.foldedHead(incident, events);
    if (h.hash !== (events.at(-1)?.hash ?? '')) return { incident, state: this.stateOf(incident, events), events };
    this.keepFolded(id, h);
    return { incident, state: h.state, events };
  }

  list(filter: { planId?: string | undefined } = {}): Array<IncidentRow & { eventCount: number; lastSeq: number }> {
    const where = filter.planId ? 'WHERE i.plan_id = ?' : '';
    const args = filter.planId ? [filter.planId] : [];
    return this
      .sql(
        `SELECT i.id, i.plan_id AS planId, i.plan_version AS planVersion, i.title, i.opened_at AS openedAt,
                i.recorded_at AS recordedAt, i.opened_by AS openedBy,
                (SELECT count(*) FROM events e WHERE e.incident_id = i.id) AS eventCount,
                (SELECT max(seq) FROM events e WHERE e.incident_id = i.id) AS lastSeq, ${EXERCISE}
         FROM incidents i ${where} ORDER BY i.opened_at DESC, i.id DESC`,
      )
      .all(...args)
      .map((r) => {
        const row = r as Omit<IncidentRow, 'exercise'> & { eventCount: number; lastSeq: number; exercise: number | null };
        return { ...row, exercise: row.exercise === 1 };
      });
  }

  /**
   * Full-text search over event text. Whitespace separates terms, all of which must occur. A term of 3 or more
   * characters is a trigram lookup (FTS5 MATCH on a quoted phrase = substring); a two-character Chinese term (疫苗,
   * 发热, a name) is a lookup in the bigram index; anything shorter (one character, two Latin letters) is a LIKE over the
   * stored text. The first index that applies drives the query newest-first (FTS5 walks its rowids in descending order,
   * so a LIMIT stops early); the other terms filter its rows with LIKE, which is exact.
   */
  search(query: string, opts: { incidentId?: string | undefined; limit?: number | undefined } = {}): { hits: SearchHit[]; truncated: boolean } {
    const terms = query.trim().split(/\s+/u).filter(Boolean);
    if (!terms.length) throw invalid('query', 'non-empty', '字段 query：搜索词不能为空', 'field query: the search text is empty');
    const limit = opts.limit ?? 50;
    // The indexes are filled after each append's commit; catch them up first where this connection can write.
    indexPending(this.db); // nothing on a connection that cannot write
    const head = indexedHead(this.db);
    const long = terms.filter((t) => [...t].length >= 3);
    const bigram = terms.filter(isHanBigram);
    const phrase = (t: string) => `"${t.replaceAll('"', '""')}"`;
    const where: string[] = [];
    const args: unknown[] = [];
    let from = 'events e';
    let order = 'e.pos';
    if (long.length) {
      from = 'events_fts f JOIN events e ON e.pos = f.rowid';
      order = 'f.rowid';
      where.push('events_fts MATCH ?');
      args.push(long.map(phrase).join(' AND '));
    } else if (bigram.length) {
      from = 'events_bigram b JOIN events e ON e.pos = b.rowid';
      order = 'b.rowid';
      where.push('events_bigram MATCH ?');
      args.push(bigram.map(phrase).join(' AND '));
    }
    for (const t of terms.filter((x) => [...x].length < 3 && !(order === 'b.rowid' && isHanBigram(x)))) {
      where.push("e.search_text LIKE ? ESCAPE '\\'");
      args.push(likePattern(t));
    }
    if (opts.incidentId) {
      where.push('e.incident_id = ?');
      args.push(opts.incidentId);
    }
    const cols = 'e.pos, e.seq, e.incident_id AS incidentId, e.type, e.occurred_at AS occurredAt, e.search_text AS text';
    let rows = this.sql(`SELECT ${cols} FROM ${from} WHERE ${where.join(' AND ')} ORDER BY ${order} DESC LIMIT ?`).all(...args, limit + 1) as Array<
      Omit<SearchHit, 'snippet'> & { text: string }
    >;
    if (order !== 'e.pos') {
      // Events the indexes have not reached yet (a read-only connection cannot index them): every term as LIKE. They
      // are newer than every indexed one, so they come first.
      const tailWhere = ['e.pos > ?', ...terms.map(() => "e.search_text LIKE ? ESCAPE '\\'")];
      const tailArgs: unknown[] = [head, ...terms.map(likePattern)];
      if (opts.incidentId) {
        tailWhere.push('e.incident_id = ?');
        tailArgs.push(opts.incidentId);
      }
      const tail = this.sql(`SELECT ${cols} FROM events e WHERE ${tailWhere.join(' AND ')} ORDER BY e.pos DESC LIMIT ?`).all(...tailArgs, limit + 1) as typeof rows;
      if (tail.length) rows = [...tail, ...rows].slice(0, limit + 1);
    }
    const truncated = rows.length > limit;
    const hits = rows.slice(0, limit).map(({ text, ...h }) => ({ ...h, snippet: snippet(text, terms[0]!) }));
    return { hits, truncated };
  }

  // ---- helpers ------------------------------------------------------------------------------------------------

  private resolvePlan(planId: string, planVersion: string | undefined, at: string): PlanRef {
    if (!this.engine) return { planId, planVersion: planVersion ?? '1' };
    const p = this.engine.resolvePlan(planId, planVersion, at);
    if (!p) {
      const plans = this.engine.knownPlans();
      const known = plans.map((k) => `${k.planId}@${k.planVersion}`).join(', ');
      if (!planVersion && plans.some((k) => k.planId === planId)) {
        const day = shanghaiDate(at);
        throw new AppError({
          code: 'invalid-input',
          message: `字段 occurredAt：${day}（北京时间）没有施行中的预案 ${planId} 版本（已有：${known}）`,
          messageEn: `field occurredAt: no version of plan ${planId} is in force on ${day} (Beijing) (known: ${known})`,
          field: 'occurredAt',
          rule: 'plan-in-force',
        });
      }
      throw new AppError({
        code: 'invalid-input',
        message: `字段 planId：没有预案 ${planId}${planVersion ? `@${planVersion}` : ''}（已有：${known}）`,
        messageEn: `field planId: no plan ${planId}${planVersion ? `@${planVersion}` : ''} (known: ${known})`,
        field: 'planId',
        rule: 'known-plan',
      });
    }
    return p;
  }

  private occurredAt(given: string | undefined, recordedAt: string): string {
    if (given === undefined) return recordedAt;
    const iso = normalizeInstant(given, 'occurredAt');
    if (Date.parse(iso) - Date.parse(recordedAt) > FUTURE_TOLERANCE_MS) {
      throw invalid(
        'occurredAt',
        'not-in-future',
        `字段 occurredAt：发生时间 ${given} 晚于当前时间`,
        `field occurredAt: ${given} is later than now (${recordedAt})`,
      );
    }
    return iso;
  }

  private foldChecked(plan: PlanRef, events: readonly LoggedEvent[]): unknown {
    return this.engine ? this.engine.fold(plan, events) : genericFold(plan, events);
  }
}

/**
 * The seq an event corrects: the envelope's `corrects`, or the plan event's own pointer (`correction.correctsSeq`,
 * `report-filed.correctsReportSeq`); when both are given they must agree.
 */
function correctsOf(input: AppendInput, payload: unknown): number | null {
  const p = (payload ?? {}) as { correctsSeq?: unknown; correctsReportSeq?: unknown };
  const inner = input.type === 'correction' ? p.correctsSeq : input.type === 'report-filed' ? p.correctsReportSeq : undefined;
  if (typeof inner === 'number' && input.corrects !== undefined && input.corrects !== inner) {
    throw invalid('corrects', 'matches-payload', `字段 corrects（${input.corrects}）与内容中所更正的序号（${inner}）不一致`, `field corrects (${input.corrects}) differs from the payload's (${inner})`);
  }
  return input.corrects ?? (typeof inner === 'number' ? inner : null);
}

function summary(e: LoggedEvent): Appended {
  return { pos: e.pos, seq: e.seq, hash: e.hash, incidentId: e.incidentId, type: e.type, recordedAt: e.recordedAt, occurredAt: e.occurredAt };
}

/** A LIKE pattern matching `t` anywhere (with ESCAPE '\\'). */
function likePattern(t: string): string {
  return `%${t.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function snippet(text: string, term: string): string {
  const chars = [...text.replace(/\s+/gu, ' ')];
  const flat = chars.join('');
  const at = flat.toLowerCase().indexOf(term.toLowerCase());
  const pos = at < 0 ? 0 : [...flat.slice(0, at)].length;
  const start = Math.max(0, pos - 30);
  return (start > 0 ? '…' : '') + chars.slice(start, pos + [...term].length + 30).join('') + (pos + 30 < chars.length ? '…' : '');
}
