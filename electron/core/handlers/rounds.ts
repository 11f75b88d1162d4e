import { AppError, type Round } from '../../../shared/api';
import type { DueItem } from '../../../shared/api/console';
import type { NotificationRule, Plan } from '../../../shared/engine';
import { formatShanghai } from '../../../shared/base/time';
import { logFor } from '../log';
import type { CoreServices, HandlerTable } from './types';

const OUTCOME_ZH = { reached: '通知到', 'no-answer': '未接通', busy: '占线', receipt: '已回执', 'given-up': '放弃通知' } as const;
const CHANNEL_ZH = { phone: '电话', sms: '短信', fax: '传真', system: '系统' } as const;

/**
 * The round's step as a note on the incident's own log (its chain and timeline), in the same transaction. A plan that
 * takes no note in the incident's state (an edited plan may) keeps the step in the sealed round tables only: the call
 * is still recorded, never refused for want of a note.
 */
function noteOnIncident(s: CoreServices, incidentId: string, text: string, actor: string): void {
  try {
    logFor(s.db, s.clock, s.logEngine).append({ incidentId, type: 'note', payload: { text } }, actor);
  } catch (e) {
    if (!(e instanceof AppError) || e.body.code === 'internal') throw e;
  }
}

interface IncidentRow {
  id: string;
  plan_id: string;
  plan_version: string;
  title: string;
}
interface EventRow {
  seq: number;
  type: string;
  payload: string;
  occurred_at: string;
}

/** Whether the incident was opened as an exercise (the log's incident row, from its opening event). */
function isExercise(s: CoreServices, incidentId: string): boolean {
  return logFor(s.db, s.clock, s.logEngine).incidentRow(incidentId).exercise;
}

function incident(s: CoreServices, id: string): { row: IncidentRow; plan: Plan; events: EventRow[] } {
  const row = s.db.prepare('SELECT id, plan_id, plan_version, title FROM incidents WHERE id = ?').get(id) as IncidentRow | undefined;
  if (!row) throw new AppError({ code: 'not-found', message: `没有编号为 ${id} 的事件`, messageEn: `no incident ${id}`, field: 'incidentId' });
  const plan = s.plans.get(row.plan_id, row.plan_version);
  const events = s.db.prepare('SELECT seq, type, payload, occurred_at FROM events WHERE incident_id = ? ORDER BY seq').all(id) as EventRow[];
  return { row, plan, events };
}

/** The events a rule fires on: of its type, at one of its levels when it names levels (the event's `level` or `to`). */
function triggers(rule: NotificationRule, events: EventRow[]): EventRow[] {
  return events.filter((e) => {
    if (e.type !== rule.on) return false;
    if (!rule.levels) return true;
    const p = JSON.parse(e.payload) as { level?: string; to?: string };
    return rule.levels.includes((p.level ?? p.to) as never);
  });
}

/** The plan units a rule names: its units, then every unit of its kinds, once each. */
function unitsOf(plan: Plan, rule: NotificationRule): Plan['units'] {
  const ids = new Set([...rule.units, ...plan.units.filter((u) => rule.unitKinds.includes(u.kind)).map((u) => u.id)]);
  return plan.units.filter((u) => ids.has(u.id));
}

interface RecipientRow {
  id: number;
  round_id: number;
  plan_unit: string;
  name: string;
  number: string;
  contact_unit_id: number | null;
}
interface AttemptRow {
  recipient_id: number;
  at: string;
  channel: Round['recipients'][number]['attempts'][number]['channel'];
  outcome: Round['recipients'][number]['attempts'][number]['outcome'];
  note: string;
  actor: string;
}
interface RoundRow {
  id: number;
  incident_id: string;
  rule_id: string;
  trigger_seq: number;
  label: string;
  clause: string;
  text: string;
  opened_at: string;
  opened_by: string;
  recall_minutes: number;
}

function viewOf(s: CoreServices, r: RoundRow): Round {
  const db = s.db;
  const recipients = db.prepare('SELECT * FROM round_recipients WHERE round_id = ? ORDER BY id').all(r.id) as RecipientRow[];
  const attempts = db.prepare('SELECT a.* FROM round_attempts a JOIN round_recipients x ON x.id = a.recipient_id WHERE x.round_id = ? ORDER BY a.id').all(r.id) as AttemptRow[];
  let last = '';
  const rs = recipients.map((x) => {
    const mine = attempts.filter((a) => a.recipient_id === x.id);
    const done = mine.find((a) => a.outcome === 'reached' || a.outcome === 'receipt' || a.outcome === 'given-up');
    const status = !done ? ('pending' as const) : done.outcome === 'given-up' ? ('given-up' as const) : ('reached' as const);
    if (done && done.at > last) last = done.at;
    const tail = mine.at(-1);
    const callAt = done ? null : tail ? new Date(Date.parse(tail.at) + r.recall_minutes * 60_000).toISOString() : r.opened_at;
    return { id: x.id, planUnit: x.plan_unit, name: x.name, number: x.number, contactUnitId: x.contact_unit_id, status, callAt, attempts: mine.map((a) => ({ at: a.at, channel: a.channel, outcome: a.outcome, note: a.note, actor: a.actor })) };
  });
  return {
    id: r.id,
    incidentId: r.incident_id,
    exercise: isExercise(s, r.incident_id),
    ruleId: r.rule_id,
    triggerSeq: r.trigger_seq,
    label: r.label,
    clause: r.clause,
    text: r.text,
    openedAt: r.opened_at,
    openedBy: r.opened_by,
    recallMinutes: r.recall_minutes,
    recipients: rs,
    completedAt: rs.length && rs.every((x) => x.status !== 'pending') ? last : null,
  };
}

