import type { Database } from 'better-sqlite3';
import { AppError, commands, fieldError, parseOrThrow, type ContactUnit } from '../../../shared/api';
import { allRowsOrNone, cellText, problemOf } from '../xlsxImport';
import { readXlsx } from '../fire/ledgers';
import type { HandlerTable } from './types';
import { excel } from '../xlsx';

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

/** The template's columns; 单位 and 类别 are required on every row. */
const COLUMNS = ['单位', '类别', '24小时值班电话', '传真', '电子邮箱', '对应预案单位', '姓名', '职务', '手机', '办公电话'] as const;
const KIND_LABELS: Record<ContactUnit['kind'], string> = { hq: '指挥部', office: '指挥部办公室', member: '成员单位', group: '工作组', township: '乡镇', team: '队伍', expert: '专家', receiver: '上级接收单位', other: '其他' };

export const contactHandlers: HandlerTable<'contacts.list' | 'contacts.saveUnit' | 'contacts.savePerson' | 'contacts.gaps' | 'contacts.export' | 'contacts.import'> = {
  'contacts.export': async (_i, _ctx, s) => {
    const wb = new (await excel()).Workbook();
    const ws = wb.addWorksheet('通讯录');
    ws.addRow([...COLUMNS]);
    ws.getRow(1).font = { bold: true };
    let rows = 0;
    for (const u of units(s.db, null)) {
      const head = [u.name, KIND_LABELS[u.kind], u.dutyPhone, u.fax, u.email, u.planUnits.join(',')];
      for (const p of u.people.length ? u.people : [null]) {
        ws.addRow([...head, p?.name ?? '', p?.post ?? '', p?.mobile ?? '', p?.officePhone ?? '']);
        rows++;
      }
    }
    return { fileName: '通讯录.xlsx', content: Buffer.from(await wb.xlsx.writeBuffer()).toString('base64'), rows };
  },
  'contacts.import': async (i, ctx, s) => {
    const { headers, records, problems: read } = await readXlsx(Buffer.from(i.content, 'base64'));
    const problems = read.map((p) => ({ row: p.row, field: p.field, message: p.message }));
    const missing = ['单位', '类别'].filter((c) => !headers.includes(c));
    if (missing.length) problems.push({ row: 1, field: '', message: `缺少列：${missing.join('、')}（请用导出的模板）` });
    const save = (name: 'contacts.saveUnit' | 'contacts.savePerson', input: unknown) => contactHandlers[name](parseOrThrow(commands[name].input, input) as never, ctx, s) as ContactUnit;
    allRowsOrNone(
      s.db,
      () => {
        if (!missing.length) records.forEach((rec, k) => {
          const row = k + 2;
          try {
            const kind = (Object.keys(KIND_LABELS) as Array<ContactUnit['kind']>).find((x) => KIND_LABELS[x] === cellText(rec['类别']) || x === cellText(rec['类别']));
            if (!kind) throw fieldError('类别', 'kind', `“${cellText(rec['类别'])}”不是类别（${Object.values(KIND_LABELS).join('、')}）`, `"${cellText(rec['类别'])}" is not a kind`);
            const name = cellText(rec['单位']);
            const existing = s.db.prepare('SELECT id FROM contact_units WHERE name = ?').get(name) as { id: number } | undefined;
            const u = save('contacts.saveUnit', { ...(existing ? { id: existing.id } : {}), name, kind, dutyPhone: cellText(rec['24小时值班电话']), fax: cellText(rec['传真']), email: cellText(rec['电子邮箱']), planUnits: cellText(rec['对应预案单位']).split(/[,，\s]+/u).filter(Boolean) });
            const person = cellText(rec['姓名']);
            if (person) {
              const had = u.people.find((p) => p.name === person);
              save('contacts.savePerson', { ...(had ? { id: had.id } : {}), unitId: u.id, name: person, post: cellText(rec['职务']), mobile: cellText(rec['手机']), officePhone: cellText(rec['办公电话']) });
            }
          } catch (e) {
            problems.push(problemOf(row, e));
          }
        });
      },
      () => !problems.length && !i.dryRun,
    );
    return { rows: records.length, written: problems.length || i.dryRun ? 0 : records.length, problems };
  },
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
