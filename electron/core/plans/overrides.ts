import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/api/errors';
import { loadPlan, type Plan } from '../../../shared/engine';
import { builtInPlans, registerPlan, unregisterPlan } from '../../../shared/plans';

export interface PlanOverrideReport {
  /** Edited plans now in force, by file. */
  loaded: Array<{ id: string; version: string; file: string }>;
  /** Files that were refused, with the reason (the built-in plan stays in force). */
  refused: Array<{ file: string; message: string; messageEn: string }>;
}

/** `<folder of the database>/plans`: where the office puts an edited copy of a plan (e.g. corrected drug-plan numbers). */
export function planOverridesDir(dbPath: string): string {
  return path.join(path.dirname(path.resolve(dbPath)), 'plans');
}

/**
 * Load the office's edited plans (`*.json`, as printed by `ercon plan show <id> --json` and edited), so a number of a
 * plan can be corrected without a code change (issue 3; the drug plan's table is only partly verified, DOMAIN §5.1).
 * Each file is validated by the plan schema and its cross-references. An edited plan must carry a NEW version: an
 * incident stays pinned to the plan version it was opened under, so changing a plan never regrades history
 * (ARCHITECTURE.md). A bad file never stops the console: it is refused with its reason and the built-in plan stays.
 */
export function loadPlanOverrides(dir: string): PlanOverrideReport {
  const report: PlanOverrideReport = { loaded: [], refused: [] };
  let files: string[];
  try {
    files = fs.readdirSync(dir).filter((f) => f.toLowerCase().endsWith('.json')).sort();
  } catch {
    return report; // no folder: no edited plans
  }
  for (const name of files) {
    const file = path.join(dir, name);
    try {
      let json: unknown;
      try {
        json = JSON.parse(fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
      } catch (e) {
        throw new AppError({ code: 'invalid-input', message: `不是合法的 JSON：${(e as Error).message}`, messageEn: `not valid JSON: ${(e as Error).message}` });
      }
      const plan: Plan = loadPlan(json);
      const builtIn = builtInPlans.find((p) => p.id === plan.id && p.version === plan.version);
      if (builtIn) {
        throw new AppError({
          code: 'invalid-input',
          message: `修改后的预案必须使用新的版本号（内置预案 ${plan.id} 已是 ${plan.version} 版），以免已立案事件被重新定级`,
          messageEn: `an edited plan needs a new version (built-in ${plan.id} is already version ${plan.version}), so open incidents are never regraded`,
          field: 'version',
          rule: 'new-version',
        });
      }
      registerPlan(plan);
      report.loaded.push({ id: plan.id, version: plan.version, file });
    } catch (e) {
      const body = e instanceof AppError ? e.body : { message: (e as Error).message, messageEn: (e as Error).message };
      report.refused.push({ file, message: body.message, messageEn: body.messageEn });
    }
  }
  return report;
}

/** Undo what loadPlanOverrides registered (when the core closes). */
export function unloadPlanOverrides(report: PlanOverrideReport): void {
  for (const l of report.loaded) unregisterPlan(l.id);
}
