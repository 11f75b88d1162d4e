/** Beijing civil days live in shared/base/time.ts (the one Beijing-time module); re-exported for the calendar. */
export * from '../base/time';
