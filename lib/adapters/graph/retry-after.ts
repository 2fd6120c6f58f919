import 'server-only';

/**
 * A `Retry-After` value in milliseconds from `now`: delay-seconds ("120", leniently "1.5") or an
 * HTTP date (RFC 9110 §10.2.3; a date in the past is 0). Null when absent or unreadable.
 */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | null {
  const v = value?.trim();
  if (!v) return null;
  if (/^\d+(\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000);
  if (!/[a-z]/i.test(v)) return null;
  const at = Date.parse(v);
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - now);
}

/** The Retry-After header of a `$batch` inner response, whose headers are a plain object with any casing. */
export function innerRetryAfter(headers: unknown, now: number = Date.now()): number | null {
  if (typeof headers !== 'object' || headers === null) return null;
  for (const [k, v] of Object.entries(headers)) if (k.toLowerCase() === 'retry-after') return parseRetryAfter(String(v), now);
  return null;
}
