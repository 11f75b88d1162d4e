import type { Database } from 'better-sqlite3';
import { AppError, fieldError, ROLE_LABELS, type PersonView, type RosterSlot } from '../../../shared/api';
import { isIsoDate } from '../../../shared/base/time';
import { overlaps, SHIFT_TEMPLATES, shiftWindow } from '../../../shared/duty/roster';
import { actorOf, confirmPerson, getPerson } from '../people/store';
import { readXlsx } from '../fire/ledgers';
import { allRowsOrNone, cellText, problemOf } from '../xlsxImport';
import type { HandlerTable, ParsedInput } from './types';
import { excel } from '../xlsx';

interface Row {
  id: number;
  date: string;
  shift: string;
  starts_at: string;
  ends_at: string;
  officers: string;
  leader_id: number;
  reinforcement: number;
  note: string;
  set_by: string;
  set_at: string;
}

const ref = (p: PersonView) => ({ id: p.id, name: p.name, phone: p.phone });

function viewOf(db: Database, r: Row): RosterSlot {
  const shift = SHIFT_TEMPLATES.find((s) => s.id === r.shift)!;
  return {
    id: r.id,
    date: r.date,
    shift: r.shift,
    shiftLabel: shift.label,
    startsAt: r.starts_at,
    endsAt: r.ends_at,
    officers: (JSON.parse(r.officers) as number[]).map((id) => ref(getPerson(db, id))),
    leader: ref(getPerson(db, r.leader_id)),
    reinforcement: r.reinforcement === 1,
    note: r.note,
    setBy: r.set_by,
    setAt: r.set_at,
  };
}

const bad = (field: string, zh: string, en: string, rule: string) => fieldError(field, rule, zh, en);

/** Officers must be active and on duty staff (值班员 or 带班领导); the leader must be an active 带班领导. */
function checkPeople(db: Database, officers: number[], leader: number): void {
  officers.forEach((id, k) => {
    const p = db.prepare('SELECT id FROM people WHERE id = ?').get(id) ? getPerson(db, id) : null;
    if (!p || !p.active) throw bad(`officers.${k}`, `没有编号为 ${id} 的在用账户`, `no active account ${id}`, 'person');
    if (!p.roles.some((r) => r === 'duty-officer' || r === 'duty-leader')) throw bad(`officers.${k}`, `${p.name}不是值班员或带班领导`, `${p.name} is not a duty officer or leader`, 'role');
  });
  if (new Set(officers).size !== officers.length) throw bad('officers', '同一人重复排入本班', 'the same person twice on one shift', 'unique');
  const l = db.prepare('SELECT id FROM people WHERE id = ?').get(leader) ? getPerson(db, leader) : null;
  if (!l || !l.active) throw bad('leader', `没有编号为 ${leader} 的在用账户`, `no active account ${leader}`, 'person');
  if (!l.roles.includes('duty-leader')) throw bad('leader', `${l.name}不是${ROLE_LABELS['duty-leader'].zh}`, `${l.name} is not a duty leader`, 'role');
}

function slotAt(db: Database, at: string): Row | undefined {
  return db.prepare('SELECT * FROM roster WHERE starts_at <= ? AND ends_at > ? ORDER BY starts_at DESC LIMIT 1').get(at, at) as Row | undefined;
}

/** Put `i` on the roster (replacing what that shift of that date had), checked; inside the caller's transaction. */
function setSlot(db: Database, i: SetInput, actor: string, now: Date): RosterSlot {
  if (!isIsoDate(i.date)) throw bad('date', `${i.date} 不是有效的日期`, `${i.date} is not a calendar date`, 'date');
  checkPeople(db, i.officers, i.leader);
  const w = shiftWindow(i.date, i.shift);
  // Shifts never overlap: a 24-hour shift and a day or night shift of the same time are one or the other.
  const clash = (db.prepare('SELECT * FROM roster WHERE starts_at < ? AND ends_at > ? AND NOT (date = ? AND shift = ?)').all(w.endsAt, w.startsAt, i.date, i.shift) as Row[]).find((r) =>
    overlaps({ startsAt: r.starts_at, endsAt: r.ends_at }, w),
  );
  if (clash) {
    const label = SHIFT_TEMPLATES.find((x) => x.id === clash.shift)!.label;
    throw bad('shift', `与已排的 ${clash.date} ${label} 时间重叠，请先改那一班`, `overlaps the ${clash.date} ${clash.shift} shift already on the roster`, 'no-overlap');
  }
  db
    .prepare(
      `INSERT INTO roster (date, shift, starts_at, ends_at, officers, leader_id, reinforcement, note, set_by, set_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT(date, shift) DO UPDATE SET officers = excluded.officers, leader_id = excluded.leader_id, reinforcement = excluded.reinforcement,
         note = excluded.note, set_by = excluded.set_by, set_at = excluded.set_at`,
    )
    .run(i.date, i.shift, w.startsAt, w.endsAt, JSON.stringify(i.officers), i.leader, i.reinforcement ? 1 : 0, i.note, actor, now.toISOString());
  const row = db.prepare('SELECT * FROM roster WHERE date = ? AND shift = ?').get(i.date, i.shift) as Row;
  db.prepare("INSERT INTO roster_events (roster_id, kind, detail, actor, approver, at) VALUES (?, 'set', ?, ?, NULL, ?)").run(row.id, JSON.stringify({ officers: i.officers, leader: i.leader, reinforcement: i.reinforcement, note: i.note }), actor, now.toISOString());
  return viewOf(db, row);
}

