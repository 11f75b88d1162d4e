import { EVENT_LABELS } from '../../../shared/engine/eventLabels';
import type { EventType } from '../../../shared/engine/events';
import { EVENT_LABELS_EN } from './messages';

/** An event type's name in the officer's language (timelines, search hits). */
export function typeLabel(type: string, en: boolean): string {
  if (type === 'incident.opened') return en ? 'incident opened' : '建立事件';
  return (en ? EVENT_LABELS_EN[type] : EVENT_LABELS[type as EventType]) ?? type;
}
