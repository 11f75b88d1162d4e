/**
 * Rewards for reporting (交政发〔2024〕7号 6(8)): "对发现森林火灾重大隐患和第一时间发现森林火情且报告及时有效的，
 * 经乡镇及指挥部办公室确认，给予100元—500元的现金奖励". Both ends of 100–500 are included; confirmation needs BOTH
 * the township and the HQ office.
 */
import { z } from 'zod';

export const REWARD_MIN_YUAN = 100;
export const REWARD_MAX_YUAN = 500;

export const REWARD_KINDS = ['first-report', 'major-hazard'] as const;
export type RewardKind = (typeof REWARD_KINDS)[number];
export const REWARD_KIND_LABELS: Record<RewardKind, string> = {
  'first-report': '第一时间发现森林火情且报告及时有效',
  'major-hazard': '发现森林火灾重大隐患',
};

export const CONFIRMERS = ['township', 'hq-office'] as const;
export type Confirmer = (typeof CONFIRMERS)[number];
export const CONFIRMER_LABELS: Record<Confirmer, string> = { township: '乡镇', 'hq-office': '指挥部办公室' };

export const REWARD_STATES = ['proposed', 'confirmed', 'paid', 'rejected'] as const;
export type RewardState = (typeof REWARD_STATES)[number];

export const rewardAmountSchema = z
  .number()
  .int('奖励金额须为整数元 / whole yuan')
  .min(REWARD_MIN_YUAN, `奖励金额不少于${REWARD_MIN_YUAN}元（6(8)） / at least ${REWARD_MIN_YUAN} yuan`)
  .max(REWARD_MAX_YUAN, `奖励金额不超过${REWARD_MAX_YUAN}元（6(8)） / at most ${REWARD_MAX_YUAN} yuan`);

export const rewardProposalSchema = z
  .object({
    /** The fire (incident id of the incident log) the report or hazard belongs to. */
    incidentId: z.string().trim().min(1).max(100),
    kind: z.enum(REWARD_KINDS),
    recipientName: z.string().trim().min(1).max(100),
    recipientPhone: z.string().trim().max(50).optional(),
    amountYuan: rewardAmountSchema,
    reason: z.string().trim().min(1).max(2000),
  })
  .strict();
export type RewardProposal = z.infer<typeof rewardProposalSchema>;

export interface RewardStatus {
  state: RewardState;
  confirmedBy: Partial<Record<Confirmer, { name: string; at: string }>>;
}

/** A reward is confirmed once the township AND the HQ office have each confirmed it. */
export function isFullyConfirmed(c: RewardStatus['confirmedBy']): boolean {
  return CONFIRMERS.every((k) => c[k] !== undefined);
}

export type RewardAction = { type: 'confirm'; by: Confirmer } | { type: 'reject'; by: Confirmer } | { type: 'pay' };

/** The state after an action, or an error reason (Chinese / English) when it is not allowed. */
export function rewardNext(s: RewardStatus, a: RewardAction): { ok: true; state: RewardState } | { ok: false; zh: string; en: string } {
  if (s.state === 'paid' || s.state === 'rejected') return { ok: false, zh: `奖励已${s.state === 'paid' ? '发放' : '驳回'}，不能再变更`, en: `the reward is already ${s.state}` };
  if (a.type === 'pay') {
    if (s.state !== 'confirmed') return { ok: false, zh: '须经乡镇及指挥部办公室双方确认后才能发放（6(8)）', en: 'both the township and the HQ office must confirm before payment (6(8))' };
    return { ok: true, state: 'paid' };
  }
  if (a.type === 'reject') return { ok: true, state: 'rejected' };
  if (s.confirmedBy[a.by]) return { ok: false, zh: `${CONFIRMER_LABELS[a.by]}已确认过`, en: `${a.by} has already confirmed` };
  const after = { ...s.confirmedBy, [a.by]: { name: '', at: '' } };
  return { ok: true, state: isFullyConfirmed(after) ? 'confirmed' : 'proposed' };
}
