import { describe, expect, it } from 'vitest';
import { rewardAmountSchema, rewardNext, rewardProposalSchema } from '../../../shared/fire/rewards';

describe('reward amount 100–500 yuan (6(8)), both ends included', () => {
  it.each([
    [99, false],
    [100, true],
    [500, true],
    [501, false],
    [250.5, false],
  ])('%s yuan → %s', (amount, ok) => expect(rewardAmountSchema.safeParse(amount).success).toBe(ok));
  it('the proposal needs the fire (incident id)', () => {
    expect(rewardProposalSchema.safeParse({ kind: 'first-report', recipientName: '张三', amountYuan: 200, reason: '首报' }).success).toBe(false);
    expect(rewardProposalSchema.safeParse({ incidentId: 'INC-1', kind: 'first-report', recipientName: '张三', amountYuan: 200, reason: '首报' }).success).toBe(true);
  });
});

describe('confirmation by the township AND the HQ office before payment', () => {
  const none = { state: 'proposed' as const, confirmedBy: {} };
  const t = { name: '李', at: 'x' };
  it('one confirmation is not enough', () => {
    expect(rewardNext(none, { type: 'confirm', by: 'township' })).toEqual({ ok: true, state: 'proposed' });
    expect(rewardNext({ state: 'proposed', confirmedBy: { township: t } }, { type: 'pay' }).ok).toBe(false);
  });
  it('both confirm → confirmed → paid', () => {
    expect(rewardNext({ state: 'proposed', confirmedBy: { township: t } }, { type: 'confirm', by: 'hq-office' })).toEqual({ ok: true, state: 'confirmed' });
    expect(rewardNext({ state: 'confirmed', confirmedBy: { township: t, 'hq-office': t } }, { type: 'pay' })).toEqual({ ok: true, state: 'paid' });
  });
  it('the same body cannot confirm twice; paid and rejected are final', () => {
    expect(rewardNext({ state: 'proposed', confirmedBy: { township: t } }, { type: 'confirm', by: 'township' }).ok).toBe(false);
    expect(rewardNext({ state: 'paid', confirmedBy: {} }, { type: 'reject', by: 'township' }).ok).toBe(false);
    expect(rewardNext({ state: 'rejected', confirmedBy: {} }, { type: 'confirm', by: 'township' }).ok).toBe(false);
  });
});
