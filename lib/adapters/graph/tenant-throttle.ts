import 'server-only';
import { realClock, TokenBucket, type Clock } from './token-bucket';

export type Bucket = 'write' | 'read';

/**
 * Graph allows about 1,500 presence requests per 30 s per app per tenant (presence-setpresence,
 * throttling-limits): a burst of 1,500, then 50 a second. Reads get a bucket of their own so a
 * verification or a monitor is never starved by a push round.
 */
export const LIMITS: Record<Bucket, { capacity: number; refillPerSecond: number }> = {
  write: { capacity: 1500, refillPerSecond: 50 },
  read: { capacity: 1500, refillPerSecond: 50 },
};

/**
 * One tenant's shared pacing: its buckets, and the tenant-wide pause a 429 sets. Every call of the
 * tenant waits for the pause, so a throttled tenant stops at once instead of each caller finding
 * out on its own.
 */
export class TenantThrottle {
  private pausedUntil = 0;
  private readonly buckets: Record<Bucket, TokenBucket>;

  constructor(readonly clock: Clock = realClock, limits = LIMITS) {
    this.buckets = {
      write: new TokenBucket(limits.write.capacity, limits.write.refillPerSecond, () => clock.now()),
      read: new TokenBucket(limits.read.capacity, limits.read.refillPerSecond, () => clock.now()),
    };
  }

  /** Pauses the tenant for `ms` from now (a later pause never shortens an earlier one). */
  pause(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.clock.now() + ms);
  }

  /** Milliseconds left of the tenant-wide pause. */
  pauseLeft(): number {
    return Math.max(0, this.pausedUntil - this.clock.now());
  }

  /** Waits out the pause, then `cost` tokens of the bucket (a `$batch` costs one per inner request). */
  async acquire(bucket: Bucket | null, cost = 1): Promise<void> {
    await this.waitPause();
    if (!bucket || cost <= 0) return;
    const wait = this.buckets[bucket].reserve(cost);
    if (wait > 0) await this.clock.sleep(wait);
    await this.waitPause();
  }

  /** Gives back what `acquire` took for requests that never reached Graph (connection refused). */
  refund(bucket: Bucket | null, cost = 1): void {
    if (bucket && cost > 0) this.buckets[bucket].refund(cost);
  }

  private async waitPause(): Promise<void> {
    for (let left = this.pauseLeft(); left > 0; left = this.pauseLeft()) await this.clock.sleep(left);
  }
}

const tenants = new Map<string, TenantThrottle>();

export function tenantThrottle(tenantId: string): TenantThrottle {
  const key = tenantId.toLowerCase();
  let t = tenants.get(key);
  if (!t) tenants.set(key, (t = new TenantThrottle()));
  return t;
}

export function resetTenantThrottles(): void {
  tenants.clear();
}
