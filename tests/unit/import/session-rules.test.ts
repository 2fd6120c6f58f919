import { describe, expect, it } from 'vitest';
import { mapHeaders } from '@/lib/import/columns';
import { ImportFileError } from '@/lib/import/read/errors';
import { fileErrorMessage, headerErrorMessage } from '@/lib/import/session/file-error';
import { rawRowOf, rowProblems } from '@/lib/import/session/rows';
import { checkRow } from '@/lib/import/validate-row';

describe('rowProblems: the preview messages of a stored row', () => {
  const own = { firstName: [{ key: 'import.errors.tooLong', params: { max: 64 } }] };
  it.each<[string, Parameters<typeof rowProblems>[0], object]>([
    ['a clean row', { errors: null, duplicateOf: null, inUse: false }, {}],
    ['its own errors', { errors: own, duplicateOf: null, inUse: false }, own],
    ['a repeated e-mail names the first row', { errors: null, duplicateOf: 7, inUse: false }, { email: [{ key: 'import.errors.duplicateInFile', params: { row: 7 } }] }],
    ['"in use" wins over "repeated": fixing the first row would not help', { errors: null, duplicateOf: 7, inUse: true }, { email: [{ key: 'import.errors.emailInUse' }] }],
    ['both kinds together', { errors: own, duplicateOf: null, inUse: true }, { ...own, email: [{ key: 'import.errors.emailInUse' }] }],
  ])('%s', (_case, row, expected) => {
    expect(rowProblems(row)).toEqual(expected);
  });

  it('an edited row has all five cells, so "no name" flags every name column', () => {
    const checked = checkRow(rawRowOf({ firstName: '', lastName: ' ', name: '', email: 'a@b.example', role: '' }));
    expect(Object.keys(checked.errors)).toEqual(['firstName', 'lastName', 'name']);
  });
});

describe('messages of a refused file', () => {
  it('gives sizes in MB and keeps the other parameters', () => {
    expect(fileErrorMessage(new ImportFileError('tooLarge', { max: 20 * 1024 * 1024 }))).toEqual({ key: 'import.file.tooLarge', params: { max: '20 MB' } });
    expect(fileErrorMessage(new ImportFileError('formula', { cell: 'C7' }))).toEqual({ key: 'import.file.formula', params: { cell: 'C7' } });
    expect(fileErrorMessage(new ImportFileError('empty'))).toEqual({ key: 'import.file.empty', params: {} });
  });

  it('names header problems by 1-based column, as a spreadsheet shows them', () => {
    const header = (cells: string[]) => {
      const result = mapHeaders(cells);
      if (result.ok) throw new Error('expected a header problem');
      return headerErrorMessage(result);
    };
    expect(header(['EMAIL', 'NAME', 'Shoe size'])).toEqual({ key: 'import.header.unknownColumn', params: { header: 'Shoe size', column: 3 } });
    expect(header(['EMAIL', '', 'NAME'])).toEqual({ key: 'import.header.unknownColumn', params: { header: '—', column: 2 } });
    expect(header(['NAME', 'EMAIL', 'E-mail'])).toEqual({ key: 'import.header.duplicateColumn', params: { column: 3 } });
    expect(header(['NAME'])).toEqual({ key: 'import.header.missingEmail', params: {} });
    expect(header(['EMAIL', 'ROLE'])).toEqual({ key: 'import.header.noNameColumn', params: {} });
  });
});
