import { APP_NAME_ZH, TIME_ZONE } from '../../../shared/api';
import { schemaVersion } from '../db/database';
import type { HandlerTable } from './types';

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
  }),
  'system.echo': (input) => ({ text: input.text, length: [...input.text].length }),
};
