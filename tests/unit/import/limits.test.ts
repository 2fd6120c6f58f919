import { describe, expect, it } from 'vitest';
import { MAX_CELL_LENGTH, MAX_DATA_ROWS, MAX_FILE_BYTES, MAX_UNZIPPED_BYTES, MAX_ZIP_ENTRIES } from '@/lib/import/limits';
import { aliasTable } from '@/lib/import/normalise';

describe('import limits', () => {
  it('are the documented values', () => {
    expect([MAX_FILE_BYTES, MAX_DATA_ROWS, MAX_CELL_LENGTH]).toEqual([20 * 1024 * 1024, 200_000, 1_000]);
    expect([MAX_UNZIPPED_BYTES, MAX_ZIP_ENTRIES]).toEqual([200 * 1024 * 1024, 500]);
  });
});

describe('aliasTable', () => {
  it('refuses a label that means two things (guards the header and role tables at load)', () => {
    expect(() => aliasTable({ a: ['Nom'], b: ['NOM '] })).toThrow(/means both a and b/);
    expect(aliasTable({ a: ['E-mail', 'email'] }).get('email')).toBe('a');
  });
});
