/**
 * The Electron shell's deadline notifications, without Electron (it cannot run here): the watcher in
 * electron/main/notifications.ts over a REAL core (SQLite file, ManualClock); `show` collects what Electron's
 * Notification would display.
 */
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../../electron/core/clock';
import { createCore, type Core } from '../../../../electron/core/core';
import { noticesFor, startDeadlineWatcher, type DeadlineNotice, type DeadlineWatcher } from '../../../../electron/main/notifications';
import { dueNow, loadAnnounced, saveAnnounced, SOON_MINUTES, toAnnounce } from '../../../../renderer/src/incidents/notify';
import { tmpDir } from '../../../helpers/tmp';

const ctx = { actor: 'test', transport: 'test' as const };
let core: Core | null = null;
let watcher: DeadlineWatcher | null = null;
afterEach(() => {
  watcher?.stop();
  core?.close();
  core = null;
  watcher = null;
});

describe('deadline notifications (Electron main process logic, run without Electron)', () => {
  it('announces a first report due soon, then overdue, each once; nothing once it is filed', async () => {
    const clock = new ManualClock('2026-11-23T19:00:00Z'); // 03:00 Beijing
    core = createCore({ dbPath: path.join(tmpDir(), 'n.sqlite'), clock });
    const c = core;
    const { id } = await c.invoke('console.report', { planId: 'vaccine', title: '接种后群体不良反应', payload: { source: '电话', summary: '4人', facts: { clusteredRareAE: 4, suspectedQualityRelated: true } } }, ctx);
    const shown: DeadlineNotice[] = [];
    watcher = startDeadlineWatcher({ due: (m) => c.invoke('console.due', { soonMinutes: m }, ctx), show: (n) => shown.push(n), intervalMs: 3_600_000 });
    // Start-up check: due at 04:00, 60 minutes away — nothing yet.
    expect(await watcher.check()).toEqual([]);
    clock.set('2026-11-23T19:46:00Z'); // 14 minutes left
    const soon = await watcher.check();
    expect(soon.map((n) => [n.key, n.title])).toEqual([[`${id}:first-report:soon`, '首次报告即将到期']]);
    expect(soon[0]!.body).toBe(`${id} 接种后群体不良反应：应于 2026-11-24 04:00 前报送（5.1、5.2）`);
    expect(await watcher.check()).toEqual([]); // not again
    clock.set('2026-11-23T20:00:01Z');
    const over = await watcher.check();
    expect(over.map((n) => n.title)).toEqual(['首次报告已超时']);
    expect(await watcher.check()).toEqual([]);
    await c.invoke(
      'console.act',
      { incidentId: id, type: 'report-filed', payload: { kind: 'first', by: 'hq', recipients: ['county-gov', 'county-emergency-office', 'city-amr'], channel: 'phone', fields: {} } },
      ctx,
    );
    expect(await watcher.check()).toEqual([]);
    expect(shown.map((n) => n.phase)).toEqual(['soon', 'overdue']);
  });

  it('a console reopened after the deadline announces it overdue at start-up', async () => {
    const clock = new ManualClock('2026-11-23T19:00:00Z');
    const dbPath = path.join(tmpDir(), 'r.sqlite');
    core = createCore({ dbPath, clock });
    await core.invoke('console.report', { planId: 'drug', title: '药品不良事件', payload: { source: 's', summary: 's', facts: {} } }, ctx);
    core.close();
    // Closed overnight; opened again at 08:00 Beijing.
    clock.set('2026-11-24T00:00:00Z');
    core = createCore({ dbPath, clock });
    const c = core;
    const shown: DeadlineNotice[] = [];
    watcher = startDeadlineWatcher({ due: (m) => c.invoke('console.due', { soonMinutes: m }, ctx), show: (n) => shown.push(n), intervalMs: 3_600_000 });
    await expect.poll(() => shown.length).toBe(1);
    expect(shown[0]!.title).toBe('首次报告已超时');
  });

  it('a failing core is reported, never thrown out of the timer', async () => {
    const errors: unknown[] = [];
    watcher = startDeadlineWatcher({ due: () => Promise.reject(new Error('closed')), show: () => undefined, onError: (e) => errors.push(e), intervalMs: 3_600_000 });
    expect(await watcher.check()).toEqual([]);
    expect(errors.length).toBeGreaterThanOrEqual(1);
  });

  it('the browser shell remembers what it announced (localStorage) and skips it', () => {
    const item = { key: 'a:first-report:soon', incidentId: 'a', title: 't', obligationId: 'first-report', label: '首次报告', clause: '5.1', dueAt: '2026-11-23T20:00:00Z', phase: 'soon' as const, msLeft: 1 };
    const over = { ...item, key: 'a:first-report:overdue', phase: 'overdue' as const };
    const mem = new Map<string, string>();
    const store = { getItem: (k: string) => mem.get(k) ?? null, setItem: (k: string, v: string) => void mem.set(k, v) } as unknown as Storage;
    expect(toAnnounce([item], loadAnnounced(store))).toEqual([item]);
    saveAnnounced(new Set([item.key, 'gone:first-report:soon']), [item, over], store);
    expect([...loadAnnounced(store)]).toEqual([item.key]);
    expect(toAnnounce([item, over], loadAnnounced(store))).toEqual([over]);
    expect(noticesFor([item, over], new Set([item.key])).map((n) => n.key)).toEqual([over.key]);
  });
});

describe('the banner: which deadlines are due now (dueNow, by the page clock)', () => {
  const now = Date.parse('2026-12-01T02:00:00Z');
  const item = (dueInMs: number, phase: 'soon' | 'overdue' = 'soon') => ({
    key: 'from-core',
    incidentId: 'INC-1',
    title: '测试',
    obligationId: 'first-report',
    label: '首报',
    clause: '5.1',
    dueAt: new Date(now + dueInMs).toISOString(),
    phase,
    msLeft: dueInMs,
  });
  it(`is 'soon' at exactly ${SOON_MINUTES} minutes left and not due 1 ms before that window`, () => {
    expect(dueNow([item(SOON_MINUTES * 60_000)], now).map((i) => [i.phase, i.key])).toEqual([['soon', 'INC-1:first-report:soon']]);
    expect(dueNow([item(SOON_MINUTES * 60_000 + 1)], now)).toEqual([]);
  });
  it("is 'overdue' 1 ms after the deadline and still 'soon' at the deadline itself", () => {
    expect(dueNow([item(-1)], now).map((i) => i.phase)).toEqual(['overdue']);
    expect(dueNow([item(0)], now).map((i) => i.phase)).toEqual(['soon']);
    expect(dueNow([item(60 * 60_000, 'overdue')], now).map((i) => i.phase)).toEqual(['overdue']);
  });
});
