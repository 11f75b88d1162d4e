/**
 * The duty log (值班日志 / 来电来文登记, issue 15 item 5): every call, fax, upper-level notice, document, system message
 * and weather warning the duty room receives is an entry; each entry type carries its handling steps, each with a clock
 * that runs from the time the entry was received.
 *
 * The types and their clocks are data the office can edit (`duty.types.save`). The defaults below are the county's own
 * decision, written after the duty-room rules we found (they are not national rules):
 *  - 长子县应急管理局 (2025): a warning is phoned to the duty leader within 10 minutes and forwarded within 30;
 *  - Shanxi's notice on 政务值班 and 信息报告: upper-level documents and notices handled the same working hour;
 *  - 肇庆's call book: the fields an entry keeps (time received; the caller's unit, name, post and phone; place; what
 *    happened, measures, trend; whom the caller has already told; who recorded it).
 */
import { z } from 'zod';

export const stepSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9-]{0,39}$/),
    /** What is to be done, in the duty room's words (e.g. 电话报告带班领导). */
    label: z.string().min(1).max(100),
    labelEn: z.string().max(100).optional(),
    /** Minutes from the time received; absent = no clock (done when done). */
    withinMinutes: z.number().int().min(1).max(7 * 24 * 60).optional(),
  })
  .strict();

export const entryTypeSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9-]{0,39}$/),
    label: z.string().min(1).max(50),
    labelEn: z.string().max(50).optional(),
    /** Where the rule for the clocks comes from, or that it is the county's own decision. */
    basis: z.string().max(300),
    steps: z.array(stepSchema).max(10),
  })
  .strict();

export type DutyStep = z.infer<typeof stepSchema>;
export type DutyEntryType = z.infer<typeof entryTypeSchema>;

export const entryTypesSchema = z
  .array(entryTypeSchema)
  .min(1)
  .max(30)
  .superRefine((types, ctx) => {
    const seen = new Set<string>();
    types.forEach((t, i) => {
      if (seen.has(t.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `duplicate entry type ${t.id} / 类型编号重复` });
      seen.add(t.id);
      const steps = new Set<string>();
      t.steps.forEach((s, j) => {
        if (steps.has(s.id)) ctx.addIssue({ code: 'custom', path: [i, 'steps', j, 'id'], message: `duplicate step ${s.id} / 步骤编号重复` });
        steps.add(s.id);
      });
    });
  });

const COUNTY = '县定（本县值班制度，非国家规定）';

export const DEFAULT_ENTRY_TYPES: readonly DutyEntryType[] = [
  { id: 'call', label: '来电', labelEn: 'phone call', basis: `${COUNTY}：来电即时登记`, steps: [{ id: 'handle', label: '处理并答复', labelEn: 'handle and answer' }] },
  {
    id: 'warning',
    label: '预警信息',
    labelEn: 'warning',
    basis: `${COUNTY}：参照长子县应急管理局值班制度（2025）——预警信息10分钟内电话报告带班领导，30分钟内转发相关单位`,
    steps: [
      { id: 'tell-leader', label: '电话报告带班领导', labelEn: 'phone the duty leader', withinMinutes: 10 },
      { id: 'forward', label: '转发相关单位', labelEn: 'forward to the units concerned', withinMinutes: 30 },
    ],
  },
  {
    id: 'notice',
    label: '上级通知',
    labelEn: 'upper-level notice',
    basis: `${COUNTY}：上级通知30分钟内报告带班领导，1小时内传达落实`,
    steps: [
      { id: 'tell-leader', label: '报告带班领导', labelEn: 'tell the duty leader', withinMinutes: 30 },
      { id: 'forward', label: '传达相关单位', labelEn: 'pass on to the units concerned', withinMinutes: 60 },
    ],
  },
  { id: 'document', label: '来文', labelEn: 'document', basis: `${COUNTY}：来文1小时内登记并转办`, steps: [{ id: 'forward', label: '登记转办', labelEn: 'register and pass on', withinMinutes: 60 }] },
  { id: 'fax', label: '传真', labelEn: 'fax', basis: `${COUNTY}：传真1小时内登记并转办`, steps: [{ id: 'forward', label: '登记转办', labelEn: 'register and pass on', withinMinutes: 60 }] },
  { id: 'system', label: '系统消息', labelEn: 'system message', basis: `${COUNTY}：系统消息即时查看处理`, steps: [{ id: 'handle', label: '查看处理', labelEn: 'read and handle' }] },
];

export interface StepClock {
  stepId: string;
  label: string;
  /** ISO instant; null for a step without a clock. */
  dueAt: string | null;
  doneAt: string | null;
  /** done: on time or late; open: not yet due or overdue. */
  status: 'done' | 'done-late' | 'open' | 'overdue';
}

/** The clocks of an entry's steps at `now`, from the time it was received and the steps done so far. */
export function stepClocks(type: DutyEntryType, receivedAt: string, done: ReadonlyMap<string, string>, now: Date): StepClock[] {
  const t0 = Date.parse(receivedAt);
  return type.steps.map((s) => {
    const dueAt = s.withinMinutes ? new Date(t0 + s.withinMinutes * 60_000).toISOString() : null;
    const doneAt = done.get(s.id) ?? null;
    let status: StepClock['status'];
    if (doneAt) status = dueAt && doneAt > dueAt ? 'done-late' : 'done';
    else status = dueAt && now.toISOString() >= dueAt ? 'overdue' : 'open';
    return { stepId: s.id, label: s.label, dueAt, doneAt, status };
  });
}
