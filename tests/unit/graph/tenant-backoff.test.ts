import { describe, expect, it } from 'vitest';
import { GraphError } from '@/lib/adapters/graph/errors';
import { backoffMs, RetryBudget, withRetries, type Answer } from '@/lib/adapters/graph/retry';
import { TenantThrottle } from '@/lib/adapters/graph/tenant-throttle';
import { VirtualClock } from './virtual-clock';

function answer(status: number, headers: Record<string, string> = {}, body = ''): Answer {
  return { status, headers: { get: (n: string) => headers[n.toLowerCase()] ?? null }, text: async () => body };
}

describe('the tenant-wide pause', () => {
  it('holds every call of the tenant until the Retry-After of a 429 has passed', async () => {
    const clock = new VirtualClock();
    const throttle = new TenantThrottle(clock);
    const sentAt: Record<string, number[]> = { a: [], b: [], c: [] };
    let first = true;
    const call = (name: string, delayStart: number) =>
      (async () => {
        await clock.sleep(delayStart);
        return withRetries(
          async () => {
            sentAt[name]!.push(clock.now());
            if (first) {
              first = false;
              return answer(429, { 'retry-after': '2' });
            }
            return answer(200);
          },
          { throttle, bucket: 'write', clock },
        );
      })();
    const done = Promise.all([call('a', 0), call('b', 500), call('c', 1500)]);
    await clock.run();
    const results = await done;
    expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(sentAt.a).toEqual([0, 2000]); // its own retry after Retry-After
    expect(sentAt.b).toEqual([2000]); // started during the pause: waited, one request only
    expect(sentAt.c).toEqual([2000]);
  });

  it('is never shortened by a later, shorter Retry-After', () => {
    const clock = new VirtualClock();
    const t = new TenantThrottle(clock);
    t.pause(5000);
    t.pause(1000);
    expect(t.pauseLeft()).toBe(5000);
  });

  it('keeps the tenant paused for the next caller when a call gives up', async () => {
    const clock = new VirtualClock();
    const throttle = new TenantThrottle(clock);
    const p = withRetries(async () => answer(429, { 'retry-after': '30' }, JSON.stringify({ error: { code: 'TooManyRequests', message: 'Slow down' } })), {
      throttle,
      clock,
      retry: { maxThrottled: 2 },
    }).catch((e: unknown) => e);
    await clock.run();
    const e = await p;
    expect(e).toBeInstanceOf(GraphError);
    expect(e).toMatchObject({ kind: 'throttled', status: 429, code: 'TooManyRequests', message: 'Slow down', retryAfterMs: 30_000 });
    expect(throttle.pauseLeft()).toBe(30_000);
  });

  it('draws a $batch from the bucket once per inner request', async () => {
    const clock = new VirtualClock();
    const throttle = new TenantThrottle(clock, { write: { capacity: 40, refillPerSecond: 20 }, read: { capacity: 40, refillPerSecond: 20 } });
    const sentAt: number[] = [];
    const batch = () => withRetries(async () => (sentAt.push(clock.now()), answer(200)), { throttle, bucket: 'write', cost: 20, clock });
    const all = Promise.all([batch(), batch(), batch(), batch()]);
    await clock.run();
    await all;
    expect(sentAt).toEqual([0, 0, 1000, 2000]);
  });
});

