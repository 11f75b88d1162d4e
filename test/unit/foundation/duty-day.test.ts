// The duty day (shared/duty/roster.ts dutyDay): the Beijing date of the shift running at an instant, so a roster read
// at 02:00 shows the night (or 24-hour) shift that began the evening (or morning) before. Both sides of 08:00 Beijing.
import { describe, expect, it } from 'vitest';
import { dutyDay, shiftWindow } from '../../../shared/duty/roster';

describe('dutyDay', () => {
  it('is yesterday until 08:00 Beijing, today from 08:00', () => {
    expect(dutyDay('2026-12-01T23:59:59.999Z')).toBe('2026-12-01'); // 07:59:59 on the 2nd
    expect(dutyDay('2026-12-02T00:00:00.000Z')).toBe('2026-12-02'); // 08:00 on the 2nd
    expect(dutyDay('2026-12-01T16:10:00.000Z')).toBe('2026-12-01'); // 00:10 on the 2nd
  });
  it('every shift contains the instants whose duty day is its date', () => {
    for (const shift of ['day', 'night', 'full']) {
      const w = shiftWindow('2026-12-01', shift);
      expect(dutyDay(w.startsAt)).toBe('2026-12-01');
      expect(dutyDay(Date.parse(w.endsAt) - 1)).toBe('2026-12-01');
    }
  });
});
