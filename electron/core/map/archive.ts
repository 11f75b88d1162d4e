import zlib from 'node:zlib';
import { AppError } from '../../../shared/api/errors';

/**
 * Archives (KMZ, zipped Shapefile) read with limits checked BEFORE anything is inflated: the zip's central directory
 * (PKWARE APPNOTE 6.3.10 §4.3.12, §4.3.16; ZIP64 §4.3.14) declares every entry's sizes, so the totals are known from a
 * few kilobytes at the end of the file. Each entry is then inflated with node:zlib under `maxOutputLength` equal to the
 * size it declared, so an archive that lies about its sizes cannot expand past them either.
 */
export const ARCHIVE_LIMITS = {
  /** Total uncompressed bytes of all entries: a county's layer data is a few MB; 200 MB is a wrong or hostile file. */
  maxUncompressedBytes: 200 * 1024 * 1024,
  /** Entries in one archive (a shapefile has 3–8 parts; a KMZ its doc.kml and icons). */
  maxEntries: 10_000,
  /** Largest expansion ratio of an entry larger than 1 MiB: text KML deflates 5–20×; 100× is a zip bomb's signature. */
  maxRatio: 100,
  ratioAppliesAboveBytes: 1024 * 1024,
} as const;

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

function refuse(zh: string, en: string, rule: string): AppError {
  return new AppError({ code: 'invalid-input', message: `文件被拒绝：${zh}。未写入任何内容。`, messageEn: `file refused: ${en}. Nothing was written.`, field: 'file', rule });
}

const mb = (n: number) => `${(n / 1048576).toFixed(1)} MB`;

/** The entries the central directory declares, checked against ARCHIVE_LIMITS. Throws `zip` for a file that is not one. */
export function readCentralDirectory(bytes: Uint8Array, limits = ARCHIVE_LIMITS): ZipEntry[] {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 65535); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw refuse('不是有效的 zip 压缩包（找不到中央目录）', 'not a valid zip archive (no central directory)', 'zip');
  let count = buf.readUInt16LE(eocd + 10);
  let cdOffset = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdOffset === 0xffffffff) {
    const loc = eocd - 20;
    if (loc < 0 || buf.readUInt32LE(loc) !== 0x07064b50) throw refuse('zip 中央目录损坏', 'the zip central directory is damaged', 'zip');
    const z64 = Number(buf.readBigUInt64LE(loc + 8));
    if (z64 + 56 > buf.length || buf.readUInt32LE(z64) !== 0x06064b50) throw refuse('zip64 中央目录损坏', 'the zip64 central directory is damaged', 'zip');
    count = Number(buf.readBigUInt64LE(z64 + 32));
    cdOffset = Number(buf.readBigUInt64LE(z64 + 48));
  }
  if (count > limits.maxEntries) {
    throw refuse(`压缩包有 ${count} 个文件，超过上限 ${limits.maxEntries}`, `the archive has ${count} entries, more than the limit of ${limits.maxEntries}`, 'archive-entries');
  }
  const entries: ZipEntry[] = [];
  let at = cdOffset;
  let total = 0;
  for (let n = 0; n < count; n++) {
    if (at + 46 > buf.length || buf.readUInt32LE(at) !== 0x02014b50) throw refuse('zip 中央目录损坏', 'the zip central directory is damaged', 'zip');
    const method = buf.readUInt16LE(at + 10);
    let compressedSize = buf.readUInt32LE(at + 20);
    let uncompressedSize = buf.readUInt32LE(at + 24);
    const nameLen = buf.readUInt16LE(at + 28);
    const extraLen = buf.readUInt16LE(at + 30);
    const commentLen = buf.readUInt16LE(at + 32);
    let localHeaderOffset = buf.readUInt32LE(at + 42);
    const flags = buf.readUInt16LE(at + 8);
    const nameBytes = buf.subarray(at + 46, at + 46 + nameLen);
    // Bit 11: the name is UTF-8; otherwise it is CP437 or, from Chinese Windows, GBK.
    const name = flags & 0x800 ? nameBytes.toString('utf8') : new TextDecoder('gb18030').decode(nameBytes);
    // ZIP64 extended information (header 0x0001): the 64-bit values of the fields that are 0xFFFFFFFF, in order.
    let e = at + 46 + nameLen;
    const end = e + extraLen;
    while (e + 4 <= end) {
      const id = buf.readUInt16LE(e);
      const size = buf.readUInt16LE(e + 2);
      if (id === 0x0001) {
        let p = e + 4;
        if (uncompressedSize === 0xffffffff) {
          uncompressedSize = Number(buf.readBigUInt64LE(p));
          p += 8;
        }
        if (compressedSize === 0xffffffff) {
          compressedSize = Number(buf.readBigUInt64LE(p));
          p += 8;
        }
        if (localHeaderOffset === 0xffffffff) localHeaderOffset = Number(buf.readBigUInt64LE(p));
      }
      e += 4 + size;
    }
    total += uncompressedSize;
    if (total > limits.maxUncompressedBytes) {
      throw refuse(
        `压缩包解压后超过 ${mb(limits.maxUncompressedBytes)}（到第 ${n + 1} 个文件已达 ${mb(total)}），未解压`,
        `the archive expands to more than ${mb(limits.maxUncompressedBytes)} (${mb(total)} by entry ${n + 1}); nothing was inflated`,
        'archive-size',
      );
    }
    if (uncompressedSize > limits.ratioAppliesAboveBytes && uncompressedSize > limits.maxRatio * Math.max(1, compressedSize)) {
      throw refuse(
        `压缩包中的 ${name.slice(0, 100)} 压缩比 ${Math.round(uncompressedSize / Math.max(1, compressedSize))}:1，超过上限 ${limits.maxRatio}:1（疑似压缩炸弹），未解压`,
        `${name.slice(0, 100)} in the archive expands ${Math.round(uncompressedSize / Math.max(1, compressedSize))}:1, over the limit of ${limits.maxRatio}:1 (a zip bomb?); nothing was inflated`,
        'archive-ratio',
      );
    }
    if (!name.endsWith('/')) entries.push({ name, method, compressedSize, uncompressedSize, localHeaderOffset });
    at = end + commentLen;
  }
  return entries;
}

