/**
 * Per-feature checks of imported attributes, so that what is stored stays bounded and faithful:
 * - properties larger than MAX_PROPERTY_BYTES (as JSON) or nested deeper than MAX_PROPERTY_DEPTH are an error for that
 *   feature (its attributes are not kept): a county's attribute table is a few fields of text; SQLite's JSON functions
 *   refuse nesting past 1000 levels, and the map screen shows properties flat;
 * - text holding U+FFFD (bytes that did not decode: a GBK file without its .cpg, a damaged file) is a warning in the
 *   preview, so that the officer sees 乱码 before importing it.
 */
export const MAX_PROPERTY_BYTES = 64 * 1024;
export const MAX_PROPERTY_DEPTH = 16;

export interface AttributeProblem {
  severity: 'error' | 'warning';
  code: string;
  message: string;
  messageEn: string;
}

function depthAndSize(v: unknown): { depth: number; tooBig: boolean } {
  let depth = 0;
  let bytes = 0;
  const stack: Array<[unknown, number]> = [[v, 0]];
  while (stack.length) {
    const [x, d] = stack.pop()!;
    depth = Math.max(depth, d);
    if (depth > MAX_PROPERTY_DEPTH || bytes > MAX_PROPERTY_BYTES) return { depth, tooBig: bytes > MAX_PROPERTY_BYTES };
    if (typeof x === 'string') bytes += Buffer.byteLength(x) + 3;
    else if (x && typeof x === 'object') {
      for (const [k, y] of Object.entries(x as Record<string, unknown>)) {
        bytes += Buffer.byteLength(k) + 4;
        stack.push([y, d + 1]);
      }
    } else bytes += 8;
  }
  return { depth, tooBig: bytes > MAX_PROPERTY_BYTES };
}

/** Problems of one feature's attributes (the caller drops them when there is an error). */
export function attributeProblems(props: Record<string, unknown>): AttributeProblem[] {
  const out: AttributeProblem[] = [];
  const { depth, tooBig } = depthAndSize(props);
  if (depth > MAX_PROPERTY_DEPTH) {
    out.push({ severity: 'error', code: 'properties-too-deep', message: `属性嵌套超过 ${MAX_PROPERTY_DEPTH} 层`, messageEn: `properties nested deeper than ${MAX_PROPERTY_DEPTH} levels` });
  } else if (tooBig) {
    out.push({ severity: 'error', code: 'properties-too-large', message: `属性超过 ${MAX_PROPERTY_BYTES / 1024} KB`, messageEn: `properties larger than ${MAX_PROPERTY_BYTES / 1024} KB` });
  } else {
    const bad = Object.entries(props).find(([k, v]) => k.includes('\uFFFD') || (typeof v === 'string' && v.includes('\uFFFD')));
    if (bad) {
      out.push({
        severity: 'warning',
        code: 'undecodable-text',
        message: `属性“${bad[0].slice(0, 40)}”含无法解码的字节（显示为 �，可能是缺少 .cpg 的 GBK 文件或文件损坏）`,
        messageEn: `property "${bad[0].slice(0, 40)}" holds bytes that did not decode (shown as �: a GBK file without its .cpg, or a damaged file)`,
      });
    }
  }
  return out;
}
