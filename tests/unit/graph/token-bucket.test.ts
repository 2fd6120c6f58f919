import { describe, expect, it } from 'vitest';
import { LIMITS } from '@/lib/adapters/graph/tenant-throttle';
import { TokenBucket } from '@/lib/adapters/graph/token-bucket';

function bucket(capacity: number, perSecond: number) {
  let now = 0;
  const b = new TokenBucket(capacity, perSecond, () => now);
  return { b, advance: (ms: number) => (now += ms) };
}

describe('TokenBucket', () => {
  it('lets a full burst go at once and makes the next request wait one refill step', () => {
    const { b } = bucket(1500, 50);
    for (let i = 0; i < 1500; i++) expect(b.reserve()).toBe(0);
    expect(b.reserve()).toBe(20); // 1/50 s
    expect(b.reserve()).toBe(40); // waiters queue behind each other
  });

  it('refills at its rate, never beyond its capacity', () => {
    const { b, advance } = bucket(100, 50);
    expect(b.reserve(100)).toBe(0);
    advance(1000);
    expect(b.available()).toBeCloseTo(50);
    advance(60_000);
    expect(b.available()).toBe(100);
  });

  it('charges a $batch for each inner request', () => {
    const { b, advance } = bucket(1500, 50);
    for (let i = 0; i < 75; i++) expect(b.reserve(20)).toBe(0); // 1,500 writes in 75 batches
    expect(b.reserve(20)).toBe(400); // the 76th waits for 20 tokens
    advance(400);
    expect(b.reserve(20)).toBe(400); // it reserved them: the next one queues behind it
  });

  it('never asks a caller to wait for more than the bucket holds', () => {
    const { b } = bucket(10, 5);
    expect(b.reserve(50)).toBe(0);
    expect(b.reserve(1)).toBe(200);
  });

  it('uses the documented presence limits: 1,500 per 30 s per app per tenant', () => {
    expect(LIMITS.write).toEqual({ capacity: 1500, refillPerSecond: 50 });
    expect(LIMITS.write.refillPerSecond * 30).toBe(1500);
    expect(LIMITS.read.capacity).toBeGreaterThan(0);
  });
});

describe('TokenBucket.refund', () => {
  it('gives reserved tokens back, never beyond the capacity', () => {
    const { b } = bucket(100, 50);
    expect(b.reserve(100)).toBe(0);
    expect(b.reserve(50)).toBe(1000);
    b.refund(50);
    expect(b.available()).toBe(0);
    b.refund(500);
    expect(b.available()).toBe(100);
  });
});