/**
 * Re-calls for the deadline banner (issue 16 item 2): one line per round that still has someone to call, due at the
 * earliest time one of them is to be called (again). The obligation id counts the calls made so far, so each new
 * re-call is announced once more, and a round whose last recipient is settled drops out.
 */
export function roundsDue(s: CoreServices, now: Date, soonMinutes: number): DueItem[] {
  const open = s.db
    .prepare(
      `SELECT r.*, i.title AS incident_title FROM rounds r JOIN incidents i ON i.id = r.incident_id
        WHERE EXISTS (SELECT 1 FROM round_recipients x WHERE x.round_id = r.id
                       AND NOT EXISTS (SELECT 1 FROM round_attempts a WHERE a.recipient_id = x.id AND a.outcome IN ('reached', 'receipt', 'given-up')))`,
    )
    .all() as Array<RoundRow & { incident_title: string }>;
  const out: DueItem[] = [];
  for (const r of open) {
    const v = viewOf(s, r);
    // An exercise's re-calls stay on its own 通知 tab: the banner is for real incidents.
    if (v.exercise) continue;
    const pending = v.recipients.filter((x) => x.status === 'pending' && x.callAt);
    const at = Math.min(...pending.map((x) => Date.parse(x.callAt!)));
    const msLeft = at - now.getTime();
    const phase = msLeft < 0 ? 'overdue' : msLeft <= soonMinutes * 60_000 ? 'soon' : null;
    if (!phase) continue;
    const calls = v.recipients.reduce((n, x) => n + x.attempts.length, 0);
    const obligationId = `round:${r.id}:${calls}`;
    out.push({ key: `${r.incident_id}:${obligationId}:${phase}`, incidentId: r.incident_id, title: r.incident_title, obligationId, label: `${r.label}（${pending.length}个单位尚未通知到${calls ? '，须再次拨打' : ''}）`, clause: r.clause, dueAt: new Date(at).toISOString(), phase, msLeft });
  }
  return out;
}

/** The text read out or sent (SMS template): the incident, the step that was taken, and who to call back. */
function messageText(plan: Plan, row: IncidentRow, ev: EventRow, rule: NotificationRule): string {
  const p = JSON.parse(ev.payload) as { level?: string; to?: string };
  const level = p.level ?? p.to;
  return `【${plan.title}】${row.title}（${row.id}）：${formatShanghai(ev.occurred_at)}${level ? ` 启动${level}级应急响应` : ''}。${rule.label}（${rule.clause}）。请回复县指挥部办公室值班室。`;
}

