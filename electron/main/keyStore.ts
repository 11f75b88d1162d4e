import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileKeyProvider, KEY_BYTES, KEY_FILE, type KeyProvider } from '../core/log/key';

/** The part of Electron's `safeStorage` this needs (a stand-in in the tests). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

/** The encrypted key's file: only the OS key store (DPAPI, Keychain, libsecret/kwallet) can decrypt it. */
export const SAFE_KEY_FILE = `${KEY_FILE}.safe`;

/**
 * The log key kept by the OS key store through Electron's safeStorage: the file beside the database holds it encrypted,
 * so copying the data folder does not copy a usable key. A data folder whose key is already a plain user-only file
 * (created by the CLI or the serve shell) keeps it, so those tools can still verify; where the OS offers no encryption
 * (Linux without a keyring) the plain file is used.
 */
export function safeStorageKeyProvider(safe: SafeStorageLike, dataFolder: string): KeyProvider {
  const plain = fileKeyProvider(path.join(dataFolder, KEY_FILE));
  const file = path.join(dataFolder, SAFE_KEY_FILE);
  if (fs.existsSync(plain.where) || (!fs.existsSync(file) && !safe.isEncryptionAvailable())) return plain;
  return {
    where: `${file} (OS key store)`,
    load({ create }) {
      try {
        const hex = safe.decryptString(fs.readFileSync(file));
        return /^[0-9a-f]{64}$/.test(hex) ? Buffer.from(hex, 'hex') : null;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT' || !create || !safe.isEncryptionAvailable()) return null;
      }
      const key = crypto.randomBytes(KEY_BYTES);
      try {
        fs.mkdirSync(dataFolder, { recursive: true });
        fs.writeFileSync(file, safe.encryptString(key.toString('hex')), { mode: 0o600, flag: 'wx' });
      } catch {
        return null;
      }
      return key;
    },
  };
}
