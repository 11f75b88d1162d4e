/**
 * The one error shape every layer speaks: the CLI prints it on stderr, the HTTP shell answers it as JSON,
 * the Electron bridge rejects with it, and the UI shows `message` (zh-CN) or `messageEn`.
 * A failed command has written nothing.
 */
export type ErrorCode =
  | 'invalid-input' // the input broke a schema or a domain rule; `field` and `rule` say which
  | 'not-found'
  | 'conflict' // e.g. an illegal transition for the incident's current state
  | 'forbidden' // refused by a plan's guard (who may trigger / approve), or the person's role does not allow it
  | 'unauthenticated' // a change needs a signed-in person (or the session expired); the shell answers 401
  | 'unknown-command'
  | 'storage' // SQLite refused: read-only, disk full, corrupt, newer schema
  | 'internal';

export interface AppErrorBody {
  code: ErrorCode;
  /** Chinese, for the duty officer. */
  message: string;
  /** English equivalent. */
  messageEn: string;
  /** The input field the error is about (dotted path), when there is one. */
  field?: string;
  /** The rule that was broken (a schema rule, or a plan clause such as `6.4`). */
  rule?: string;
}

export class AppError extends Error {
  readonly body: AppErrorBody;
  constructor(body: AppErrorBody) {
    super(body.messageEn);
    this.name = 'AppError';
    this.body = body;
  }
  get code(): ErrorCode {
    return this.body.code;
  }
}

/** The input broke a rule at `field`: the one wording every layer uses (字段 X：… / field X: …). */
export function fieldError(field: string, rule: string, zh: string, en: string): AppError {
  return new AppError({ code: 'invalid-input', message: `字段 ${field}：${zh}`, messageEn: `field ${field}: ${en}`, field, rule });
}

export function isAppErrorBody(x: unknown): x is AppErrorBody {
  if (typeof x !== 'object' || x === null) return false;
  const o = x as Record<string, unknown>;
  return typeof o.code === 'string' && typeof o.message === 'string' && typeof o.messageEn === 'string';
}
