import type { Database } from 'better-sqlite3';
import { AppError, commands, parseOrThrow, type CommandName, type CommandOutput, type HandoverContent, type HandoverView } from '../../../shared/api';
import { sealHead } from '../log/seal';
import { actorOf, confirmPerson } from '../people/store';
import { consoleHandlers } from './console';
import { dutyHandlers } from './duty';
import { fireHandlers } from './fire';
import type { CallContext, CoreServices, HandlerTable } from './types';

/** The reads the sheet is drafted from, through the same handlers (and input schemas) the screens use. */
async function read<N extends CommandName>(name: N, table: Record<string, unknown>, input: unknown, ctx: CallContext, s: CoreServices): Promise<CommandOutput<N>> {
  const h = table[name] as (i: unknown, c: CallContext, sv: CoreServices) => CommandOutput<N> | Promise<CommandOutput<N>>;
  return h(parseOrThrow(commands[name].input, input), ctx, s);
}

/** The handover sheet at this moment, from the log (issue 15 item 4). */
export async function draftHandover(ctx: CallContext, s: CoreServices): Promise<HandoverContent> {
  const now = s.clock.now();
  const board = await read('console.board', consoleHandlers, { status: 'open' }, ctx, s);
  const due = await read('console.due', consoleHandlers, { soonMinutes: 24 * 60 }, ctx, s);
  const openItems: HandoverContent['openItems'] = [];
  for (const row of board.incidents) {
    if (row.planMissing) continue;
    const inc = await read('console.incident', consoleHandlers, { id: row.id }, ctx, s);
    for (const list of inc.view.checklists) {
      if (!list.applies) continue;
      for (const item of list.items) if (!item.done) openItems.push({ incidentId: row.id, checklist: list.title, text: item.text, unitName: item.unitName });
    }
  }
  const duty = await read('duty.log.list', dutyHandlers, { open: true }, ctx, s);
  const permits = await read('fire.permits.list', fireHandlers, { state: 'active' }, ctx, s);
  const posture = await read('fire.posture', fireHandlers, {}, ctx, s);
  return {
    at: now.toISOString(),
    incidents: board.incidents.map((r) => ({
      id: r.id,
      title: r.exercise ? `【演练】${r.title}` : r.title,
      plan: r.planShortName,
      state: r.stateLabel,
      level: r.level,
      nextDeadline: r.nextDeadline ? { label: r.nextDeadline.label, dueAt: r.nextDeadline.dueAt, status: r.nextDeadline.status } : null,
      overdue: r.overdue.length,
      lateReports: r.lateReports,
    })),
    due: due.items.map((d) => ({ incidentId: d.incidentId, title: d.title, label: d.label, clause: d.clause, dueAt: d.dueAt, phase: d.phase })),
    openItems,
    dutyLog: duty.entries.map((e) => ({
      id: e.id,
      typeLabel: e.typeLabel,
      receivedAt: e.receivedAt,
      content: e.content,
      openSteps: e.steps.filter((x) => !x.doneAt).map((x) => ({ label: x.label, dueAt: x.dueAt, status: x.status })),
    })),
    permits: permits.permits.map((p) => ({ id: p.id, applicant: p.applicant, placeName: p.placeName, windowStart: p.windowStart, windowEnd: p.windowEnd, stateLabel: p.stateLabel })),
    posture: posture.lines,
  };
}

interface Row {
  id: number;
  drafted_at: string;
  content: string;
  notes: string;
  outgoing: string;
  outgoing_at: string;
  head_pos: number;
  head_hash: string | null;
  incoming: string | null;
  incoming_at: string | null;
}

const SELECT = 'SELECT h.*, g.incoming AS incoming, g.at AS incoming_at FROM handovers h LEFT JOIN handover_signatures g ON g.handover_id = h.id';

function viewOf(r: Row): HandoverView {
  return {
    id: r.id,
    draftedAt: r.drafted_at,
    content: JSON.parse(r.content) as HandoverContent,
    notes: r.notes,
    outgoing: r.outgoing,
    outgoingAt: r.outgoing_at,
    incoming: r.incoming,
    incomingAt: r.incoming_at,
    logHead: { pos: r.head_pos, hash: r.head_hash },
    status: r.incoming ? 'signed' : 'awaiting-incoming',
  };
}

