import { beforeEach, describe, expect, it, vi } from 'vitest';
import { BATCH_SIZE, chunk, runBatches, type BatchItem } from '@/lib/adapters/graph/batch';
import type { GraphCall } from '@/lib/adapters/graph/client';
import { GraphError } from '@/lib/adapters/graph/errors';
import { PRESENCE_IDS_PER_REQUEST } from '@/lib/adapters/graph/presence';
import { presenceResource } from '@/lib/adapters/graph/subscriptions';
import { resetTenantThrottles } from '@/lib/adapters/graph/tenant-throttle';
import type { Principal } from '@/lib/adapters/graph/types';

interface Inner {
  id: string;
  method: string;
  url: string;
  body?: unknown;
}
type Responder = (r: Inner, attempt: number) => { status: number; headers?: Record<string, string>; body?: unknown };

const calls: GraphCall[] = [];
let responder: Responder = () => ({ status: 200 });
let batchFailure: GraphError | null = null;
const attempts = new Map<string, number>();
const flight = { now: 0, most: 0 };

vi.mock('@/lib/adapters/graph/client', () => ({
  graphCall: async (_p: Principal, c: GraphCall) => {
    calls.push(c);
    if (batchFailure) throw batchFailure;
    const { requests } = c.body as { requests: Inner[] };
    flight.most = Math.max(flight.most, ++flight.now);
    await new Promise((r) => setImmediate(r));
    flight.now--;
    return {
      status: 200,
      body: {
        responses: requests.map((r) => {
          const n = (attempts.get(r.url) ?? 0) + 1;
          attempts.set(r.url, n);
          return { id: r.id, ...responder(r, n) };
        }),
      },
    };
  },
}));

const app: Principal = { tenantId: 't-batch', clientId: 'c', clientSecret: 's' };
const items = (n: number): BatchItem[] => Array.from({ length: n }, (_, i) => ({ method: 'POST', url: `/users/u${i}/presence/setPresence`, body: { i } }));
const fastClock = { now: () => Date.now(), sleep: async () => undefined };

beforeEach(() => {
  calls.length = 0;
  attempts.clear();
  responder = () => ({ status: 200 });
  batchFailure = null;
  resetTenantThrottles();
});

describe('chunking', () => {
  it('splits into batches of 20 and presence reads of 650', () => {
    expect(BATCH_SIZE).toBe(20);
    expect(PRESENCE_IDS_PER_REQUEST).toBe(650);
    expect(chunk(items(1000), BATCH_SIZE)).toHaveLength(50);
    expect(chunk(items(21), BATCH_SIZE).map((c) => c.length)).toEqual([20, 1]);
    expect(chunk(Array.from({ length: 1300 }, (_, i) => i), PRESENCE_IDS_PER_REQUEST).map((c) => c.length)).toEqual([650, 650]);
    expect(chunk(Array.from({ length: 1301 }, (_, i) => i), PRESENCE_IDS_PER_REQUEST).map((c) => c.length)).toEqual([650, 650, 1]);
    expect(chunk([], 20)).toEqual([]);
    expect(() => chunk([1], 0)).toThrow(RangeError);
  });

  it('builds the presence subscription filter, quoting ids', () => {
    expect(presenceResource(['a', "b'c"])).toBe("/communications/presences?$filter=id in ('a','b''c')");
  });
});

describe('runBatches', () => {
  it('sends 1,000 items as 50 batches of 20, costing 20 tokens each, one result per item in order', async () => {
    const out = await runBatches(app, items(1000), { bucket: 'write' });
    expect(calls).toHaveLength(50);
    expect(calls.every((c) => c.path === '/$batch' && c.method === 'POST' && c.cost === 20 && c.bucket === 'write')).toBe(true);
    const sent = calls.flatMap((c) => (c.body as { requests: Inner[] }).requests);
    expect(new Set(sent.map((r) => r.url)).size).toBe(1000);
    expect(sent[0]).toMatchObject({ method: 'POST', url: '/users/u0/presence/setPresence', body: { i: 0 }, headers: { 'Content-Type': 'application/json' } });
    expect(out).toHaveLength(1000);
    expect(out.every((o) => o.ok && o.status === 200)).toBe(true);
  });

  it('sends an inner 429 again in a later batch, and the others only once', async () => {
    responder = (r, n) => (r.url.startsWith('/users/u1/') && n < 3 ? { status: 429, headers: { 'Retry-After': '0' } } : { status: 200 });
    const out = await runBatches(app, items(40), { bucket: 'write' });
    expect(out.every((o) => o.ok)).toBe(true);
    expect(attempts.get('/users/u1/presence/setPresence')).toBe(3);
    expect([...attempts.values()].reduce((a, b) => a + b, 0)).toBe(42);
    expect(calls.map((c) => (c.body as { requests: Inner[] }).requests.length)).toEqual([20, 20, 1, 1]);
  });

  it('keeps one item\'s failure its own: 404 and 400 at once, 5xx after its retries', async () => {
    responder = (r) =>
      r.url.includes('/u0/')
        ? { status: 404, body: { error: { code: 'NotFound', message: 'no session' } } }
        : r.url.includes('/u1/')
          ? { status: 400, body: { error: { code: 'BadRequest', message: 'bad activity' } } }
          : r.url.includes('/u2/')
            ? { status: 503 }
            : { status: 200 };
    const out = await runBatches(app, items(5), { bucket: 'write', clock: fastClock, retry: { maxAttempts: 3 } });
    expect(out[0]).toMatchObject({ ok: false, error: { kind: 'notFound', status: 404 } });
    expect(out[1]).toMatchObject({ ok: false, error: { kind: 'invalidRequest', message: 'bad activity' } });
    expect(out[2]).toMatchObject({ ok: false, error: { kind: 'unavailable', status: 503 } });
    expect(out.slice(3).every((o) => o.ok)).toBe(true);
    expect(attempts.get('/users/u2/presence/setPresence')).toBe(3);
    expect(attempts.get('/users/u0/presence/setPresence')).toBe(1);
  });

  it('fails the items of a batch that failed as a whole, and throws on a credential failure', async () => {
    batchFailure = new GraphError('unavailable', 'down', { retryAfterMs: 1000 });
    const out = await runBatches(app, items(3), { bucket: 'write' });
    expect(out.every((o) => !o.ok && o.error.kind === 'unavailable')).toBe(true);
    batchFailure = new GraphError('invalidSecret', 'Invalid client secret provided.', { status: 401 });
    await expect(runBatches(app, items(100), { bucket: 'write' })).rejects.toMatchObject({ kind: 'invalidSecret' });
  });

  it('keeps `concurrency` batches in flight, no more', async () => {
    flight.most = 0;
    await runBatches(app, items(200), { bucket: 'write', concurrency: 3 });
    expect(calls).toHaveLength(10);
    expect(flight.most).toBe(3);
  });
});
