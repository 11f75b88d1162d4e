/**
 * The duty log's store (migration 071). An entry is written once with its type as it was; what happens to it after
 * (a step done, closed, turned into an incident) is an event of its own. Views are built from both at `now`.
 */
import type { Database } from 'better-sqlite3';
import { AppError, fieldError, type DutyEntryView } from '../../../shared/api';
import type { dutyEntryInput } from '../../../shared/api/duty';
import { DEFAULT_ENTRY_TYPES, entryTypesSchema, stepClocks, type DutyEntryType } from '../../../shared/duty/types';
import { shanghaiDate } from '../../../shared/base/time';
import type { z } from 'zod';

const TYPES_KEY = 'entry-types';

export function entryTypes(db: Database): { types: DutyEntryType[]; edited: boolean } {
  const row = db.prepare('SELECT value FROM duty_settings WHERE key = ?').get(TYPES_KEY) as { value: string } | undefined;
  if (!row) return { types: [...DEFAULT_ENTRY_TYPES], edited: false };
  return { types: entryTypesSchema.parse(JSON.parse(row.value)), edited: true };
}

export function saveEntryTypes(db: Database, types: DutyEntryType[], actor: string, at: Date): { types: DutyEntryType[]; edited: boolean } {
  db.prepare('INSERT INTO duty_settings (key, value, updated_at, updated_by) VALUES (?, ?, ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at, updated_by = excluded.updated_by').run(
    TYPES_KEY,
    JSON.stringify(types),
    at.toISOString(),
    actor,
  );
  return entryTypes(db);
}

interface EntryRow {
  id: number;
  type: string;
  type_def: string;
  received_at: string;
  caller_unit: string;
  caller_name: string;
  caller_post: string;
  caller_phone: string;
  place: string;
  content: string;
  measures: string;
  trend: string;
  already_told: string;
  recorded_by: string;
  recorded_at: string;
}

interface EventRow {
  entry_id: number;
  kind: 'step' | 'closed' | 'promoted';
  step: string | null;
  at: string;
  note: string;
  incident_id: string | null;
  actor: string;
}

function viewOf(r: EntryRow, events: EventRow[], now: Date): DutyEntryView {
  const type = JSON.parse(r.type_def) as DutyEntryType;
  const done = new Map<string, EventRow>();
  for (const e of events) if (e.kind === 'step' && e.step && !done.has(e.step)) done.set(e.step, e);
  const clocks = stepClocks(type, r.received_at, new Map([...done].map(([k, e]) => [k, e.at])), now);
  const closed = events.find((e) => e.kind === 'closed');
  const promoted = events.find((e) => e.kind === 'promoted');
  return {
    id: r.id,
    type: r.type,
    typeLabel: type.label,
    basis: type.basis,
    receivedAt: r.received_at,
    callerUnit: r.caller_unit,
    callerName: r.caller_name,
    callerPost: r.caller_post,
    callerPhone: r.caller_phone,
    place: r.place,
    content: r.content,
    measures: r.measures,
    trend: r.trend,
    alreadyTold: r.already_told,
    recordedBy: r.recorded_by,
    recordedAt: r.recorded_at,
    // A closed entry's unfinished steps no longer count down: they stay as they were, open, and the close note says why.
    steps: clocks.map((c) => ({ ...c, status: closed && c.status === 'overdue' && !c.doneAt ? 'open' : c.status, doneBy: done.get(c.stepId)?.actor ?? null, note: done.get(c.stepId)?.note ?? '' })),
    status: closed ? 'closed' : 'open',
    closedAt: closed?.at ?? null,
    closedBy: closed?.actor ?? null,
    closeNote: closed?.note ?? '',
    incidentId: promoted?.incident_id ?? null,
  };
}

function eventsOf(db: Database, ids: number[]): Map<number, EventRow[]> {
  const out = new Map<number, EventRow[]>();
  if (!ids.length) return out;
  const rows = db.prepare(`SELECT * FROM duty_entry_events WHERE entry_id IN (SELECT value FROM json_each(?)) ORDER BY id`).all(JSON.stringify(ids)) as EventRow[];
  for (const e of rows) (out.get(e.entry_id) ?? out.set(e.entry_id, []).get(e.entry_id)!).push(e);
  return out;
}

export function getEntry(db: Database, id: number, now: Date): DutyEntryView {
  const r = db.prepare('SELECT * FROM duty_entries WHERE id = ?').get(id) as EntryRow | undefined;
  if (!r) throw new AppError({ code: 'not-found', message: `值班日志中没有第 ${id} 条`, messageEn: `no duty-log entry ${id}`, field: 'id' });
  return viewOf(r, eventsOf(db, [id]).get(id) ?? [], now);
}

