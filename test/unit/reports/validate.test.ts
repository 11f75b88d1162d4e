import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/api/errors';
import { vaccinePlan } from '../../../shared/plans';
import { CORRECTIONS_FIELD, FOREIGN_FIELD, reportKind, validateReportDraft } from '../../../shared/reports';

const plan = vaccinePlan;

function fullFields(kind: string): Record<string, string> {
  const def = reportKind(plan, kind)!;
  return Object.fromEntries(def.fields.map((f) => [f.id, f.input === 'yesno' ? '否' : `${f.label}的内容`]));
}

function refusal(draft: unknown): AppError['body'] {
  try {
    validateReportDraft(plan, draft);
  } catch (e) {
    if (e instanceof AppError) return e.body;
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('report fields come from the plan (疫苗预案 5.2)', () => {
  it('the first report has exactly the 18 items of 5.2 plus the 5.1 question', () => {
    const labels = reportKind(plan, 'first')!.fields.map((f) => f.label);
    expect(labels).toEqual([
      '事件名称', '事件性质', '所涉疫苗生产企业名称', '产品规格', '包装及批号', '事件发生的时间', '地点', '信息来源', '涉及范围和人数',
      '受害者基本信息', '主要症状与体征', '可能原因及责任归属', '已经采取的措施', '事件发展趋势和潜在危害程度', '应急响应启动和下一步工作建议',
      '需要帮助解决的问题', '报告单位', '联络员及通讯方式', '是否涉及外宾、华侨、港澳同胞',
    ]);
  });
  it('the progress report carries the supplement/correction to the previous report, optional', () => {
    const f = reportKind(plan, 'progress')!.fields.find((x) => x.id === CORRECTIONS_FIELD)!;
    expect(f.label).toBe('对前次报告内容的补充和修正');
    expect(f.required).toBe(false);
  });
  it('the final report goes only in writing (5.3: 结案报告通过书面形式上报) and to 县委 as well (6.4)', () => {
    const def = reportKind(plan, 'final')!;
    expect(def.channels.map((c) => c.id).sort()).toEqual(['confidential', 'written']);
    expect(def.recipients.map((r) => r.name)).toContain('县委');
  });
});

describe('validateReportDraft', () => {
  for (const kind of ['first', 'progress', 'final']) {
    const channel = kind === 'final' ? 'written' : 'fax';
    it(`a complete written ${kind} report passes and defaults the recipients to the plan's`, () => {
      const v = validateReportDraft(plan, { kind, channel, fields: fullFields(kind) });
      expect(v.written).toBe(true);
      expect(v.payload.recipients).toEqual(plan.obligations.find((o) => o.kind === kind)!.recipients);
      expect(v.payload.classification).toBeUndefined();
    });
    for (const f of reportKind(plan, kind)!.fields.filter((x) => x.required)) {
      it(`${kind}: refuses a written report without “${f.label}”, naming the field`, () => {
        const fields = fullFields(kind);
        fields[f.id] = '   ';
        const b = refusal({ kind, channel, fields });
        expect(b.code).toBe('invalid-input');
        expect(b.field).toBe(`fields.${f.id}`);
        expect(b.message).toContain(f.label);
      });
    }
  }

  it('a phone report (5.3 先电话口头报告) may be partial, but not empty', () => {
    const v = validateReportDraft(plan, { kind: 'first', channel: 'phone', fields: { eventName: '接种点群体不良反应' } });
    expect(v.written).toBe(false);
    expect(refusal({ kind: 'first', channel: 'phone', fields: {} }).field).toBe('fields');
  });

  it('classified without 保密期限 is refused; with it but not through the confidential channel too (5.1、5.3)', () => {
    const fields = fullFields('first');
    const noPeriod = refusal({ kind: 'first', channel: 'confidential', fields, secrecy: '机密' });
    expect(noPeriod.field).toBe('secrecyPeriod');
    expect(noPeriod.rule).toBe('5.1');
    const byFax = refusal({ kind: 'first', channel: 'fax', fields, secrecy: '机密', secrecyPeriod: '10年' });
    expect(byFax.field).toBe('channel');
    const ok = validateReportDraft(plan, { kind: 'first', channel: 'confidential', fields, secrecy: '机密', secrecyPeriod: '10年' });
    expect(ok.payload.classification).toEqual({ level: '机密', period: '10年' });
    // 非密: no classification is recorded, a stray period is ignored.
    expect(validateReportDraft(plan, { kind: 'first', channel: 'fax', fields, secrecy: '非密', secrecyPeriod: '5年' }).payload.classification).toBeUndefined();
    expect(refusal({ kind: 'first', channel: 'confidential', fields, secrecy: '内部', secrecyPeriod: '1年' }).field).toBe('secrecy');
  });

  it('refuses a final report by fax, an unknown kind, field or recipient', () => {
    expect(refusal({ kind: 'final', channel: 'fax', fields: fullFields('final') }).field).toBe('channel');
    expect(refusal({ kind: 'weekly', channel: 'fax', fields: {} }).field).toBe('kind');
    expect(refusal({ kind: 'first', channel: 'fax', fields: { ...fullFields('first'), mood: 'x' } }).field).toBe('fields.mood');
    expect(refusal({ kind: 'first', channel: 'fax', fields: fullFields('first'), recipients: ['nobody'] }).field).toBe('recipients');
  });

  it('the 5.1 question takes only 是 or 否', () => {
    expect(refusal({ kind: 'first', channel: 'fax', fields: { ...fullFields('first'), [FOREIGN_FIELD]: '不清楚' } }).field).toBe(`fields.${FOREIGN_FIELD}`);
  });

  it('a correction must say what it corrects', () => {
    const fields = fullFields('progress');
    delete fields[CORRECTIONS_FIELD];
    const b = refusal({ kind: 'progress', channel: 'fax', fields, corrects: 3 });
    expect(b.field).toBe(`fields.${CORRECTIONS_FIELD}`);
    const ok = validateReportDraft(plan, { kind: 'progress', channel: 'fax', fields: { ...fields, [CORRECTIONS_FIELD]: '人数更正为5人' }, corrects: 3 });
    expect(ok.corrects).toBe(3);
  });
});
