import { createInflateRaw } from 'node:zlib';
import { MAX_ZIP_ENTRIES, MAX_UNZIPPED_BYTES } from '../limits';
import { ImportFileError } from './errors';

/*
 * Checks an xlsx (a zip) before exceljs reads it. exceljs 4.4 reads with unzipper's streaming
 * parser, which walks the LOCAL headers from byte 0 and trusts their sizes; it keeps
 * xl/sharedStrings.xml whole in memory and writes sheets that precede it to temp files, with no
 * limit. So this guard reads the central directory, requires the local headers to say the same
 * and to lie back to back (no entry unzipper would see that the directory does not list), and
 * inflates every entry once, counting the real bytes, before a single byte reaches exceljs.
 */

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const DESCRIPTOR_SIGNATURE = Buffer.from([0x50, 0x4b, 0x07, 0x08]);
const EOCD_BYTES = 22;
const ZIP64_EXTRA = 0x0001;
/** General-purpose flags: 0 encrypted, 3 sizes in a data descriptor, 6 strong encryption, 13 masked directory. */
const FLAG_ENCRYPTED = 0x0001 | 0x0040 | 0x2000;
const FLAG_DESCRIPTOR = 0x0008;
const STORED = 0;
const DEFLATE = 8;

export type ZipLimits = { maxEntries: number; maxUnzippedBytes: number };

interface Entry {
  name: Buffer;
  flags: number;
  method: number;
  compressedSize: number;
  size: number;
  offset: number;
}

const broken = (cause?: string) => new ImportFileError('notSpreadsheet', undefined, cause ? { cause: new Error(`zip: ${cause}`) } : undefined);

function need(file: Buffer, at: number, length: number): void {
  if (at < 0 || at + length > file.length) throw broken('truncated');
}

/** True when an extra field holds a zip64 record (sizes past 4 GiB, which this reader refuses). */
function hasZip64(extra: Buffer): boolean {
  for (let at = 0; at + 4 <= extra.length; at += 4 + extra.readUInt16LE(at + 2)) if (extra.readUInt16LE(at) === ZIP64_EXTRA) return true;
  return false;
}

/** The end-of-central-directory record: the last one whose comment ends exactly at the end of the file. */
function findEnd(file: Buffer): number {
  for (let at = file.length - EOCD_BYTES; at >= Math.max(0, file.length - EOCD_BYTES - 0xffff); at--) {
    if (file.readUInt32LE(at) === EOCD && at + EOCD_BYTES + file.readUInt16LE(at + 20) === file.length) return at;
  }
  throw broken('no end of central directory');
}

function centralDirectory(file: Buffer, limits: ZipLimits): { entries: Entry[]; start: number } {
  const end = findEnd(file);
  if (end >= 20 && file.readUInt32LE(end - 20) === ZIP64_LOCATOR) throw broken('zip64');
  const [disk, cdDisk, onDisk, total] = [4, 6, 8, 10].map((at) => file.readUInt16LE(end + at)) as [number, number, number, number];
  const size = file.readUInt32LE(end + 12);
  const start = file.readUInt32LE(end + 16);
  if (total === 0xffff || size === 0xffffffff || start === 0xffffffff) throw broken('zip64');
  if (disk !== 0 || cdDisk !== 0 || onDisk !== total) throw broken('multi-disk');
  if (total > limits.maxEntries) throw new ImportFileError('tooManyParts', { max: limits.maxEntries });
  if (start + size !== end) throw broken('central directory not before its end record');

  const entries: Entry[] = [];
  const names = new Set<string>();
  for (let at = start; at < end; ) {
    need(file, at, 46);
    if (file.readUInt32LE(at) !== CENTRAL) throw broken('bad central header');
    // The directory may list more entries than its end record says: count what is there.
    if (entries.length >= limits.maxEntries) throw new ImportFileError('tooManyParts', { max: limits.maxEntries });
    const nameLength = file.readUInt16LE(at + 28);
    const extraLength = file.readUInt16LE(at + 30);
    const commentLength = file.readUInt16LE(at + 32);
    need(file, at + 46, nameLength + extraLength + commentLength);
    const entry: Entry = {
      flags: file.readUInt16LE(at + 8),
      method: file.readUInt16LE(at + 10),
      compressedSize: file.readUInt32LE(at + 20),
      size: file.readUInt32LE(at + 24),
      offset: file.readUInt32LE(at + 42),
      name: file.subarray(at + 46, at + 46 + nameLength),
    };
    if (file.readUInt16LE(at + 34) !== 0) throw broken('multi-disk');
    if (entry.flags & FLAG_ENCRYPTED) throw broken('encrypted');
    if (entry.method !== STORED && entry.method !== DEFLATE) throw broken(`method ${entry.method}`);
    if ([entry.compressedSize, entry.size, entry.offset].includes(0xffffffff) || hasZip64(file.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength))) throw broken('zip64');
    // Two entries of one name: which one a reader takes is up to the reader.
    const key = entry.name.toString('latin1');
    if (names.has(key)) throw broken('duplicate name');
    names.add(key);
    entries.push(entry);
    at += 46 + nameLength + extraLength + commentLength;
  }
  if (entries.length !== total) throw broken('entry count');
  return { entries: entries.sort((a, b) => a.offset - b.offset), start };
}