/** One Beijing day's entries (by time received), or every entry still open. */
export function listEntries(db: Database, opts: { date?: string; open: boolean }, now: Date): { date: string | null; entries: DutyEntryView[] } {
  let rows: EntryRow[];
  let date: string | null = null;
  if (opts.open) {
    rows = db.prepare("SELECT * FROM duty_entries WHERE id NOT IN (SELECT entry_id FROM duty_entry_events WHERE kind = 'closed') ORDER BY received_at, id").all() as EntryRow[];
  } else {
    date = opts.date ?? shanghaiDate(now);
    // A Beijing day is [00:00, 24:00) at UTC+8: from the previous UTC day's 16:00.
    const from = new Date(Date.parse(`${date}T00:00:00+08:00`)).toISOString();
    const to = new Date(Date.parse(`${date}T00:00:00+08:00`) + 86_400_000).toISOString();
    rows = db.prepare('SELECT * FROM duty_entries WHERE received_at >= ? AND received_at < ? ORDER BY received_at, id').all(from, to) as EntryRow[];
  }
  const ev = eventsOf(db, rows.map((r) => r.id));
  return { date, entries: rows.map((r) => viewOf(r, ev.get(r.id) ?? [], now)) };
}

const bad = (field: string, zh: string, en: string, rule: string) => fieldError(field, rule, zh, en);

export function recordEntry(db: Database, input: z.output<typeof dutyEntryInput>, actor: string, now: Date): DutyEntryView {
  const type = entryTypes(db).types.find((t) => t.id === input.type);
  if (!type) throw bad('type', `没有“${input.type}”这种登记类型`, `no entry type "${input.type}"`, 'entry-type');
  const received = input.receivedAt ? new Date(input.receivedAt) : now;
  if (Number.isNaN(received.getTime())) throw bad('receivedAt', '不是有效的时间', 'not a valid time', 'instant');
  if (received.getTime() > now.getTime() + 60_000) throw bad('receivedAt', '接收时间不能晚于现在', 'the time received cannot be in the future', 'not-future');
  const id = Number(
    db
      .prepare(
        `INSERT INTO duty_entries (type, type_def, received_at, caller_unit, caller_name, caller_post, caller_phone, place, content, measures, trend, already_told, recorded_by, recorded_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(type.id, JSON.stringify(type), received.toISOString(), input.callerUnit, input.callerName, input.callerPost, input.callerPhone, input.place, input.content, input.measures, input.trend, input.alreadyTold, actor, now.toISOString()).lastInsertRowid,
  );
  return getEntry(db, id, now);
}

function openEntry(db: Database, id: number, now: Date): DutyEntryView {
  const e = getEntry(db, id, now);
  if (e.status === 'closed') throw new AppError({ code: 'conflict', message: `第 ${id} 条已于 ${e.closedAt} 办结，不能再办理`, messageEn: `entry ${id} was closed at ${e.closedAt}`, field: 'id', rule: 'closed' });
  return e;
}

function addEvent(db: Database, entryId: number, kind: EventRow['kind'], fields: { step?: string; at: Date; note?: string; incidentId?: string }, actor: string, now: Date): void {
  db.prepare('INSERT INTO duty_entry_events (entry_id, kind, step, at, note, incident_id, actor, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
    entryId,
    kind,
    fields.step ?? null,
    fields.at.toISOString(),
    fields.note ?? '',
    fields.incidentId ?? null,
    actor,
    now.toISOString(),
  );
}

export function doStep(db: Database, id: number, step: string, atIso: string | undefined, note: string, actor: string, now: Date): DutyEntryView {
  const e = openEntry(db, id, now);
  const s = e.steps.find((x) => x.stepId === step);
  if (!s) throw bad('step', `“${e.typeLabel}”没有“${step}”这一步`, `entry type ${e.type} has no step ${step}`, 'step');
  if (s.doneAt) throw new AppError({ code: 'conflict', message: `“${s.label}”已于 ${s.doneAt} 办理`, messageEn: `step ${step} was done at ${s.doneAt}`, field: 'step', rule: 'done' });
  const at = atIso ? new Date(atIso) : now;
  if (Number.isNaN(at.getTime())) throw bad('at', '不是有效的时间', 'not a valid time', 'instant');
  if (at.getTime() > now.getTime() + 60_000) throw bad('at', '办理时间不能晚于现在', 'the time done cannot be in the future', 'not-future');
  if (at.toISOString() < e.receivedAt) throw bad('at', '办理时间不能早于接收时间', 'the time done cannot be before the time received', 'after-received');
  addEvent(db, id, 'step', { step, at, note }, actor, now);
  return getEntry(db, id, now);
}

export function closeEntry(db: Database, id: number, note: string, actor: string, now: Date): DutyEntryView {
  const e = openEntry(db, id, now);
  const open = e.steps.filter((s) => !s.doneAt);
  if (open.length && !note.trim())
    throw bad('note', `还有未办理的步骤（${open.map((s) => s.label).join('、')}），办结须写明原因`, `steps still open (${open.map((s) => s.stepId).join(', ')}): closing needs a note saying why`, 'open-steps-need-reason');
  addEvent(db, id, 'closed', { at: now, note }, actor, now);
  return getEntry(db, id, now);
}

export function markPromoted(db: Database, id: number, incidentId: string, actor: string, now: Date): DutyEntryView {
  addEvent(db, id, 'promoted', { at: now, incidentId, note: '' }, actor, now);
  return getEntry(db, id, now);
}

export function assertPromotable(db: Database, id: number, now: Date): DutyEntryView {
  const e = openEntry(db, id, now);
  if (e.incidentId) throw new AppError({ code: 'conflict', message: `第 ${id} 条已转为事件 ${e.incidentId}`, messageEn: `entry ${id} is already incident ${e.incidentId}`, field: 'id', rule: 'promoted' });
  return e;
}
