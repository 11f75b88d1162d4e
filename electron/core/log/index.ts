import type { Database } from 'better-sqlite3';
import type { Clock } from '../clock';
import type { LogEngine } from './engine';
import { planEngine } from './planEngine';
import { IncidentLog } from './store';

export { IncidentLog } from './store';
export { verifyLog, type VerifyResult } from './verify';
export * from './backup';
export type { LogEngine, PlanRef } from './engine';
export type { LoggedEvent } from './types';

/** The engine every log uses: the plan engine (tests of the generic store construct IncidentLog with null). */
const defaultEngine: LogEngine = planEngine;

const logs = new WeakMap<Database, IncidentLog>();

/** The log over an open database (one per connection), folding through `engine` (the core passes its own). */
export function logFor(db: Database, clock: Clock, engine: LogEngine | null = defaultEngine): IncidentLog {
  let l = logs.get(db);
  if (!l || l.clock !== clock || l.engine !== engine) {
    l = new IncidentLog(db, clock, engine);
    logs.set(db, l);
  }
  return l;
}
