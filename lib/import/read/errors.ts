/** Why an uploaded import file is refused as a whole (F-IMP). Per-cell problems are validate-row's. */
export type ImportFileErrorCode =
  | 'notSpreadsheet'
  | 'empty'
  | 'tooLarge'
  | 'unpackedTooLarge'
  | 'tooManyParts'
  | 'tooManyRows'
  | 'encoding'
  | 'hiddenSheet'
  | 'mergedCells'
  | 'formula';

/** A refused file: `code` picks the i18n message ('import.file.<code>'), `params` fill it in. */
export class ImportFileError extends Error {
  readonly code: ImportFileErrorCode;
  readonly params?: Record<string, string | number>;

  constructor(code: ImportFileErrorCode, params?: Record<string, string | number>, options?: { cause?: unknown }) {
    super(`Import file refused: ${code}${params ? ` ${JSON.stringify(params)}` : ''}`, options);
    this.name = 'ImportFileError';
    this.code = code;
    if (params) this.params = params;
  }
}

export function isImportFileError(error: unknown): error is ImportFileError {
  return error instanceof ImportFileError;
}