describe('retries of 5xx and network errors', () => {
  it('backs off exponentially with jitter', () => {
    expect([1, 2, 3, 4].map((n) => backoffMs(n, () => 0))).toEqual([250, 500, 1000, 2000]);
    expect([1, 2, 3, 4].map((n) => backoffMs(n, () => 1))).toEqual([500, 1000, 2000, 4000]);
    expect(backoffMs(20, () => 1)).toBe(30_000);
  });

  it('honours a 503 Retry-After for that call only', () => {
    const clock = new VirtualClock();
    const b = new RetryBudget({}, clock, () => 0);
    expect(b.next(503, 4000)).toEqual({ retry: true, delayMs: 4000, tenantWide: false });
    expect(b.next(500, 4000)).toEqual({ retry: true, delayMs: 250, tenantWide: false });
    expect(b.next(429, null)).toEqual({ retry: true, delayMs: 500, tenantWide: true }); // no Retry-After: backoff
    expect(b.next(429, 1000)).toEqual({ retry: true, delayMs: 1000, tenantWide: true });
    expect(b.next(404, null).retry).toBe(false);
    expect(b.next(501, null).retry).toBe(false);
  });

  it('retries until it succeeds, sleeping between attempts', async () => {
    const clock = new VirtualClock();
    const outcomes: (number | Error)[] = [500, new TypeError('fetch failed'), 200];
    const p = withRetries(
      async () => {
        const next = outcomes.shift()!;
        if (next instanceof Error) throw next;
        return answer(next);
      },
      { clock, random: () => 0 },
    );
    await clock.run();
    expect((await p).status).toBe(200);
    expect(clock.slept).toEqual([250, 500]);
  });

  it('gives up after maxAttempts with `unavailable` and when to try again', async () => {
    const clock = new VirtualClock();
    let attempts = 0;
    const p = withRetries(async () => (attempts++, answer(503)), { clock, random: () => 0, retry: { maxAttempts: 4 } }).catch((e: unknown) => e);
    await clock.run();
    expect(await p).toMatchObject({ kind: 'unavailable', status: 503, retryAfterMs: 2000 });
    expect(attempts).toBe(4);
  });

  it('stops at the deadline rather than sleep past it', async () => {
    const clock = new VirtualClock();
    let attempts = 0;
    const p = withRetries(
      async () => {
        attempts++;
        throw new TypeError('fetch failed');
      },
      { clock, random: () => 1, retry: { maxAttempts: 100, deadlineMs: 10_000 } },
    ).catch((e: unknown) => e);
    await clock.run();
    expect(await p).toMatchObject({ kind: 'unavailable', status: null });
    expect(attempts).toBe(5); // 500 + 1000 + 2000 + 4000 = 7,500 ms; the next 8,000 would pass 10 s
    expect(clock.now()).toBe(7500);
  });

  it('returns a 4xx at once, for the caller to map', async () => {
    const clock = new VirtualClock();
    let attempts = 0;
    const res = await withRetries(async () => (attempts++, answer(403)), { clock });
    expect(res.status).toBe(403);
    expect(attempts).toBe(1);
  });

  it('follows more Retry-After answers than blind retries, up to maxThrottled', () => {
    const clock = new VirtualClock();
    const b = new RetryBudget({ maxAttempts: 2, maxThrottled: 5 }, clock, () => 0);
    const verdicts = Array.from({ length: 5 }, () => b.next(429, 1000).retry);
    expect(verdicts).toEqual([true, true, true, true, false]);
    expect(b.next(500, null).retry).toBe(true);
    expect(b.next(500, null).retry).toBe(false);
  });

  it('gives each attempt the per-request timeout, cut to what is left of the deadline', () => {
    let now = 0;
    const b = new RetryBudget({ timeoutMs: 10_000, deadlineMs: 15_000 }, { now: () => now, sleep: async () => undefined });
    expect(b.attemptTimeout()).toBe(10_000);
    now = 12_000;
    expect(b.attemptTimeout()).toBe(3000);
  });
});

describe('what failed attempts cost the tenant bucket', () => {
  const small = { write: { capacity: 20, refillPerSecond: 1 }, read: { capacity: 20, refillPerSecond: 1 } };
  const refused = () => Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:443'), { code: 'ECONNREFUSED' }) });

  it('gives the tokens back when the connection was refused (Graph never saw the request)', async () => {
    const clock = new VirtualClock();
    const throttle = new TenantThrottle(clock, small);
    let attempts = 0;
    const p = withRetries(async () => {
      attempts++;
      throw refused();
    }, { throttle, bucket: 'write', cost: 20, clock, random: () => 1, retry: { maxAttempts: 3 } }).catch((e: unknown) => e);
    await clock.run();
    expect(await p).toMatchObject({ kind: 'unavailable' });
    expect(attempts).toBe(3);
    expect(clock.now()).toBe(500 + 1000); // the backoffs only: no attempt waited for the bucket to refill
  });

  it('charges attempts Graph answered, even with a 5xx', async () => {
    const clock = new VirtualClock();
    const throttle = new TenantThrottle(clock, small);
    const p = withRetries(async () => answer(500), { throttle, bucket: 'write', cost: 20, clock, random: () => 1, retry: { maxAttempts: 3 } }).catch((e: unknown) => e);
    await clock.run();
    expect(await p).toMatchObject({ kind: 'unavailable', status: 500 });
    expect(clock.now()).toBeGreaterThanOrEqual(40_000); // attempts 2 and 3 each waited for 20 tokens at 1/s
  });
});
