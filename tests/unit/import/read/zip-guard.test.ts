import { describe, expect, it } from 'vitest';
import { MAX_UNZIPPED_BYTES, MAX_ZIP_ENTRIES } from '@/lib/import/limits';
import { ImportFileError } from '@/lib/import/read/errors';
import { readSpreadsheet } from '@/lib/import/read/read-file';
import { guardZip } from '@/lib/import/read/zip-guard';
import { chunked, dataRow, failure, HEADER, xlsxBuffer } from './fixtures';
import { deflated, stored, zeros, zip, type RawEntry } from './zip-fixtures';

async function refusal(file: Buffer, limits?: Parameters<typeof guardZip>[1]): Promise<ImportFileError> {
  try {
    await guardZip(file, limits);
  } catch (error) {
    if (error instanceof ImportFileError) return error;
    throw error;
  }
  throw new Error('expected the guard to refuse');
}

const small = () => [deflated('[Content_Types].xml', '<Types/>'), stored('xl/', ''), deflated('xl/workbook.xml', '<workbook/>'.repeat(50))];

describe('guardZip (xlsx zip bombs and smuggled entries)', () => {
  it('accepts workbooks as exceljs writes them, and plain stored / deflated / data-descriptor entries', async () => {
    const book = await xlsxBuffer((workbook) => {
      const sheet = workbook.addWorksheet('Users');
      sheet.addRow(HEADER);
      for (let index = 1; index <= 1_000; index++) sheet.addRow(dataRow(index));
    });
    await expect(guardZip(book)).resolves.toBeUndefined();
    const withDescriptor = deflated('xl/sharedStrings.xml', 'x'.repeat(10_000), { descriptor: true });
    await expect(guardZip(zip([...small(), withDescriptor]))).resolves.toBeUndefined();
  });

  it('refuses a highly compressible 1 GB entry quickly, counting inflated bytes, without holding them', async () => {
    // 1 GiB of zeros in about 1 MB, declaring a harmless 1,000 bytes: the declared size lies.
    const bomb: RawEntry = { ...deflated('xl/worksheets/sheet1.xml', ''), data: zeros(1024), size: 1_000 };
    const file = zip([...small(), bomb]);
    expect(file.length).toBeLessThan(2 * 1024 * 1024);
    const before = process.memoryUsage().arrayBuffers;
    let peak = 0;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().arrayBuffers - before)), 5);
    const started = performance.now();
    const error = await refusal(file);
    const elapsed = performance.now() - started;
    clearInterval(sampler);
    expect(error).toMatchObject({ code: 'unpackedTooLarge', params: { max: MAX_UNZIPPED_BYTES } });
    // Inflating stops just past the cap (200 MB: well under a second alone; generous for a busy machine).
    expect(elapsed).toBeLessThan(10_000);
    expect(peak).toBeLessThan(100 * 1024 * 1024);
  }, 30_000);

  it('counts all entries together, and refuses at once when even the declared sizes are over', async () => {
    const half = (name: string): RawEntry => ({ ...deflated(name, ''), data: zeros(3), size: 3 * 1024 * 1024 });
    const limits = { maxEntries: MAX_ZIP_ENTRIES, maxUnzippedBytes: 5 * 1024 * 1024 };
    // Each alone is under the cap; together they are not. The second one's declared size lies low.
    const lying = zip([half('a.xml'), { ...half('b.xml'), size: 1 }]);
    expect(await refusal(lying, limits)).toMatchObject({ code: 'unpackedTooLarge', params: { max: 5 * 1024 * 1024 } });
    const honest = zip([half('a.xml'), half('b.xml')]);
    expect(await refusal(honest, limits)).toMatchObject({ code: 'unpackedTooLarge' });
    // A size that lies without being a bomb is a broken file.
    expect(await refusal(zip([{ ...deflated('a.xml', 'x'.repeat(5_000)), size: 4_000 }]))).toMatchObject({ code: 'notSpreadsheet' });
  });

  it('refuses more entries than the limit, also when the end record declares fewer', async () => {
    const many = Array.from({ length: MAX_ZIP_ENTRIES + 1 }, (_, index) => stored(`xl/media/${index}.txt`, 'x'));
    expect(await refusal(zip(many))).toMatchObject({ code: 'tooManyParts', params: { max: MAX_ZIP_ENTRIES } });
    expect(await refusal(zip(many, { declaredCount: 3 }))).toMatchObject({ code: 'tooManyParts' });
    await expect(guardZip(zip(many.slice(0, MAX_ZIP_ENTRIES)))).resolves.toBeUndefined();
  });

  it('refuses a central directory that disagrees with the local headers', async () => {
    const entries = small();
    const patched = (edit: (header: Buffer) => void) => zip(entries, { central: (header, index) => index === 2 && edit(header) });
    expect(await refusal(patched((header) => header.writeUInt32LE(header.readUInt32LE(20) - 1, 20)))).toMatchObject({ code: 'notSpreadsheet' }); // compressed size
    expect(await refusal(patched((header) => header.writeUInt32LE(header.readUInt32LE(24) + 1, 24)))).toMatchObject({ code: 'notSpreadsheet' }); // size
    expect(await refusal(patched((header) => header.write('y', 46 + 3, 'latin1')))).toMatchObject({ code: 'notSpreadsheet' }); // name
    expect(await refusal(patched((header) => header.writeUInt32LE(header.readUInt32LE(42) + 1, 42)))).toMatchObject({ code: 'notSpreadsheet' }); // offset
    // The data descriptor's signature inside the data: unzipper would end the entry there.
    const early = deflated('a.xml', 'x', { descriptor: true });
    expect(await refusal(zip([{ ...early, data: Buffer.concat([Buffer.from('PK\x07\x08', 'latin1'), early.data]) }]))).toMatchObject({ code: 'notSpreadsheet' });
  });

  it('refuses local entries the directory does not list (a streaming unzip would read them)', async () => {
    const bomb: RawEntry = { ...deflated('xl/sharedStrings.xml', ''), data: zeros(1024), size: 1 };
    expect(await refusal(zip(small(), { hidden: [bomb] }))).toMatchObject({ code: 'notSpreadsheet' });
    expect(await refusal(zip(small(), { hiddenAfter: [bomb] }))).toMatchObject({ code: 'notSpreadsheet' });
  });

  it('refuses zip64, encryption, other methods, repeated names and a missing end record', async () => {
    expect(await refusal(zip(small(), { central: (header, index) => index === 0 && header.writeUInt32LE(0xffffffff, 24) }))).toMatchObject({ code: 'notSpreadsheet' });
    expect(await refusal(zip(small(), { declaredCount: 0xffff }))).toMatchObject({ code: 'notSpreadsheet' });
    expect(await refusal(zip([deflated('a.xml', 'a', { flags: 0x01 })]))).toMatchObject({ code: 'notSpreadsheet' });
    expect(await refusal(zip([{ ...stored('a.xml', 'a'), method: 12 }]))).toMatchObject({ code: 'notSpreadsheet' });
    expect(await refusal(zip([deflated('a.xml', 'a'), deflated('a.xml', 'b')]))).toMatchObject({ code: 'notSpreadsheet' });
    const file = zip(small());
    expect(await refusal(file.subarray(0, file.length - 1))).toMatchObject({ code: 'notSpreadsheet' });
    expect(await refusal(Buffer.concat([file, Buffer.from('trailing')]))).toMatchObject({ code: 'notSpreadsheet' });
  });

  it('runs before exceljs reads the upload', async () => {
    const bomb: RawEntry = { ...deflated('xl/worksheets/sheet1.xml', ''), data: zeros(1024), size: 1_000 };
    const file = zip([...small(), bomb]);
    expect(await failure(readSpreadsheet(chunked(file, 64 * 1024), 'users.xlsx', file.length))).toMatchObject({ code: 'unpackedTooLarge' });
  }, 30_000);
});
