/**
 * The checks of a fire-use permit's time window (交政发〔2024〕7号 3(1), 3(2); 《森林草原防灭火条例》 from 2026-01-01):
 * the warnings for 特险时段 and level-5 danger days, and the zone check with the approvals a window needs. Pure; uses
 * the fire-season calendar (shared/calendar/fireSeason.ts).
 */
import { highRiskDayOn, isInSpecialPeriod } from '../calendar/fireSeason';
import { shanghaiDaysTouched, type IsoDate } from '../calendar/date';
import type { DangerLevel } from './danger';
import { kindRule, PERMIT_KIND_EN, permitRegime, type Authority, type KindRule, type PermitKind, type PermitRegime } from './permits';

export interface PermitWarning {
  code: 'high-risk-day' | 'danger-level-5';
  date: IsoDate;
  clause: string;
  message: string;
  messageEn: string;
}

/**
 * Warnings for a permit's time window (Asia/Shanghai days it touches): a 特险时段 day (3(2), 清明 / 农历十月初一),
 * or a day whose danger level is 5 (极高火险, red: all fire use in forests forbidden, QX/T 77-2007).
 * `dangerByDate` gives the effective level of each day known (official, else estimated).
 */
export function permitWarnings(windowStart: string, windowEnd: string, dangerByDate: ReadonlyMap<IsoDate, DangerLevel> = new Map()): PermitWarning[] {
  const out: PermitWarning[] = [];
  for (const day of shanghaiDaysTouched(windowStart, windowEnd)) {
    const hr = highRiskDayOn(day);
    if (hr) {
      out.push({
        code: 'high-risk-day',
        date: day,
        clause: '3(2)',
        message: `用火时段含特险日"${hr}"（${day}）：各乡镇视情况提高火险等级、封闭进山道路、严禁进山入林`,
        messageEn: `the window includes the high-risk day ${hr} (${day})`,
      });
    }
    if (dangerByDate.get(day) === 5) {
      out.push({
        code: 'danger-level-5',
        date: day,
        clause: 'QX/T 77-2007',
        message: `用火时段含极高火险（5级，红色）日（${day}）：林区一切野外用火严禁`,
        messageEn: `the window includes a level-5 (extreme, red) fire danger day (${day}): all fire use in forests is forbidden`,
      });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// The zone check: the three control zones (3(1)) and the high-risk days and periods.

export interface PermitZone {
  name: string;
  kind: string | null;
}

export type PermitBlockCode = 'grave-fire' | 'high-risk-day-in-zone';
export interface PermitBlock {
  code: PermitBlockCode;
  clause: string;
  message: string;
  messageEn: string;
}

/** An approval the permit needs before it may be approved. `id` 'kind' is the kind's own approver. */
export interface RequiredApproval {
  id: 'kind' | 'zone-entry';
  authority: Authority;
  authorityName: string;
  clause: string;
  reason: string;
  reasonEn: string;
}

export interface PermitCheck {
  regime: PermitRegime;
  basis: string;
  rule: KindRule;
  /** Names of the control zones (and reserves) the place lies in. */
  zones: string[];
  /** Days of the window in a high-risk period: the special period (4(1)), 清明 / 寒衣节 (3(2)), danger level ≥ 4. */
  highRiskPeriodDays: IsoDate[];
  /** Reasons the permit may not be approved at all (only 不予批准 is left). */
  blocks: PermitBlock[];
  /** Every approval needed, the kind's own first; more than one when the place and time add one. */
  approvals: RequiredApproval[];
  warnings: PermitWarning[];
}

/**
 * Fire at graves is forbidden in the whole county (3(1) 严禁在坟头使用明火; 3(3) 严禁私自进行坟头烧纸或烧香): a purpose
 * naming it cannot be approved whatever kind was chosen. [decision] Recognised by these words in the purpose.
 */
export const GRAVE_FIRE_WORDS = /坟|祭祀|祭扫|祭奠|烧纸|烧香|纸钱/;

/** [decision] Danger level from which a day counts as a high-risk period for the zone check (4 = 高度危险, orange). */
export const HIGH_RISK_DANGER_LEVEL = 4;

export interface PermitCheckInput {
  kind: PermitKind;
  purpose: string;
  windowStart: string;
  windowEnd: string;
  zones: readonly PermitZone[];
  dangerByDate?: ReadonlyMap<IsoDate, DangerLevel>;
}

/**
 * The rules a permit is held to, for its kind, place and window, under the rules in force on its first day:
 *  - who approves it (3(2)/3(3) before 2026; Art. 27/31 from 2026-01-01, the county text marked superseded);
 *  - refused outright: fire at graves (3(1), 3(3)); any permit inside a control zone whose window touches 清明 or
 *    农历十月初一 (3(2) 特险时段 "严禁人员进山入林"; [decision] inside the three control zones the console applies it
 *    without exception, outside them it warns);
 *  - a second approval when the place is inside a control zone in a high-risk period: entering the zone needs the
 *    township (3(2), before 2026) or a county-level or higher government (Art. 31, from 2026), unless that is the
 *    permit's own kind.
 */
export function permitCheck(input: PermitCheckInput): PermitCheck {
  const regime = permitRegime(input.windowStart);
  const rule = kindRule(input.kind, regime);
  const days = shanghaiDaysTouched(input.windowStart, input.windowEnd);
  const danger = input.dangerByDate ?? new Map<IsoDate, DangerLevel>();
  const highRiskPeriodDays = days.filter((d) => isInSpecialPeriod(d) || highRiskDayOn(d) !== null || (danger.get(d) ?? 0) >= HIGH_RISK_DANGER_LEVEL);
  const zones = input.zones.map((z) => z.name);
  const blocks: PermitBlock[] = [];
  const grave = GRAVE_FIRE_WORDS.exec(input.purpose);
  if (grave) {
    blocks.push({
      code: 'grave-fire',
      clause: '交政发〔2024〕7号 3(1)、3(3)',
      message: `用火事由含"${grave[0]}"：全县一律实行祭坛集中祭祀，严禁在坟头使用明火，不得批准`,
      messageEn: `the purpose mentions "${grave[0]}": sacrifices only at central altars in the whole county, no open fire at graves; cannot be approved`,
    });
  }
  const hrDay = days.map((d) => [d, highRiskDayOn(d)] as const).find(([, n]) => n !== null);
  if (hrDay && zones.length > 0) {
    blocks.push({
      code: 'high-risk-day-in-zone',
      clause: regime === 'regulation-2026' ? '交政发〔2024〕7号 3(1)、3(2)；《森林草原防灭火条例》第三十条' : '交政发〔2024〕7号 3(1)、3(2)',
      message: `用火地点在${zones.join('、')}内，用火时段含特险日"${hrDay[1]}"（${hrDay[0]}）：特险时段严禁人员进山入林，不得批准`,
      messageEn: `the place lies in ${zones.join(', ')} and the window includes the high-risk day ${hrDay[1]} (${hrDay[0]}): no entry to the forest on those days; cannot be approved`,
    });
  }
  const approvals: RequiredApproval[] = [
    {
      id: 'kind',
      authority: rule.authority,
      authorityName: rule.authorityName,
      clause: rule.clause,
      reason: rule.label,
      reasonEn: PERMIT_KIND_EN[input.kind],
    },
  ];
  if (zones.length > 0 && highRiskPeriodDays.length > 0 && input.kind !== 'enterHighRiskZone') {
    const entry = kindRule('enterHighRiskZone', regime);
    approvals.push({
      id: 'zone-entry',
      authority: entry.authority,
      authorityName: entry.authorityName,
      clause: entry.clause,
      reason: `高火险期（${highRiskPeriodDays[0]}起）进入${zones.join('、')}`,
      reasonEn: `entering ${zones.join(', ')} in a high-risk period (from ${highRiskPeriodDays[0]})`,
    });
  }
  return { regime, basis: rule.basis, rule, zones, highRiskPeriodDays, blocks, approvals, warnings: permitWarnings(input.windowStart, input.windowEnd, danger) };
}
