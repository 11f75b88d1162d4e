import type { Database } from 'better-sqlite3';
import { AppError, type ContactUnit } from '../../../shared/api';
import type { HandlerTable } from './types';

interface UnitRow {
  id: number;
  name: string;
  kind: ContactUnit['kind'];
  duty_phone: string;
  fax: string;
  email: string;
  note: string;
  plan_units: string;
  updated_by: string;
  updated_at: string;
}
interface PersonRow {
  id: number;
  unit_id: number;
  name: string;
  post: string;
  mobile: string;
  office_phone: string;
  email: string;
  updated_by: string;
  updated_at: string;
}

function units(db: Database, ids: number[] | null): ContactUnit[] {
  const rows = (ids ? db.prepare('SELECT * FROM contact_units WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id').all(JSON.stringify(ids)) : db.prepare('SELECT * FROM contact_units ORDER BY id').all()) as UnitRow[];
  const people = db.prepare('SELECT * FROM contact_people WHERE unit_id IN (SELECT value FROM json_each(?)) ORDER BY id').all(JSON.stringify(rows.map((r) => r.id))) as PersonRow[];
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    kind: r.kind,
    dutyPhone: r.duty_phone,
    fax: r.fax,
    email: r.email,
    note: r.note,
    planUnits: JSON.parse(r.plan_units) as string[],
    people: people
      .filter((p) => p.unit_id === r.id)
      .map((p) => ({ id: p.id, unitId: p.unit_id, name: p.name, post: p.post, mobile: p.mobile, officePhone: p.office_phone, email: p.email, updatedBy: p.updated_by, updatedAt: p.updated_at })),
    updatedBy: r.updated_by,
    updatedAt: r.updated_at,
  }));
}

function unit(db: Database, id: number): ContactUnit {
  const u = units(db, [id])[0];
  if (!u) throw new AppError({ code: 'not-found', message: `通讯录中没有编号为 ${id} 的单位`, messageEn: `no contact unit ${id}`, field: 'unitId' });
  return u;
}

/** `%…%` for LIKE with the user's text taken literally. */
const like = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export const contactHandlers: HandlerTable<'contacts.list' | 'contacts.saveUnit' | 'contacts.savePerson' | 'contacts.gaps'> = {
  'contacts.list': (i, _ctx, s) => {
    if (!i.q) return { units: units(s.db, null) };
    // A number is matched without its separators (0358-1234567 finds 03581234567 and back).
    const digits = i.q.replace(/[^0-9]/g, '');
    const num = (col: string) => `replace(replace(replace(${col}, '-', ''), ' ', ''), '+', '') LIKE @d ESCAPE '\\'`;
    const ids = s.db
      .prepare(
        `SELECT id FROM contact_units WHERE name LIKE @q ESCAPE '\\' OR note LIKE @q ESCAPE '\\' ${digits ? `OR ${num('duty_phone')} OR ${num('fax')}` : ''}
         UNION SELECT unit_id FROM contact_people WHERE name LIKE @q ESCAPE '\\' OR post LIKE @q ESCAPE '\\' ${digits ? `OR ${num('mobile')} OR ${num('office_phone')}` : ''}`,
      )
      .all({ q: like(i.q), d: like(digits) }) as Array<{ id: number }>;
    return { units: units(s.db, ids.map((r) => r.id)) };
  },
  'contacts.saveUnit': (i, ctx, s) =>
    s.db
      .transaction(() => {
        const now = s.clock.now().toISOString();
        const dup = s.db.prepare('SELECT id FROM contact_units WHERE name = ? AND id IS NOT ?').get(i.name, i.id ?? null) as { id: number } | undefined;
        if (dup) throw new AppError({ code: 'conflict', message: `字段 name：通讯录中已有“${i.name}”（第 ${dup.id} 号）`, messageEn: `field name: "${i.name}" is already in the directory (${dup.id})`, field: 'name', rule: 'unique' });
        const vals = [i.name, i.kind, i.dutyPhone, i.fax, i.email, i.note, JSON.stringify([...new Set(i.planUnits)]), ctx.actor, now];
        if (i.id) {
          unit(s.db, i.id);
          s.db.prepare('UPDATE contact_units SET name = ?, kind = ?, duty_phone = ?, fax = ?, email = ?, note = ?, plan_units = ?, updated_by = ?, updated_at = ? WHERE id = ?').run(...vals, i.id);
          return unit(s.db, i.id);
        }
        const id = Number(s.db.prepare('INSERT INTO contact_units (name, kind, duty_phone, fax, email, note, plan_units, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)').run(...vals).lastInsertRowid);
        return unit(s.db, id);
      })
      .immediate(),
  'contacts.savePerson': (i, ctx, s) =>
    s.db
      .transaction(() => {
        unit(s.db, i.unitId);
        const vals = [i.unitId, i.name, i.post, i.mobile, i.officePhone, i.email, ctx.actor, s.clock.now().toISOString()];
        if (i.id) {
          if (!s.db.prepare('SELECT 1 FROM contact_people WHERE id = ?').get(i.id)) throw new AppError({ code: 'not-found', message: `通讯录中没有编号为 ${i.id} 的人员`, messageEn: `no contact person ${i.id}`, field: 'id' });
          s.db.prepare('UPDATE contact_people SET unit_id = ?, name = ?, post = ?, mobile = ?, office_phone = ?, email = ?, updated_by = ?, updated_at = ? WHERE id = ?').run(...vals, i.id);
        } else {
          s.db.prepare('INSERT INTO contact_people (unit_id, name, post, mobile, office_phone, email, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(...vals);
        }
        return unit(s.db, i.unitId);
      })
      .immediate(),
  'contacts.gaps': (_i, _ctx, s) => {
    const linked = new Set(units(s.db, null).flatMap((u) => u.planUnits));
    const now = s.clock.now();
    const gaps = new Map<string, { unitId: string; name: string; plans: string[] }>();
    for (const id of s.plans.ids()) {
      const plan = s.plans.findInForce(id, now);
      if (!plan) continue;
      for (const u of plan.units) {
        if (linked.has(u.id)) continue;
        const g = gaps.get(u.id) ?? { unitId: u.id, name: u.name, plans: [] };
        g.plans.push(plan.title);
        gaps.set(u.id, g);
      }
    }
    return { gaps: [...gaps.values()] };
  },
};
