// The core's own process: Electron's utilityProcess runs this file (dist/electron/core-process.cjs). The main process
// sends one message with the database path and a MessagePort; from then on every command, answer and change goes
// over that port (electron/core/host.ts on this side, electron/main/relay.ts on the other). Nothing here imports
// `electron`: process.parentPort and the port are what the utility process is given.
import type { MessagePortMain } from 'electron';
import { hostCore } from '../core/host';
import { useKeyProvider } from '../core/log/key';

process.parentPort.once('message', (e) => {
  const port = e.ports[0] as MessagePortMain | undefined;
  const { dbPath, keyHex } = e.data as { dbPath: string; keyHex?: string | null };
  if (!port) throw new Error('core process: no MessagePort in the first message');
  // The log's MAC key comes from the main process, which holds it in the OS key store (safeStorage is a main-process
  // API); without one the core uses its user-only key file.
  if (typeof keyHex === 'string' && /^[0-9a-f]{64}$/.test(keyHex)) {
    const key = Buffer.from(keyHex, 'hex');
    useKeyProvider(() => ({ where: 'the OS key store (through the main process)', load: () => key }));
  }
  hostCore(
    {
      post: (m) => port.postMessage(m),
      onMessage: (l) => port.on('message', (ev) => l(ev.data)),
    },
    { dbPath },
  );
  port.start();
});
