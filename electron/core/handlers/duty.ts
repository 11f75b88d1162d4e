import { assertPromotable, closeEntry, doStep, entryTypes, getEntry, listEntries, markPromoted, recordEntry, saveEntryTypes } from '../duty/store';
import { commands, parseOrThrow } from '../../../shared/api';
import { consoleHandlers } from './console';
import type { HandlerTable } from './types';

type Names = 'duty.types.get' | 'duty.types.save' | 'duty.log.record' | 'duty.log.list' | 'duty.log.step' | 'duty.log.close' | 'duty.log.promote';

/** The duty log (electron/core/duty/store.ts). Every write runs in one IMMEDIATE transaction. */
export const dutyHandlers: HandlerTable<Names> = {
  'duty.types.get': (_i, _ctx, s) => entryTypes(s.db),
  'duty.types.save': (i, ctx, s) => s.db.transaction(() => saveEntryTypes(s.db, i.types, ctx.actor, s.clock.now())).immediate(),
  'duty.log.record': (i, ctx, s) => s.db.transaction(() => recordEntry(s.db, i, ctx.actor, s.clock.now())).immediate(),
  'duty.log.list': (i, _ctx, s) => {
    const now = s.clock.now();
    return { ...listEntries(s.db, { date: i.date, open: i.open }, now), now: now.toISOString() };
  },
  'duty.log.step': (i, ctx, s) => s.db.transaction(() => doStep(s.db, i.id, i.step, i.at, i.note, ctx.actor, s.clock.now())).immediate(),
  'duty.log.close': (i, ctx, s) => s.db.transaction(() => closeEntry(s.db, i.id, i.note, ctx.actor, s.clock.now())).immediate(),
  'duty.log.promote': async (i, ctx, s) => {
    const now = s.clock.now();
    const e = assertPromotable(s.db, i.id, now);
    // The entry's facts carried over as the incident's first report (接报): who called, from where, what happened.
    const source = [e.callerUnit, e.callerName, e.callerPost, e.callerPhone].filter(Boolean).join(' ') || e.typeLabel;
    const summary = [e.content, e.measures && `已采取措施：${e.measures}`, e.trend && `发展趋势：${e.trend}`, e.alreadyTold && `已报告：${e.alreadyTold}`].filter(Boolean).join('；');
    const tx = s.db.transaction(() => {
      const input = parseOrThrow(commands['console.report'].input, {
        planId: i.planId,
        title: i.title ?? e.content.slice(0, 60),
        receivedAt: e.receivedAt,
        payload: { source, summary, facts: {}, ...(e.place ? { place: e.place } : {}), ...(e.callerName ? { reporter: [e.callerName, e.callerPhone].filter(Boolean).join(' ') } : {}) },
      });
      const opened = consoleHandlers['console.report'](input, ctx, s) as { id: string };
      const entry = markPromoted(s.db, i.id, opened.id, ctx.actor, now);
      return { entry, incidentId: opened.id };
    });
    const r = tx.immediate();
    return { ...r, entry: getEntry(s.db, r.entry.id, now) };
  },
};
