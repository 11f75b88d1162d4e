/**
 * 野外用火审批 (fire-use permits), 交政发〔2024〕7号 3(2) and 3(3):
 *  - 在森林防火区进行爆破等用火活动由县林业局负责审批;
 *  - 高火险期进入森林高火险区和在林区施工由乡镇负责审批，辖区林场配合;
 *  - 除经县级以上森林防灭火指挥部批准的计划用火外，任何单位和个人不得在野外使用明火 (3(3)).
 * Pure: kinds, authorities, the state machine and the warnings for a permit's time window.
 */
import { z } from 'zod';
import { highRiskDayOn } from '../calendar/fireSeason';
import { shanghaiDaysTouched, type IsoDate } from '../calendar/date';
import type { DangerLevel } from './danger';

export const PERMIT_KINDS = ['blasting', 'otherFireUse', 'enterHighRiskZone', 'forestConstruction', 'plannedBurn'] as const;
export type PermitKind = (typeof PERMIT_KINDS)[number];

export type Authority = 'county-forestry' | 'township' | 'county-hq';

export interface PermitKindDef {
  kind: PermitKind;
  label: string;
  authority: Authority;
  authorityName: string;
  /** A body that assists the approving one (辖区林场配合). */
  assistedBy: string | null;
  clause: string;
}

export const PERMIT_KIND_DEFS: Readonly<Record<PermitKind, PermitKindDef>> = {
  blasting: { kind: 'blasting', label: '在森林防火区进行爆破', authority: 'county-forestry', authorityName: '县林业局', assistedBy: null, clause: '3(2)' },
  otherFireUse: { kind: 'otherFireUse', label: '在森林防火区进行其他用火活动', authority: 'county-forestry', authorityName: '县林业局', assistedBy: null, clause: '3(2)' },
  enterHighRiskZone: { kind: 'enterHighRiskZone', label: '高火险期进入森林高火险区', authority: 'township', authorityName: '乡镇人民政府', assistedBy: '辖区林场', clause: '3(2)' },
  forestConstruction: { kind: 'forestConstruction', label: '在林区施工', authority: 'township', authorityName: '乡镇人民政府', assistedBy: '辖区林场', clause: '3(2)' },
  plannedBurn: { kind: 'plannedBurn', label: '计划用火（计划烧除）', authority: 'county-hq', authorityName: '县森林防灭火指挥部', assistedBy: null, clause: '3(3)' },
};

export function authorityFor(kind: PermitKind): PermitKindDef {
  return PERMIT_KIND_DEFS[kind];
}

export const PERMIT_STATES = ['applied', 'approved', 'refused', 'active', 'closed'] as const;
export type PermitState = (typeof PERMIT_STATES)[number];

export const PERMIT_STATE_LABELS: Record<PermitState, string> = {
  applied: '已申请',
  approved: '已批准',
  refused: '不予批准',
  active: '用火中',
  closed: '已关闭',
};

export const PERMIT_ACTIONS = ['approve', 'refuse', 'activate', 'close'] as const;
export type PermitAction = (typeof PERMIT_ACTIONS)[number];

/**
 * applied → approved | refused; approved → active → closed. [decision] approved → closed is also legal (an approved
 * permit that is never used is closed without activating it), so no permit stays open for ever. refused and closed
 * are final.
 */
const TRANSITIONS: Readonly<Record<PermitAction, { from: readonly PermitState[]; to: PermitState }>> = {
  approve: { from: ['applied'], to: 'approved' },
  refuse: { from: ['applied'], to: 'refused' },
  activate: { from: ['approved'], to: 'active' },
  close: { from: ['approved', 'active'], to: 'closed' },
};

export function nextPermitState(state: PermitState, action: PermitAction): PermitState | null {
  const t = TRANSITIONS[action];
  return t.from.includes(state) ? t.to : null;
}

export function legalPermitActions(state: PermitState): PermitAction[] {
  return PERMIT_ACTIONS.filter((a) => nextPermitState(state, a) !== null);
}

const lng = z.number().min(-180).max(180);
const lat = z.number().min(-90).max(90);
const isoTime = z.iso.datetime({ offset: true });

export const permitApplicationSchema = z
  .object({
    applicant: z.string().trim().min(1).max(200),
    applicantPhone: z.string().trim().max(50).optional(),
    kind: z.enum(PERMIT_KINDS),
    purpose: z.string().trim().min(1).max(2000),
    placeName: z.string().trim().min(1).max(500),
    /** WGS-84 longitude / latitude of the place. */
    lng,
    lat,
    township: z.string().trim().max(100).optional(),
    windowStart: isoTime,
    windowEnd: isoTime,
  })
  .strict()
  .refine((p) => Date.parse(p.windowEnd) > Date.parse(p.windowStart), { path: ['windowEnd'], message: 'windowEnd must be after windowStart / 结束时间须晚于开始时间' });
export type PermitApplication = z.infer<typeof permitApplicationSchema>;

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

/** Permit windows longer than this are refused at application (a permit is for a job, not a season). [decision] */
export const MAX_PERMIT_DAYS = 90;
