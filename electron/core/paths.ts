import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AppError } from '../../shared/api/errors';

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

/** Folders of the data folder that the console owns and a client (browser, renderer) may name files in. */
export const OWNED_SUBFOLDERS = ['backups', 'imports', 'exports', 'tiles'] as const;

/** One of the console's own folders beside the database. */
export function ownedFolder(dbPath: string, which: (typeof OWNED_SUBFOLDERS)[number]): string {
  return path.join(path.dirname(path.resolve(dbPath)), which);
}

export interface PathPolicy {
  /** The database; its folder is the data folder. */
  dbPath: string;
  /** Folders a person picked in a file dialog of the desktop app (absolute, resolved). */
  pickedFolders?: ReadonlySet<string>;
}

function realish(p: string): string {
  // The real path of the nearest part that exists (a symbolic link inside an owned folder cannot point out of it).
  let cur = path.resolve(p);
  const rest: string[] = [];
  for (;;) {
    try {
      return path.join(fs.realpathSync.native(cur), ...rest.reverse());
    } catch {
      const parent = path.dirname(cur);
      if (parent === cur) return path.resolve(p);
      rest.push(path.basename(cur));
      cur = parent;
    }
  }
}

function inside(root: string, p: string): boolean {
  const rel = path.relative(root, p);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/**
 * The file a command may use for a path given by a caller. The CLI's person types paths in their own shell and is
 * trusted with them (relative to the working directory, as any command-line tool). Any other client (the browser over
 * HTTP, the desktop renderer) may only name files inside the folders the console owns (`backups/`, `imports/`,
 * `exports/`, `tiles/` of the data folder) or a folder the person picked in a file dialog; a relative path is taken
 * inside `base`, never in the process's working directory. Refused BEFORE the file is looked at, so the answer does not
 * tell whether a file exists elsewhere; the message quotes at most 120 characters of the input.
 */
export function clientPath(given: string, ctx: { transport: string }, policy: PathPolicy, opts: { field: string; base: string }): string {
  if (ctx.transport === 'cli' || ctx.transport === 'test') return path.resolve(given);
  const roots = [...OWNED_SUBFOLDERS.map((f) => ownedFolder(policy.dbPath, f)), ...(policy.pickedFolders ?? [])].map(realish);
  const target = realish(path.isAbsolute(given) ? given : path.join(opts.base, given));
  if (policy.dbPath === ':memory:' || !roots.some((r) => inside(r, target))) {
    const shown = given.length > 120 ? `${given.slice(0, 120)}…` : given;
    throw new AppError({
      code: 'forbidden',
      message: `字段 ${opts.field}：只能使用本程序数据目录中的 ${OWNED_SUBFOLDERS.join('、')} 文件夹，或在对话框中选择的文件夹（${shown}）`,
      messageEn: `field ${opts.field}: only files in the console's own ${OWNED_SUBFOLDERS.join(', ')} folders or a folder picked in a dialog (${shown})`,
      field: opts.field,
      rule: 'owned-folder',
    });
  }
  return target;
}
