/**
 * 野外用火审批 (fire-use permits), 交政发〔2024〕7号 3(2) and 3(3):
 *  - 在森林防火区进行爆破等用火活动由县林业局负责审批;
 *  - 高火险期进入森林高火险区和在林区施工由乡镇负责审批，辖区林场配合;
 *  - 除经县级以上森林防灭火指挥部批准的计划用火外，任何单位和个人不得在野外使用明火 (3(3)).
 * Pure: kinds, authorities, the rules by regime, the state machine and the application's schema. The checks of a
 * permit's time window against the fire-season calendar are in ./permitCheck.ts (the calendar needs the lunar
 * library, which the API contract, and so the UI's first script, should not carry).
 */
import { z } from 'zod';
import { shanghaiDate, type IsoDate } from '../calendar/date';

export const PERMIT_KINDS = ['blasting', 'otherFireUse', 'enterHighRiskZone', 'forestConstruction', 'plannedBurn'] as const;
export type PermitKind = (typeof PERMIT_KINDS)[number];

/**
 * Approving bodies. The first three are the county opinions' (2024); the last two the 2026 regulation's
 * (县级人民政府, Art. 27 special fire use; 县级以上地方人民政府, Art. 27 blasting / live-fire exercises, Art. 31 high-risk zones).
 */
export const AUTHORITIES = ['county-forestry', 'township', 'county-hq', 'county-government', 'county-or-higher-government'] as const;
export type Authority = (typeof AUTHORITIES)[number];

export const AUTHORITY_NAMES: Readonly<Record<Authority, { zh: string; en: string }>> = {
  'county-forestry': { zh: '县林业局', en: 'county forestry bureau' },
  township: { zh: '乡镇人民政府', en: 'township government' },
  'county-hq': { zh: '县森林防灭火指挥部', en: 'county forest fire HQ' },
  'county-government': { zh: '县级人民政府', en: 'county government' },
  'county-or-higher-government': { zh: '县级以上地方人民政府', en: 'a county-level or higher local government' },
};

export interface PermitKindDef {
  kind: PermitKind;
  label: string;
  authority: Authority;
  authorityName: string;
  /** A body that assists the approving one (辖区林场配合). */
  assistedBy: string | null;
  clause: string;
}

/** The county opinions' table (交政发〔2024〕7号 3(2), 3(3)): the rules for fire use before 2026-01-01. */
export const PERMIT_KIND_DEFS: Readonly<Record<PermitKind, PermitKindDef>> = {
  blasting: { kind: 'blasting', label: '在森林防火区进行爆破', authority: 'county-forestry', authorityName: '县林业局', assistedBy: null, clause: '3(2)' },
  otherFireUse: { kind: 'otherFireUse', label: '在森林防火区进行其他用火活动', authority: 'county-forestry', authorityName: '县林业局', assistedBy: null, clause: '3(2)' },
  enterHighRiskZone: { kind: 'enterHighRiskZone', label: '高火险期进入森林高火险区', authority: 'township', authorityName: '乡镇人民政府', assistedBy: '辖区林场', clause: '3(2)' },
  forestConstruction: { kind: 'forestConstruction', label: '在林区施工', authority: 'township', authorityName: '乡镇人民政府', assistedBy: '辖区林场', clause: '3(2)' },
  plannedBurn: { kind: 'plannedBurn', label: '计划用火（计划烧除）', authority: 'county-hq', authorityName: '县森林防灭火指挥部', assistedBy: null, clause: '3(3)' },
};

/** English names of the kinds (the UI shows the Chinese labels first). */
export const PERMIT_KIND_EN: Readonly<Record<PermitKind, string>> = {
  blasting: 'blasting (or a non-military live-fire exercise) in a fire-prevention zone',
  otherFireUse: 'other fire use in a fire-prevention zone (pests, frost and the like)',
  enterHighRiskZone: 'entering a high-risk zone in a high-risk period',
  forestConstruction: 'construction in a forest',
  plannedBurn: 'planned burn',
};

/** The county opinions' approver of a kind (交政发〔2024〕7号). For the rules in force on a day use `permitRules`. */
export function authorityFor(kind: PermitKind): PermitKindDef {
  return PERMIT_KIND_DEFS[kind];
}

