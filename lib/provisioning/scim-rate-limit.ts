import 'server-only';

/**
 * SCIM-2 "rate limited per token": a token bucket per token hash, in this process. Entra ID sends
 * a few requests per second per application; a runaway script gets 429 with Retry-After before it
 * can crowd out the portal. With several web processes each holds its own bucket, so the limit
 * for a token is per process — stated, and kept simple on purpose (no database round trip per call).
 */
export const SCIM_RATE = { perSecond: Number(process.env.SCIM_RATE_PER_SECOND ?? 200), burst: Number(process.env.SCIM_RATE_BURST ?? 400) };

const buckets = new Map<string, { tokens: number; at: number }>();

/** Takes one request from the token's bucket; returns 0 when allowed, else the seconds to wait. */
export function takeScimRequest(tokenHash: string, now = Date.now()): number {
  const bucket = buckets.get(tokenHash) ?? { tokens: SCIM_RATE.burst, at: now };
  bucket.tokens = Math.min(SCIM_RATE.burst, bucket.tokens + ((now - bucket.at) / 1000) * SCIM_RATE.perSecond);
  bucket.at = now;
  buckets.set(tokenHash, bucket);
  if (buckets.size > 10_000) buckets.delete(buckets.keys().next().value!);
  if (bucket.tokens < 1) return Math.ceil((1 - bucket.tokens) / SCIM_RATE.perSecond);
  bucket.tokens -= 1;
  return 0;
}