/**
 * Checks the entry's local header against the directory and returns where its data starts and
 * where the next record must start. Mirrors unzipper: it takes the local compressed size unless
 * that is 0 with flag 3 set, and then ends the data at the first descriptor signature.
 */
function localRecord(file: Buffer, entry: Entry): { data: number; next: number } {
  const at = entry.offset;
  need(file, at, 30);
  if (file.readUInt32LE(at) !== LOCAL) throw broken('bad local header');
  const flags = file.readUInt16LE(at + 6);
  const method = file.readUInt16LE(at + 8);
  const compressedSize = file.readUInt32LE(at + 18);
  const size = file.readUInt32LE(at + 22);
  const nameLength = file.readUInt16LE(at + 26);
  const extraLength = file.readUInt16LE(at + 28);
  need(file, at + 30, nameLength + extraLength);
  if (method !== entry.method || (flags & (FLAG_ENCRYPTED | FLAG_DESCRIPTOR)) !== (entry.flags & (FLAG_ENCRYPTED | FLAG_DESCRIPTOR))) throw broken('local header disagrees');
  if (!file.subarray(at + 30, at + 30 + nameLength).equals(entry.name)) throw broken('local name disagrees');
  if (hasZip64(file.subarray(at + 30 + nameLength, at + 30 + nameLength + extraLength))) throw broken('zip64');
  const data = at + 30 + nameLength + extraLength;
  const dataEnd = data + entry.compressedSize;
  need(file, data, entry.compressedSize);
  if ((flags & FLAG_DESCRIPTOR) !== 0 && compressedSize === 0) {
    if (file.indexOf(DESCRIPTOR_SIGNATURE, data) !== dataEnd) throw broken('data descriptor not where the directory says');
    need(file, dataEnd, 16);
    if (file.readUInt32LE(dataEnd + 8) !== entry.compressedSize || file.readUInt32LE(dataEnd + 12) !== entry.size) throw broken('data descriptor disagrees');
    return { data, next: dataEnd + 16 };
  }
  if (compressedSize !== entry.compressedSize) throw broken('local size disagrees');
  if ((flags & FLAG_DESCRIPTOR) === 0 && size !== entry.size) throw broken('local size disagrees');
  return { data, next: dataEnd };
}

/** Inflates `data` without keeping the output, failing once it passes `budget` bytes. */
function inflatedSize(data: Buffer, budget: number, limit: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const inflater = createInflateRaw({ chunkSize: 64 * 1024 });
    let length = 0;
    let settled = false;
    const fail = (error: ImportFileError) => {
      if (settled) return;
      settled = true;
      inflater.destroy();
      reject(error);
    };
    inflater.on('data', (chunk: Buffer) => {
      length += chunk.length;
      if (length > budget) fail(new ImportFileError('unpackedTooLarge', { max: limit }));
    });
    inflater.on('error', (cause) => fail(new ImportFileError('notSpreadsheet', undefined, { cause })));
    inflater.on('end', () => {
      if (settled) return;
      settled = true;
      resolve(length);
    });
    inflater.end(data);
  });
}

/**
 * Refuses a zip that is not a plain one (zip64, encrypted, split, methods other than stored and
 * deflate, local headers that disagree with the directory or hide entries: 'notSpreadsheet'), has
 * more than maxEntries entries ('tooManyParts') or unpacks to more than maxUnzippedBytes
 * ('unpackedTooLarge'), counted by inflating, not taken from the sizes the zip declares.
 */
export async function guardZip(file: Buffer, limits: ZipLimits = { maxEntries: MAX_ZIP_ENTRIES, maxUnzippedBytes: MAX_UNZIPPED_BYTES }): Promise<void> {
  const { entries, start } = centralDirectory(file, limits);
  const tooLarge = () => new ImportFileError('unpackedTooLarge', { max: limits.maxUnzippedBytes });
  // The declared sizes are a lower bound of the truth; when even they are over, no inflating.
  if (entries.reduce((sum, entry) => sum + entry.size, 0) > limits.maxUnzippedBytes) throw tooLarge();
  const records: { entry: Entry; data: number }[] = [];
  let expected = 0;
  for (const entry of entries) {
    if (entry.offset !== expected) throw broken('gap or overlap between entries');
    const { data, next } = localRecord(file, entry);
    records.push({ entry, data });
    expected = next;
  }
  if (expected !== start) throw broken('data between the last entry and the directory');

  let total = 0;
  for (const { entry, data } of records) {
    const compressed = file.subarray(data, data + entry.compressedSize);
    const size = entry.method === STORED ? compressed.length : await inflatedSize(compressed, limits.maxUnzippedBytes - total, limits.maxUnzippedBytes);
    total += size;
    if (total > limits.maxUnzippedBytes) throw tooLarge();
    if (size !== entry.size) throw broken('size disagrees with the data');
  }
}
