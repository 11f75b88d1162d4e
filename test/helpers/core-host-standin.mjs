// A Node stand-in for Electron's utilityProcess (which needs the Electron binary): a child process running
// electron/core/host.ts over its IPC channel, as electron/main/core-process.ts runs it over a MessagePort.
// Usage: fork(this file, [dbPath], { serialization: 'advanced' }).
import { register } from 'tsx/esm/api';

register();
const { hostCore } = await import(new URL('../../electron/core/host.ts', import.meta.url).href);
hostCore({ post: (m) => process.send(m), onMessage: (l) => process.on('message', l) }, { dbPath: process.argv[2] });
process.on('disconnect', () => process.exit(0));
