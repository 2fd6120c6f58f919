/**
 * bench:presence, the measured run, the same for both directions: a settle pause, BENCH_SECONDS of
 * steady load at BENCH_RATE changes/s (random users, each change flipping the user's state), an
 * outage of BENCH_OUTAGE_SECONDS with the load going on, BENCH_RECOVERY_SECONDS more load after it,
 * then the load stops and the bench waits until every user's far-side state equals its last change
 * (final convergence; not reaching it within BENCH_CONVERGE_TIMEOUT_SECONDS is a functional failure).
 * The direction says how to make a change, what the far side recorded, and what an outage is.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { convergence, matchChanges, preciseNow, startLoad, summarize, type Change, type Delivery, type LatencySummary, type Phase } from './presence-match';

export interface Direction {
  /** One entry per user: `key` names the user in changes and deliveries. */
  keys: string[];
  initial: string;
  /** The next state of a user (alternating). */
  flip(state: string): string;
  /** Makes the change; the state recorded in the Change is `delivered(state)`. */
  apply(index: number, state: string): void;
  /** How a delivery names the state a change leads to. */
  delivered(state: string): string;
  deliveries(since: number): Delivery[];
  /** Users whose far side does not (yet) show their last state. */
  mismatches(last: readonly string[]): number;
  outageStart(ms: number): Promise<void> | void;
  outageEnd(): Promise<void> | void;
  /** Sampled every 500 ms from the outage's start until the final convergence. */
  sample(): Promise<void>;
  /** Far-side requests (Graph calls, notifications, gateway commands) in [from, to). */
  costs(from: number, to: number): Promise<Record<string, number>>;
}

export interface RunOptions {
  rate: number;
  seconds: number;
  settleSeconds: number;
  outageSeconds: number;
  recoverySeconds: number;
  convergeTimeoutMs: number;
  log: (s: string) => void;
  /** CPU seconds of the portal's processes so far. */
  portalCpu: () => number;
}

export interface RunResult {
  sent: Record<Phase, number>;
  steady: LatencySummary & { matched: number; coalesced: number; ratePerSecond: number; drainMs: number | null; costs: Record<string, number>; perChange: Record<string, number>; portalCpuPercent: number; benchCpuPercent: number };
  outage: {
    seconds: number;
    latency: LatencySummary;
    /** Users changed during the outage. */
    usersChanged: number;
    /** From the outage's end until every user's last change before it was delivered (load still on). */
    convergeMs: number | null;
    pending: number;
    loadStoppedAfterMs: number;
    /** From the load's stop until the far side matched every user's last state. */
    finalConvergeMs: number | null;
    finalMismatches: number;
  };
  recovery: LatencySummary;
  totals: { sent: number; matched: number; coalesced: number; lostUsers: number };
}

