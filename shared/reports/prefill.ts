/**
 * What a new report starts from (issue 12 item 2: "report forms pre-filled from the intake and the previous report,
 * every pre-filled field marked as such"). Each field of a kind's form takes the value the latest filed report gave
 * the same field (a written report after the phone one, a progress report after the last, a fire's 人员伤亡 on the
 * investigation report), else what the intake recorded (the `reported` event: title, place, source and reporter,
 * when it started). The 5.1 涉外 answer has its own prefill (ReportsView.unitedFront.atIntake); 补充和修正 / 更正说明
 * are never copied: they say what changed. Pure.
 */
import { chineseDateTime } from './layout';
import { CORRECTIONS_FIELD, FOREIGN_FIELD, type ReportKindDef } from './fields';

export interface IntakeRecord {
  title: string;
  place: string | null;
  source: string | null;
  reporter: string | null;
  /** When the incident started (UTC ISO), if the intake said. */
  startedAt: string | null;
}

export type PrefillSource = { from: 'intake' } | { from: 'report'; seq: number; label: string };
export type Prefill = PrefillSource & { value: string };

/** The intake's value for a report field, by the field's id in the plans (vaccine / drug 5.2, fire 第三十四条). */
function fromIntake(field: string, intake: IntakeRecord): string | null {
  switch (field) {
    case 'eventName':
      return intake.title || null;
    case 'place':
      return intake.place;
    case 'informationSource':
      return intake.source ? `${intake.source}${intake.reporter ? `（报告人：${intake.reporter}）` : ''}` : null;
    case 'occurredTime':
    case 'startedAt':
      return intake.startedAt ? chineseDateTime(intake.startedAt) : null;
    default:
      return null;
  }
}

/** Per kind, per field: the value a new (not correcting) report form starts with and where it came from. */
export function reportPrefill(
  kinds: readonly ReportKindDef[],
  reports: ReadonlyArray<{ seq: number; label: string; fields: Record<string, string> }>,
  intake: IntakeRecord | null,
): Record<string, Record<string, Prefill>> {
  const latest = [...reports].sort((a, b) => b.seq - a.seq);
  const out: Record<string, Record<string, Prefill>> = {};
  for (const k of kinds) {
    const pre: Record<string, Prefill> = {};
    for (const f of k.fields) {
      if (f.id === CORRECTIONS_FIELD || f.id === FOREIGN_FIELD) continue;
      const r = latest.find((x) => (x.fields[f.id] ?? '').trim() !== '');
      if (r) pre[f.id] = { value: r.fields[f.id]!, from: 'report', seq: r.seq, label: r.label };
      else {
        const v = intake && fromIntake(f.id, intake);
        if (v) pre[f.id] = { value: v, from: 'intake' };
      }
    }
    out[k.kind] = pre;
  }
  return out;
}
