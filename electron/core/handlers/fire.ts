import { AppError } from '../../../shared/api/errors';
import { shanghaiDate } from '../../../shared/calendar/date';
import { CalendarInputError, fireCalendar, type WindowConfig } from '../../../shared/calendar/fireSeason';
import type { DangerLevel } from '../../../shared/fire/danger';
import { postureFor } from '../../../shared/fire/posture';
import { checkTeamSize, TEAM_TIERS } from '../../../shared/fire/teams';
import { dangerFor, recordOfficial, recordWeather } from '../fire/danger';
import { exportLedger, importLedger, listLedger, removeLedgerRow, saveLedgerRow } from '../fire/ledgers';
import { applyPermit, countActivePermits, getPermit, listPermits, transitionPermit } from '../fire/permits';
import { actOnReward, getReward, listRewards, proposeReward } from '../fire/rewards';
import type { HandlerTable } from './types';

type FireCommand =
  | 'fire.calendar'
  | 'fire.posture'
  | 'fire.danger.record'
  | 'fire.danger.get'
  | 'fire.permits.apply'
  | 'fire.permits.transition'
  | 'fire.permits.get'
  | 'fire.permits.list'
  | 'fire.ledger.list'
  | 'fire.ledger.save'
  | 'fire.ledger.remove'
  | 'fire.ledger.import'
  | 'fire.ledger.export'
  | 'fire.rewards.propose'
  | 'fire.rewards.act'
  | 'fire.rewards.list'
  | 'fire.teams.tiers';

/** The calendar as a command: its input errors become `invalid-input` errors naming the field. */
export function calendarOrThrow(date: string, window?: Partial<WindowConfig>) {
  try {
    return fireCalendar(date, window);
  } catch (e) {
    if (e instanceof CalendarInputError) throw new AppError({ code: 'invalid-input', message: e.zh, messageEn: e.message, field: e.field, rule: e.rule });
    throw e;
  }
}

export const fireHandlers: HandlerTable<FireCommand> = {
  'fire.calendar': (input) => calendarOrThrow(input.date, input.window),
  'fire.posture': (input, _ctx, s) => {
    const date = input.date ?? shanghaiDate(s.clock.now());
    const calendar = calendarOrThrow(date, input.window);
    const danger = dangerFor(s.db, date);
    const p = postureFor(calendar, danger.effective);
    return { calendar, danger, severity: p.severity, fireUseForbidden: p.fireUseForbidden, lines: p.lines, activePermits: countActivePermits(s.db, s.clock.now()) };
  },
  'fire.danger.record': (input, ctx, s) => {
    s.db.transaction(() => {
      if (input.official) recordOfficial(s.db, input.date, input.official.level as DangerLevel, input.official.source, ctx.actor, s.clock.now());
      else if (input.weather) recordWeather(s.db, input.date, input.weather, ctx.actor, s.clock.now());
    })();
    return dangerFor(s.db, input.date);
  },
  'fire.danger.get': (input, _ctx, s) => dangerFor(s.db, input.date),
  'fire.permits.apply': (input, ctx, s) => getPermit(s.db, applyPermit(s.db, input, ctx.actor, s.clock.now()), s.clock.now()),
  'fire.permits.transition': (input, ctx, s) => {
    transitionPermit(s.db, input.id, input.action, { actor: ctx.actor, approver: input.approver, note: input.note, approvals: input.approvals }, s.clock.now());
    return getPermit(s.db, input.id, s.clock.now());
  },
  'fire.permits.get': (input, _ctx, s) => getPermit(s.db, input.id, s.clock.now()),
  'fire.permits.list': (input, _ctx, s) => ({ permits: listPermits(s.db, input, s.clock.now()) }),
  'fire.ledger.list': (input, _ctx, s) => ({ table: input.table, rows: listLedger(s.db, input.table, input) as never }),
  'fire.ledger.save': (input, ctx, s) => ({ table: input.table, id: saveLedgerRow(s.db, input.table, input.id, input.row, ctx.actor, s.clock.now()) }),
  'fire.ledger.remove': (input, _ctx, s) => {
    removeLedgerRow(s.db, input.table, input.id);
    return { table: input.table, id: input.id, removed: true as const };
  },
  'fire.ledger.import': (input, ctx, s) => importLedger(s.db, input.table, input.format, input.content, input.mode, ctx.actor, s.clock.now(), { base64: input.base64, dryRun: input.dryRun }),
  'fire.ledger.export': (input, _ctx, s) => exportLedger(s.db, input.table, input.format),
  'fire.rewards.propose': (input, ctx, s) => getReward(s.db, proposeReward(s.db, input, ctx.actor, s.clock.now())),
  'fire.rewards.act': (input, ctx, s) => {
    actOnReward(s.db, input.id, input, ctx.actor, s.clock.now());
    return getReward(s.db, input.id);
  },
  'fire.rewards.list': (input, _ctx, s) => ({ rewards: listRewards(s.db, input.incidentId) }),
  'fire.teams.tiers': (input) => ({
    tiers: TEAM_TIERS.map((t) => ({ ...t })),
    checks: (input.sizes ?? []).map((x) => checkTeamSize(x.tier, x.size)),
  }),
};

