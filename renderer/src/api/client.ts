import type { Change, CommandInput, CommandName, CommandOutput, ErconBridge, JobProgress } from '../../../shared/api';
import { AppError, isAppErrorBody } from '../../../shared/api/errors';
import { MUTATING_COMMANDS } from '../../../shared/api/mutating';
import { jobEnded, jobStarted } from '../query/jobs';
import { setConnection } from './connection';

export type Transport = 'electron' | 'http';

export interface ApiClient {
  readonly transport: Transport;
  /** `opts.job`: an id for the request, which the serve shell's progress events of a long job carry. */
  invoke<N extends CommandName>(name: N, input: CommandInput<N>, opts?: { job?: string }): Promise<CommandOutput<N>>;
  /** A URL for a map tile of an offline basemap. */
  tileUrl(set: string): string;
  /**
   * The core's change stream (shared/api/changes.ts): `listener` gets each Change, and 'resync' when the stream
   * (re)connects, since changes may have been missed while it was down. `since`: the changes count of an answer the
   * page came with (shared/api/startAnswer.ts); 'resync' too if writes came in after it. Returns the unsubscribe.
   */
  subscribe(listener: (c: Change | JobProgress | 'resync') => void, opts?: { since?: number }): () => void;
  /** Addresses the shell asks the window to show (Electron: a clicked notification); a no-op over HTTP. */
  onOpen(listener: (path: string) => void): () => void;
}

declare global {
  interface Window {
    ercon?: ErconBridge;
  }
}

const TOKEN_KEY = 'ercon.token';

/**
 * The serve shell gives the console its token once, in the URL (`?token=…`). Keep it for this tab's session and take
 * it out of the address bar so it is not bookmarked or shown on screen.
 */
export function takeToken(loc: Location = window.location, store: Storage = window.sessionStorage): string | null {
  const params = new URLSearchParams(loc.search);
  const fromUrl = params.get('token');
  if (fromUrl) {
    store.setItem(TOKEN_KEY, fromUrl);
    params.delete('token');
    const rest = params.toString();
    window.history.replaceState(null, '', `${loc.pathname}${rest ? `?${rest}` : ''}${loc.hash}`);
    return fromUrl;
  }
  return store.getItem(TOKEN_KEY);
}

function toError(body: unknown, status: number): AppError {
  if (isAppErrorBody(body)) return new AppError(body);
  return new AppError({ code: 'internal', message: `服务器错误（HTTP ${status}）`, messageEn: `server error (HTTP ${status})` });
}

