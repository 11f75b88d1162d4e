import type { CommandOutput } from '../../shared/api';

let synced: Promise<unknown> | null = null;

/**
 * The UI's plans (./plans.ts: the built-in ones, checked with zod, and the core's other versions) loaded and synced,
 * once. The board draws without them (its rows carry the words it shows); every other screen's code waits for this
 * before it draws (views/registry.tsx), as the whole console did before start-up was split (test/bench/startup.bench.ts).
 * If the core cannot be reached yet the console goes on with the built-in plans and the status screen says what is
 * wrong. `listed`: a plans.list already asked (main.tsx asks it with the board).
 */
export function plansSynced(listed?: Promise<CommandOutput<'plans.list'>>): Promise<unknown> {
  return (synced ??= import('./plans').then((m) => m.syncPlans(listed)).catch(() => []));
}
