import { AppError } from '../../shared/api';

/**
 * A request body (its UTF-8 bytes) as the command's input (the serve shell's thread and the job worker both read
 * bodies with it): an empty body is `{}`; anything else must be a JSON object — not JSON, `null`, an array or a scalar is a 400 naming the
 * body and the rule.
 */
export function parseJsonBody(body: Uint8Array): unknown {
  const text = Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8');
  if (text.trim() === '') return {};
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch {
    throw new AppError({ code: 'invalid-input', message: '请求体不是合法的 JSON', messageEn: 'the body is not valid JSON', field: 'body', rule: 'json' });
  }
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw new AppError({ code: 'invalid-input', message: '请求体必须是 JSON 对象', messageEn: 'the body must be a JSON object', field: 'body', rule: 'object' });
  }
  return input;
}
