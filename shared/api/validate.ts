import { zodError } from '../base/zodError';
import type { z } from 'zod';
import { fieldError } from './errors';

/**
 * Parse `input` with `schema`; on failure throw an AppError naming the first offending field and the rule,
 * in Chinese and English. Used by the core for every command and by the CLI for files it reads.
 */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown, what = 'input'): z.infer<S> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  throw zodError(r.error, what);
}

/** A UTF-16 code unit that is half of a surrogate pair without its other half: not Unicode text, and SQLite's UTF-8
 * storage would keep U+FFFD in its place, so the log could not keep it faithfully. */
export const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/u;
const LONE_SURROGATE_G = new RegExp(LONE_SURROGATE.source, 'gu');
/** C0 controls other than tab, line feed and carriage return, and DEL: nothing a duty officer types, and NUL ends text in
 * several of the tools that read the log (SQLite's C string functions, printouts). */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
export const CONTROL_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/u;

/** Deepest nesting of arrays/objects a command input may have (the deepest contract input is a GeoJSON polygon, ~8). */
export const MAX_INPUT_DEPTH = 64;

/**
 * The text as an old database gives it back: better-sqlite3 writes a lone surrogate as its three generalized UTF-8
 * bytes (ED A0 80 for U+D800), which are not UTF-8, and reading decodes each byte to U+FFFD (the "maximal subpart"
 * rule of the Unicode/WHATWG decoder).
 */
export function asStored(text: string): string {
  return text.replace(LONE_SURROGATE_G, '\uFFFD\uFFFD\uFFFD');
}

/**
 * The boundary check every command input passes before its schema: every string (values and object keys) must be
 * well-formed Unicode without control characters, and the nesting must stay within MAX_INPUT_DEPTH. Refuses with the
 * dotted path of the first offending field and the position of the character; never echoes the input itself.
 * Iterative, so a hostile nesting depth cannot overflow the stack before it is refused.
 */
export function checkInputText(input: unknown, what = 'input'): void {
  const stack: Array<{ v: unknown; path: string; depth: number }> = [{ v: input, path: '', depth: 0 }];
  while (stack.length) {
    const { v, path, depth } = stack.pop()!;
    const field = path || what;
    if (typeof v === 'string') checkString(v, field);
    else if (v !== null && typeof v === 'object') {
      if (depth >= MAX_INPUT_DEPTH) {
        throw fieldError(field, 'max-depth', `嵌套超过 ${MAX_INPUT_DEPTH} 层`, `nested deeper than ${MAX_INPUT_DEPTH} levels`);
      }
      const entries: Array<[string, unknown]> = Array.isArray(v) ? v.map((x, i) => [String(i), x]) : Object.entries(v as Record<string, unknown>);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [k, x] = entries[i]!;
        const p = path ? `${path}.${k}` : k;
        if (!Array.isArray(v)) checkString(k, `${p} (key)`);
        stack.push({ v: x, path: p, depth: depth + 1 });
      }
    }
  }
}

function checkString(s: string, field: string): void {
  const lone = LONE_SURROGATE.exec(s);
  if (lone) {
    const hex = s.charCodeAt(lone.index).toString(16).toUpperCase();
    throw fieldError(
      field,
      'well-formed-text',
      `第 ${lone.index + 1} 个字符是不成对的代理项 U+${hex}，不是合法的 Unicode 文本，日志无法如实保存，未写入任何内容`,
      `character ${lone.index + 1} is a lone surrogate U+${hex}: not well-formed Unicode, the log could not keep it faithfully; nothing was written`,
    );
  }
  const ctl = CONTROL_CHAR.exec(s);
  if (ctl) {
    const hex = s.charCodeAt(ctl.index).toString(16).toUpperCase().padStart(4, '0');
    throw fieldError(
      field,
      'no-control-chars',
      `第 ${ctl.index + 1} 个字符是控制字符 U+${hex}（只允许制表符和换行），未写入任何内容`,
      `character ${ctl.index + 1} is the control character U+${hex} (only tab and line breaks are allowed); nothing was written`,
    );
  }
}
