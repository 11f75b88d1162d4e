/**
 * Firefighting team tiers of 交政发〔2024〕7号 6(5), as a checklist and a size validator.
 * [decision] "100人" for the county professional team and the enterprise teams is read as the strength to reach:
 * at least 100 (a larger team does not break the rule). Ranges written "50人—100人" and "10人—20人" include both ends;
 * "不少于20人" means 20 or more.
 */
export type TeamTier = 'county-professional' | 'township-semi-professional' | 'township-quick-response' | 'village' | 'enterprise-reserve';

export interface TeamTierDef {
  tier: TeamTier;
  name: string;
  min: number;
  max: number | null;
  /** The plan's words. */
  text: string;
  clause: '6(5)';
  /** Who forms it. */
  formedBy: string;
  duty: string;
}

export const TEAM_TIERS: readonly TeamTierDef[] = [
  { tier: 'county-professional', name: '县森林消防专业队', min: 100, max: null, text: '100人的县森林消防专业队', clause: '6(5)', formedBy: '县', duty: '配足配齐专业灭火设备，集中食宿，24小时待命，特险期分兵靠前驻防' },
  { tier: 'township-semi-professional', name: '林区乡镇半专业灭火队', min: 50, max: 100, text: '各林区乡镇要组建50人—100人的半专业灭火队', clause: '6(5)', formedBy: '各林区乡镇', duty: '乡镇整装训练，全县统一调用' },
  { tier: 'township-quick-response', name: '乡镇快速反应应急队伍', min: 20, max: null, text: '不少于20人的快速反应应急队伍', clause: '6(5)', formedBy: '各乡镇', duty: '分管领导带队，全天候待命，发生火情后第一时间组织扑救' },
  { tier: 'village', name: '村群众灭火队伍', min: 10, max: 20, text: '各行政村要组建10人—20人的群众灭火队伍', clause: '6(5)', formedBy: '各行政村', duty: '作为第四梯队保障后勤和运送物资' },
  { tier: 'enterprise-reserve', name: '大型企业半专业灭火队伍', min: 100, max: null, text: '大型企业要各自组建100人的半专业灭火队伍', clause: '6(5)', formedBy: '汾西中兴煤业、汾西香源煤业、美锦锦辉煤业、庞泉酒庄等大型企业', duty: '特险期开展专业培训和演练，作为后续补充力量备用' },
];

export const TEAM_TIER_IDS = TEAM_TIERS.map((t) => t.tier) as [TeamTier, ...TeamTier[]];

export interface TeamSizeCheck {
  ok: boolean;
  tier: TeamTier;
  size: number;
  min: number;
  max: number | null;
  clause: '6(5)';
  message: string;
  messageEn: string;
}

export function tierDef(tier: TeamTier): TeamTierDef {
  const d = TEAM_TIERS.find((t) => t.tier === tier);
  if (!d) throw new RangeError(`unknown team tier: ${tier}`);
  return d;
}

/** Is a team of `size` people the right size for its tier (6(5))? */
export function checkTeamSize(tier: TeamTier, size: number): TeamSizeCheck {
  const d = tierDef(tier);
  const base = { tier, size, min: d.min, max: d.max, clause: d.clause } as const;
  if (!Number.isInteger(size) || size < 0) {
    return { ...base, ok: false, message: `${d.name}人数必须是非负整数`, messageEn: `${d.name} size must be a whole number ≥ 0` };
  }
  const range = d.max === null ? `不少于${d.min}人` : `${d.min}—${d.max}人`;
  const rangeEn = d.max === null ? `at least ${d.min}` : `${d.min}–${d.max}`;
  if (size < d.min) return { ...base, ok: false, message: `${d.name}${size}人，少于要求（${range}，6(5)）`, messageEn: `${size} people: below ${rangeEn} (6(5))` };
  if (d.max !== null && size > d.max) return { ...base, ok: false, message: `${d.name}${size}人，超过要求（${range}，6(5)）`, messageEn: `${size} people: above ${rangeEn} (6(5))` };
  return { ...base, ok: true, message: `${d.name}${size}人，符合要求（${range}）`, messageEn: `${size} people: within ${rangeEn}` };
}
