/**
 * `GET /api/events`: the core's change stream (electron/core/changes.ts) as server-sent events, for every workstation
 * that has the console open. Behind the same token check as every other /api route (server.ts authorises before it
 * gets here; EventSource cannot send headers, so the browser passes `?token=`).
 *
 * Each change is one `change` event whose data is the Change as JSON; a long job's progress (serve/jobs.ts) is a
 * `progress` event with the JobProgress as JSON. A comment line every
 * `keepAliveMs` keeps proxies and idle timers from closing the connection. On reconnect the client cannot know what it
 * missed and refreshes everything (renderer/src/query/changes.ts).
 */
import type http from 'node:http';
import type { Change, JobProgress } from '../../shared/api';
import { SECURITY_HEADERS } from '../core/web/csp';

/** Where events come from: the core's own change feed, and the job worker's changes and progress (jobs.ts). */
export type EventSource = (listener: (e: Change | JobProgress) => void) => () => void;

/**
 * `missed`: changes were passed on since the page's start answer was worked out (the `since` it opened the stream
 * with; ../../shared/api/startAnswer.ts): a `missed` event right after the stream opens tells it to ask again.
 */
export function serveChangeEvents(req: http.IncomingMessage, res: http.ServerResponse, sources: readonly EventSource[], opts: { missed?: boolean; keepAliveMs?: number } = {}): void {
  const keepAliveMs = opts.keepAliveMs ?? 25_000;
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive',
    'X-Accel-Buffering': 'no',
  });
  // Tell the client how long to wait before reconnecting, and that the stream is open.
  res.write('retry: 1000\n: open\n\n');
  if (opts.missed) res.write('event: missed\ndata: {}\n\n');
  // A job's progress is its own event type; a change carries its seq as the event id.
  const offs = sources.map((on) =>
    on((e) => {
      if ('kind' in e) res.write(`event: progress\ndata: ${JSON.stringify(e)}\n\n`);
      else res.write(`event: change\ndata: ${JSON.stringify(e)}\n\n`);
    }),
  );
  const timer = setInterval(() => res.write(': keep-alive\n\n'), keepAliveMs);
  timer.unref?.();
  const stop = () => {
    clearInterval(timer);
    for (const off of offs) off();
  };
  req.on('close', stop);
  res.on('error', stop);
}
