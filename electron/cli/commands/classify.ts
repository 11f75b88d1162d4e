import type { Command } from 'commander';
import { AppError } from '../../../shared/api';
import { classify, loadPlan, type Plan } from '../../../shared/engine';
import type { CliEnv } from '../env';
import { atArg, pickPlan } from './plan';

/**
 * `ercon classify <plan> --facts <file.json|-> [--at <YYYY-MM-DD|ISO>]`: grade facts against the plan version in force
 * that day (default now) and print ONE JSON line:
 * `{"plan","planVersion","effectiveFrom","effectiveUntil","level","levelName","counted","notGraded","criteria":[…],
 *   "nearest","flags","reportUpFlags":[clause ids]}`.
 * Needs no database. Invalid facts or options: exit 2, nothing on stdout, the field and the rule on stderr.
 */
export function registerClassify(program: Command, env: CliEnv): void {
  program
    .command('classify')
    .description('grade an incident\'s facts by the plan in force on a day / 按当日施行的预案分级')
    .argument('<plan>', 'plan id (vaccine | drug | forest-fire | grassland-fire | …)')
    .requiredOption('--facts <file>', 'facts as JSON (a file, or - for standard input)')
    .option('--at <date>', 'judge by the rules in force on that day (YYYY-MM-DD, Beijing, or ISO with offset); default now')
    .option('--plan-file <file>', 'use an edited copy of the plan (JSON) instead of the built-in one')
    .action((planId: string, opts: { facts: string; planFile?: string; at?: string }) => {
      let plan: Plan;
      if (opts.planFile) {
        plan = loadPlan(env.readJsonArg(opts.planFile, 'plan-file'));
        if (plan.id !== planId) {
          throw new AppError({
            code: 'invalid-input',
            message: `预案文件的 id 是 ${plan.id}，不是 ${planId}`,
            messageEn: `the plan file is plan ${plan.id}, not ${planId}`,
            field: 'plan-file',
            rule: 'plan-id',
          });
        }
      } else plan = pickPlan(planId, { at: opts.at !== undefined ? atArg(opts.at) : undefined });
      env.printJson(classify(plan, env.readJsonArg(opts.facts, 'facts')));
    });
}
