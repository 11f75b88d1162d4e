// The preload: runs sandboxed with context isolation and exposes ONE typed object to the page, window.ercon.
// It carries command names and inputs to the main process; the main process validates the sender and the payload.
// Three events come back: the core's change stream (ercon:change), a long job's progress (ercon:progress) and a
// request to show an address (ercon:open, e.g. the incident of a clicked desktop notification).
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { Change, ErconBridge, JobProgress } from '../../shared/api';

const IPC_CHANNEL = 'ercon:invoke'; // = electron/main/ipc.ts IPC_CHANNEL (the preload bundle stays tiny)
const CHANGE_CHANNEL = 'ercon:change'; // = electron/main/ipc.ts CHANGE_CHANNEL
const OPEN_CHANNEL = 'ercon:open'; // = electron/main/ipc.ts OPEN_CHANNEL
const PROGRESS_CHANNEL = 'ercon:progress'; // = electron/main/ipc.ts PROGRESS_CHANNEL
const PICK_FOLDER_CHANNEL = 'ercon:pick-folder'; // = electron/main/ipc.ts PICK_FOLDER_CHANNEL

function listen<T>(channel: string, listener: (v: T) => void): () => void {
  const h = (_e: IpcRendererEvent, v: T) => listener(v);
  ipcRenderer.on(channel, h);
  return () => ipcRenderer.removeListener(channel, h);
}

const bridge: ErconBridge = {
  transport: 'electron',
  invoke: (name, input, job) => ipcRenderer.invoke(IPC_CHANNEL, job ? { name, input, job } : { name, input }),
  pickFolder: () => ipcRenderer.invoke(PICK_FOLDER_CHANNEL),
  onChange: (listener) => listen<Change>(CHANGE_CHANNEL, listener),
  onProgress: (listener) => listen<JobProgress>(PROGRESS_CHANNEL, listener),
  onOpen: (listener) => listen<string>(OPEN_CHANNEL, listener),
};

contextBridge.exposeInMainWorld('ercon', bridge);
