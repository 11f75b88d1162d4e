import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileKeyProvider, KEY_FILE } from '../../../electron/core/log/key';
import { safeStorageKeyProvider, SAFE_KEY_FILE, type SafeStorageLike } from '../../../electron/main/keyStore';
import { pickFolderAnswer } from '../../../electron/main/ipc';
import { mainWindowOptions } from '../../../electron/main/window';
import { tmpDir } from '../../helpers/tmp';

/** A stand-in for Electron's safeStorage: "encrypts" by XOR so that the file on disk is not the key. */
function fakeSafe(available = true): SafeStorageLike & { calls: number } {
  const x = (b: Buffer) => Buffer.from(b.map((c) => c ^ 0x5a));
  return {
    calls: 0,
    isEncryptionAvailable: () => available,
    encryptString(p) {
      this.calls++;
      return x(Buffer.from(p, 'utf8'));
    },
    decryptString: (b) => x(b).toString('utf8'),
  };
}

describe('the log key outside the database', () => {
  it('file provider: 64 hex, mode 0600, created once and read back; a loosened mode is tightened', () => {
    const dir = tmpDir();
    const p = fileKeyProvider(path.join(dir, KEY_FILE));
    expect(p.load({ create: false })).toBeNull();
    const k = p.load({ create: true })!;
    expect(k).toHaveLength(32);
    expect(p.load({ create: true })!.equals(k)).toBe(true);
    if (process.platform !== 'win32') {
      expect(fs.statSync(p.where).mode & 0o777).toBe(0o600);
      fs.chmodSync(p.where, 0o644);
      p.load({ create: false });
      expect(fs.statSync(p.where).mode & 0o777).toBe(0o600);
    }
  });

  it('safeStorage provider: the key on disk is only the encrypted form; the CLI then never makes a second key', () => {
    const dir = tmpDir();
    const safe = fakeSafe();
    const p = safeStorageKeyProvider(safe, dir);
    const k = p.load({ create: true })!;
    expect(k).toHaveLength(32);
    const onDisk = fs.readFileSync(path.join(dir, SAFE_KEY_FILE));
    expect(onDisk.toString('utf8')).not.toContain(k.toString('hex'));
    expect(safeStorageKeyProvider(safe, dir).load({ create: true })!.equals(k)).toBe(true);
    expect(safe.calls).toBe(1);
    expect(fs.existsSync(path.join(dir, KEY_FILE))).toBe(false);
    expect(fileKeyProvider(path.join(dir, KEY_FILE)).load({ create: true })).toBeNull();
  });

  it('safeStorage provider keeps an existing plain key (the CLI made it) and falls back to it without a key store', () => {
    const dir = tmpDir();
    const k = fileKeyProvider(path.join(dir, KEY_FILE)).load({ create: true })!;
    expect(safeStorageKeyProvider(fakeSafe(), dir).load({ create: true })!.equals(k)).toBe(true);
    const bare = tmpDir();
    const p = safeStorageKeyProvider(fakeSafe(false), bare);
    expect(p.where).toBe(path.join(bare, KEY_FILE));
    expect(p.load({ create: true })).toHaveLength(32);
  });

  it('DevTools are off in a packaged build, on in a development run', () => {
    expect(mainWindowOptions('/p.cjs', { packaged: true }).webPreferences!.devTools).toBe(false);
    expect(mainWindowOptions('/p.cjs', { packaged: false }).webPreferences!.devTools).toBe(true);
  });
});

describe('the desktop folder dialog (a picked folder is the only one a client may add)', () => {
  const page = { url: 'app://console/index.html', isMainFrame: true };
  it('the console page gets the picked folder, and it is allowed; a cancel allows nothing', async () => {
    const allowed: string[] = [];
    expect(await pickFolderAnswer(page, async () => ({ canceled: false, filePaths: ['/media/usb/备份'] }), (d) => allowed.push(d))).toBe('/media/usb/备份');
    expect(await pickFolderAnswer(page, async () => ({ canceled: true, filePaths: [] }), (d) => allowed.push(d))).toBeNull();
    expect(allowed).toEqual(['/media/usb/备份']);
  });
  it('another page or a sub-frame is refused before any dialog opens', async () => {
    let opened = 0;
    const show = async () => {
      opened++;
      return { canceled: false, filePaths: ['/'] };
    };
    for (const s of [{ url: 'https://evil.example/', isMainFrame: true }, { url: 'app://console/index.html', isMainFrame: false }, { url: undefined, isMainFrame: true }]) {
      await expect(pickFolderAnswer(s, show, () => undefined)).rejects.toThrow(/ipc-sender/);
    }
    expect(opened).toBe(0);
  });
});