// ---------------------------------------------------------------------------------------------------------------
// Which rules apply: 《森林草原防灭火条例》 (国务院令第822号) from 2026-01-01, the county opinions before.

export type PermitRegime = 'county-2024' | 'regulation-2026';
/** 《森林草原防灭火条例》 is in force from this Beijing date (its Art. 63 repeals 《森林防火条例》 the same day). */
export const REGULATION_2026_FROM: IsoDate = '2026-01-01';
export const REGULATION_2026 = '《森林草原防灭火条例》（国务院令第822号，2026-01-01起施行）';
export const COUNTY_2024 = '交政发〔2024〕7号《交城县全面加强新形势下森林防灭火工作的实施意见》';

/**
 * [decision] A permit is judged by the rules in force on the Beijing date its fire-use window starts (the day the fire
 * is used), not the day the application is typed in: a window starting 2025-12-31 keeps the county opinions' approvers.
 */
export function permitRegime(windowStart: string): PermitRegime {
  return shanghaiDate(windowStart) < REGULATION_2026_FROM ? 'county-2024' : 'regulation-2026';
}

export interface PenaltyRange {
  article: string;
  offence: string;
  offenceEn: string;
  /** Fine in yuan for an individual, [min, max]; null when the article names none. */
  individual: [number, number] | null;
  /** Fine in yuan for a unit (单位), [min, max]. */
  unit: [number, number] | null;
  /** Fine in yuan whoever commits it, when the article does not split individual and unit (Art. 55). */
  anyone: [number, number] | null;
}

/** 《森林草原防灭火条例》 Art. 53–56, the fines (DOMAIN §6.5). */
export const PENALTIES = {
  art53: { article: '第五十三条', offence: '未及时消除森林草原火灾隐患或拒绝检查', offenceEn: 'not removing a fire hazard in time, or refusing inspection', individual: [300, 3_000], unit: [10_000, 20_000], anyone: null },
  art54: { article: '第五十四条', offence: '未经批准在防火区内野外用火', offenceEn: 'fire use in the wild without approval', individual: [300, 5_000], unit: [20_000, 100_000], anyone: null },
  art55: { article: '第五十五条', offence: '未经批准进行爆破、非军事实弹演习', offenceEn: 'blasting or a non-military live-fire exercise without approval', individual: null, unit: null, anyone: [100_000, 200_000] },
  art56: { article: '第五十六条', offence: '未经批准进入高火险区，丢弃火种，拒绝登记检查等', offenceEn: 'entering a high-risk zone without approval, throwing away kindling, refusing registration or checks, …', individual: [300, 3_000], unit: [5_000, 20_000], anyone: null },
} as const satisfies Record<string, PenaltyRange>;

export interface KindRule {
  authority: Authority;
  authorityName: string;
  assistedBy: string | null;
  /** The article or clause that names the approver, with its document. */
  clause: string;
  basis: string;
  /** The 2026 label of the activity (the regulation's words). */
  label: string;
  /** Set when the county opinions name another approver: the regulation is the higher rule and supersedes them. */
  supersededCounty: { authorityName: string; clause: string; note: string; noteEn: string } | null;
  /** What fire use of this kind without approval costs (2026 only; empty before). */
  penalties: PenaltyRange[];
}

