// Starts the core in Electron's utilityProcess and relays to it over a MessagePort (relay.ts). The main process keeps
// the window, the protocols and the notifier; the core's synchronous SQLite work happens in the other process.
import path from 'node:path';
import { MessageChannelMain, utilityProcess } from 'electron';
import { relayCore, type RelayedCore } from './relay';

export interface CoreProcess {
  core: RelayedCore;
  stop(): void;
}

export function startCoreProcess(dir: string, dbPath: string, keyHex?: string | null): CoreProcess {
  const child = utilityProcess.fork(path.join(dir, 'core-process.cjs'), [], { serviceName: 'duty-console-core', stdio: 'inherit' });
  const { port1, port2 } = new MessageChannelMain();
  const core = relayCore({ post: (m) => port1.postMessage(m), onMessage: (l) => port1.on('message', (e) => l(e.data)) });
  port1.start();
  child.postMessage({ dbPath, keyHex: keyHex ?? null }, [port2]);
  child.once('exit', (code) => core.failAll(`exit ${code}`));
  return {
    core,
    stop() {
      port1.close();
      child.kill();
    },
  };
}
