import type { Command } from 'commander';
import { AppError } from '../../../shared/api';
import { grade, loadPlan, reportUpClauses, type Plan } from '../../../shared/engine';
import { getPlan } from '../../../shared/plans';
import type { CliEnv } from '../env';

/**
 * `ercon classify <plan> --facts <file.json|->`: grade facts against a plan and print ONE JSON line
 * `{"plan","planVersion","level","levelName","criteria":[{"clause","level","fact","value"}],"nearest","flags"}`.
 * Needs no database. Invalid facts: exit 2, nothing on stdout, the field and the rule on stderr.
 */
export function registerClassify(program: Command, env: CliEnv): void {
  program
    .command('classify')
    .description('grade an incident\'s facts against a plan (vaccine, drug, …) / 按预案分级')
    .argument('<plan>', 'plan id (vaccine | drug | forest-fire | …)')
    .requiredOption('--facts <file>', 'facts as JSON (a file, or - for standard input)')
    .option('--plan-file <file>', 'use an edited copy of the plan (JSON) instead of the built-in one')
    .action((planId: string, opts: { facts: string; planFile?: string }) => {
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
      } else plan = getPlan(planId);
      const facts = env.readJsonArg(opts.facts, 'facts');
      const r = grade(plan, facts);
      env.printJson({
        plan: r.plan,
        planVersion: r.planVersion,
        level: r.level,
        levelName: r.levelName,
        criteria: r.criteria.map((c) => ({ clause: c.clause, level: c.level, fact: c.fact, value: c.value })),
        nearest: r.nearest,
        flags: r.flags,
        // Plans with must-report-up flags (forest fire: 《森林防火条例》第三十二条) list the clauses that hold.
        ...(plan.flags.some((f) => f.reportUp) ? { reportUpFlags: reportUpClauses(r.flags) } : {}),
      });
    });
}
