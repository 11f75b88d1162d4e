/**
 * Report forms as data, taken from the plan's obligations (the plan lists each report kind's content items, recipients
 * and channels; see shared/plans/vaccine.ts 5.1–5.3). This module adds only what the plan text asks of a report but
 * the obligation data does not list:
 *  - 首次报告: 是否涉及外宾、华侨、港澳同胞 (疫苗预案 5.1, the plan's own words: the office must then notify 县委统战部). Stored in the
 *    report's `other` field ('是' / '否'), the one free field the engine's report-filed payload allows besides
 *    `corrections`.
 *  - 进程报告: “并对前次报告的内容进行补充和修正” (5.2), stored in `corrections`; optional on a progress report.
 *  - a correction (a new report pointing at the one it corrects, 5.1) must say what it corrects: `corrections`, required.
 * Pure: no I/O.
 */
import { ruleClause } from '../engine/machine';
import type { Plan } from '../engine/schema';

/** The one free field of a report-filed payload; on a first report it holds the 5.1 answer. */
export const FOREIGN_FIELD = 'other';
export const FOREIGN_LABEL = '是否涉及外宾、华侨、港澳同胞';
export const FOREIGN_YES = '是';
export const FOREIGN_NO = '否';
export const CORRECTIONS_FIELD = 'corrections';
/** 疫苗预案 5.2 进程报告: “对前次报告的内容进行补充和修正”. */
export const CORRECTIONS_LABEL = '对前次报告内容的补充和修正';
/** A correction report (5.1: never an edit): what is corrected and why. */
export const CORRECTION_NOTE_LABEL = '更正说明（所更正的内容及原因）';

/**
 * 密级 (《中华人民共和国保守国家秘密法》第十条: 绝密、机密、秘密). 非密 = not a state secret: no classification is
 * recorded and no 保密期限 is asked. A classified report needs 保密期限 and the confidential channel (疫苗预案 5.1、5.3).
 */
export const SECRECY_LEVELS = ['秘密', '机密', '绝密'] as const;
export type SecrecyLevel = (typeof SECRECY_LEVELS)[number];
export const UNCLASSIFIED = '非密';

export interface ReportFieldDef {
  id: string;
  label: string;
  required: boolean;
  /** `yesno`: 是 / 否; `text`: free text. */
  input: 'text' | 'yesno';
  clause: string;
}

export interface ReportChannelDef {
  id: string;
  label: string;
  clause: string;
  /** false for the phone report: a written report must follow (5.3). */
  written: boolean;
  confidential: boolean;
}

export interface ReportKindDef {
  kind: string;
  label: string;
  clause: string;
  obligationId: string;
  recipients: Array<{ id: string; name: string }>;
  channels: ReportChannelDef[];
  repeatable: boolean;
  dueText: string | null;
  /** The plan's content items (all required on a written report), then the extra items above. */
  fields: ReportFieldDef[];
}

export function unitName(plan: Plan, id: string): string {
  return plan.units.find((u) => u.id === id)?.name ?? id;
}

/** Does this plan name 县委统战部 (the 5.1 notification)? */
export function hasUnitedFront(plan: Plan): boolean {
  return plan.units.some((u) => u.id === 'united-front');
}

export function channelDefs(plan: Plan, ids?: readonly string[]): ReportChannelDef[] {
  const all = plan.reportChannels.map((c) => ({ id: c.id, label: c.label, clause: c.clause ?? ruleClause(plan, 'writtenAfterPhone'), written: c.written !== false, confidential: c.confidential === true }));
  return ids ? ids.map((id) => all.find((c) => c.id === id) ?? { id, label: id, clause: '', written: true, confidential: false }) : all;
}

/** The report kinds of a plan with their form fields. `correcting`: the form of a correction of a filed report. */
export function reportKinds(plan: Plan, opts: { correcting?: boolean } = {}): ReportKindDef[] {
  return plan.obligations.map((o) => {
    const fields: ReportFieldDef[] = o.requiredFields.map((f) => ({ id: f.id, label: f.label, required: true, input: 'text' as const, clause: o.clause }));
    // 疫苗预案 5.1: 涉及外宾、华侨、港澳同胞 → 县指挥部办公室向县委统战部通报; asked on the first report.
    if (o.kind === 'first' && hasUnitedFront(plan))
      fields.push({ id: FOREIGN_FIELD, label: FOREIGN_LABEL, required: true, input: 'yesno', clause: plan.units.find((u) => u.id === 'united-front')?.clause ?? ruleClause(plan, 'corrections') });
    if (opts.correcting) fields.unshift({ id: CORRECTIONS_FIELD, label: CORRECTION_NOTE_LABEL, required: true, input: 'text', clause: ruleClause(plan, 'corrections') });
    // e.g. 疫苗预案 5.2: 进程报告“并对前次报告的内容进行补充和修正”.
    else if (o.kind === 'progress') fields.push({ id: CORRECTIONS_FIELD, label: CORRECTIONS_LABEL, required: false, input: 'text', clause: o.clause });
    return {
      kind: o.kind,
      label: o.label,
      clause: o.clause,
      obligationId: o.id,
      recipients: o.recipients.map((id) => ({ id, name: unitName(plan, id) })),
      channels: channelDefs(plan, o.channels ?? plan.reportChannels.map((c) => c.id)),
      repeatable: o.repeatable,
      dueText: o.due?.text ?? null,
      fields,
    };
  });
}

export function reportKind(plan: Plan, kind: string, opts: { correcting?: boolean } = {}): ReportKindDef | undefined {
  return reportKinds(plan, opts).find((k) => k.kind === kind);
}
