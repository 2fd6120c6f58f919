import { constants, crc32, deflateRawSync } from 'node:zlib';

/** Hand-made zips for the zip guard's tests (not a test file itself). */
export interface RawEntry {
  name: string;
  method: number;
  /** The entry's data as it lies in the file. */
  data: Buffer;
  /** The uncompressed size the headers declare (may lie). */
  size: number;
  crc: number;
  flags: number;
  /** Sizes and CRC in a data descriptor after the data (flag 3), the local header's left 0. */
  descriptor: boolean;
}

export function deflated(name: string, content: Buffer | string, options: Partial<RawEntry> = {}): RawEntry {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  return { name, method: 8, data: deflateRawSync(bytes), size: bytes.length, crc: crc32(bytes), flags: 0, descriptor: false, ...options };
}

export function stored(name: string, content: Buffer | string, options: Partial<RawEntry> = {}): RawEntry {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  return { name, method: 0, data: bytes, size: bytes.length, crc: crc32(bytes), flags: 0, descriptor: false, ...options };
}

/**
 * Raw deflate data that inflates to `mebibytes` MiB of zeros, built without holding them: one
 * sync-flushed MiB (a byte-aligned, non-final block that refers only to itself) repeated, then an
 * empty final block. About 1 KB per MiB.
 */
export function zeros(mebibytes: number): Buffer {
  const one = deflateRawSync(Buffer.alloc(1024 * 1024), { level: 9, finishFlush: constants.Z_SYNC_FLUSH });
  return Buffer.concat([...Array.from({ length: mebibytes }, () => one), deflateRawSync(Buffer.alloc(0))]);
}

function localHeader(entry: RawEntry): Buffer {
  const name = Buffer.from(entry.name, 'utf8');
  const header = Buffer.alloc(30);
  header.writeUInt32LE(0x04034b50, 0);
  header.writeUInt16LE(20, 4);
  header.writeUInt16LE(entry.flags | (entry.descriptor ? 0x08 : 0), 6);
  header.writeUInt16LE(entry.method, 8);
  header.writeUInt32LE(entry.descriptor ? 0 : entry.crc, 14);
  header.writeUInt32LE(entry.descriptor ? 0 : entry.data.length, 18);
  header.writeUInt32LE(entry.descriptor ? 0 : entry.size, 22);
  header.writeUInt16LE(name.length, 26);
  const parts = [header, name, entry.data];
  if (entry.descriptor) {
    const descriptor = Buffer.alloc(16);
    descriptor.writeUInt32LE(0x08074b50, 0);
    descriptor.writeUInt32LE(entry.crc, 4);
    descriptor.writeUInt32LE(entry.data.length, 8);
    descriptor.writeUInt32LE(entry.size, 12);
    parts.push(descriptor);
  }
  return Buffer.concat(parts);
}

function centralHeader(entry: RawEntry, offset: number): Buffer {
  const name = Buffer.from(entry.name, 'utf8');
  const header = Buffer.alloc(46);
  header.writeUInt32LE(0x02014b50, 0);
  header.writeUInt16LE(20, 4);
  header.writeUInt16LE(20, 6);
  header.writeUInt16LE(entry.flags | (entry.descriptor ? 0x08 : 0), 8);
  header.writeUInt16LE(entry.method, 10);
  header.writeUInt32LE(entry.crc, 16);
  header.writeUInt32LE(entry.data.length, 20);
  header.writeUInt32LE(entry.size, 24);
  header.writeUInt16LE(name.length, 28);
  header.writeUInt32LE(offset, 42);
  return Buffer.concat([header, name]);
}

export interface ZipOptions {
  /** Entries whose local record is written (before / after the listed ones) but that the central directory does not list. */
  hidden?: RawEntry[];
  hiddenAfter?: RawEntry[];
  /** Edits a central header (index in `entries`) after it is built. */
  central?: (header: Buffer, index: number) => void;
  /** The entry count the end record declares (default: the real one). */
  declaredCount?: number;
}

/** A zip of `entries` in order; hidden entries come first, so the listed ones start after them. */
export function zip(entries: RawEntry[], options: ZipOptions = {}): Buffer {
  const parts: Buffer[] = (options.hidden ?? []).map(localHeader);
  let offset = parts.reduce((sum, part) => sum + part.length, 0);
  const centrals: Buffer[] = [];
  entries.forEach((entry, index) => {
    const local = localHeader(entry);
    const central = centralHeader(entry, offset);
    options.central?.(central, index);
    centrals.push(central);
    parts.push(local);
    offset += local.length;
  });
  for (const entry of options.hiddenAfter ?? []) {
    const local = localHeader(entry);
    parts.push(local);
    offset += local.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(options.declaredCount ?? entries.length, 8);
  end.writeUInt16LE(options.declaredCount ?? entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, directory, end]);
}
