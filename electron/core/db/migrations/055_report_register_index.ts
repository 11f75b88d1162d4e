import type { Migration } from './types';

/**
 * The 发文字号 register (GB/T 9704-2012 7.2.5; electron/core/reports/service.ts) counts the reports a unit filed in a
 * year over the whole log. A partial index on the report-filed events keeps that count from reading every event of a
 * large log (the log holds a million events in the benchmarks). Numbered in the range this work was given.
 */
export const m055ReportRegisterIndex: Migration = {
  id: 55,
  name: 'report_register_index',
  up(db) {
    db.exec(`CREATE INDEX events_report_filed ON events(pos) WHERE type = 'report-filed'`);
  },
};
