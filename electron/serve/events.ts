/**
 * `GET /api/events`: the core's change stream (electron/core/changes.ts) as server-sent events, for every workstation
 * that has the console open. Behind the same token check as every other /api route (server.ts authorises before it
 * gets here; EventSource cannot send headers, so the browser passes `?token=`).
 *
 * Each change is one `change` event whose data is the Change as JSON, with `id:` its seq. A comment line every
 * `keepAliveMs` keeps proxies and idle timers from closing the connection. On reconnect the client cannot know what it
 * missed and refreshes everything (renderer/src/query/changes.ts).
 */
import type http from 'node:http';
import type { Core } from '../core/core';
import { SECURITY_HEADERS } from '../core/web/csp';

export function serveChangeEvents(req: http.IncomingMessage, res: http.ServerResponse, core: Core, keepAliveMs = 25_000): void {
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive',
    'X-Accel-Buffering': 'no',
  });
  // Tell the client how long to wait before reconnecting, and that the stream is open.
  res.write('retry: 1000\n: open\n\n');
  const off = core.onChange((c) => {
    res.write(`id: ${c.seq}\nevent: change\ndata: ${JSON.stringify(c)}\n\n`);
  });
  const timer = setInterval(() => res.write(': keep-alive\n\n'), keepAliveMs);
  timer.unref?.();
  const stop = () => {
    clearInterval(timer);
    off();
  };
  req.on('close', stop);
  res.on('error', stop);
}
