import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';

// (Not from ./tmp, which registers vitest hooks: the benchmarks start the serve shell too.)
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface ServeProcess {
  url: string;
  origin: string;
  token: string;
  port: number;
  child: ChildProcess;
  /** Everything it printed on stdout so far. */
  stdout(): string;
  stop(): Promise<void>;
}

/**
 * Start the real serve shell (`node electron/serve/serve.mjs`) and read its first stdout line: the URL with the token.
 * On a free port (ERCON_PORT=0), so tests running side by side never race for the default port; pass
 * `{ ERCON_PORT: '' }` for the shell's own choice (electron/serve/address.ts).
 */
export function startServe(args: string[], env: NodeJS.ProcessEnv = {}): Promise<ServeProcess> {
  const child = spawn(process.execPath, [path.join(ROOT, 'electron/serve/serve.mjs'), ...args], {
    cwd: ROOT,
    env: { ...process.env, ERCON_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  let stdout = '';
  child.stderr!.on('data', (d) => (stderr += d));
  child.stdout!.on('data', (d) => (stdout += d));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not print its URL in time; stderr: ${stderr}`)), 30_000);
    const rl = readline.createInterface({ input: child.stdout! });
    rl.once('line', (line) => {
      clearTimeout(timer);
      const u = new URL(line.trim());
      resolve({
        url: line.trim(),
        origin: u.origin,
        token: u.searchParams.get('token') ?? '',
        port: Number(u.port),
        child,
        stdout: () => stdout,
        stop: () =>
          new Promise<void>((res) => {
            // (a child ended by a signal has exitCode null and its signalCode set)
            if (child.exitCode !== null || child.signalCode !== null) return res();
            child.once('exit', () => res());
            child.kill('SIGTERM');
          }),
      });
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code}: ${stderr}`));
    });
  });
}

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** An HTTP request with the path sent exactly as given (fetch would normalise `..` away). */
export function rawRequest(port: number, method: string, rawPath: string, headers: Record<string, string> = {}, body?: string): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path: rawPath, headers }, (res) => {
      let data = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (data += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: data }));
    });
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}