type SetInput = ParsedInput<'roster.set'>;

/** The template's columns, in order; the first four are required. */
const XLSX_COLUMNS = ['日期', '班次', '值班人员', '带班领导', '节假日加强', '备注'] as const;

/** A person named in the sheet by sign-in name or by name (a name two accounts share must be given as sign-in name). */
function personByText(db: Database, text: string, field: string): number {
  const t = text.trim();
  const byLogin = db.prepare('SELECT id FROM people WHERE login = ? AND active = 1').get(t) as { id: number } | undefined;
  if (byLogin) return byLogin.id;
  const byName = db.prepare('SELECT id FROM people WHERE name = ? AND active = 1').all(t) as Array<{ id: number }>;
  if (byName.length === 1) return byName[0]!.id;
  if (byName.length > 1) throw bad(field, `有 ${byName.length} 个在用账户叫“${t}”，请写登录名`, `${byName.length} active accounts are named "${t}": give the sign-in name`, 'ambiguous');
  throw bad(field, `没有登录名或姓名为“${t}”的在用账户`, `no active account "${t}"`, 'person');
}


/** One row of the template as the input of roster.set. */
function rowInput(db: Database, rec: Record<string, unknown>): SetInput {
  const date = cellText(rec['日期']);
  const shiftText = cellText(rec['班次']);
  const shift = SHIFT_TEMPLATES.find((x) => x.label === shiftText || x.id === shiftText);
  if (!shift) throw bad('班次', `“${shiftText}”不是班次（${SHIFT_TEMPLATES.map((x) => x.label).join('、')}）`, `"${shiftText}" is not a shift`, 'shift');
  const officers = cellText(rec['值班人员']).split(/[,，、;；\s]+/u).filter(Boolean).map((x) => personByText(db, x, '值班人员'));
  if (!officers.length) throw bad('值班人员', '至少排一人', 'at least one person', 'required');
  const leader = personByText(db, cellText(rec['带班领导']), '带班领导');
  const flag = cellText(rec['节假日加强']);
  return { date, shift: shift.id, officers, leader, reinforcement: flag === '是' || flag.toLowerCase() === 'true' || flag === '1', note: cellText(rec['备注']).slice(0, 500) };
}

