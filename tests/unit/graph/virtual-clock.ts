import type { Clock } from '@/lib/adapters/graph/token-bucket';

/** Virtual time for the pacing tests: sleeps resolve only when `run()` moves the clock to them. */
export class VirtualClock implements Clock {
  private t = 0;
  private timers: { at: number; resolve: () => void }[] = [];
  readonly slept: number[] = [];

  now = (): number => this.t;

  sleep = (ms: number): Promise<void> => {
    this.slept.push(ms);
    return new Promise((resolve) => this.timers.push({ at: this.t + Math.max(0, ms), resolve }));
  };

  /** Runs every timer in time order (letting promise chains settle in between) until none is left. */
  async run(): Promise<void> {
    for (;;) {
      for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
      if (!this.timers.length) return;
      this.timers.sort((a, b) => a.at - b.at);
      const next = this.timers.shift()!;
      this.t = Math.max(this.t, next.at);
      next.resolve();
    }
  }
}
