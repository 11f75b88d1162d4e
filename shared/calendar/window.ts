/**
 * [decision] The most days a high-risk day's window may reach on either side (fireSeason.ts, DEFAULT_WINDOW). Its own
 * module so that the API contract can check it without loading the lunar calendar.
 */
export const MAX_WINDOW_DAYS = 30;
