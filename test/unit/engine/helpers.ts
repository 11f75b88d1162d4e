import { AppError } from '../../../shared/api/errors';
import { apply, initialState, type AnyIncidentEvent, type EventType, type IncidentState, type Plan } from '../../../shared/engine';

/** A small incident log in memory: events get seq 1, 2, … and times one minute apart unless given. */
export class TestLog {
  events: AnyIncidentEvent[] = [];
  state: IncidentState;
  private clock: number;
  constructor(
    readonly plan: Plan,
    start = '2026-11-23T02:00:00.000Z',
  ) {
    this.state = initialState(plan);
    this.clock = Date.parse(start);
  }
  event(type: EventType, payload: unknown, at?: string): AnyIncidentEvent {
    const occurredAt = at ?? new Date(this.clock).toISOString();
    if (!at) this.clock += 60_000;
    const recordedAt = new Date(Math.max(Date.parse(occurredAt), this.clock)).toISOString();
    return { seq: this.state.lastSeq + 1, type, payload, occurredAt, recordedAt, actor: 'test' } as AnyIncidentEvent;
  }
  push(type: EventType, payload: unknown, at?: string): IncidentState {
    const e = this.event(type, payload, at);
    this.state = apply(this.plan, this.state, e);
    this.events.push(e);
    return this.state;
  }
  /** Try an event; return the AppError it is refused with (the state is unchanged). */
  refuse(type: EventType, payload: unknown, at?: string): AppError {
    const e = this.event(type, payload, at);
    try {
      apply(this.plan, this.state, e);
    } catch (err) {
      if (err instanceof AppError) return err;
      throw err;
    }
    throw new Error(`expected ${type} to be refused`);
  }
}

/** Every required field of a report kind, filled in. */
export function fullFields(plan: Plan, kind: string): Record<string, string> {
  const ob = plan.obligations.find((o) => o.kind === kind);
  if (!ob) return { eventName: 'x' };
  return Object.fromEntries(ob.requiredFields.map((f) => [f.id, `${f.label}：详见附件`]));
}

export function report(plan: Plan, kind: string, extra: Record<string, unknown> = {}) {
  const ob = plan.obligations.find((o) => o.kind === kind);
  return { kind, by: 'amr', recipients: ob?.recipients ?? ['county-gov'], channel: kind === 'final' ? 'written' : 'direct-report', fields: fullFields(plan, kind), ...extra };
}

export const Q = { suspectedQualityRelated: true };
