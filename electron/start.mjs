#!/usr/bin/env node
// `npm start`: the desktop app when Electron is installed; otherwise the same console in a browser window:
// builds the UI, starts the serve shell, and opens it in a Chromium or Chrome found on this machine (app mode),
// or prints the URL when there is no display.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** The Electron binary, if the optional `electron` package downloaded it (no require: Electron 45's index.js would try
 * to download it again). */
export function electronBinary() {
  const dir = path.join(root, 'node_modules', 'electron');
  try {
    const rel = fs.readFileSync(path.join(dir, 'path.txt'), 'utf8').trim();
    const bin = path.join(dir, 'dist', rel);
    return fs.existsSync(bin) ? bin : null;
  } catch {
    return null;
  }
}

/** A Chromium-family browser on this machine, for the fallback. */
export function findBrowser(env = process.env) {
  if (env.ERCON_BROWSER && fs.existsSync(env.ERCON_BROWSER)) return env.ERCON_BROWSER;
  const candidates =
    process.platform === 'win32'
      ? [
          path.join(env['PROGRAMFILES'] || 'C:\\Program Files', 'Google', 'Chrome', 'Application', 'chrome.exe'),
          path.join(env['PROGRAMFILES(X86)'] || 'C:\\Program Files (x86)', 'Google', 'Chrome', 'Application', 'chrome.exe'),
          path.join(env['PROGRAMFILES(X86)'] || 'C:\\Program Files (x86)', 'Microsoft', 'Edge', 'Application', 'msedge.exe'),
          path.join(env['LOCALAPPDATA'] || '', 'Google', 'Chrome', 'Application', 'chrome.exe'),
        ]
      : process.platform === 'darwin'
        ? ['/Applications/Google Chrome.app/Contents/MacOS/Google Chrome', '/Applications/Chromium.app/Contents/MacOS/Chromium']
        : ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/snap/bin/chromium'];
  return candidates.find((c) => c && fs.existsSync(c)) ?? null;
}

function hasDisplay(env = process.env) {
  if (process.platform === 'win32' || process.platform === 'darwin') return true;
  return !!(env.DISPLAY || env.WAYLAND_DISPLAY);
}

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

/**
 * The URL the browser is opened at: `/?code=<one-time code>` (exchanged by the serve shell for an HttpOnly cookie on
 * the first load), never the token itself, which would stay in the browser's History, Cache, Sessions and on its
 * command line (readable with `ps`). Asked for over loopback with the token from the serve shell's first line.
 */
export async function oneTimeUrl(tokenUrl) {
  const u = new URL(tokenUrl);
  const token = u.searchParams.get('token');
  const res = await fetch(`${u.origin}/api/session/code`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
  if (!res.ok) throw new Error(`the serve shell refused a one-time code (HTTP ${res.status})`);
  const { code } = await res.json();
  return `${u.origin}/?code=${encodeURIComponent(code)}`;
}

/** The browser profile: in the user's own data folder (beside the database), readable by that user only (0700). */
export async function privateProfile(tokenUrl) {
  const u = new URL(tokenUrl);
  const res = await fetch(`${u.origin}/api/health`, { headers: { authorization: `Bearer ${u.searchParams.get('token')}` } });
  const { dbPath } = await res.json();
  const dir = path.join(path.dirname(dbPath), 'browser-profile');
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (process.platform !== 'win32') fs.chmodSync(dir, 0o700);
  return dir;
}

async function openConsole(tokenUrl, serve) {
  const browser = findBrowser();
  if (browser && hasDisplay()) {
    try {
      const [url, profile] = await Promise.all([oneTimeUrl(tokenUrl), privateProfile(tokenUrl)]);
      const b = spawn(browser, [`--app=${url}`, `--user-data-dir=${profile}`, '--no-first-run', '--disable-background-networking', '--window-size=1366,768'], { stdio: 'ignore', detached: false });
      b.on('exit', () => serve.kill('SIGTERM'));
      console.log(`已在浏览器中打开 / opened in ${path.basename(browser)}`);
    } catch (e) {
      console.error(`无法打开浏览器 / could not open the browser: ${e.message}`);
    }
  } else {
    // No display: the person opens it by hand; the URL with the token is printed for them only (not kept by a browser yet).
    console.log(`请在浏览器中打开 / open this address in a browser:\n${tokenUrl}`);
  }
}

async function main() {
  const passArgs = process.argv.slice(2);
  const bin = electronBinary();
  if (bin) {
    console.log('应急值守台：启动桌面程序 / starting the desktop app (Electron)');
    run(npm, ['run', '-s', 'build']);
    const child = spawn(bin, [root, ...passArgs], { cwd: root, stdio: 'inherit' });
    child.on('exit', (code) => process.exit(code ?? 0));
    return;
  }
  console.log('应急值守台：未安装 Electron，改用浏览器界面 / Electron is not installed: opening the console in a browser');
  run(npm, ['run', '-s', 'build:renderer']);
  run(npm, ['run', '-s', 'build:serve']);
  const serve = spawn(process.execPath, [path.join(root, 'electron', 'serve', 'serve.mjs'), ...passArgs], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  const rl = readline.createInterface({ input: serve.stdout });
  let first = true;
  rl.on('line', (line) => {
    if (!first) {
      console.log(line);
      return;
    }
    first = false;
    void openConsole(line.trim(), serve);
  });
  serve.on('exit', (code) => process.exit(code ?? 0));
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => serve.kill('SIGTERM'));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
