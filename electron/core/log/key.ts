import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Where the log's MAC key comes from. The key is kept OUTSIDE the database file, so that someone who can edit the file
 * (a copy on a USB stick, a colleague with sqlite3) cannot recompute a seal: the seals are HMAC-SHA-256 under this key.
 * The core only knows this interface; the Electron shell supplies one backed by the OS key store (safeStorage,
 * electron/main/keyStore.ts), the CLI and the serve shell use a user-only file in the data folder.
 */
export interface KeyProvider {
  /** Where the key lives, for messages (a path, or "the OS key store"). */
  readonly where: string;
  /** The key; creates it when `create` and none exists yet. Null when there is none (or it cannot be read). */
  load(opts: { create: boolean }): Buffer | null;
}

export const KEY_BYTES = 32;
/** The key file's name in the data folder (the database's folder). */
export const KEY_FILE = 'log.key';

/** The data folder a database belongs to: its own folder, or for a file in `backups/`, the folder above. */
export function dataFolderOf(dbFile: string): string {
  const dir = path.dirname(path.resolve(dbFile));
  return path.basename(dir) === 'backups' ? path.dirname(dir) : dir;
}

/**
 * The key as a user-only file (mode 0600 on POSIX; on Windows the per-user profile folder's ACL does the same),
 * 64 hex characters. A file with group or other permission bits is tightened to 0600 when it is read.
 */
export function fileKeyProvider(file: string): KeyProvider {
  return {
    where: file,
    load({ create }) {
      try {
        const text = fs.readFileSync(file, 'utf8').trim();
        if (process.platform !== 'win32' && (fs.statSync(file).mode & 0o077) !== 0) {
          try {
            fs.chmodSync(file, 0o600);
          } catch {
            /* a read-only disk: the key is still usable */
          }
        }
        return /^[0-9a-f]{64}$/.test(text) ? Buffer.from(text, 'hex') : null;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT' || !create) return null;
      }
      // The desktop app keeps this folder's key in the OS key store: never make a second, different key beside it.
      if (fs.existsSync(`${file}.safe`)) return null;
      const key = crypto.randomBytes(KEY_BYTES);
      try {
        fs.mkdirSync(path.dirname(file), { recursive: true });
        // 'wx': never overwrite a key another process created a moment ago; then read back whichever won.
        fs.writeFileSync(file, key.toString('hex') + '\n', { mode: 0o600, flag: 'wx' });
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') return null;
        return this.load({ create: false });
      }
      return key;
    },
  };
}

/** A key that lives only as long as the process (in-memory databases, tests). */
export function memoryKeyProvider(key: Buffer = crypto.randomBytes(KEY_BYTES)): KeyProvider {
  return { where: 'memory', load: () => key };
}

type ProviderFor = (dataFolder: string) => KeyProvider;
let providerFor: ProviderFor = (dir) => fileKeyProvider(path.join(dir, KEY_FILE));

/** The Electron shell replaces the default (a file in the data folder) with its OS key store at start-up. */
export function useKeyProvider(f: ProviderFor): void {
  providerFor = f;
}

/** The key provider for a database file (a backup in `backups/` uses its data folder's key). */
export function keyProviderFor(dbFile: string): KeyProvider {
  return providerFor(dataFolderOf(dbFile));
}

export function hmacHex(key: Buffer, text: string): string {
  return crypto.createHmac('sha256', key).update(text, 'utf8').digest('hex');
}
