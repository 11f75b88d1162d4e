/**
 * The duty room's posture for a date: what the special period, a high-risk day (or its window), an inspection focus
 * period and the fire danger level require, each line citing its clause of 交政发〔2024〕7号 (or the national standard).
 */
import type { FireCalendarDay } from '../calendar/fireSeason';
import type { DangerRating } from './danger';

export interface PostureLine {
  /** Clause the line comes from, e.g. `4(1)`, `3(2)`, `6(7)`, `QX/T 77-2007`. */
  clause: string;
  text: string;
}

export interface Posture {
  date: string;
  /** 1 = normal prevention … 4 = high-risk day or red danger: a single figure for the dashboard card's colour. */
  severity: 1 | 2 | 3 | 4;
  danger: DangerRating | null;
  /** true when fire use in forests is forbidden outright (level 5, red). */
  fireUseForbidden: boolean;
  lines: PostureLine[];
}

export function postureFor(cal: FireCalendarDay, danger: DangerRating | null): Posture {
  const lines: PostureLine[] = [];
  let severity: Posture['severity'] = 1;
  const bump = (s: Posture['severity']) => {
    if (s > severity) severity = s;
  };

  if (cal.inSpecialPeriod) {
    bump(2);
    lines.push({
      clause: '4(1)',
      text: `防火特险期（${cal.specialPeriod.start} 至 ${cal.specialPeriod.end}）：落实"八包"责任制，包乡县级领导深入一线督导，乡镇一把手亲自检查落实。`,
    });
    lines.push({ clause: '4(2)', text: '涉林行政村及重点沟口路段设立固定检查站和临时卡口，专人守卡管控。' });
    lines.push({ clause: '6(5)', text: '县森林消防专业队分兵靠前驻防、24小时待命；乡镇快速反应队伍每日不间断巡查巡护。' });
  } else {
    lines.push({
      clause: '4(1)',
      text: `非特险期（距下一特险期 ${cal.specialPeriod.start} 还有 ${cal.specialPeriod.daysUntilStart} 天）：森林防火为全年预防性工作，日常巡查不停。`,
    });
  }

  if (cal.highRiskDay) {
    bump(4);
    lines.push({
      clause: '3(2)',
      text: `今日为特险时段"${cal.highRiskDay}"：各乡镇、各有关部门视情况提高火险等级，必要时封闭进山道路，严禁人员进山入林。`,
    });
    lines.push({ clause: '3(1)', text: '一律实行祭坛集中祭祀，严禁在坟头使用明火；卦山、石壁、庞泉沟三个高火险重点管控区重点防守。' });
  } else if (cal.inHighRiskWindow) {
    const w = cal.inHighRiskWindow;
    bump(3);
    lines.push({
      clause: '3(2)',
      text:
        w.offsetDays < 0
          ? `距特险时段"${w.name}"（${w.date}）还有 ${-w.offsetDays} 天：提前部署提高火险等级、封闭进山道路和严禁进山入林的措施。`
          : `特险时段"${w.name}"（${w.date}）后第 ${w.offsetDays} 天：继续严防补祭用火，检查坟地、祭坛周边余火。`,
    });
  }

  for (const p of cal.focusPeriods) {
    bump(2);
    lines.push({
      clause: '6(7)',
      text: `重要时段"${p.name}"（${p.start} 至 ${p.end}）：联合督查组明察暗访、四不两直，重点督导检查防火责任落实和隐患整改。`,
    });
  }

  let fireUseForbidden = false;
  if (danger) {
    const tag = danger.kind === 'official' ? '气象部门发布' : '按当日天气估算（非官方）';
    if (danger.level === 5) {
      bump(4);
      fireUseForbidden = true;
      lines.push({ clause: 'QX/T 77-2007', text: `森林火险 5 级 极高火险（红色，${tag}）：挂红旗，林区一切野外用火严禁，已批准的野外用火暂停。` });
    } else if (danger.level === 4) {
      bump(3);
      lines.push({ clause: 'QX/T 77-2007', text: `森林火险 4 级 高火险（橙色，${tag}）：挂橙旗，林区严格控制用火，加密巡护。` });
    } else if (danger.level === 3) {
      bump(2);
      lines.push({ clause: 'QX/T 77-2007', text: `森林火险 3 级 较高火险（黄色，${tag}）：挂黄旗，注意防范。` });
    } else {
      lines.push({ clause: 'QX/T 77-2007', text: `森林火险 ${danger.level} 级 ${danger.name}（${tag}）。` });
    }
  } else {
    lines.push({ clause: '6(2)', text: '尚未录入当日森林火险等级预报：请向气象部门核实并录入。' });
  }

  lines.push({ clause: '3(3)', text: '除经县级以上森林防灭火指挥部批准的计划用火外，任何单位和个人不得在野外使用明火。' });
  return { date: cal.date, severity, danger, fireUseForbidden, lines };
}
