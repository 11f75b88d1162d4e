/**
 * The roster (排班, issue 15 item 3): shifts of the duty room, each with the people on duty and the duty leader.
 * The shift templates are the county's own decision (县定): a day / night split at 08:00 and 20:00, or one 24-hour shift
 * from 08:00 — the two patterns the duty-room rules we read use.
 */
import { shanghaiDate, type IsoDate } from '../base/time';

export interface ShiftTemplate {
  id: string;
  label: string;
  labelEn: string;
  /** Start, Beijing time, HH:MM. */
  start: string;
  hours: number;
}

export const SHIFT_TEMPLATES: readonly ShiftTemplate[] = [
  { id: 'day', label: '白班', labelEn: 'day shift', start: '08:00', hours: 12 },
  { id: 'night', label: '夜班', labelEn: 'night shift', start: '20:00', hours: 12 },
  { id: 'full', label: '24小时班', labelEn: '24-hour shift', start: '08:00', hours: 24 },
];

export const SHIFT_IDS = SHIFT_TEMPLATES.map((s) => s.id) as [string, ...string[]];

/** When the shift of `date` starts and ends, as instants (the date is the Beijing date the shift starts on). */
export function shiftWindow(date: IsoDate, shiftId: string): { startsAt: string; endsAt: string } {
  const s = SHIFT_TEMPLATES.find((x) => x.id === shiftId);
  if (!s) throw new Error(`unknown shift ${shiftId}`);
  const start = Date.parse(`${date}T${s.start}:00+08:00`);
  return { startsAt: new Date(start).toISOString(), endsAt: new Date(start + s.hours * 3_600_000).toISOString() };
}

/**
 * The duty day of an instant: the Beijing date of the shift running then. Every shift starts at 08:00 or 20:00 of its
 * date, so before 08:00 it is still the day before (02:00 on the 2nd is the night shift, or the 24-hour shift, of the 1st).
 */
export function dutyDay(instant: Date | string | number): IsoDate {
  return shanghaiDate(new Date(instant).getTime() - 8 * 3_600_000);
}

/** Whether two shifts of the roster overlap in time (a 24-hour shift and a day or night shift of the same day do). */
export function overlaps(a: { startsAt: string; endsAt: string }, b: { startsAt: string; endsAt: string }): boolean {
  return a.startsAt < b.endsAt && b.startsAt < a.endsAt;
}
