import type { BrowserWindowConstructorOptions } from 'electron';

export const APP_SCHEME = 'app';
export const APP_HOST = 'console';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;
export const TILES_SCHEME = 'tiles';

/**
 * The main window, hardened per Electron's security checklist: context isolation, the renderer sandbox, no Node in
 * the page or its workers or frames, no <webview>, web security on, no insecure content. The page only reaches the
 * core through the preload's one typed object (window.ercon).
 */
export function mainWindowOptions(preloadPath: string, opts: { packaged?: boolean } = {}): BrowserWindowConstructorOptions {
  return {
    width: 1366,
    height: 768,
    minWidth: 1024,
    minHeight: 700,
    title: '应急值守台',
    show: false,
    backgroundColor: '#f4f6f8',
    autoHideMenuBar: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      // DevTools only in a development run: a packaged console gives no one a console into the page.
      devTools: !opts.packaged,
    },
  };
}

/** The privileged schemes, registered before the app is ready. */
export const PRIVILEGED_SCHEMES = [
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  { scheme: TILES_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
] as const;
