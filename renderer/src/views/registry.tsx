import type { ComponentType } from 'react';
import type { MessageKey } from '../i18n';
import { StatusView } from './StatusView';
import { ReportsView } from '../reports/ReportsView';
import { MapView } from '../map/MapView';
import { IncidentsView, NewIncident } from '../incidents';
import { FireView } from '../fire';
import { PeopleView } from '../people/PeopleView';
import { DutyLogView } from '../duty/DutyLogView';
import { HandoverView } from '../handover/HandoverView';
import { ContactsView } from '../contacts/ContactsView';

/**
 * The console's screens, in navigation order. An area adds its screen with ONE entry here.
 * `hotkey`: Alt+<key> jumps to the screen (shown in the navigation).
 */
export interface ViewDef {
  id: string;
  navKey: MessageKey;
  component: ComponentType;
  hotkey?: string;
}

export const views: readonly ViewDef[] = [
  { id: 'incidents', navKey: 'nav.incidents', component: IncidentsView, hotkey: '1' },
  { id: 'incident-new', navKey: 'nav.newIncident', component: NewIncident, hotkey: '2' },
  { id: 'map', navKey: 'nav.map', component: MapView, hotkey: '3' },
  { id: 'fire', navKey: 'nav.fire', component: FireView, hotkey: '4' },
  { id: 'reports', navKey: 'nav.reports', component: ReportsView, hotkey: '5' },
  { id: 'handover', navKey: 'nav.handover', component: HandoverView, hotkey: '6' },
  { id: 'duty', navKey: 'nav.duty', component: DutyLogView, hotkey: '7' },
  { id: 'people', navKey: 'nav.people', component: PeopleView, hotkey: '8' },
  { id: 'contacts', navKey: 'nav.contacts', component: ContactsView, hotkey: '9' },
  { id: 'status', navKey: 'nav.status', component: StatusView, hotkey: '0' },
];
