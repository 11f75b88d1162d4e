// The preload: runs sandboxed with context isolation and exposes ONE typed object to the page, window.ercon.
// It carries command names and inputs to the main process; the main process validates the sender and the payload.
import { contextBridge, ipcRenderer } from 'electron';
import type { ErconBridge } from '../../shared/api';

const IPC_CHANNEL = 'ercon:invoke'; // = electron/main/ipc.ts IPC_CHANNEL (the preload bundle stays tiny)
const PICK_FOLDER_CHANNEL = 'ercon:pick-folder'; // = electron/main/ipc.ts PICK_FOLDER_CHANNEL

const bridge: ErconBridge = {
  transport: 'electron',
  invoke: (name, input) => ipcRenderer.invoke(IPC_CHANNEL, { name, input }),
  pickFolder: () => ipcRenderer.invoke(PICK_FOLDER_CHANNEL),
};

contextBridge.exposeInMainWorld('ercon', bridge);
