import { m050FirePermits } from '../db/migrations/050_fire_permits';
import { m051FireDanger } from '../db/migrations/051_fire_danger';
import { m052FireLedgers } from '../db/migrations/052_fire_ledgers';
import { m053FireRewards } from '../db/migrations/053_fire_rewards';
import { m054FirePermitApprovals } from '../db/migrations/054_fire_permit_approvals';
import { m055ReportRegisterIndex } from '../db/migrations/055_report_register_index';
import type { Migration } from '../db/migrations/types';

/** The forest-fire area's migrations (ids 50–69), in order; spread into the core list. 55 is the reports register's index. */
export const fireMigrations: readonly Migration[] = [m050FirePermits, m051FireDanger, m052FireLedgers, m053FireRewards, m054FirePermitApprovals, m055ReportRegisterIndex];
