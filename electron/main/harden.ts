import { APP_ORIGIN } from './window';

/** Navigation inside the console's own pages is allowed; anything else (http:, file:, another scheme) is not. */
export function isAllowedNavigation(url: string): boolean {
  return url.toLowerCase().startsWith(`${APP_ORIGIN}/`);
}

/** The parts of Electron's WebContents that hardening touches (kept structural so it can be tested without Electron). */
export interface WebContentsLike {
  on(event: 'will-navigate' | 'will-redirect', listener: (event: { preventDefault(): void }, url: string) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: { preventDefault(): void }) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

export interface SessionLike {
  setPermissionRequestHandler(handler: (wc: unknown, permission: string, callback: (granted: boolean) => void) => void): void;
  setPermissionCheckHandler(handler: (wc: unknown, permission: string) => boolean): void;
}

/** Deny navigation away from the console, every new window, and every <webview>. */
export function hardenWebContents(contents: WebContentsLike): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAllowedNavigation(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAllowedNavigation(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/** Refuse every permission request (camera, microphone, geolocation, notifications from the page, ...).
 * Desktop notifications are shown by the main process, not requested by the page. */
export function hardenSession(session: SessionLike): void {
  session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}
