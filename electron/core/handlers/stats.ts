import type { OfficeStats } from '../../../shared/api';
import { levelRank, lateReports, obligations, type LevelId } from '../../../shared/engine';
import { shanghaiDate } from '../../../shared/base/time';
import { loadedIncidents } from './console';
import type { CoreServices, HandlerTable } from './types';
import { excel } from '../xlsx';

/** The highest response level the incident had, else the level its facts gave (a fire: its grade); null = not graded. */
function levelOf(history: ReadonlyArray<{ level: LevelId | null }>, factsLevel: LevelId | null): LevelId | null {
  let top: LevelId | null = null;
  for (const h of history) if (h.level && levelRank(h.level) > levelRank(top)) top = h.level;
  return top ?? factsLevel;
}

function median(xs: number[]): number | null {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

const round1 = (x: number | null) => (x === null ? null : Math.round(x * 10) / 10);

/** The statistics of the incidents received (their opening) between two Beijing dates, inclusive. */
export function officeStats(s: CoreServices, from: string, to: string): OfficeStats {
  const now = s.clock.now();
  const inRange = loadedIncidents(s).filter((x) => {
    const d = shanghaiDate(x.row.openedAt);
    return d >= from && d <= to;
  });
  const real = inRange.filter((x) => !x.row.exercise);
  const incidents = new Map<string, OfficeStats['incidents'][number]>();
  const reports = new Map<string, OfficeStats['reports'][number]>();
  for (const x of real) {
    const plan = x.plan.presentation.shortName;
    const month = shanghaiDate(x.row.openedAt).slice(0, 7);
    const level = levelOf(x.state.levelHistory, x.state.factsLevel);
    const ik = `${x.plan.id}|${month}|${level ?? ''}`;
    const row = incidents.get(ik) ?? { planId: x.plan.id, plan, month, level, count: 0 };
    row.count++;
    incidents.set(ik, row);
    const late = new Set(lateReports(x.plan, obligations(x.plan, x.state, now), x.state).map((l) => l.seq));
    for (const r of x.state.reports) {
      if (r.correctsReportSeq) continue;
      const label = x.plan.obligations.find((o) => o.kind === r.kind)?.label ?? r.kind;
      const rk = `${x.plan.id}|${r.kind}`;
      const rr = reports.get(rk) ?? { planId: x.plan.id, plan, kind: r.kind, label, total: 0, onTime: 0, late: 0 };
      rr.total++;
      if (late.has(r.seq)) rr.late++;
      else rr.onTime++;
      reports.set(rk, rr);
    }
  }
  const ids = real.map((x) => x.row.id);
  const planOf = new Map(real.map((x) => [x.row.id, x.plan] as const));
  const rounds = new Map<string, OfficeStats['rounds'][number] & { minutes: number[] }>();
  if (ids.length) {
    const rows = s.db
      .prepare(
        `SELECT r.incident_id, r.rule_id, r.label, r.clause, r.opened_at,
                (SELECT count(*) FROM round_recipients x WHERE x.round_id = r.id) AS recipients,
                (SELECT count(*) FROM round_recipients x WHERE x.round_id = r.id
                   AND EXISTS (SELECT 1 FROM round_attempts a WHERE a.recipient_id = x.id AND a.outcome IN ('reached', 'receipt', 'given-up'))) AS settled,
                (SELECT max(a.at) FROM round_attempts a JOIN round_recipients x ON x.id = a.recipient_id
                  WHERE x.round_id = r.id AND a.outcome IN ('reached', 'receipt', 'given-up')) AS last_at
           FROM rounds r WHERE r.incident_id IN (SELECT value FROM json_each(?)) ORDER BY r.id`,
      )
      .all(JSON.stringify(ids)) as Array<{ incident_id: string; rule_id: string; label: string; clause: string; opened_at: string; recipients: number; settled: number; last_at: string | null }>;
    for (const r of rows) {
      const plan = planOf.get(r.incident_id)!;
      const k = `${plan.id}|${r.rule_id}`;
      const g = rounds.get(k) ?? { planId: plan.id, plan: plan.presentation.shortName, ruleId: r.rule_id, label: r.label, clause: r.clause, total: 0, completed: 0, medianMinutes: null, maxMinutes: null, minutes: [] };
      g.total++;
      if (r.recipients > 0 && r.settled === r.recipients && r.last_at) {
        g.completed++;
        g.minutes.push((Date.parse(r.last_at) - Date.parse(r.opened_at)) / 60_000);
      }
      rounds.set(k, g);
    }
  }
  return {
    from,
    to,
    incidentsTotal: real.length,
    exercises: inRange.length - real.length,
    incidents: [...incidents.values()].sort((a, b) => a.planId.localeCompare(b.planId) || a.month.localeCompare(b.month) || (a.level ?? 'Z').localeCompare(b.level ?? 'Z')),
    reports: [...reports.values()].sort((a, b) => a.planId.localeCompare(b.planId) || a.kind.localeCompare(b.kind)),
    rounds: [...rounds.values()].map(({ minutes, ...g }) => ({ ...g, medianMinutes: round1(median(minutes)), maxMinutes: round1(minutes.length ? Math.max(...minutes) : null) })),
  };
}

async function statsXlsx(st: OfficeStats): Promise<{ content: string; rows: number }> {
  const wb = new (await excel()).Workbook();
  const sheet = (name: string, header: string[], rows: Array<Array<string | number | null>>, widths: number[]) => {
    const ws = wb.addWorksheet(name);
    ws.addRow([`${st.from} 至 ${st.to}（北京时间；演练 ${st.exercises} 起不计入）`]);
    ws.addRow(header);
    ws.getRow(2).font = { bold: true };
    for (const r of rows) ws.addRow(r);
    ws.columns.forEach((c, k) => (c.width = widths[k] ?? 12));
    return rows.length;
  };
  let n = 0;
  n += sheet('事件', ['预案', '月份', '级别', '起数'], st.incidents.map((r) => [r.plan, r.month, r.level ? `${r.level}级` : '未分级', r.count]), [14, 10, 10, 8]);
  n += sheet('报告', ['预案', '报告', '份数', '按时', '超时', '超时比例'], st.reports.map((r) => [r.plan, r.label, r.total, r.onTime, r.late, r.total ? `${Math.round((r.late / r.total) * 100)}%` : '']), [14, 30, 8, 8, 8, 10]);
  n += sheet('通知', ['预案', '通知', '条款', '轮次', '全部通知到', '用时中位数（分钟）', '最长用时（分钟）'], st.rounds.map((r) => [r.plan, r.label, r.clause, r.total, r.completed, r.medianMinutes, r.maxMinutes]), [14, 36, 10, 8, 12, 18, 16]);
  return { content: Buffer.from(await wb.xlsx.writeBuffer()).toString('base64'), rows: n };
}

export const statsHandlers: HandlerTable<'stats.office' | 'stats.export'> = {
  'stats.office': (i, _ctx, s) => officeStats(s, i.from, i.to),
  'stats.export': async (i, _ctx, s) => ({ fileName: `值班统计_${i.from}_${i.to}.xlsx`, ...(await statsXlsx(officeStats(s, i.from, i.to))) }),
};
