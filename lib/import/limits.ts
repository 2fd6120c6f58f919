/**
 * Limits of the bulk user import (F-IMP). The parser enforces them before any row is validated,
 * so a hostile or mistaken file cannot exhaust the server's or the browser's memory.
 */

/**
 * Largest upload accepted, in bytes (20 MB). The template has five short text columns: even
 * MAX_DATA_ROWS full rows stay well below this as xlsx (zipped) and close to it as CSV. The parser
 * must also cap the UNCOMPRESSED size of an xlsx (zip bomb), which this number alone does not bound.
 */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;

/**
 * Most data rows (the header row excluded) in one file. The preview (IMP-2/IMP-3) keeps every row
 * in memory and re-validates them all on each edit; 200,000 rows is far beyond any real customer
 * account and still a few seconds of work, not minutes. More rows → the file is rejected as a whole.
 */
export const MAX_DATA_ROWS = 200_000;

/**
 * Longest cell, in characters, before any other rule looks at it. The longest legitimate value is
 * an e-mail address (254); anything past 1,000 is a paste accident or abuse, and capping it bounds
 * the memory of the preview and the error report. Longer cells → 'import.errors.cellTooLong'.
 */
export const MAX_CELL_LENGTH = 1_000;
