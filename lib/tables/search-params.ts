import { z } from 'zod';

/**
 * Table state in the URL (filters, search, sort, page cursor), so links, reloads and the back
 * button keep what the user chose. Each list declares its own schema with these building blocks.
 */
export const tableSearch = z.string().trim().max(100).catch('');
export const tableDirection = z.enum(['asc', 'desc']).catch('asc');
export const tableCursor = z.string().max(500).optional().catch(undefined);
export const tablePageSize = z.coerce.number().int().refine((n) => [25, 50, 100].includes(n)).catch(25);

export type RawSearchParams = Record<string, string | string[] | undefined>;

/** First value of each parameter; repeated parameters keep their first value. */
export function firstValues(params: RawSearchParams): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
}

/**
 * Opaque keyset cursor: the sort key and id of the last row of a page. Base64url JSON, so it
 * survives URLs; a tampered cursor fails to parse and the list starts from the top.
 */
export function encodeCursor(values: readonly (string | number | null)[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

export function decodeCursor(cursor: string | undefined): (string | number | null)[] | null {
  if (!cursor) return null;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    return Array.isArray(parsed) && parsed.every((v) => v === null || typeof v === 'string' || typeof v === 'number') ? parsed : null;
  } catch {
    return null;
  }
}

export interface KeysetPage<Row> {
  rows: Row[];
  /** Cursor of the next page, null on the last page. */
  nextCursor: string | null;
  /** Total number of matching rows (may be an estimate on very large lists). */
  total: number;
}

/** A search term as a LIKE pattern that matches it anywhere, with LIKE's own characters escaped. */
export function containsPattern(term: string): string {
  return `%${likeEscape(term)}%`;
}

/** A search term with LIKE's wildcard and escape characters taken literally. */
export function likeEscape(term: string): string {
  return term.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * A keyset page fetched with `size + 1` rows: the rows to show, and the cursor of the next page
 * (from the last row shown) when the extra row says there is one.
 */
export function keysetSlice<R>(fetched: readonly R[], size: number, cursorOf: (row: R) => readonly (string | number | null)[]): { rows: R[]; nextCursor: string | null } {
  const rows = fetched.slice(0, size);
  const last = rows[rows.length - 1];
  return { rows, nextCursor: fetched.length > size && last ? encodeCursor(cursorOf(last)) : null };
}