/** One entry's bytes, inflated under the size its directory record declared. */
export function inflateEntry(bytes: Uint8Array, e: ZipEntry): Uint8Array {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const h = e.localHeaderOffset;
  if (h + 30 > buf.length || buf.readUInt32LE(h) !== 0x04034b50) throw refuse(`zip 中 ${e.name.slice(0, 100)} 的本地头损坏`, `the local header of ${e.name.slice(0, 100)} is damaged`, 'zip');
  const start = h + 30 + buf.readUInt16LE(h + 26) + buf.readUInt16LE(h + 28);
  const data = buf.subarray(start, start + e.compressedSize);
  if (data.length < e.compressedSize) throw refuse(`zip 中 ${e.name.slice(0, 100)} 被截断`, `${e.name.slice(0, 100)} in the zip is truncated`, 'zip');
  let out: Buffer;
  if (e.method === 0) out = Buffer.from(data);
  else if (e.method === 8) {
    try {
      out = zlib.inflateRawSync(data, { maxOutputLength: Math.max(1, e.uncompressedSize) });
    } catch (err) {
      const over = (err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError;
      throw over
        ? refuse(`zip 中 ${e.name.slice(0, 100)} 解压后比它声明的 ${e.uncompressedSize} 字节大，已停止`, `${e.name.slice(0, 100)} expands past the ${e.uncompressedSize} bytes it declared; stopped`, 'archive-size')
        : refuse(`zip 中 ${e.name.slice(0, 100)} 无法解压（${(err as Error).message}）`, `${e.name.slice(0, 100)} cannot be inflated (${(err as Error).message})`, 'zip');
    }
  } else throw refuse(`zip 中 ${e.name.slice(0, 100)} 的压缩方式 ${e.method} 不受支持`, `compression method ${e.method} of ${e.name.slice(0, 100)} is not supported`, 'zip');
  if (out.length !== e.uncompressedSize) {
    throw refuse(`zip 中 ${e.name.slice(0, 100)} 的大小与声明不符`, `${e.name.slice(0, 100)} does not have the size it declared`, 'zip');
  }
  return out;
}

/** Every file of the archive, by name (macOS `__MACOSX/` resource forks left out), within ARCHIVE_LIMITS. */
export function readZip(bytes: Uint8Array, limits = ARCHIVE_LIMITS): Map<string, Uint8Array> {
  const out = new Map<string, Uint8Array>();
  for (const e of readCentralDirectory(bytes, limits)) if (!e.name.includes('__MACOSX')) out.set(e.name, inflateEntry(bytes, e));
  return out;
}
