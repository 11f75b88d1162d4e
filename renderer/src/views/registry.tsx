import type { ComponentType } from 'react';
import type { MessageKey } from '../i18n';
import { IncidentsView, loadIncidentPage } from '../incidents';
import { plansSynced } from '../plansReady';
import { whenIdle } from '../idle';
import { lazyComponent } from './lazy';

/**
 * The console's screens, in navigation order. An area adds its screen with ONE entry here.
 * `hotkey`: Alt+<key> jumps to the screen (shown in the navigation).
 *
 * Only the start screen (the board) is in the code the console loads first; every other screen is its own chunk,
 * fetched when it is first opened, or earlier by `preloadScreens` once the board is drawn, so that opening one later
 * waits for nothing. Start-up with the whole UI in one 1.27 MB script spent about 200 ms compiling and running it
 * before the board's request could even start (test/bench/startup.bench.ts).
 */
export interface ViewDef {
  id: string;
  navKey: MessageKey;
  component: ComponentType;
  hotkey?: string;
  /** Loads the screen's code that is not in the first script (the board: its incident page). */
  load?: () => Promise<unknown>;
  /** Reads what the screen draws first, so that it opens drawn (`preloadScreens`, once the screens' code is here). */
  prefetch?: () => Promise<unknown>;
}

/** A screen loaded on first use, with the plans it reads (plansReady.ts). */
function lazyScreen<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K): Pick<ViewDef, 'component' | 'load'> {
  const { Component, load: once } = lazyComponent(() => Promise.all([load(), plansSynced()]).then(([m]) => m), name);
  return { component: Component, load: once };
}

export const views: readonly ViewDef[] = [
  { id: 'incidents', navKey: 'nav.incidents', component: IncidentsView, hotkey: '1', load: loadIncidentPage },
  { id: 'incident-new', navKey: 'nav.newIncident', ...lazyScreen(() => import('../incidents/NewIncident'), 'NewIncident'), hotkey: '2' },
  // The map's layers (up to 100,000 features) are read while the console is idle: the officer's first Alt+3 then
  // draws them at once instead of waiting for them (issue 17 item 4). A map change on the stream keeps them fresh.
  { id: 'map', navKey: 'nav.map', ...lazyScreen(() => import('../map/MapView'), 'MapView'), hotkey: '3', prefetch: () => import('../map/store').then((m) => m.useMapData.getState().prefetch()) },
  { id: 'fire', navKey: 'nav.fire', ...lazyScreen(() => import('../fire'), 'FireView'), hotkey: '4' },
  { id: 'reports', navKey: 'nav.reports', ...lazyScreen(() => import('../reports/ReportsView'), 'ReportsView'), hotkey: '5' },
  { id: 'handover', navKey: 'nav.handover', ...lazyScreen(() => import('../handover/HandoverView'), 'HandoverView'), hotkey: '6' },
  { id: 'duty', navKey: 'nav.duty', ...lazyScreen(() => import('../duty/DutyLogView'), 'DutyLogView'), hotkey: '7' },
  { id: 'people', navKey: 'nav.people', ...lazyScreen(() => import('../people/PeopleView'), 'PeopleView'), hotkey: '8' },
  { id: 'contacts', navKey: 'nav.contacts', ...lazyScreen(() => import('../contacts/ContactsView'), 'ContactsView'), hotkey: '9' },
  { id: 'status', navKey: 'nav.status', ...lazyScreen(() => import('./StatusView'), 'StatusView'), hotkey: '0' },
];

/**
 * Fetch every screen's code while the console is idle, one after another (after the board is drawn: start.tsx), so
 * that a screen opens at once later, also when the serve shell has been restarted with a newer build meanwhile; then
 * what the screens that have a `prefetch` draw first.
 */
export async function preloadScreens(
  loaders: ReadonlyArray<() => Promise<unknown>> = [...views.flatMap((v) => (v.load ? [v.load] : [])), ...views.flatMap((v) => (v.prefetch ? [v.prefetch] : []))],
): Promise<void> {
  for (const load of loaders) {
    await new Promise<void>((r) => whenIdle(r));
    await load().catch(() => undefined); // opening the screen shows the failure, with a reload button
  }
}
