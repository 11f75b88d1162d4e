import { z } from 'zod';
import { isIsoDate } from '../base/time';

/** A real calendar date, YYYY-MM-DD (2026-02-30 is refused): every command's date field (fire, statistics, roster). */
export const isoDate = z.string().refine(isIsoDate, { message: 'must be a real date YYYY-MM-DD / 须为真实日期 YYYY-MM-DD' });
