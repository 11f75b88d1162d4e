import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/api/errors';
import { loadPlan, type Plan, type PlanRegistry } from '../../../shared/engine';

export interface PlanOverrideReport {
  /** Edited plan versions now in the registry, by file. */
  loaded: Array<{ id: string; version: string; file: string; effectiveFrom: string }>;
  /** Files that were refused, with the reason (the other versions stay in force). */
  refused: Array<{ file: string; message: string; messageEn: string }>;
}

/** `<folder of the database>/plans`: where the office puts an edited copy of a plan (e.g. corrected drug-plan numbers). */
export function planOverridesDir(dbPath: string): string {
  return path.join(path.dirname(path.resolve(dbPath)), 'plans');
}

/**
 * Load the office's edited plans (`*.json`, as printed by `ercon plan show <id> --json` and edited) into the core's
 * registry, so a number, a date or a whole new plan can be taken in without a code change. Each file is validated by
 * the plan schema and its cross-references. An edited plan must carry a NEW version: an incident stays pinned to the
 * version it was opened under (ARCHITECTURE.md). It may carry its own `effectiveFrom`; among versions in force on a day
 * the one with the latest `effectiveFrom` applies, and on a tie the one loaded last (files are read in name order,
 * after the built-in ones). A bad file never stops the console: it is refused with its reason.
 */
export function loadPlanOverrides(dir: string, registry: PlanRegistry): PlanOverrideReport {
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
      registry.add(plan, { builtIn: false, file });
      report.loaded.push({ id: plan.id, version: plan.version, file, effectiveFrom: plan.effectiveFrom });
    } catch (e) {
      const body = e instanceof AppError ? e.body : { message: (e as Error).message, messageEn: (e as Error).message };
      report.refused.push({ file, message: body.message, messageEn: body.messageEn });
    }
  }
  return report;
}