export function httpClient(token: string | null, base = ''): ApiClient {
  return {
    transport: 'http',
    async invoke(name, input, opts) {
      let res: Response;
      try {
        res = await fetch(`${base}/api/cmd/${encodeURIComponent(name)}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(opts?.job ? { 'X-Ercon-Job': opts.job } : {}) },
          body: JSON.stringify(input ?? {}),
        });
      } catch {
        setConnection('offline');
        throw new AppError({ code: 'internal', message: '无法连接值守台服务，请检查服务是否在运行', messageEn: 'cannot reach the console service; is it running?' });
      }
      setConnection('online'); // it answered (whatever it said)
      let body: unknown = null;
      try {
        body = await res.json();
      } catch {
        body = null;
      }
      const b = body as { ok?: boolean; result?: unknown; error?: unknown } | null;
      if (res.ok && b?.ok) return b.result as never;
      throw toError(b?.error, res.status);
    },
    tileUrl: (set) => `${base}/tiles/${encodeURIComponent(set)}/{z}/{x}/{y}?token=${encodeURIComponent(token ?? '')}`,
    subscribe: (listener, opts) => serverEvents(`${base}/api/events?token=${encodeURIComponent(token ?? '')}${opts?.since === undefined ? '' : `&since=${opts.since}`}`, listener),
    onOpen: () => () => {},
  };
}

/**
 * Server-sent events from the serve shell (`GET /api/events`). EventSource reconnects by itself after a drop; each
 * reconnection is reported as 'resync'. The stream's state is the connection indicator's (./connection.ts); a stream
 * the browser gave up on (an answer other than the stream, e.g. while the shell restarts) is opened again every few
 * seconds.
 */
function serverEvents(url: string, listener: (c: Change | JobProgress | 'resync') => void): () => void {
  if (typeof EventSource === 'undefined') return () => {};
  let es: EventSource;
  let opens = 0;
  let closed = false;
  let retry: ReturnType<typeof setTimeout> | null = null;
  const connect = () => {
    es = new EventSource(url);
    // The first connection misses nothing (the screens read what they show after it) unless the shell says that writes
    // came in after the answer the page came with (`missed`, right after it opens); a REconnection may have.
    es.addEventListener('open', () => {
      setConnection('online');
      if (opens++ > 0) listener('resync');
    });
    es.addEventListener('missed', () => {
      if (opens === 1) listener('resync');
    });
    es.addEventListener('error', () => {
      setConnection('offline');
      if (es.readyState === EventSource.CLOSED && !closed && !retry) {
        retry = setTimeout(() => {
          retry = null;
          if (!closed) connect();
        }, 3000);
      }
    });
    listen(es);
  };
  const listen = (source: EventSource) => {
    source.addEventListener('change', (e) => {
      try {
        listener(JSON.parse((e as MessageEvent<string>).data) as Change);
      } catch {
        listener('resync');
      }
    });
    source.addEventListener('progress', (e) => {
      try {
        listener(JSON.parse((e as MessageEvent<string>).data) as JobProgress);
      } catch {
        /* a garbled progress line only leaves the bar where it was */
      }
    });
  };
  connect();
  return () => {
    closed = true;
    if (retry) clearTimeout(retry);
    es.close();
  };
}

export function electronClient(bridge: ErconBridge): ApiClient {
  setConnection('online'); // the core is part of the application (IPC)
  return {
    transport: 'electron',
    async invoke(name, input, opts) {
      try {
        return await bridge.invoke(name, input, opts?.job);
      } catch (e) {
        // Electron flattens errors thrown in the main process; the bridge sends the AppError body as JSON in the message.
        const raw = (e as Error).message ?? '';
        const at = raw.indexOf('{');
        if (at >= 0) {
          try {
            throw toError(JSON.parse(raw.slice(at)), 500);
          } catch (inner) {
            if (inner instanceof AppError) throw inner;
          }
        }
        throw new AppError({ code: 'internal', message: raw, messageEn: raw });
      }
    },
    tileUrl: (set) => `tiles://${encodeURIComponent(set)}/{z}/{x}/{y}`,
    subscribe: (listener) => {
      const offs = [bridge.onChange(listener), bridge.onProgress(listener)];
      return () => offs.forEach((off) => off());
    },
    onOpen: (listener) => bridge.onOpen(listener),
  };
}

/** The Electron preload's bridge when there is one; otherwise HTTP to the serve shell that served this page. */
export function createClient(): ApiClient {
  if (typeof window !== 'undefined' && window.ercon && window.ercon.transport === 'electron') return electronClient(window.ercon);
  return httpClient(takeToken());
}

type WriteListener = (name: CommandName) => void;
const writeListeners = new Set<WriteListener>();

/** Called after every write (a `mutates` command of the contract) that answered, on this workstation. */
export function onWrite(listener: WriteListener): () => void {
  writeListeners.add(listener);
  return () => writeListeners.delete(listener);
}

type StorageListener = () => void;
const storageListeners = new Set<StorageListener>();

/** Called when a command is refused by the database itself (read-only, damaged, disk full): the core's state changed. */
export function onStorageError(listener: StorageListener): () => void {
  storageListeners.add(listener);
  return () => storageListeners.delete(listener);
}

const signInListeners = new Set<() => void>();

/** Called when a command was refused because nobody is signed in (or the session ended): the sign-in dialog opens. */
export function onSignInNeeded(listener: () => void): () => void {
  signInListeners.add(listener);
  return () => signInListeners.delete(listener);
}

/** The client with the write hook around invoke, and a job id on every request (for a long job's progress bar). */
function withWriteHook(c: ApiClient): ApiClient {
  return {
    ...c,
    async invoke(name, input) {
      const job = newJobId();
      jobStarted(job);
      try {
        const out = await c.invoke(name, input, { job });
        if (MUTATING_COMMANDS.has(name)) for (const l of writeListeners) l(name);
        return out;
      } catch (e) {
        const code = (e as { body?: { code?: string } })?.body?.code;
        if (code === 'storage') for (const l of storageListeners) l();
        if (code === 'unauthenticated' && name !== 'auth.signIn') for (const l of signInListeners) l();
        throw e;
      } finally {
        jobEnded(job);
      }
    },
  };
}

let jobSeq = 0;
function newJobId(): string {
  return `${globalThis.crypto?.randomUUID?.() ?? Math.random().toString(36).slice(2)}-${++jobSeq}`.slice(0, 64);
}

let client: ApiClient | null = null;
export function api(): ApiClient {
  client ??= withWriteHook(createClient());
  return client;
}
