import { z } from 'zod';
import { command } from './contract';
import { isoDate } from './dates';

/**
 * Statistics for the office (issue 16 item 5), over the incidents received between two Beijing dates: how many by plan,
 * level and month; the reports filed on time and late, by kind (the same lateness rule as the board and the prints);
 * and how long each notification round took to reach everyone. Exercises (演练) are counted apart and never in these.
 */
const range = z
  .object({ from: isoDate, to: isoDate })
  .strict()
  .refine((r) => r.from <= r.to, { message: 'from must not be after to / 起始日期不能晚于截止日期', path: ['to'] });

export const statsSchema = z.object({
  from: z.string(),
  to: z.string(),
  /** Real incidents in the range, and exercises (not in any figure below). */
  incidentsTotal: z.number().int(),
  exercises: z.number().int(),
  /** By plan, Beijing month (YYYY-MM) and level: the highest response level it had, else the level its facts gave; null = not graded. */
  incidents: z.array(z.object({ planId: z.string(), plan: z.string(), month: z.string(), level: z.string().nullable(), count: z.number().int() })),
  /** Reports filed (corrections not counted again), by plan and kind. */
  reports: z.array(z.object({ planId: z.string(), plan: z.string(), kind: z.string(), label: z.string(), total: z.number().int(), onTime: z.number().int(), late: z.number().int() })),
  /** Notification rounds by plan rule: how many, how many reached everyone, and the minutes that took (median, longest). */
  rounds: z.array(
    z.object({ planId: z.string(), plan: z.string(), ruleId: z.string(), label: z.string(), clause: z.string(), total: z.number().int(), completed: z.number().int(), medianMinutes: z.number().nullable(), maxMinutes: z.number().nullable() }),
  ),
});
export type OfficeStats = z.infer<typeof statsSchema>;

export const statsCommands = {
  'stats.office': command({
    summary: 'Statistics for the office: incidents by plan, level and month; reports on time and late by kind; time to reach all in a round (exercises apart)',
    input: range,
    output: statsSchema,
  }),
  'stats.export': command({
    summary: 'The same statistics as XLSX (base64), one sheet each',
    input: range,
    output: z.object({ fileName: z.string(), content: z.string(), rows: z.number().int() }),
  }),
};
