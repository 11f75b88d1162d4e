import type { Command } from 'commander';
import type { CliEnv } from '../env';
import { registerSystem } from './system';
import { registerMap } from './map';
import { registerTiles } from './tiles';
import { registerClassify } from './classify';
import { registerPlan } from './plan';
import { registerFire } from './fire';
import { registerIncident } from './incident';
import { registerLog } from './log';
import { registerReport } from './report';
import { registerPeople } from './people';

/** Each area adds its subcommands with a register function of its own. */
export const registrations: ReadonlyArray<(program: Command, env: CliEnv) => void> = [registerSystem, registerMap, registerTiles, registerClassify, registerPlan, registerFire, registerIncident, registerLog, registerReport, registerPeople];
