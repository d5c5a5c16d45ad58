import { inflateRawSync } from 'node:zlib';
import { AppError } from '../errors.ts';

/** What an uploaded XLSX (a zip) may unpack to. */
export interface ZipLimits {
  maxUnpackedBytes: number;
  maxEntries: number;
  /** Unpacked/packed over the whole file; checked only above `ratioFloorBytes`. */
  maxRatio: number;
}

/** Below this many unpacked bytes the ratio is not checked: a small, very regular sheet compresses well and is harmless. */
const RATIO_FLOOR_BYTES = 10 * 1024 * 1024;
const MB = 1024 * 1024;

interface ZipEntry {
  name: string;
  method: number;
  packed: number;
  unpacked: number;
  localOffset: number;
}

const EOCD_SIG = 0x06054b50;
const CENTRAL_SIG = 0x02014b50;
const LOCAL_SIG = 0x04034b50;
/** A ZIP64 marker: sizes or counts that do not fit the classic fields; no workbook within our limits needs it. */
const ZIP64_32 = 0xffffffff;

const unreadable = (reason: string) => new AppError('import_unreadable', { params: { reason } });
const tooLarge = (bytes: number, limits: ZipLimits) =>
  new AppError('import_unpacked_too_large', { params: { size: Math.ceil(bytes / MB), max: Math.floor(limits.maxUnpackedBytes / MB) } });

/**
 * Reads the zip's central directory — without unpacking anything — and
 * refuses a file whose entries would unpack past the limits: too many
 * entries, too many bytes in total, or a compression ratio only a zip bomb
 * has. Cheap enough for the request thread; the sizes it reads are the
 * file's own claims, which `verifyZipSizes` then holds it to.
 */
export function inspectZip(data: Buffer, limits: ZipLimits): ZipEntry[] {
  const eocd = findEndOfCentralDirectory(data);
  const count = data.readUInt16LE(eocd + 10);
  const cdSize = data.readUInt32LE(eocd + 12);
  const cdOffset = data.readUInt32LE(eocd + 16);
  if (count > limits.maxEntries) throw new AppError('import_zip_entries', { params: { count, max: limits.maxEntries } });
  if (cdOffset + cdSize > data.length) throw unreadable('zip central directory out of range');

  const entries: ZipEntry[] = [];
  let total = 0;
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > data.length || data.readUInt32LE(p) !== CENTRAL_SIG) throw unreadable('bad zip central directory');
    const nameLength = data.readUInt16LE(p + 28);
    const entry: ZipEntry = {
      method: data.readUInt16LE(p + 10),
      packed: data.readUInt32LE(p + 20),
      unpacked: data.readUInt32LE(p + 24),
      localOffset: data.readUInt32LE(p + 42),
      name: data.toString('utf8', p + 46, p + 46 + nameLength),
    };
    if (entry.unpacked === ZIP64_32 || entry.packed === ZIP64_32) throw tooLarge(Number.MAX_SAFE_INTEGER, limits);
    total += entry.unpacked;
    if (total > limits.maxUnpackedBytes) throw tooLarge(total, limits);
    entries.push(entry);
    p += 46 + nameLength + data.readUInt16LE(p + 30) + data.readUInt16LE(p + 32);
  }
  const ratio = total / Math.max(1, data.length);
  if (total > RATIO_FLOOR_BYTES && ratio > limits.maxRatio) {
    throw new AppError('import_zip_ratio', { params: { ratio: Math.round(ratio), max: limits.maxRatio } });
  }
  return entries;
}

/** The end-of-central-directory record sits in the last 22 + up to 65,535 (comment) bytes. */
function findEndOfCentralDirectory(data: Buffer): number {
  for (let p = data.length - 22; p >= Math.max(0, data.length - 22 - 0xffff); p--) {
    if (data.readUInt32LE(p) === EOCD_SIG) return p;
  }
  throw unreadable('no zip central directory');
}

/**
 * Unpacks every entry with an output cap of its declared size, so a file
 * whose headers understate what its data inflates to (a bomb that lies) is
 * stopped after at most the declared bytes instead of filling memory. Runs
 * in the parse worker: inflating costs CPU.
 */
export function verifyZipSizes(data: Buffer, entries: ZipEntry[], limits: ZipLimits): void {
  for (const e of entries) {
    if (e.localOffset + 30 > data.length || data.readUInt32LE(e.localOffset) !== LOCAL_SIG) throw unreadable(`bad zip entry ${e.name}`);
    const start = e.localOffset + 30 + data.readUInt16LE(e.localOffset + 26) + data.readUInt16LE(e.localOffset + 28);
    const packed = data.subarray(start, start + e.packed);
    if (e.method === 0) {
      if (packed.length !== e.unpacked) throw unreadable(`zip entry ${e.name} is truncated`);
      continue;
    }
    if (e.method !== 8) throw unreadable(`zip entry ${e.name} uses compression method ${e.method}`);
    try {
      // maxOutputLength must be ≥ 1; an empty entry inflates to nothing.
      inflateRawSync(packed, { maxOutputLength: Math.max(1, e.unpacked) });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge(limits.maxUnpackedBytes + 1, limits);
      throw unreadable(`zip entry ${e.name}: ${(err as Error).message.slice(0, 100)}`);
    }
  }
}
