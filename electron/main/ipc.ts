import { z } from 'zod';
import { isCommandName, type AppErrorBody, type CommandName } from '../../shared/api';
import { APP_ORIGIN } from './window';

export const IPC_CHANNEL = 'ercon:invoke';
/** The folder dialog (see pickFolderAnswer). */
export const PICK_FOLDER_CHANNEL = 'ercon:pick-folder';
/** Main → window: the core's change stream (shared/api/changes.ts). */
export const CHANGE_CHANNEL = 'ercon:change';
/** Main → window: how far a long job is (shared/api JobProgress), for the request that carried its job id. */
export const PROGRESS_CHANNEL = 'ercon:progress';
/** Main → window: show this address of the console (a hash path such as `/incidents/<id>`). */
export const OPEN_CHANNEL = 'ercon:open';

/** The console's address of an incident (renderer/src/router/routes.ts; a forest fire is handed on to its screen). */
export function incidentPath(id: string): string {
  return `/incidents/${encodeURIComponent(id)}`;
}

/** The one IPC message the preload sends: a command name and its input (validated by the core's own schema). */
export const ipcMessageSchema = z
  .object({
    name: z.string().min(1).max(100),
    input: z.unknown(),
    /** The request's id, which a long job's progress events carry back (PROGRESS_CHANNEL). */
    job: z.string().regex(/^[\w-]{1,64}$/).optional(),
  })
  .strict();

export type IpcCheck = { ok: true; name: CommandName; input: unknown; job?: string } | { ok: false; error: AppErrorBody };

/**
 * Validate one IPC message before the core sees it: the sender must be the console's own top-level frame (origin
 * app://console), and the payload must be `{name, input}` with a known command name. Anything else is refused.
 */
export function checkIpcMessage(sender: { url: string | undefined; isMainFrame: boolean }, payload: unknown): IpcCheck {
  if (!isConsoleFrame(sender)) return { ok: false, error: NOT_THE_CONSOLE };
  const r = ipcMessageSchema.safeParse(payload);
  if (!r.success) {
    return { ok: false, error: { code: 'invalid-input', message: 'IPC 消息格式不正确', messageEn: 'malformed IPC message', rule: 'ipc-schema', field: r.error.issues[0]?.path.join('.') || 'message' } };
  }
  if (!isCommandName(r.data.name)) {
    return { ok: false, error: { code: 'unknown-command', message: `没有名为 ${r.data.name} 的命令`, messageEn: `no command named ${r.data.name}`, field: 'name' } };
  }
  return { ok: true, name: r.data.name, input: r.data.input, ...(r.data.job ? { job: r.data.job } : {}) };
}

const NOT_THE_CONSOLE: AppErrorBody = { code: 'forbidden', message: '拒绝来自非本程序页面的请求', messageEn: 'refused: the sender is not the console page', rule: 'ipc-sender' };

/** Whether an IPC message comes from the console's own top-level frame (origin app://console). */
export function isConsoleFrame(sender: { url: string | undefined; isMainFrame: boolean }): boolean {
  let origin = '';
  try {
    origin = sender.url ? new URL(sender.url).origin : '';
  } catch {
    origin = '';
  }
  // Chromium reports the origin of non-special schemes as "null"; compare the scheme and host ourselves.
  const fromApp = !!sender.url && sender.url.toLowerCase().startsWith(`${APP_ORIGIN}/`) && (origin === APP_ORIGIN || origin === 'null');
  return fromApp && sender.isMainFrame;
}

/**
 * The folder dialog over IPC: only for the console's own page; the folder the person picked is allowed for the paths a
 * client may name (electron/core/paths.ts), and nothing else is: the page cannot name a folder itself.
 */
export async function pickFolderAnswer(
  sender: { url: string | undefined; isMainFrame: boolean },
  showDialog: () => Promise<{ canceled: boolean; filePaths: string[] }>,
  allow: (dir: string) => void,
): Promise<string | null> {
  if (!isConsoleFrame(sender)) throw new Error(ipcErrorMessage(NOT_THE_CONSOLE));
  const r = await showDialog();
  const dir = r.canceled ? undefined : r.filePaths[0];
  if (!dir) return null;
  allow(dir);
  return dir;
}

/** Errors cross IPC as a plain Error whose message carries the AppError body as JSON (the client parses it back). */
export function ipcErrorMessage(body: AppErrorBody): string {
  return JSON.stringify(body);
}