export const roundHandlers: HandlerTable<'rounds.list' | 'rounds.open' | 'rounds.record'> = {
  'rounds.list': (i, _ctx, s) => {
    const { plan, events } = incident(s, i.incidentId);
    const rows = s.db.prepare('SELECT * FROM rounds WHERE incident_id = ? ORDER BY id').all(i.incidentId) as RoundRow[];
    const opened = new Set(rows.map((r) => `${r.rule_id}:${r.trigger_seq}`));
    const due = plan.notifications.flatMap((rule) =>
      triggers(rule, events)
        .filter((e) => !opened.has(`${rule.id}:${e.seq}`))
        .map((e) => ({ ruleId: rule.id, triggerSeq: e.seq, label: rule.label, clause: rule.clause, units: unitsOf(plan, rule).map((u) => ({ id: u.id, name: u.name })) })),
    );
    return { now: s.clock.now().toISOString(), exercise: isExercise(s, i.incidentId), rounds: rows.map((r) => viewOf(s, r)), due };
  },
  'rounds.open': (i, ctx, s) =>
    s.db
      .transaction(() => {
        const { row, plan, events } = incident(s, i.incidentId);
        const rule = plan.notifications.find((n) => n.id === i.ruleId);
        if (!rule) throw new AppError({ code: 'invalid-input', message: `字段 ruleId：预案没有“${i.ruleId}”这一通知要求`, messageEn: `field ruleId: the plan has no notification rule ${i.ruleId}`, field: 'ruleId' });
        const ev = triggers(rule, events).find((e) => e.seq === i.triggerSeq);
        if (!ev) throw new AppError({ code: 'conflict', message: `字段 triggerSeq：第 ${i.triggerSeq} 号记录不是“${rule.label}”的起因`, messageEn: `field triggerSeq: event ${i.triggerSeq} does not trigger ${rule.id}`, field: 'triggerSeq' });
        const had = s.db.prepare('SELECT * FROM rounds WHERE incident_id = ? AND rule_id = ? AND trigger_seq = ?').get(i.incidentId, rule.id, ev.seq) as RoundRow | undefined;
        if (had) throw new AppError({ code: 'conflict', message: `这一轮通知已于 ${formatShanghai(had.opened_at)} 开始（第 ${had.id} 轮）`, messageEn: `round ${had.id} was already opened`, field: 'ruleId', rule: 'one-round' });
        const now = s.clock.now().toISOString();
        // An exercise's round reaches nobody real unless the officer chose to (the numbers are left out, the text says 演练).
        const exercise = isExercise(s, row.id);
        const real = !exercise || i.realContacts;
        const text = `${exercise ? '【演练】' : ''}${messageText(plan, row, ev, rule)}`;
        const id = Number(
          s.db
            .prepare('INSERT INTO rounds (incident_id, rule_id, trigger_seq, label, clause, text, opened_at, opened_by, recall_minutes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
            .run(row.id, rule.id, ev.seq, rule.label, rule.clause, text, now, ctx.actor, i.recallMinutes).lastInsertRowid,
        );
        const contacts = s.db.prepare('SELECT u.id, u.duty_phone, u.plan_units, (SELECT mobile FROM contact_people p WHERE p.unit_id = u.id AND mobile <> \'\' ORDER BY p.id LIMIT 1) AS mobile FROM contact_units u').all() as Array<{ id: number; duty_phone: string; plan_units: string; mobile: string | null }>;
        for (const u of unitsOf(plan, rule)) {
          const c = real ? contacts.find((x) => (JSON.parse(x.plan_units) as string[]).includes(u.id)) : undefined;
          s.db.prepare('INSERT INTO round_recipients (round_id, plan_unit, name, number, contact_unit_id) VALUES (?, ?, ?, ?, ?)').run(id, u.id, u.name, c ? c.duty_phone || c.mobile || '' : '', c?.id ?? null);
        }
        const opened = viewOf(s, s.db.prepare('SELECT * FROM rounds WHERE id = ?').get(id) as RoundRow);
        noteOnIncident(s, row.id, `${exercise ? '【演练】' : ''}通知轮次开始（第${id}轮）：${rule.label}（${rule.clause}），共${opened.recipients.length}个单位`, ctx.actor);
        return opened;
      })
      .immediate(),
  'rounds.record': (i, ctx, s) =>
    s.db
      .transaction(() => {
        const x = s.db.prepare('SELECT * FROM round_recipients WHERE id = ?').get(i.recipientId) as RecipientRow | undefined;
        if (!x) throw new AppError({ code: 'not-found', message: `没有编号为 ${i.recipientId} 的通知对象`, messageEn: `no recipient ${i.recipientId}`, field: 'recipientId' });
        const round = viewOf(s, s.db.prepare('SELECT * FROM rounds WHERE id = ?').get(x.round_id) as RoundRow);
        const r = round.recipients.find((y) => y.id === x.id)!;
        if (r.status !== 'pending') throw new AppError({ code: 'conflict', message: `${x.name}已${r.status === 'reached' ? '通知到' : '放弃通知'}，不再记录`, messageEn: `${x.plan_unit} is already ${r.status}`, field: 'recipientId', rule: 'settled' });
        if (i.outcome === 'given-up' && !i.note) throw new AppError({ code: 'invalid-input', message: '字段 note：放弃通知须写明原因', messageEn: 'field note: giving up needs a reason', field: 'note', rule: 'reason' });
        s.db.prepare('INSERT INTO round_attempts (recipient_id, at, channel, outcome, note, actor) VALUES (?, ?, ?, ?, ?, ?)').run(x.id, s.clock.now().toISOString(), i.channel, i.outcome, i.note, ctx.actor);
        const after = viewOf(s, s.db.prepare('SELECT * FROM rounds WHERE id = ?').get(x.round_id) as RoundRow);
        const done = after.completedAt ? `；第${after.id}轮已全部通知` : '';
        noteOnIncident(s, round.incidentId, `通知（第${after.id}轮）${x.name}：${OUTCOME_ZH[i.outcome]}（${CHANNEL_ZH[i.channel]}）${i.note ? `，${i.note}` : ''}${done}`, ctx.actor);
        return after;
      })
      .immediate(),
};
