import 'server-only';

export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))),
};

/**
 * A token bucket: `capacity` requests at once, then `refillPerSecond`. `reserve(n)` takes the
 * tokens at once (the balance may go negative, so waiters queue in order) and says how long the
 * caller must wait before sending.
 */
export class TokenBucket {
  private tokens: number;
  private at: number;

  constructor(
    readonly capacity: number,
    readonly refillPerSecond: number,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = capacity;
    this.at = now();
  }

  private refill(): void {
    const t = this.now();
    this.tokens = Math.min(this.capacity, this.tokens + ((t - this.at) / 1000) * this.refillPerSecond);
    this.at = t;
  }

  /** Milliseconds to wait before the `n` reserved requests may go. */
  reserve(n = 1): number {
    this.refill();
    this.tokens -= Math.min(n, this.capacity);
    return this.tokens >= 0 ? 0 : Math.ceil((-this.tokens / this.refillPerSecond) * 1000);
  }

  /** Gives back `n` reserved tokens (requests that never reached the server), never beyond the capacity. */
  refund(n = 1): void {
    this.refill();
    this.tokens = Math.min(this.capacity, this.tokens + Math.min(n, this.capacity));
  }

  available(): number {
    this.refill();
    return this.tokens;
  }
}
