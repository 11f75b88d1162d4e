/**
 * The serve shell keeps its address across restarts (issue 12 item 3: "every restart picks a new port and token, so
 * the open tab dies and no bookmark works"). The first launch on a data folder takes DEFAULT_PORT (or, when another
 * program holds it, a free port) and a random token, and writes both to `serve.json` beside the database (mode 0600,
 * like the log's key); every later launch listens there again with the same token, so an open tab reconnects by itself
 * (its session cookie still holds) and a bookmark of `http://127.0.0.1:PORT/` keeps working. `--port N` or
 * `ERCON_PORT=N` override the port for that launch (not stored); a kept port another program took meanwhile is
 * replaced for that launch only, with a notice.
 */
import fs from 'node:fs';
import path from 'node:path';

/** The default port of the local console (unassigned by IANA). */
export const DEFAULT_PORT = 47_315;

export interface KeptAddress {
  port: number | null;
  token: string;
}

export function addressFile(dbPath: string): string {
  return path.join(path.dirname(path.resolve(dbPath)), 'serve.json');
}

export function loadAddress(file: string): KeptAddress | null {
  try {
    const v = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<KeptAddress>;
    if (typeof v.token !== 'string' || !/^[\w-]{16,200}$/.test(v.token)) return null;
    const port = typeof v.port === 'number' && Number.isInteger(v.port) && v.port > 0 && v.port <= 65535 ? v.port : null;
    return { port, token: v.token };
  } catch {
    return null;
  }
}

export function saveAddress(file: string, a: KeptAddress): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.tmp-${process.pid}`;
  fs.writeFileSync(tmp, JSON.stringify(a), { mode: 0o600 });
  fs.renameSync(tmp, file);
}

/** `--port` or `ERCON_PORT`, or null when neither was given. Throws on a value that is not a port. */
export function explicitPort(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): number | null {
  const raw = flag ?? (env.ERCON_PORT !== undefined && env.ERCON_PORT !== '' ? env.ERCON_PORT : undefined);
  if (raw === undefined) return null;
  if (!/^\d+$/.test(raw) || Number(raw) > 65535) throw new Error(`${flag !== undefined ? '--port' : 'ERCON_PORT'} must be 0–65535, got ${raw}`);
  return Number(raw);
}
