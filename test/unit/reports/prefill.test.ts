/** Report forms start from the latest report's values, else the intake's, each with where it came from (issue 12 item 2). */
import { describe, expect, it } from 'vitest';
import { forestFire2026Plan, vaccinePlan } from '../../../shared/plans';
import { reportKinds, reportPrefill } from '../../../shared/reports';

const intake = { title: '接种点疑似群体不良反应', place: '城关镇卫生院', source: '县疾控中心电话', reporter: '张医生', startedAt: '2026-11-23T07:30:00.000Z' };

describe('reportPrefill', () => {
  it('a first report with nothing filed: the intake title, place, source (with the reporter) and start time', () => {
    const p = reportPrefill(reportKinds(vaccinePlan), [], intake).first!;
    expect(p.eventName).toEqual({ value: intake.title, from: 'intake' });
    expect(p.place).toEqual({ value: '城关镇卫生院', from: 'intake' });
    expect(p.informationSource).toEqual({ value: '县疾控中心电话（报告人：张医生）', from: 'intake' });
    expect(p.occurredTime).toEqual({ value: '2026年11月23日 15:30', from: 'intake' });
    expect(p.victims).toBeUndefined();
    expect(p.other).toBeUndefined(); // the 5.1 answer has its own prefill
  });

  it('the latest filed report wins over the intake; 补充和修正 is never copied', () => {
    const reports: Array<{ seq: number; label: string; fields: Record<string, string> }> = [
      { seq: 3, label: '首次报告', fields: { eventName: '城关镇接种点群体不良反应', place: '城关镇卫生院接种门诊', victims: '4名儿童' } },
      { seq: 7, label: '首次报告', fields: { eventName: '城关镇接种点群体不良反应（更正）', corrections: '人数更正' } },
    ];
    const p = reportPrefill(reportKinds(vaccinePlan), reports, intake);
    expect(p.first!.eventName).toEqual({ value: '城关镇接种点群体不良反应（更正）', from: 'report', seq: 7, label: '首次报告' });
    expect(p.first!.place).toEqual({ value: '城关镇卫生院接种门诊', from: 'report', seq: 3, label: '首次报告' });
    expect(p.progress!.corrections).toBeUndefined();
  });

  it('a fire: the progress report from the last one, the investigation report takes 人员伤亡 from the first', () => {
    const plan = forestFire2026Plan;
    const reports: Array<{ seq: number; label: string; fields: Record<string, string> }> = [
      { seq: 2, label: '火情报告', fields: { place: '卦山北坡', startedAt: '11月23日14时', area: '约2公顷', casualties: '无', response: '专业队30人' } },
      { seq: 5, label: '火情续报', fields: { progress: '明火已控制' } },
    ];
    const p = reportPrefill(reportKinds(plan), reports, { ...intake, place: '卦山' });
    expect(p.progress!.progress).toMatchObject({ value: '明火已控制', seq: 5 });
    expect(p.final!.casualties).toMatchObject({ value: '无', seq: 2 });
    expect(p.final!.cause).toBeUndefined();
    expect(p.first!.place).toMatchObject({ value: '卦山北坡', from: 'report' });
  });
});