export async function runPhases(d: Direction, o: RunOptions): Promise<RunResult> {
  const last = d.keys.map(() => d.initial);
  const lastAt = new Float64Array(d.keys.length);
  const changes: Change[] = [];
  let phase: Phase = 'steady';
  const emit = () => {
    let i = Math.floor(Math.random() * d.keys.length);
    // Never two changes of one user within 50 ms: the gateway's `at` has millisecond precision.
    for (let tries = 0; preciseNow() - lastAt[i]! < 50 && tries < 20; tries++) i = Math.floor(Math.random() * d.keys.length);
    const state = d.flip(last[i]!);
    const t = preciseNow();
    d.apply(i, state);
    last[i] = state;
    lastAt[i] = t;
    changes.push({ key: d.keys[i]!, state: d.delivered(state), t, phase });
  };

  if (o.settleSeconds > 0) {
    o.log(`  settling ${o.settleSeconds} s …`);
    await sleep(o.settleSeconds * 1000);
  }
  o.log(`  steady load: ${o.rate} changes/s for ${o.seconds} s …`);
  const steadyFrom = preciseNow();
  const cpuFrom = { portal: o.portalCpu(), self: process.cpuUsage() };
  let load = startLoad(o.rate, emit);
  await sleep(o.seconds * 1000);
  load.stop();
  const steadyTo = preciseNow();
  const portalCpu = o.portalCpu() - cpuFrom.portal;
  const self = process.cpuUsage(cpuFrom.self);
  // The steady run's last changes are written before the outage starts, so none of them waits it out.
  let drainMismatches = d.mismatches(last);
  while (drainMismatches > 0 && preciseNow() - steadyTo < 60_000) {
    await sleep(100);
    drainMismatches = d.mismatches(last);
  }
  const drainedAt = preciseNow();

  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      await d.sample().catch((e: unknown) => o.log(`  sample failed: ${String(e)}`));
      await sleep(500);
    }
  })();
  o.log(`  outage: ${o.outageSeconds} s, load going on …`);
  phase = 'outage';
  const outageFrom = preciseNow();
  load = startLoad(o.rate, emit);
  await d.outageStart(o.outageSeconds * 1000);
  await sleep(Math.max(0, outageFrom + o.outageSeconds * 1000 - preciseNow()));
  await d.outageEnd();
  const outageTo = preciseNow();
  phase = 'recovery';
  o.log(`  outage over; ${o.recoverySeconds} s more load …`);
  await sleep(o.recoverySeconds * 1000);
  load.stop();
  const stoppedAt = preciseNow();
  o.log('  load stopped; waiting for the final convergence …');
  let finalMismatches = d.mismatches(last);
  while (finalMismatches > 0 && preciseNow() - stoppedAt < o.convergeTimeoutMs) {
    await sleep(250);
    finalMismatches = d.mismatches(last);
  }
  const finalAt = preciseNow();
  sampling = false;
  await sampler;
  await sleep(1000); // deliveries of the last moments recorded

  const allDeliveries = d.deliveries(steadyFrom - 1);
  const match = matchChanges(changes, allDeliveries);
  const conv = convergence(changes, allDeliveries, d.delivered(d.initial), outageFrom, outageTo);
  const latencies = (p: Phase) => match.delivered.filter((m) => m.change.phase === p).map((m) => m.latencyMs);
  const count = (list: readonly Change[], p: Phase) => list.filter((c) => c.phase === p).length;
  const sent = { steady: count(changes, 'steady'), outage: count(changes, 'outage'), recovery: count(changes, 'recovery') };
  const costs = await d.costs(steadyFrom, drainedAt);
  const secondsOf = (ms: number) => ms / 1000;
  return {
    sent,
    steady: {
      ...summarize(latencies('steady')),
      matched: latencies('steady').length,
      coalesced: count(match.superseded, 'steady') + count(match.lost, 'steady'),
      ratePerSecond: Math.round((sent.steady / secondsOf(steadyTo - steadyFrom)) * 10) / 10,
      drainMs: drainMismatches === 0 ? Math.round(drainedAt - steadyTo) : null,
      costs,
      perChange: Object.fromEntries(Object.entries(costs).map(([k, v]) => [k, Math.round((v / Math.max(1, sent.steady)) * 1000) / 1000])),
      portalCpuPercent: Math.round((portalCpu / secondsOf(steadyTo - steadyFrom)) * 100),
      benchCpuPercent: Math.round(((self.user + self.system) / 1e6 / secondsOf(steadyTo - steadyFrom)) * 100),
    },
    outage: {
      seconds: o.outageSeconds,
      latency: summarize(latencies('outage')),
      usersChanged: conv.users,
      convergeMs: conv.ms === null ? null : Math.round(conv.ms),
      pending: conv.pending,
      loadStoppedAfterMs: Math.round(stoppedAt - outageTo),
      finalConvergeMs: finalMismatches === 0 ? Math.round(finalAt - stoppedAt) : null,
      finalMismatches,
    },
    recovery: summarize(latencies('recovery')),
    // A change not delivered was coalesced (the user changed again first, or back before the write):
    // fine as long as the far side ends up right; the users it is wrong for at the end are lost.
    totals: { sent: changes.length, matched: match.delivered.length, coalesced: match.superseded.length + match.lost.length, lostUsers: finalMismatches },
  };
}
