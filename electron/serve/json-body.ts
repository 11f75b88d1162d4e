import { AppError } from '../../shared/api';

/** A request body as the command's input: `{}` when empty; a clear error when it is not JSON. */
export function parseJsonBody(text: string): unknown {
  try {
    return text.trim() === '' ? {} : JSON.parse(text);
  } catch {
    throw new AppError({ code: 'invalid-input', message: '请求体不是合法的 JSON', messageEn: 'the body is not valid JSON', rule: 'json' });
  }
}