function getHandover(db: Database, id: number): HandoverView {
  const r = db.prepare(`${SELECT} WHERE h.id = ?`).get(id) as Row | undefined;
  if (!r) throw new AppError({ code: 'not-found', message: `没有第 ${id} 号交接单`, messageEn: `no handover ${id}`, field: 'id' });
  return viewOf(r);
}

const ON_DUTY = ['duty-officer', 'duty-leader'] as const;

const signedAlready = (h: HandoverView) =>
  new AppError({ code: 'conflict', message: `第 ${h.id} 号交接单已于 ${h.incomingAt} 签收，不能再签`, messageEn: `handover ${h.id} was already signed at ${h.incomingAt}`, field: 'id', rule: 'signed-once' });

/** One sheet at a time: a new one cannot start while the last still waits for its incoming signature. */
function checkNoneWaiting(db: Database): void {
  const waiting = db.prepare('SELECT h.id FROM handovers h WHERE NOT EXISTS (SELECT 1 FROM handover_signatures g WHERE g.handover_id = h.id)').get() as { id: number } | undefined;
  if (waiting) throw new AppError({ code: 'conflict', message: `第 ${waiting.id} 号交接单还在等接班人签字：请先由接班人签收`, messageEn: `handover ${waiting.id} still awaits the incoming signature`, field: 'outgoing', rule: 'one-open-handover' });
}

export const handoverHandlers: HandlerTable<'handover.draft' | 'handover.start' | 'handover.accept' | 'handover.list'> = {
  'handover.draft': (_i, ctx, s) => draftHandover(ctx, s),
  'handover.start': async (i, ctx, s) => {
    const now = s.clock.now();
    checkNoneWaiting(s.db);
    const person = await confirmPerson(s.db, i.outgoing.login, i.outgoing.password, ON_DUTY, { zh: '交班签字', en: 'sign the handover (outgoing)' }, now, ctx.from ?? ctx.transport, 'outgoing');
    const content = await draftHandover(ctx, s);
    const id = s.db
      .transaction(() => {
        checkNoneWaiting(s.db);
        const head = sealHead(s.db);
        return Number(
          s.db
            .prepare('INSERT INTO handovers (drafted_at, content, notes, outgoing, outgoing_at, head_pos, head_hash) VALUES (?, ?, ?, ?, ?, ?, ?)')
            .run(content.at, JSON.stringify(content), i.notes, actorOf(person), now.toISOString(), head?.pos ?? 0, head?.mac ?? null).lastInsertRowid,
        );
      })
      .immediate();
    return getHandover(s.db, id);
  },
  'handover.accept': async (i, ctx, s) => {
    const now = s.clock.now();
    const h = getHandover(s.db, i.id);
    if (h.status === 'signed') throw signedAlready(h);
    const person = await confirmPerson(s.db, i.incoming.login, i.incoming.password, ON_DUTY, { zh: '接班签字', en: 'sign the handover (incoming)' }, now, ctx.from ?? ctx.transport, 'incoming');
    const outgoing = JSON.parse(h.outgoing) as { id: number };
    if (outgoing.id === person.id) throw new AppError({ code: 'invalid-input', message: '字段 incoming.login：接班人不能与交班人是同一人', messageEn: 'field incoming.login: the incoming officer cannot be the outgoing one', field: 'incoming.login', rule: 'two-people' });
    s.db
      .transaction(() => {
        // Checked again inside the write lock: two workstations signing at once, the second is told, not crashed.
        if (getHandover(s.db, h.id).status === 'signed') throw signedAlready(getHandover(s.db, h.id));
        s.db.prepare('INSERT INTO handover_signatures (handover_id, incoming, at) VALUES (?, ?, ?)').run(h.id, actorOf(person), now.toISOString());
      })
      .immediate();
    return getHandover(s.db, h.id);
  },
  'handover.list': (i, _ctx, s) => {
    const rows = s.db.prepare(`${SELECT} ORDER BY (g.incoming IS NULL) DESC, h.id DESC LIMIT ?`).all(i.limit) as Row[];
    return { handovers: rows.map(viewOf) };
  },
};
