import type { Database } from 'better-sqlite3';
import type { Clock } from '../clock';
import type { LogEngine } from './engine';
import { IncidentLog } from './store';

export { IncidentLog } from './store';
export { verifyLog, type VerifyResult } from './verify';
export * from './backup';
export type { LogEngine, PlanRef } from './engine';
export type { LoggedEvent } from './types';

let defaultEngine: LogEngine | null = null;

/** Installed once at start-up by the plan-engine adapter (see planEngine.ts); without it the log folds generically. */
export function setLogEngine(engine: LogEngine | null): void {
  defaultEngine = engine;
  logs = new WeakMap();
}

let logs = new WeakMap<Database, IncidentLog>();

/** The log over an open database (one per connection). */
export function logFor(db: Database, clock: Clock): IncidentLog {
  let l = logs.get(db);
  if (!l || l.clock !== clock) {
    l = new IncidentLog(db, clock, defaultEngine);
    logs.set(db, l);
  }
  return l;
}
