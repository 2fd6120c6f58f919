import 'server-only';
import { errorFromBody, unreachable } from './errors';
import { parseRetryAfter } from './retry-after';
import type { Bucket, TenantThrottle } from './tenant-throttle';
import { realClock, type Clock } from './token-bucket';

/** Per call: how many attempts, how long in all, how long one request may take. */
export interface RetryOptions {
  /** attempts in all while failures come without a Retry-After (5xx, network, timeouts) */
  maxAttempts?: number;
  /** answers with a Retry-After (429, 503) followed; Graph says when to come back, so these may be more */
  maxThrottled?: number;
  deadlineMs?: number;
  timeoutMs?: number;
}
export const RETRY_DEFAULTS: Required<RetryOptions> = { maxAttempts: 6, maxThrottled: 20, deadlineMs: 90_000, timeoutMs: 10_000 };

/** The part of a fetch Response the retry loop reads (both undici's and the DOM's fit). */
export interface Answer {
  status: number;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
}

export type Verdict = { retry: true; delayMs: number; tenantWide: boolean } | { retry: false; delayMs: number; tenantWide: boolean };

/** 429 and 5xx may pass; 501 and 505 never will. `null` is no answer at all (network, TLS, timeout). */
export function isRetryable(status: number | null): boolean {
  return status === null || status === 429 || (status >= 500 && status !== 501 && status !== 505);
}

/** Exponential backoff with "equal jitter": half the step fixed, half random, so callers spread out. */
export function backoffMs(attempt: number, random: () => number = Math.random, baseMs = 500, capMs = 30_000): number {
  const step = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(step / 2 + (random() * step) / 2);
}

/**
 * The retry policy, in one place for plain requests and for the inner requests of a `$batch`:
 * a 429 waits its Retry-After tenant-wide, a 503 its Retry-After, other 5xx and network errors back
 * off exponentially; at most `maxAttempts` (`maxThrottled` answers with a Retry-After) and never
 * past the deadline.
 */
export class RetryBudget {
  private attempts = 0;
  private throttled = 0;
  private readonly startedAt: number;
  private readonly o: Required<RetryOptions>;

  constructor(
    options: RetryOptions = {},
    private readonly clock: Clock = realClock,
    private readonly random: () => number = Math.random,
  ) {
    // An option given as undefined keeps its default.
    const given = Object.fromEntries(Object.entries(options).filter(([, v]) => typeof v === 'number' && Number.isFinite(v)));
    this.o = { ...RETRY_DEFAULTS, ...given };
    this.startedAt = clock.now();
  }

  /** The timeout of the next attempt: the per-request timeout, cut to what is left of the deadline. */
  attemptTimeout(): number {
    return Math.max(1, Math.min(this.o.timeoutMs, this.startedAt + this.o.deadlineMs - this.clock.now()));
  }

  /** Records a failed attempt (`status` null: no answer) and says whether and when to try again. */
  next(status: number | null, retryAfterMs: number | null): Verdict {
    const tenantWide = status === 429;
    if (!isRetryable(status)) return { retry: false, delayMs: 0, tenantWide: false };
    const guided = (status === 429 || status === 503) && retryAfterMs !== null;
    const delayMs = guided ? retryAfterMs : backoffMs(++this.attempts, this.random);
    const left = guided ? ++this.throttled < this.o.maxThrottled : this.attempts < this.o.maxAttempts;
    const late = this.clock.now() + delayMs > this.startedAt + this.o.deadlineMs;
    return { retry: left && !late, delayMs, tenantWide };
  }
}

/** Connection failures before anything was sent: refused, no route, no such host, connect timeout. */
const NOT_SENT = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT']);

export function neverSent(e: unknown): boolean {
  for (let x: unknown = e, depth = 0; x && typeof x === 'object' && depth < 4; x = (x as { cause?: unknown }).cause, depth++) {
    const code = (x as { code?: unknown }).code;
    if (typeof code === 'string' && NOT_SENT.has(code)) return true;
  }
  return false;
}

export interface RetryContext {
  throttle?: TenantThrottle;
  bucket?: Bucket | null;
  cost?: number;
  retry?: RetryOptions;
  clock?: Clock;
  random?: () => number;
  /** Values that must never appear in an error message (the secret, the password). */
  secrets?: readonly (string | undefined)[];
}

export function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return null;
  }
}

/**
 * Runs `attempt` until it gets a final answer: a success or a 4xx is returned as is; a retryable
 * failure left after the budget throws a GraphError (`throttled` or `unavailable`, with
 * `retryAfterMs`). Each attempt first waits for the tenant's pause and bucket.
 */
export async function withRetries<R extends Answer>(attempt: (signal: AbortSignal) => Promise<R>, c: RetryContext = {}): Promise<R> {
  const clock = c.clock ?? c.throttle?.clock ?? realClock;
  const budget = new RetryBudget(c.retry, clock, c.random);
  for (;;) {
    if (c.throttle) await c.throttle.acquire(c.bucket ?? null, c.cost ?? 1);
    let res: R | null = null;
    let failure: unknown = null;
    try {
      res = await attempt(AbortSignal.timeout(budget.attemptTimeout()));
    } catch (e) {
      failure = e;
      // Graph counts the requests it received: one that never got a connection costs nothing.
      if (neverSent(e)) c.throttle?.refund(c.bucket ?? null, c.cost ?? 1);
    }
    if (res && !isRetryable(res.status)) return res;
    const text = res ? await res.text().catch(() => '') : '';
    const v = budget.next(res?.status ?? null, res ? parseRetryAfter(res.headers.get('retry-after'), clock.now()) : null);
    if (v.tenantWide) c.throttle?.pause(v.delayMs);
    if (!v.retry) {
      const retryAfterMs = Math.max(v.delayMs, c.throttle?.pauseLeft() ?? 0);
      if (res) throw errorFromBody(res.status, parseJson(text), { retryAfterMs, secrets: c.secrets });
      throw unreachable(failure, retryAfterMs);
    }
    if (!(v.tenantWide && c.throttle)) await clock.sleep(v.delayMs);
  }
}
