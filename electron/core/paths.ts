import os from 'node:os';
import path from 'node:path';

export const DATA_FOLDER_NAME = 'duty-console';

/**
 * The per-user data folder, as Electron's `app.getPath('userData')` would place it, so that the serve shell,
 * the CLI and the desktop app share one database by default:
 * Windows %APPDATA%\duty-console, macOS ~/Library/Application Support/duty-console,
 * Linux $XDG_DATA_HOME/duty-console (default ~/.local/share/duty-console).
 */
export function userDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.ERCON_DATA_DIR) return path.resolve(env.ERCON_DATA_DIR);
  const home = env.HOME || env.USERPROFILE || os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA || path.join(home, 'AppData', 'Roaming'), DATA_FOLDER_NAME);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', DATA_FOLDER_NAME);
  return path.join(env.XDG_DATA_HOME || path.join(home, '.local', 'share'), DATA_FOLDER_NAME);
}

export function defaultDbPath(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(userDataDir(env), 'console.sqlite');
}
