import type { JsonObject } from './json';
import { LIST_RESPONSE_URN } from './urns';

/** The filter.maxResults we announce in /ServiceProviderConfig; a larger `count` is lowered to it. */
export const MAX_RESULTS = 200;

export interface ListResponse<T extends JsonObject = JsonObject> {
  schemas: [typeof LIST_RESPONSE_URN];
  totalResults: number;
  startIndex: number;
  itemsPerPage: number;
  Resources: T[];
}

/** RFC 7644 §3.4.2 ListResponse; `startIndex` is 1-based as the client sent it. */
export function listResponse<T extends JsonObject>(resources: T[], page: { totalResults: number; startIndex?: number }): ListResponse<T> {
  return {
    schemas: [LIST_RESPONSE_URN],
    totalResults: page.totalResults,
    startIndex: page.startIndex ?? 1,
    itemsPerPage: resources.length,
    Resources: resources,
  };
}

/**
 * RFC 7644 §3.4.2.4 paging parameters from the query string: startIndex below 1 SHALL be
 * interpreted as 1 and a negative count as 0; count is capped at MAX_RESULTS, its default.
 * Missing or non-numeric values take the defaults rather than failing a client's whole sync.
 */
export function pageParameters(query: { startIndex?: string | null; count?: string | null }): { startIndex: number; count: number } {
  const startIndex = Number.parseInt(query.startIndex ?? '', 10);
  const count = Number.parseInt(query.count ?? '', 10);
  return {
    startIndex: Number.isFinite(startIndex) && startIndex >= 1 ? startIndex : 1,
    count: Number.isFinite(count) ? Math.min(Math.max(count, 0), MAX_RESULTS) : MAX_RESULTS,
  };
}
