import { AppError } from '../../shared/api/errors';
import { SECURITY_HEADERS } from '../core/web/csp';
import { contentTypeFor, resolveStaticPath } from '../core/web/static';
import { APP_HOST } from './window';

export interface ProtocolAnswer {
  status: number;
  headers: Record<string, string>;
  /** A file to stream as the body, when status is 200. */
  file?: string;
  /** A small body otherwise. */
  body?: string | Uint8Array;
}

function plain(status: number, text: string): ProtocolAnswer {
  return { status, headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' }, body: text };
}

/**
 * What the app:// handler answers for a request: GET/HEAD only, host `console` only, the file resolved under the UI
 * folder with traversal refused (the same check as the serve shell), the CSP on every answer. No Electron import, so
 * it is unit-tested in plain Node; main.ts turns the answer into a Response.
 */
export function appProtocolAnswer(staticDir: string, method: string, rawUrl: string): ProtocolAnswer {
  if (method !== 'GET' && method !== 'HEAD') return plain(405, 'method not allowed');
  const m = /^app:\/\/([^/?#]*)(\/[^?#]*)?/i.exec(rawUrl);
  if (!m) return plain(400, 'bad url');
  if (m[1]!.toLowerCase() !== APP_HOST) return plain(404, 'unknown host');
  const r = resolveStaticPath(staticDir, m[2] ?? '/');
  if (!r.ok) return plain(r.status, r.reason);
  return { status: 200, headers: { ...SECURITY_HEADERS, 'Content-Type': contentTypeFor(r.file) }, file: r.file };
}

export interface TileLike {
  contentType: string;
  bytes: Uint8Array;
}

/** tiles://<set>/<z>/<x>/<y>: the same core reader as the serve shell's /tiles route; 204 outside coverage. */
export function tilesProtocolAnswer(
  readTile: ((set: string, z: number, x: number, y: number) => TileLike | null) | undefined,
  method: string,
  rawUrl: string,
): ProtocolAnswer {
  if (method !== 'GET') return plain(405, 'method not allowed');
  const m = /^tiles:\/\/([^/?#]+)\/(\d{1,2})\/(\d{1,9})\/(\d{1,9})(?:\.\w+)?(?:[?#].*)?$/i.exec(rawUrl);
  if (!m || !readTile) return plain(404, 'no such tile');
  let set: string;
  try {
    set = decodeURIComponent(m[1]!);
  } catch {
    return plain(400, 'bad tile set name');
  }
  let tile: TileLike | null;
  try {
    tile = readTile(set, Number(m[2]), Number(m[3]), Number(m[4]));
  } catch (e) {
    if (e instanceof AppError && e.code === 'not-found') return plain(404, e.body.messageEn);
    if (e instanceof AppError && e.code === 'invalid-input') return plain(400, e.body.messageEn);
    return plain(500, (e as Error).message);
  }
  if (!tile) return { status: 204, headers: { ...SECURITY_HEADERS } };
  return { status: 200, headers: { ...SECURITY_HEADERS, 'Content-Type': tile.contentType }, body: tile.bytes };
}
