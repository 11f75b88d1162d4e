import { APP_NAME_ZH, TIME_ZONE } from '../../../shared/api';
import { schemaVersion } from '../db/database';
import { headOf, type Head } from '../log/witness';
import type { CoreServices, HandlerTable } from './types';

function logHeadOf(s: CoreServices): Head | null {
  try {
    return headOf(s.db);
  } catch {
    return null; // a database without the log's tables (a damaged or foreign file opened read-only)
  }
}

export const systemHandlers: HandlerTable<'system.health' | 'system.echo'> = {
  'system.health': (_input, _ctx, s) => ({
    ok: true,
    app: APP_NAME_ZH,
    version: s.version,
    schemaVersion: schemaVersion(s.db),
    dbPath: s.dbPath,
    now: s.clock.now().toISOString(),
    timeZone: TIME_ZONE,
    planOverrides: s.planOverrides,
    readOnly: s.readOnly ?? null,
    anchorFindings: s.anchorFindings ?? [],
    logHead: logHeadOf(s),
  }),
  'system.echo': (input) => ({ text: input.text, length: [...input.text].length }),
};