const RULES_2026: Readonly<Record<PermitKind, Omit<KindRule, 'authorityName' | 'supersededCounty'>>> = {
  blasting: { authority: 'county-or-higher-government', assistedBy: null, clause: '第二十七条', basis: REGULATION_2026, label: '在防火区进行爆破、非军事实弹演习', penalties: [PENALTIES.art55, PENALTIES.art53] },
  otherFireUse: { authority: 'county-government', assistedBy: null, clause: '第二十七条', basis: REGULATION_2026, label: '因防治病虫鼠害、冻害等特殊情况确需野外用火', penalties: [PENALTIES.art54, PENALTIES.art53] },
  enterHighRiskZone: { authority: 'county-or-higher-government', assistedBy: null, clause: '第三十一条', basis: REGULATION_2026, label: '高火险期内进入高火险区', penalties: [PENALTIES.art56, PENALTIES.art53] },
  // The regulation names no approver for construction as such: the county's rule (township, 3(2)) stands; fire use
  // during the works needs Art. 27 approval, and works inside a high-risk zone in a high-risk period Art. 31 (see the
  // zone check, which adds that approval).
  forestConstruction: { authority: 'township', assistedBy: '辖区林场', clause: '3(2)', basis: COUNTY_2024, label: '在林区施工', penalties: [PENALTIES.art54, PENALTIES.art56, PENALTIES.art53] },
  // A planned burn in a fire-prevention zone is fire use in the wild: Art. 27 special fire use, county government.
  plannedBurn: { authority: 'county-government', assistedBy: null, clause: '第二十七条', basis: REGULATION_2026, label: '计划烧除（特殊情况确需野外用火）', penalties: [PENALTIES.art54, PENALTIES.art53] },
};

/** Who approves a kind under the rules of `regime`, with the clause, and the county text it supersedes. */
export function kindRule(kind: PermitKind, regime: PermitRegime): KindRule {
  const county = PERMIT_KIND_DEFS[kind];
  if (regime === 'county-2024') {
    return { authority: county.authority, authorityName: county.authorityName, assistedBy: county.assistedBy, clause: county.clause, basis: COUNTY_2024, label: county.label, supersededCounty: null, penalties: [] };
  }
  const r = RULES_2026[kind];
  const superseded =
    r.authority !== county.authority
      ? {
          authorityName: county.authorityName,
          clause: `交政发〔2024〕7号 ${county.clause}`,
          note: `县实施意见（交政发〔2024〕7号 ${county.clause}）规定由${county.authorityName}审批，已被《森林草原防灭火条例》${r.clause}取代，按条例由${AUTHORITY_NAMES[r.authority].zh}审批`,
          noteEn: `the county opinions (${county.clause}) name the ${AUTHORITY_NAMES[county.authority].en}; superseded by the regulation's ${r.clause}: approved by ${AUTHORITY_NAMES[r.authority].en}`,
        }
      : null;
  return { ...r, authorityName: AUTHORITY_NAMES[r.authority].zh, supersededCounty: superseded };
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

/** Permit windows longer than this are refused at application (a permit is for a job, not a season). [decision] */
export const MAX_PERMIT_DAYS = 90;

function yuan(n: number): string {
  return n >= 10_000 ? `${n / 10_000}万` : n.toLocaleString('en-US');
}

/** "个人 300–5,000 元；单位 2万–10万 元" (Chinese) and its English, for the UI and the print. */
export function penaltyText(p: PenaltyRange): { zh: string; en: string } {
  const r = (x: [number, number]) => `${yuan(x[0])}–${yuan(x[1])}`;
  const re = (x: [number, number]) => `${x[0].toLocaleString('en-US')}–${x[1].toLocaleString('en-US')}`;
  if (p.anyone) return { zh: `${p.offence}：罚款 ${r(p.anyone)} 元（${p.article}）`, en: `${p.offenceEn}: fine of ${re(p.anyone)} yuan (Art. ${p.article})` };
  const zh: string[] = [];
  const en: string[] = [];
  if (p.individual) {
    zh.push(`个人 ${r(p.individual)} 元`);
    en.push(`individual ${re(p.individual)} yuan`);
  }
  if (p.unit) {
    zh.push(`单位 ${r(p.unit)} 元`);
    en.push(`unit ${re(p.unit)} yuan`);
  }
  return { zh: `${p.offence}：罚款${zh.join('，')}（${p.article}）`, en: `${p.offenceEn}: fine, ${en.join('; ')} (Art. ${p.article})` };
}

export type WindowStatus = 'before' | 'inside' | 'after';
/** Where `now` lies against a permit's window, both ends inclusive. 开始用火 is legal only 'inside'. */
export function windowStatus(windowStart: string, windowEnd: string, now: Date | string): WindowStatus {
  const t = new Date(now).getTime();
  if (t < Date.parse(windowStart)) return 'before';
  if (t > Date.parse(windowEnd)) return 'after';
  return 'inside';
}
