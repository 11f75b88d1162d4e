import { describe, expect, it } from 'vitest';
import { fireCalendar } from '../../../shared/calendar';
import { estimateDanger, officialDanger } from '../../../shared/fire/danger';
import { postureFor } from '../../../shared/fire/posture';

const clauses = (p: ReturnType<typeof postureFor>) => p.lines.map((l) => l.clause);

describe('posture for a date', () => {
  it('on 寒衣节 2027-10-29 (outside the special period) the high-risk day still rules: 3(2), severity 4', () => {
    const p = postureFor(fireCalendar('2027-10-29'), null);
    expect(p.severity).toBe(4);
    expect(clauses(p)).toContain('3(2)');
    expect(p.lines.find((l) => l.clause === '3(2)')!.text).toMatch(/封闭进山道路/);
    expect(p.lines[0]!.text).toMatch(/非特险期/);
  });
  it('inside the special period: 4(1) and 4(2) checkpoints', () => {
    const p = postureFor(fireCalendar('2026-01-10'), null);
    expect(clauses(p)).toEqual(expect.arrayContaining(['4(1)', '4(2)']));
    expect(p.severity).toBe(2);
  });
  it('two days before 清明: the window line, severity 3', () => {
    const p = postureFor(fireCalendar('2026-04-03'), null);
    expect(p.lines.some((l) => l.clause === '3(2)' && /还有 2 天/.test(l.text))).toBe(true);
    expect(p.severity).toBe(3);
    expect(clauses(p)).toContain('6(7)');
  });
  it('level 5 forbids all fire use; the estimate is labelled as such', () => {
    const p = postureFor(fireCalendar('2026-07-01'), officialDanger(5, '县气象局'));
    expect(p.fireUseForbidden).toBe(true);
    expect(p.severity).toBe(4);
    const e = postureFor(fireCalendar('2026-07-01'), estimateDanger({ maxTempC: 35, humidity14Pct: 5, dryDays: 20, windMs: 9 }));
    expect(e.lines.some((l) => /估算/.test(l.text))).toBe(true);
    const calm = postureFor(fireCalendar('2026-07-01'), officialDanger(4, '县气象局'));
    expect(calm.fireUseForbidden).toBe(false);
  });
  it('asks for the rating when none was entered', () => {
    expect(postureFor(fireCalendar('2026-07-01'), null).lines.some((l) => /尚未录入/.test(l.text))).toBe(true);
  });
});