/** The roster as the template: the same columns the import reads. */
async function rosterXlsx(slots: RosterSlot[]): Promise<string> {
  const wb = new (await excel()).Workbook();
  const ws = wb.addWorksheet('排班表');
  ws.addRow([...XLSX_COLUMNS]);
  ws.getRow(1).font = { bold: true };
  for (const x of slots) ws.addRow([x.date, x.shiftLabel, x.officers.map((p) => p.name).join('、'), x.leader.name, x.reinforcement ? '是' : '否', x.note]);
  ws.columns.forEach((c, k) => (c.width = [12, 10, 24, 12, 10, 30][k]));
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

export const rosterHandlers: HandlerTable<'roster.set' | 'roster.list' | 'roster.now' | 'roster.swap' | 'roster.export' | 'roster.import'> = {
  'roster.set': (i, ctx, s) => s.db.transaction(() => setSlot(s.db, i, ctx.actor, s.clock.now())).immediate(),
  'roster.export': async (i, _ctx, s) => {
    const rows = s.db.prepare('SELECT * FROM roster WHERE date >= ? AND date <= ? ORDER BY starts_at').all(i.from, i.to) as Row[];
    return { fileName: `排班表_${i.from}_${i.to}.xlsx`, content: await rosterXlsx(rows.map((r) => viewOf(s.db, r))), rows: rows.length };
  },
  'roster.import': async (i, ctx, s) => {
    const { headers, records, problems } = await readXlsx(Buffer.from(i.content, 'base64'));
    const missing = XLSX_COLUMNS.slice(0, 4).filter((c) => !headers.includes(c));
    if (missing.length) problems.push({ row: 1, field: '', column: missing.join('、'), message: `缺少列：${missing.join('、')}（请用导出的模板）` });
    const inputs: Array<SetInput & { row: number }> = [];
    if (!missing.length) records.forEach((rec, k) => {
      const row = k + 2;
      try {
        inputs.push({ row, ...rowInput(s.db, rec) });
      } catch (e) {
        problems.push({ ...problemOf(row, e), column: '' });
      }
    });
    // Every row is checked as it would be written; written only if all pass.
    const now = s.clock.now();
    allRowsOrNone(
      s.db,
      () => {
        for (const x of inputs) {
          try {
            setSlot(s.db, x, ctx.actor, now);
          } catch (e) {
            problems.push({ ...problemOf(x.row, e), column: '' });
          }
        }
      },
      () => !problems.length && !i.dryRun,
    );
    problems.sort((x, y) => x.row - y.row);
    return { rows: inputs.length, problems, written: !problems.length && !i.dryRun ? inputs.length : 0 };
  },
  'roster.list': (i, _ctx, s) => {
    if (i.to < i.from) throw bad('to', '结束日期早于开始日期', 'the end date is before the start date', 'order');
    const rows = s.db.prepare('SELECT * FROM roster WHERE date >= ? AND date <= ? ORDER BY starts_at').all(i.from, i.to) as Row[];
    return { slots: rows.map((r) => viewOf(s.db, r)) };
  },
  'roster.now': (_i, _ctx, s) => {
    const now = s.clock.now().toISOString();
    const cur = slotAt(s.db, now);
    const next = s.db.prepare('SELECT * FROM roster WHERE starts_at >= ? ORDER BY starts_at LIMIT 1').get(cur?.ends_at ?? now) as Row | undefined;
    return { now, current: cur ? viewOf(s.db, cur) : null, next: next ? viewOf(s.db, next) : null, nextHandoverAt: cur?.ends_at ?? next?.starts_at ?? null };
  },
  'roster.swap': async (i, ctx, s) => {
    const now = s.clock.now();
    const leader = await confirmPerson(s.db, i.approval.login, i.approval.password, ['duty-leader'], { zh: '批准换班', en: 'approve a swap' }, now, ctx.from ?? ctx.transport);
    return s.db
      .transaction(() => {
        const r = s.db.prepare('SELECT * FROM roster WHERE id = ?').get(i.id) as Row | undefined;
        if (!r) throw new AppError({ code: 'not-found', message: `排班表中没有第 ${i.id} 班`, messageEn: `no roster slot ${i.id}`, field: 'id' });
        if (r.ends_at <= now.toISOString()) throw new AppError({ code: 'conflict', message: `${r.date} 这一班已经结束，不能再换班`, messageEn: 'this shift is over', field: 'id', rule: 'past' });
        const officers = JSON.parse(r.officers) as number[];
        const k = officers.indexOf(i.out);
        if (k < 0) throw bad('out', `编号 ${i.out} 的人员不在这一班`, `person ${i.out} is not on this shift`, 'on-shift');
        const swapped = officers.map((x) => (x === i.out ? i.in : x));
        checkPeople(s.db, swapped, r.leader_id);
        s.db.prepare('UPDATE roster SET officers = ?, set_by = ?, set_at = ? WHERE id = ?').run(JSON.stringify(swapped), ctx.actor, now.toISOString(), r.id);
        s.db.prepare("INSERT INTO roster_events (roster_id, kind, detail, actor, approver, at) VALUES (?, 'swap', ?, ?, ?, ?)").run(r.id, JSON.stringify({ out: i.out, in: i.in, reason: i.reason }), ctx.actor, actorOf(leader), now.toISOString());
        return viewOf(s.db, s.db.prepare('SELECT * FROM roster WHERE id = ?').get(r.id) as Row);
      })
      .immediate();
  },
};
