// Reading the serve shell's server-sent events (GET /api/events) in tests.
import http from 'node:http';
import type { Change } from '../../shared/api';

/**
 * Read an SSE stream; resolves with the events of type `type` once `n` have come (or rejects after `ms`); `ready`
 * resolves with the HTTP status as soon as the answer starts.
 */
export function readEvents<T = Change>(url: string, n: number, ms = 3000, type: 'change' | 'progress' = 'change', until?: (e: T) => boolean): { ready: Promise<number>; events: Promise<T[]> } {
  let onReady!: (status: number) => void;
  const ready = new Promise<number>((r) => (onReady = r));
  const events = new Promise<T[]>((resolve, reject) => {
    const got: T[] = [];
    const req = http.get(url, (res) => {
      onReady(res.statusCode ?? 0);
      if (res.statusCode !== 200) return resolve(got);
      let buf = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buf += chunk;
        let at: number;
        while ((at = buf.indexOf('\n\n')) >= 0) {
          const block = buf.slice(0, at);
          buf = buf.slice(at + 2);
          if (!new RegExp(`^event: ${type}$`, 'm').test(block)) continue;
          const e = JSON.parse(/^data: (.*)$/m.exec(block)![1]!) as T;
          got.push(e);
          if (got.length === n || until?.(e)) {
            req.destroy();
            resolve(got);
          }
        }
      });
    });
    req.on('error', () => undefined);
    setTimeout(() => {
      req.destroy();
      reject(new Error(`only ${got.length} of ${n} ${type} events within ${ms} ms`));
    }, ms);
  });
  return { ready, events };
}
