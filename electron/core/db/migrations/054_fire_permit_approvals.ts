import type { Migration } from './types';

/**
 * The approvals confirmed when a permit is approved (issue 12): a permit inside a control zone in a high-risk period
 * needs, beside its own approver, the approval to enter the zone (交政发〔2024〕7号 3(2) before 2026; 《森林草原防灭火条例》
 * 第三十一条 from 2026-01-01). The approve event keeps the list of approvals the officer confirmed (JSON array of ids).
 * The table stays append-only (its triggers refuse UPDATE and DELETE; ADD COLUMN is neither).
 */
export const m054FirePermitApprovals: Migration = {
  id: 54,
  name: 'fire_permit_approvals',
  up(db) {
    db.exec(`ALTER TABLE fire_permit_events ADD COLUMN approvals TEXT CHECK (approvals IS NULL OR json_valid(approvals))`);
  },
};
