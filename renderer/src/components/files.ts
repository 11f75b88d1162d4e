// Files in and out of the browser, for every screen that imports or exports one (own module: the start screen's code
// must not pull in the screens that use them, views/registry.tsx).

/** Bytes → base64 in chunks (String.fromCharCode on a whole large file would overflow the call stack). */
export function bytesToBase64(bytes: Uint8Array): string {
  let s = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) s += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(s);
}

/** Trigger a download of `content` (text, or base64 when `base64`) — no server round trip, nothing remote. */
export function download(fileName: string, content: string, base64: boolean): void {
  const bytes = base64 ? Uint8Array.from(atob(content), (ch) => ch.charCodeAt(0)) : new TextEncoder().encode(content);
  const type = base64 ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv;charset=utf-8';
  // CSV gets a BOM so that Excel opens the Chinese headers as UTF-8.
  const parts: BlobPart[] = base64 || content.startsWith('\uFEFF') ? [bytes] : [new Uint8Array([0xef, 0xbb, 0xbf]), bytes];
  saveBlob(fileName, new Blob(parts, { type }));
}

/** Save `blob` as `fileName` through the browser's download (a link clicked; its URL released after 10 s). */
export function saveBlob(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
