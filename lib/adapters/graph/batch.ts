import 'server-only';
import { graphCall } from './client';
import { CREDENTIAL_KINDS, errorFromBody, GraphError } from './errors';
import { isRetryable, RetryBudget, type RetryOptions } from './retry';
import { innerRetryAfter } from './retry-after';
import { tenantThrottle, type Bucket } from './tenant-throttle';
import { realClock, type Clock } from './token-bucket';
import type { Principal } from './types';

/** Graph's limit of requests in one `$batch`. */
export const BATCH_SIZE = 20;

export function chunk<T>(items: readonly T[], size: number): T[][] {
  if (size < 1) throw new RangeError('chunk size must be at least 1');
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export interface BatchItem {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** relative to the version: `/users/{id}/presence/setPresence` */
  url: string;
  body?: unknown;
}
export type BatchOutcome = { ok: true; status: number; body: unknown } | { ok: false; error: GraphError };

interface InnerResponse {
  id: string;
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface BatchOptions {
  bucket: Bucket;
  /** batches in flight at once */
  concurrency?: number;
  retry?: RetryOptions;
  clock?: Clock;
  random?: () => number;
}

/**
 * Sends `items` as `$batch` requests of up to 20, `concurrency` at a time. Each inner request
 * counts against the tenant's bucket; an inner 429 pauses the tenant for its Retry-After and the
 * request goes again in a later batch, as does an inner 5xx after its backoff (retry.ts decides,
 * per item). One item's failure is its own outcome; only a credential failure (no token for the
 * tenant at all) throws.
 */
export async function runBatches(principal: Principal, items: readonly BatchItem[], o: BatchOptions): Promise<BatchOutcome[]> {
  const clock = o.clock ?? realClock;
  const throttle = tenantThrottle(principal.tenantId);
  const outcomes: (BatchOutcome | undefined)[] = new Array(items.length);
  // Each item's attempts and deadline count from its first send, not from the start of a long call.
  const budgets: (RetryBudget | undefined)[] = new Array(items.length);
  const queue = items.map((_, i) => i);
  let delayed = 0;
  let inFlight = 0;
  let fatal: GraphError | null = null;
  let wake: () => void = () => undefined;
  let woken = new Promise<void>((r) => (wake = r));
  const signal = () => {
    const w = wake;
    woken = new Promise<void>((r) => (wake = r));
    w();
  };

  const again = (i: number, status: number | null, retryAfterMs: number | null, body: unknown) => {
    const v = budgets[i]!.next(status, retryAfterMs);
    if (v.tenantWide) throttle.pause(v.delayMs);
    if (!v.retry) {
      const retryAfter = Math.max(v.delayMs, throttle.pauseLeft());
      outcomes[i] = { ok: false, error: status === null ? new GraphError('unavailable', 'The $batch answer left this request out', { retryAfterMs: retryAfter }) : errorFromBody(status, body, { retryAfterMs: retryAfter }) };
      return;
    }
    // A tenant-wide pause is waited out by the next batch itself; a 5xx backs off on its own.
    if (v.tenantWide || v.delayMs <= 0) return void queue.push(i);
    delayed++;
    void clock.sleep(v.delayMs).then(() => {
      delayed--;
      queue.push(i);
      signal();
    });
  };

  const sendOne = async (slice: number[]) => {
    const requests = slice.map((i) => {
      const it = items[i]!;
      budgets[i] ??= new RetryBudget(o.retry, clock, o.random);
      return { id: String(i), method: it.method, url: it.url, ...(it.body === undefined ? {} : { headers: { 'Content-Type': 'application/json' }, body: it.body }) };
    });
    try {
      const res = await graphCall<{ responses?: InnerResponse[] }>(principal, { method: 'POST', path: '/$batch', body: { requests }, bucket: o.bucket, cost: slice.length, retry: o.retry });
      const answers = new Map((res.body?.responses ?? []).map((r) => [Number(r.id), r]));
      for (const i of slice) {
        const r = answers.get(i);
        if (!r) again(i, null, null, null);
        else if (isRetryable(r.status)) again(i, r.status, innerRetryAfter(r.headers, clock.now()), r.body);
        else if (r.status >= 200 && r.status < 300) outcomes[i] = { ok: true, status: r.status, body: r.body ?? null };
        else outcomes[i] = { ok: false, error: errorFromBody(r.status, r.body) };
      }
    } catch (e) {
      if (!(e instanceof GraphError)) throw e;
      if (CREDENTIAL_KINDS.has(e.kind)) fatal = e;
      for (const i of slice) outcomes[i] = { ok: false, error: e };
    }
  };

  const worker = async () => {
    while (!fatal) {
      const slice = queue.splice(0, BATCH_SIZE);
      if (slice.length) {
        inFlight++;
        await sendOne(slice).finally(() => {
          inFlight--;
          signal();
        });
      } else if (delayed > 0 || inFlight > 0) await woken;
      else return;
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, o.concurrency ?? 4) }, worker));
  if (fatal) throw fatal;
  return outcomes.map((out) => out ?? { ok: false, error: new GraphError('unavailable', 'No answer for this request') });
}
