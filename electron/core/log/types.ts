import { z } from 'zod';
import { AppError } from '../../../shared/api/errors';
import { parseOrThrow } from '../../../shared/api/validate';

/** One event as stored and as read back (payload parsed). */
export interface LoggedEvent {
  /** Global position in the hash chain (1, 2, … over all incidents). */
  pos: number;
  /** Number within the incident: 0 is the opening record, then 1, 2, … (what the plan engine folds). */
  seq: number;
  incidentId: string;
  type: string;
  payload: unknown;
  occurredAt: string;
  recordedAt: string;
  actor: string;
  corrects: number | null;
  prevHash: string;
  hash: string;
}

/** The log's own event types; plan event types come from the plan engine (see engine.ts). */
export const OPENED = 'incident.opened';
export const NOTE = 'note';

export const logEventPayloadSchemas = {
  // The first event of every incident. Pins the plan id and version it was opened under (ARCHITECTURE.md).
  [OPENED]: z
    .object({
      planId: z.string().min(1).max(100),
      planVersion: z.string().min(1).max(50),
      title: z.string().trim().min(1).max(500),
      /** Opened as an exercise (演练): marked on every screen, print and export; never counted or announced as real. */
      exercise: z.literal(true).optional(),
    })
    .strict(),
  // A free-text note by the officer on duty.
  [NOTE]: z.object({ text: z.string().trim().min(1).max(20_000) }).strict(),
} as const;

/**
 * Payload schemas by event type. The store refuses a type nobody registered and a payload its schema rejects,
 * naming the field and the rule.
 */
export class EventTypeRegistry {
  private readonly schemas = new Map<string, z.ZodType>();

  register(type: string, schema: z.ZodType): this {
    if (this.schemas.has(type)) throw new Error(`event type ${type} registered twice`);
    this.schemas.set(type, schema);
    return this;
  }

  has(type: string): boolean {
    return this.schemas.has(type);
  }

  types(): string[] {
    return [...this.schemas.keys()].sort();
  }

  /** The payload as its schema outputs it (defaults filled), or an `invalid-input` AppError. */
  parse(type: string, payload: unknown): unknown {
    const schema = this.schemas.get(type);
    if (!schema) {
      throw new AppError({
        code: 'invalid-input',
        message: `未知的事件类型 ${type}（已知：${this.types().join(', ')}）`,
        messageEn: `unknown event type ${type} (known: ${this.types().join(', ')})`,
        field: 'type',
        rule: 'known-event-type',
      });
    }
    try {
      return parseOrThrow(schema, payload, 'payload');
    } catch (e) {
      if (!(e instanceof AppError) || e.body.field === undefined || e.body.field === 'payload') throw e;
      const field = `payload.${e.body.field}`;
      throw new AppError({
        ...e.body,
        field,
        message: e.body.message.replace(`字段 ${e.body.field}`, `字段 ${field}`),
        messageEn: e.body.messageEn.replace(`field ${e.body.field}`, `field ${field}`),
      });
    }
  }
}
