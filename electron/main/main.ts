// The Electron shell: one hardened window on app://console, the core behind one validated IPC channel,
// offline tiles on tiles://, a single-instance lock. Everything that decides anything lives in electron/core, which
// runs in its own utilityProcess (core-client.ts), so its synchronous SQLite work never blocks this process.
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { app, BrowserWindow, dialog, ipcMain, Notification, protocol, safeStorage, session } from 'electron';
import { APP_NAME_ZH } from '../../shared/api';
import type { Database } from 'better-sqlite3';
import { errorBody } from '../core/core';
import { openDatabase } from '../core/db/database';
import { closeTileReaders, readTile } from '../core/map/tiles';
import { defaultDbPath, userDataDir } from '../core/paths';
import { dataFolderOf } from '../core/log/key';
import { hardenSession, hardenWebContents } from './harden';
import { safeStorageKeyProvider } from './keyStore';
import { startDeadlineWatcher, type DeadlineWatcher } from './notifications';
import { startCoreProcess, type CoreProcess } from './core-client';
import { CHANGE_CHANNEL, checkIpcMessage, incidentPath, IPC_CHANNEL, ipcErrorMessage, OPEN_CHANNEL, PICK_FOLDER_CHANNEL, pickFolderAnswer, PROGRESS_CHANNEL } from './ipc';
import { appProtocolAnswer, tilesProtocolAnswer, type ProtocolAnswer } from './protocol';
import { APP_ENTRY_URL, APP_SCHEME, mainWindowOptions, PRIVILEGED_SCHEMES, TILES_SCHEME } from './window';
import { createSessionKeeper } from './sessionKeeper';

const STATIC_DIR = path.join(__dirname, '..', 'renderer');
const PRELOAD = path.join(__dirname, 'preload.cjs');

protocol.registerSchemesAsPrivileged(PRIVILEGED_SCHEMES.map((s) => ({ scheme: s.scheme, privileges: { ...s.privileges } })));
app.setPath('userData', userDataDir());

let coreProcess: CoreProcess | null = null;
/** A read-only connection for the tiles:// protocol (a tile is a small indexed read; answering it here needs no hop). */
let tileDb: Database | null = null;
let win: BrowserWindow | null = null;
let deadlines: DeadlineWatcher | null = null;

function toResponse(a: ProtocolAnswer, method: string): Response {
  if (a.file && method !== 'HEAD') {
    const stream = Readable.toWeb(fs.createReadStream(a.file)) as unknown as ReadableStream;
    return new Response(stream, { status: a.status, headers: a.headers });
  }
  return new Response(a.status === 204 || method === 'HEAD' ? null : (a.body as ConstructorParameters<typeof Response>[0]) ?? null, { status: a.status, headers: a.headers });
}

function createWindow(): void {
  win = new BrowserWindow(mainWindowOptions(PRELOAD, { packaged: app.isPackaged }));
  win.once('ready-to-show', () => win?.show());
  win.on('closed', () => {
    win = null;
  });
  void win.loadURL(APP_ENTRY_URL);
}

if (!app.requestSingleInstanceLock()) {
  // Another console is already running on this machine: bring it forward instead (it owns the database).
  app.quit();
} else {
  app.on('second-instance', () => {
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });

  app.on('web-contents-created', (_e, contents) => hardenWebContents(contents));

  app.whenReady().then(async () => {
    try {
      // The log's MAC key in the OS key store (safeStorage needs the app to be ready, and lives in this process): it is
      // handed to the core's utilityProcess with the database path.
      const key = safeStorageKeyProvider(safeStorage, dataFolderOf(defaultDbPath())).load({ create: true });
      coreProcess = startCoreProcess(__dirname, defaultDbPath(), key ? key.toString('hex') : null);
      await coreProcess.core.ready;
      tileDb = openDatabase(defaultDbPath(), { readonly: true });
    } catch (e) {
      const b = errorBody(e);
      dialog.showErrorBox(APP_NAME_ZH, `${b.message}\n\n${b.messageEn}`);
      coreProcess?.stop();
      app.exit(1);
      return;
    }
    const core = coreProcess.core;
    hardenSession(session.defaultSession);
    protocol.handle(APP_SCHEME, (req) => toResponse(appProtocolAnswer(STATIC_DIR, req.method, req.url), req.method));
    protocol.handle(TILES_SCHEME, (req) => toResponse(tilesProtocolAnswer((set, z, x, y) => readTile({ db: tileDb! }, set, z, x, y), req.method, req.url), req.method));
    // The person signed in at this window: the main process keeps the session, the page never sees its token.
    const signedIn = createSessionKeeper((name, input, ctx, job) => core.invoke(name, input, ctx, job));
    ipcMain.handle(IPC_CHANNEL, async (event, payload: unknown) => {
      const frame = event.senderFrame;
      const check = checkIpcMessage({ url: frame?.url, isMainFrame: !!frame && frame === event.sender.mainFrame }, payload);
      if (!check.ok) throw new Error(ipcErrorMessage(check.error));
      try {
        return await signedIn.invoke(check.name, check.input, check.job);
      } catch (e) {
        throw new Error(ipcErrorMessage(errorBody(e)));
      }
    });
    ipcMain.handle(PICK_FOLDER_CHANNEL, (event) => {
      const frame = event.senderFrame;
      return pickFolderAnswer(
        { url: frame?.url, isMainFrame: !!frame && frame === event.sender.mainFrame },
        () => (win ? dialog.showOpenDialog(win, { properties: ['openDirectory', 'createDirectory'] }) : Promise.resolve({ canceled: true, filePaths: [] })),
        (dir) => core.allowPickedFolder(dir),
      );
    });
    createWindow();
    // Every committed write, to the window, which turns it into refreshes of what it shows (no screen polls).
    core.onChange((c) => win?.webContents.send(CHANGE_CHANNEL, c));
    core.onProgress((p) => win?.webContents.send(PROGRESS_CHANNEL, p));
    // Reporting deadlines: checked at start-up and every minute; a desktop notification when due soon or overdue.
    deadlines = startDeadlineWatcher({
      due: (soonMinutes) => core.invoke('console.due', { soonMinutes }, { actor: 'deadline-watcher', transport: 'electron' }),
      show: (n) => {
        if (!Notification.isSupported()) return;
        const note = new Notification({ title: n.title, body: n.body, urgency: n.phase === 'overdue' ? 'critical' : 'normal' });
        note.on('click', () => {
          win?.show();
          win?.webContents.send(OPEN_CHANNEL, incidentPath(n.incidentId));
        });
        note.show();
      },
    });
  });

  app.on('window-all-closed', () => {
    deadlines?.stop();
    if (tileDb) closeTileReaders(tileDb);
    tileDb?.close();
    tileDb = null;
    coreProcess?.stop();
    coreProcess = null;
    app.quit();
  });
}
