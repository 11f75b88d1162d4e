/**
 * Text files from county offices come in UTF-8 or in GBK (Excel's "CSV" on a Chinese Windows, most Chinese tools).
 * One rule for every importer (map layers, ledgers): UTF-8 when the bytes are valid UTF-8, otherwise GB18030 (a
 * superset of GBK and GB2312, WHATWG's decoder); a BOM is removed. The encoding found is returned so that a preview
 * can show it.
 */
export type TextEncodingName = 'utf-8' | 'gb18030';

export function decodeTextDetect(bytes: Uint8Array): { text: string; encoding: TextEncodingName } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, ''), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('gb18030').decode(bytes).replace(/^\uFEFF/, ''), encoding: 'gb18030' };
  }
}
