// The core's own process: Electron's utilityProcess runs this file (dist/electron/core-process.cjs). The main process
// sends one message with the database path and a MessagePort; from then on every command, answer and change goes
// over that port (electron/core/host.ts on this side, electron/main/relay.ts on the other). Nothing here imports
// `electron`: process.parentPort and the port are what the utility process is given.
import type { MessagePortMain } from 'electron';
import { hostCore } from '../core/host';

process.parentPort.once('message', (e) => {
  const port = e.ports[0] as MessagePortMain | undefined;
  const { dbPath } = e.data as { dbPath: string };
  if (!port) throw new Error('core process: no MessagePort in the first message');
  hostCore(
    {
      post: (m) => port.postMessage(m),
      onMessage: (l) => port.on('message', (ev) => l(ev.data)),
    },
    { dbPath },
  );
  port.start();
});
