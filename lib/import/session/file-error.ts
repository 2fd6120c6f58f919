import { DomainError } from '@/lib/errors';
import type { HeaderResult } from '@/lib/import/columns';
import { MAX_DATA_ROWS, MAX_FILE_BYTES } from '@/lib/import/limits';
import type { ImportFileError } from '@/lib/import/read/errors';

export type RefusalMessage = { key: string; params: Record<string, string | number> };

const megabytes = (bytes: number) => `${Math.round(bytes / (1024 * 1024))} MB`;

/**
 * The localised message of a refused file ('import.file.<code>'); sizes read as "20 MB" (counts
 * stay numbers: the messages format them per locale, "200,000" / "200.000"). Merged cells past the
 * named ones take the "… and N more" message.
 */
export function fileErrorMessage(error: ImportFileError): RefusalMessage {
  const params = { ...(error.params ?? {}) };
  if ((error.code === 'tooLarge' || error.code === 'unpackedTooLarge') && typeof params.max === 'number') params.max = megabytes(params.max);
  if (error.code === 'mergedCells' && typeof params.more === 'number') {
    const { more, ...named } = params;
    return more > 0 ? { key: 'import.file.mergedCellsMore', params: { ...named, count: more } } : { key: 'import.file.mergedCells', params: named };
  }
  return { key: `import.file.${error.code}`, params };
}

/** The localised message of an unusable header row ('import.header.<problem>'). */
export function headerErrorMessage(result: Extract<HeaderResult, { ok: false }>): RefusalMessage {
  switch (result.problem) {
    case 'unknownColumn':
      return { key: 'import.header.unknownColumn', params: { header: result.detail.header || '—', column: result.detail.index + 1 } };
    case 'duplicateColumn':
      return { key: 'import.header.duplicateColumn', params: { column: result.detail.indexes[1] + 1 } };
    default:
      return { key: `import.header.${result.problem}`, params: {} };
  }
}

/** An upload refused before it is stored: 413 with the same message the parse job would give. */
export function tooLarge(): DomainError {
  return new DomainError('import.file.tooLarge', 413, { max: megabytes(MAX_FILE_BYTES) });
}

/** A CSV upload refused while it arrives, once it has more rows than the parse would take. */
export function tooManyRows(): DomainError {
  return new DomainError('import.file.tooManyRows', 413, { max: MAX_DATA_ROWS });
}
