import { describe, expect, it } from 'vitest';
import { EncodingDetector, type TextEncoding } from '@/lib/import/read/encoding';
import { readSpreadsheet } from '@/lib/import/read/read-file';
import { chunked, collect, failure, utf16be, utf16le, xlsxBuffer } from './fixtures';

/** Windows-1252 bytes of `text` (its characters are all in Latin-1's range here). */
const cp1252 = (text: string) => Buffer.from(text, 'latin1');

function detect(bytes: Buffer, size: number): TextEncoding | null {
  const detector = new EncodingDetector();
  for (let at = 0; at < bytes.length; at += size) detector.write(bytes.subarray(at, at + size));
  return detector.result();
}

const NAMES = 'FIRST NAME;LAST NAME;EMAIL\r\nZoë;Müller;zoe@example.com\r\nFrançois;Çelik;francois@example.com\r\n';

describe('EncodingDetector', () => {
  it('takes the BOM, else UTF-8 when every byte is valid UTF-8, else Windows-1252, in any chunking', () => {
    const bom = Buffer.from([0xef, 0xbb, 0xbf]);
    for (const size of [1, 2, 3, 7, 1 << 20]) {
      expect(detect(Buffer.from(NAMES, 'utf8'), size)).toBe('utf-8');
      expect(detect(Buffer.concat([bom, cp1252(NAMES)]), size)).toBe('utf-8'); // the BOM decides; decoding then says 'encoding'
      expect(detect(utf16le(NAMES), size)).toBe('utf-16le');
      expect(detect(utf16be(NAMES), size)).toBe('utf-16be');
      expect(detect(cp1252(NAMES), size)).toBe('windows-1252');
    }
    expect(detect(Buffer.from('EMAIL'), 2)).toBe('utf-8');
    expect(detect(Buffer.alloc(0), 1)).toBe('utf-8');
  });

  it('looks at the whole file, not its start: one Windows-1252 byte after 100 KB of ASCII decides', () => {
    const late = Buffer.concat([Buffer.from(`EMAIL\r\n${'a@b.example\r\n'.repeat(10_000)}`), cp1252('Zoë\r\n')]);
    expect(late.length).toBeGreaterThan(100_000);
    expect(detect(late, 64 * 1024)).toBe('windows-1252');
    // A UTF-8 sequence cut off by the end of the file is not UTF-8 either.
    expect(detect(Buffer.concat([Buffer.from('EMAIL\r\nZo'), Buffer.from([0xc3])]), 4)).toBe('windows-1252');
  });

  it('has no encoding for a zip (xlsx)', async () => {
    const book = await xlsxBuffer((workbook) => workbook.addWorksheet('Users').addRow(['EMAIL']));
    expect(detect(book, 3)).toBeNull();
  });
});

describe('reading a CSV in the detected encoding', () => {
  it('reads Windows-1252 accents right', async () => {
    const bytes = cp1252(NAMES);
    const rows = await collect(readSpreadsheet(chunked(bytes, 5), 'users.csv', bytes.length, { encoding: detect(bytes, 1 << 20) ?? undefined }));
    expect(rows).toEqual([
      ['FIRST NAME', 'LAST NAME', 'EMAIL'],
      ['Zoë', 'Müller', 'zoe@example.com'],
      ['François', 'Çelik', 'francois@example.com'],
    ]);
    // Its bytes 0x80–0x9F are Windows-1252's, not Latin-1's control characters.
    const euro = Buffer.from([0x4e, 0x41, 0x4d, 0x45, 0x0a, 0x80, 0x20, 0x93, 0x71, 0x94, 0x0a]);
    expect(await collect(readSpreadsheet(chunked(euro), 'u.csv', euro.length, { encoding: 'windows-1252' }))).toEqual([['NAME'], ['€ “q”']]);
  });

  it('still refuses binary data read as Windows-1252, and broken UTF-16', async () => {
    const binary = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);
    expect(detect(binary, 4)).toBe('windows-1252');
    expect(await failure(readSpreadsheet(chunked(binary), 'photo.csv', binary.length, { encoding: 'windows-1252' }))).toMatchObject({ code: 'notSpreadsheet' });
    const broken = Buffer.concat([utf16le('EMAIL\r\n'), Buffer.from([0x00, 0xd8, 0x41, 0x00])]); // a lone high surrogate
    expect(await failure(readSpreadsheet(chunked(broken), 'u.csv', broken.length, { encoding: 'utf-16le' }))).toMatchObject({ code: 'encoding' });
  });
});
