import { describe, expect, it } from 'vitest';
import { checkTeamSize, TEAM_TIERS } from '../../../shared/fire/teams';

describe('team tiers of 6(5): both sides of every bound', () => {
  it.each([
    ['village', 9, false],
    ['village', 10, true],
    ['village', 20, true],
    ['village', 21, false],
    ['township-quick-response', 19, false],
    ['township-quick-response', 20, true],
    ['township-quick-response', 300, true],
    ['township-semi-professional', 49, false],
    ['township-semi-professional', 50, true],
    ['township-semi-professional', 100, true],
    ['township-semi-professional', 101, false],
    ['county-professional', 99, false],
    ['county-professional', 100, true],
    ['county-professional', 101, true],
    ['enterprise-reserve', 99, false],
    ['enterprise-reserve', 100, true],
  ] as const)('%s of %i → %s', (tier, size, ok) => {
    const r = checkTeamSize(tier, size);
    expect(r.ok).toBe(ok);
    expect(r.clause).toBe('6(5)');
    expect(r.message).toMatch(ok ? /符合/ : /少于|超过/);
  });
  it('refuses a non-integer size', () => expect(checkTeamSize('village', 12.5).ok).toBe(false));
  it('lists five tiers with the plan words', () => {
    expect(TEAM_TIERS).toHaveLength(5);
    expect(TEAM_TIERS.map((t) => t.text).join()).toContain('50人—100人');
  });
});
