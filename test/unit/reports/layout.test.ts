import { describe, expect, it } from 'vitest';
import { vaccinePlan } from '../../../shared/plans';
import { breakLines, cellWidth, chineseDate, chineseNumber, deadlineStatus, issuerName, reportLayout } from '../../../shared/reports';

describe('the 28-character grid (GB/T 9704 5.2.3)', () => {
  it('fills 28 cells a line, the first indented 2', () => {
    const text = '疫'.repeat(26 + 28 + 5);
    const lines = breakLines(text);
    expect(lines.map((l) => [...l.text].length)).toEqual([26, 28, 5]);
    expect(lines.map((l) => l.indent)).toEqual([2, 0, 0]);
    expect(lines.map((l) => l.last)).toEqual([false, false, true]);
  });
  it('counts half-width characters as half a cell', () => {
    expect(cellWidth('a')).toBe(0.5);
    expect(cellWidth('疫')).toBe(1);
    expect(breakLines('a'.repeat(56), 28, 0).map((l) => l.text.length)).toEqual([56]);
    expect(breakLines('a'.repeat(57), 28, 0).map((l) => l.text.length)).toEqual([56, 1]);
  });
  it('never starts a line with a closing punctuation mark (it hangs on the line before)', () => {
    const lines = breakLines(`${'疫'.repeat(28)}。后文`, 28, 0);
    expect(lines[0]!.text.endsWith('。')).toBe(true);
    expect(lines[1]!.text).toBe('后文');
    const fits = breakLines(`${'疫'.repeat(27)}。后文`, 28, 0);
    expect(fits[0]!.text).toBe(`${'疫'.repeat(27)}。`);
  });
  it('never ends a line with an opening bracket', () => {
    const lines = breakLines(`${'疫'.repeat(27)}（括号）`, 28, 0);
    expect(lines[0]!.text).toBe('疫'.repeat(27));
    expect(lines[1]!.text).toBe('（括号）');
  });
});

describe('the layout model', () => {
  const base = {
    incidentId: '20261124-001',
    incidentTitle: '接种点群体不良反应',
    seq: 2,
    kind: 'first',
    by: 'office',
    channel: 'fax',
    recipients: ['county-gov', 'city-amr'],
    fields: { eventName: '某接种点群体不良反应事件', eventNature: '群体不良反应', other: '是' },
    filedAt: '2026-11-23T19:20:00.000Z',
  };
  it('names the issuer in full, dates in Beijing time, and puts 密级★保密期限 top-left only when classified', () => {
    expect(issuerName(vaccinePlan, 'office')).toBe('交城县疫苗质量安全事件应急指挥部办公室');
    expect(issuerName(vaccinePlan, 'amr')).toBe('交城县市场监督管理局');
    const l = reportLayout(vaccinePlan, base);
    expect(l.title).toBe('关于某接种点群体不良反应事件的首次报告');
    expect(l.date).toBe('2026年11月24日'); // 03:20 on the 24th in Beijing
    expect(l.secrecy).toBeNull();
    expect(reportLayout(vaccinePlan, { ...base, classification: { level: '秘密', period: '5年' } }).secrecy).toBe('秘密★5年');
    expect(l.addressees).toBe('县人民政府、市市场监督管理局：');
  });
  it('copies 县委统战部 when foreigners, overseas Chinese or HK/Macao/Taiwan people are involved (5.1), not otherwise', () => {
    expect(reportLayout(vaccinePlan, base).cc).toContain('县委统战部');
    expect(reportLayout(vaccinePlan, { ...base, fields: { ...base.fields, other: '否' } }).cc).not.toContain('县委统战部');
  });
  it('a numbered progress report carries its number in the title (续报二), a correction of it too', () => {
    const p = { ...base, kind: 'progress', fields: { development: '新增2例' }, numberTitle: '续报二' };
    expect(reportLayout(vaccinePlan, p).title).toBe('关于接种点群体不良反应的进程报告（续报二）');
    expect(reportLayout(vaccinePlan, { ...p, corrects: { seq: 3, filedAt: base.filedAt, label: '进程报告' } }).title).toBe('关于接种点群体不良反应的进程报告（续报二）（更正）');
  });
  it('a correction says what it corrects and is titled as one', () => {
    const l = reportLayout(vaccinePlan, { ...base, seq: 5, fields: { ...base.fields, corrections: '人数更正' }, corrects: { seq: 2, filedAt: base.filedAt, label: '首次报告' } });
    expect(l.title.endsWith('（更正）')).toBe(true);
    expect(l.body[0]!.text).toContain('记录号2');
    expect(l.body.some((p) => p.text === '人数更正')).toBe(true);
  });
  it('numbers in Chinese and dates without leading zeros', () => {
    expect([1, 10, 11, 19, 20, 21].map(chineseNumber)).toEqual(['一', '十', '十一', '十九', '二十', '二十一']);
    expect(chineseDate('2026-01-04T15:59:59Z')).toBe('2026年1月4日');
    expect(chineseDate('2026-01-04T16:00:00Z')).toBe('2026年1月5日');
  });
});

describe('deadline status', () => {
  it('maps the engine obligation to what the panel shows', () => {
    expect(deadlineStatus({ status: 'filed', late: false, dueAt: 'x' })).toBe('filed-on-time');
    expect(deadlineStatus({ status: 'filed', late: true, dueAt: 'x' })).toBe('filed-late');
    expect(deadlineStatus({ status: 'overdue', late: false, dueAt: 'x' })).toBe('overdue');
    expect(deadlineStatus({ status: 'pending', late: false, dueAt: 'x' })).toBe('pending');
    expect(deadlineStatus({ status: 'pending', late: false, dueAt: null })).toBe('as-needed');
    expect(deadlineStatus({ status: 'filed', late: false, dueAt: null })).toBe('as-needed');
    expect(deadlineStatus({ status: 'not-started', late: false, dueAt: null })).toBe('not-started');
  });
});
