import type { IncidentState } from '../../../shared/engine';
import { genericFold } from '../log/engine';
import { backupInto, backupsDir, logFor, verifyLog, writeBackup, type IncidentLog } from '../log';
import { clientPath } from '../paths';
import type { IncidentRow } from '../log/store';
import type { CoreServices, HandlerTable } from './types';

type Names =
  | 'incidents.open'
  | 'incidents.list'
  | 'incidents.get'
  | 'incidents.append'
  | 'incidents.note'
  | 'incidents.search'
  | 'log.verify'
  | 'log.backup';

const log = (s: CoreServices): IncidentLog => logFor(s.db, s.clock, s.logEngine);

function summarize(l: IncidentLog, row: IncidentRow, state: unknown, eventCount: number, lastSeq: number) {
  const closed = l.engine ? l.engine.isClosed(state) : false;
  return { ...row, status: closed ? ('closed' as const) : ('open' as const), eventCount, lastSeq };
}

/** Every write answers only after its transaction has committed (IncidentLog runs one IMMEDIATE transaction each). */
export const incidentHandlers: HandlerTable<Names> = {
  'incidents.open': (i, ctx, s) => {
    const r = log(s).openIncident(i, ctx.actor);
    return { ...r, id: r.incidentId };
  },
  'incidents.list': (i, _ctx, s) => {
    const l = log(s);
    const incidents = l
      .list({ planId: i.planId })
      .map(({ eventCount, lastSeq, ...row }) => {
        // An incident whose pinned version is not loaded is still listed (as open, flagged); the others are unaffected.
        if (l.engine && !s.plans.find(row.planId, row.planVersion)) return { ...row, status: 'open' as const, eventCount, lastSeq, planMissing: true };
        const state = l.engine ? l.currentState(row) : genericFold({ planId: row.planId, planVersion: row.planVersion }, []);
        return summarize(l, row, state, eventCount, lastSeq);
      })
      .filter((x) => i.status === 'all' || x.status === i.status);
    return { incidents };
  },
  'incidents.get': (i, _ctx, s) => {
    const l = log(s);
    const { incident, state, events } = l.get(i.id);
    // The core's log always folds through the plan engine: the state is the engine's IncidentState.
    return { incident: summarize(l, incident, state, events.length, events.at(-1)?.seq ?? 0), state: state as IncidentState, events };
  },
  'incidents.append': (i, ctx, s) => log(s).append(i, ctx.actor),
  'incidents.note': (i, ctx, s) =>
    log(s).append({ incidentId: i.incidentId, type: 'note', payload: { text: i.text }, occurredAt: i.occurredAt, corrects: i.corrects }, ctx.actor),
  'incidents.search': (i, _ctx, s) => log(s).search(i.query, { incidentId: i.incidentId, limit: i.limit }),
  'log.verify': (_i, _ctx, s) => verifyLog(s.db),
  'log.backup': (i, ctx, s) =>
    i.dest ? writeBackup(s.db, clientPath(i.dest, ctx, s, { field: 'dest', base: backupsDir(s.dbPath) })) : backupInto(s.db, s.dbPath, 'manual', s.clock.now()),
};
