import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { APP_NAME_ZH } from '../../shared/api';
import { createCore, errorBody } from '../core/core';
import { defaultDbPath } from '../core/paths';
import { createJobRunner } from './jobs';
import { addressFile, DEFAULT_PORT, explicitPort, loadAddress, saveAddress } from './address';
import { newToken, startServer, type RunningServer, type ServeOptions } from './server';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const DEFAULT_STATIC_DIR = path.resolve(HERE, '../../dist/renderer');

const USAGE = `usage: npm run serve -- [--port N] [--db FILE] [--lan] [--static DIR]
  --port N      listen on port N for this launch (ERCON_PORT=N too; default: the port kept in serve.json
                beside the database, chosen once: ${DEFAULT_PORT}, or a free one if that is taken)
  --db FILE     the SQLite file (default: ${defaultDbPath()})
  --lan         the duty room's shared console: listen on every interface; a workstation
                without the token gets the sign-in, then works with its person's session
  --static DIR  the built UI (default: dist/renderer)`;

export interface ServeArgs {
  /** The port asked for (--port or ERCON_PORT), or null: the kept one. */
  port: number | null;
  db: string;
  lan: boolean;
  staticDir: string;
}

export function parseServeArgs(argv: string[]): ServeArgs {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      db: { type: 'string' },
      lan: { type: 'boolean', default: false },
      static: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) throw Object.assign(new Error(USAGE), { help: true });
  let port: number | null;
  try {
    port = explicitPort(values.port);
  } catch (e) {
    throw new Error(`${(e as Error).message}\n${USAGE}`);
  }
  return {
    port,
    db: values.db ? path.resolve(values.db) : defaultDbPath(),
    lan: !!values.lan,
    staticDir: values.static ? path.resolve(values.static) : DEFAULT_STATIC_DIR,
  };
}

function lanAddresses(): string[] {
  return Object.values(os.networkInterfaces())
    .flat()
    .filter((a): a is os.NetworkInterfaceInfo => !!a && a.family === 'IPv4' && !a.internal)
    .map((a) => a.address);
}

/** How long after start-up the job worker is loaded (a job asked for before then starts it at once). */
const JOB_WORKER_WARM_DELAY_MS = 3000;
/** How long the address waits for the start screen's answer (runServe). */
const WARM_WAIT_MS = 1000;

/**
 * Start the serve shell. The FIRST line of stdout is the console's URL with its token (scripts and the e2e tests read
 * it); everything after is for people.
 */
export async function runServe(argv: string[], extra: Partial<ServeOptions> = {}): Promise<RunningServer> {
  const args = parseServeArgs(argv);
  // A short busy_timeout: waiting for another process's lock happens between event-loop turns (the core retries), so
  // the serve shell keeps answering (health included) while a CLI import, a second shell or its own job worker holds
  // the file.
  const core = createCore({ dbPath: args.db, busyTimeoutMs: 20 });
  // Long jobs in a worker thread on the same file (an in-memory database cannot be shared: they run inline there).
  const jobs = args.db === ':memory:' ? undefined : createJobRunner(args.db);
  // Warmed once the console has started, not during: loading the core a second time in the worker thread took a core
  // of this 2-core machine away from the first answers and the browser (test/bench/startup.bench.ts).
  if (jobs) setTimeout(() => jobs.warm(), JOB_WORKER_WARM_DELAY_MS).unref();
  const staticDir = fs.existsSync(path.join(args.staticDir, 'index.html')) ? args.staticDir : undefined;
  // The address kept in the data folder (address.ts): the same port and token as the last launch.
  const file = args.db === ':memory:' ? null : addressFile(args.db);
  const kept = file ? loadAddress(file) : null;
  const token = extra.token ?? kept?.token ?? newToken();
  const wanted = args.port ?? kept?.port ?? DEFAULT_PORT;
  const start = (port: number) => startServer({ core, staticDir, host: args.lan ? '0.0.0.0' : '127.0.0.1', lan: args.lan, port, jobs, ...extra, token });
  let running: RunningServer;
  let moved = false;
  try {
    try {
      running = await start(wanted);
    } catch (e) {
      // The kept (or default) port is another program's now: a free one for this launch. A port asked for is refused.
      if ((e as NodeJS.ErrnoException).code !== 'EADDRINUSE' || args.port !== null) throw e;
      running = await start(0);
      moved = true;
    }
  } catch (e) {
    void jobs?.close();
    core.close();
    throw e;
  }
  // Chosen once: the first launch keeps its port (the default, or the free one it fell back to) and its token.
  if (file && !extra.token && (!kept || (kept.port === null && args.port === null))) saveAddress(file, { port: args.port === null ? running.port : (kept?.port ?? null), token });
  // The start screen's answer is worked out before the address goes out (at most WARM_WAIT_MS): the browser is opened at
  // the address, and the page then gets its answer at once, instead of waiting for it while the shell works it out
  // on the cores the browser is starting on (with 1,000 incidents that took 300–400 ms of the page's load, for 100–150
  // ms of computing; test/bench/startup.bench.ts). An answer that takes longer is still on its way when the page asks.
  await Promise.race([running.warmStart(), new Promise<void>((done) => setTimeout(done, WARM_WAIT_MS).unref())]);
  process.stdout.write(`${running.url}\n`);
  const lines = [`${APP_NAME_ZH} 已启动 / serving on ${running.url.replace(/\?.*$/, '')}`, `数据库 / database: ${args.db}`];
  if (moved && kept?.port) lines.push(`注意：端口 ${kept.port} 已被占用，本次改用 ${running.port}，已打开的页面和书签须改用新地址 / port ${kept.port} is taken: serving on ${running.port} this time`);
  if (!staticDir) lines.push(`注意：未找到界面文件 ${args.staticDir}，请先运行 npm run build:renderer / UI build not found; only the API is served`);
  if (args.lan) for (const a of lanAddresses()) lines.push(`局域网 / LAN: http://${a}:${running.port}/?token=${running.token}`);
  process.stdout.write(lines.join('\n') + '\n');
  const stop = async () => {
    await running.close();
    await jobs?.close();
    core.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return running;
}

export async function main(argv: string[]): Promise<void> {
  try {
    await runServe(argv);
  } catch (e) {
    const help = (e as { help?: boolean }).help;
    if (help) {
      process.stdout.write((e as Error).message + '\n');
      process.exit(0);
    }
    const b = errorBody(e);
    process.stderr.write(`serve: ${b.message}\n${b.messageEn}\n`);
    process.exit(2);
  }
}
