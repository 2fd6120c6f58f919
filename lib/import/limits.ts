/**
 * Limits of the bulk user import (F-IMP). The parser enforces them before any row is validated,
 * so a hostile or mistaken file cannot exhaust the server's or the browser's memory.
 */

/**
 * Largest upload accepted, in bytes (20 MB). The template has five short text columns: even
 * MAX_DATA_ROWS full rows stay well below this as xlsx (zipped) and close to it as CSV. It does not
 * bound what an xlsx unpacks to: see MAX_UNZIPPED_BYTES and MAX_ZIP_ENTRIES.
 */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;

/**
 * Most bytes all entries of an xlsx may inflate to together (200 MB), counted while inflating, not
 * taken from the sizes the zip declares. MAX_DATA_ROWS template rows written by exceljs unpack to
 * about 70 MB (47 MB of sheet XML, 22 MB of shared strings; measured), so real files have about
 * three times the room; a zip bomb (deflate packs ~1,000:1, so 20 MB can claim 20 GB) stops here.
 * It also bounds what exceljs holds: the whole shared-string table in memory, and sheets that
 * precede it in temp files.
 */
export const MAX_UNZIPPED_BYTES = 200 * 1024 * 1024;

/**
 * Most entries in an xlsx (500). The template has 16 (with its folder entries) and a real workbook
 * with several sheets, images and comments some tens; each entry costs the streaming unzip a
 * header, a stream and possibly a temp file, so hundreds of thousands of tiny ones would be work
 * without any data.
 */
export const MAX_ZIP_ENTRIES = 500;

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
