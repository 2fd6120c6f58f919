/**
 * bench:presence, pure: pairing each generated presence change with the delivery that carried it
 * (an emulator setPresence/clearPresence for CloudLink → Teams, a MiCollab update received by the
 * gateway simulator for Teams → MiCollab), the latency figures, and the time to converge after an
 * outage. Times are ms since the epoch with sub-ms precision (performance.timeOrigin + now()),
 * taken in the bench process, where the emulator and the simulator run too: one clock.
 */
import { performance } from 'node:perf_hooks';

export const preciseNow = () => performance.timeOrigin + performance.now();

export type Phase = 'steady' | 'outage' | 'recovery';

/** One change the bench made: `key` is the user (Azure id or PBX user id), `state` what it became. */
export interface Change {
  key: string;
  state: string;
  t: number;
  phase: Phase;
}
/** Something the far side recorded for a user: the state it now shows, and when. */
export interface Delivery {
  key: string;
  state: string;
  at: number;
}
export interface Matched {
  change: Change;
  at: number;
  latencyMs: number;
}
export interface MatchResult {
  delivered: Matched[];
  /** The user changed again before any delivery of this state: the portal wrote the newer one only. */
  superseded: Change[];
  /** A user's last change, never delivered: lost unless the far side shows its state anyway (coalesced to no write). */
  lost: Change[];
}

function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

/**
 * A change is delivered by the first delivery of the same user and state at or after it and before
 * the user's next change; deliveries are used once each, in order. Changes are in the order made.
 */
export function matchChanges(changes: readonly Change[], deliveries: readonly Delivery[]): MatchResult {
  const result: MatchResult = { delivered: [], superseded: [], lost: [] };
  const byUser = groupBy([...deliveries].sort((a, b) => a.at - b.at), (d) => d.key);
  for (const [key, list] of groupBy(changes, (c) => c.key)) {
    const got = byUser.get(key) ?? [];
    let next = 0;
    list.forEach((change, i) => {
      const until = list[i + 1]?.t ?? Infinity;
      while (next < got.length && got[next]!.at < change.t) next++;
      let j = next;
      while (j < got.length && got[j]!.at < until && got[j]!.state !== change.state) j++;
      if (j < got.length && got[j]!.at < until) {
        result.delivered.push({ change, at: got[j]!.at, latencyMs: got[j]!.at - change.t });
        next = j + 1;
      } else {
        (i + 1 < list.length ? result.superseded : result.lost).push(change);
      }
    });
  }
  return result;
}

/**
 * After an outage from `start` to `end`, the load going on: a user is caught up at the first moment
 * from `end` on when the far side shows the state of the user's latest change made by then (the
 * shown state follows the deliveries; before any, `initial`). The time to converge is the latest of
 * those moments, less `end`; `pending` users never were by the last delivery recorded.
 */
export function convergence(changes: readonly Change[], deliveries: readonly Delivery[], initial: string, start: number, end: number): { ms: number | null; users: number; pending: number } {
  const byUser = groupBy([...deliveries].sort((a, b) => a.at - b.at), (d) => d.key);
  let latest = end;
  let users = 0;
  let pending = 0;
  for (const [key, list] of groupBy(changes, (c) => c.key)) {
    if (!list.some((c) => c.t < end)) continue;
    if (list.some((c) => c.t >= start && c.t < end)) users++;
    const got = byUser.get(key) ?? [];
    const desiredAt = (t: number) => list.filter((c) => c.t <= t).at(-1)!.state;
    const shownAt = (t: number) => got.filter((d) => d.at <= t).at(-1)?.state ?? initial;
    const moments = [end, ...got.filter((d) => d.at > end).map((d) => d.at), ...list.filter((c) => c.t > end).map((c) => c.t)].sort((a, b) => a - b);
    const caught = moments.find((t) => shownAt(t) === desiredAt(t));
    if (caught === undefined) pending++;
    else latest = Math.max(latest, caught);
  }
  return { ms: pending ? null : latest - end, users, pending };
}

/** Nearest-rank percentile. */
export function percentile(values: readonly number[], p: number): number | null {
  if (!values.length) return null;
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export interface LatencySummary {
  count: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  max: number | null;
  mean: number | null;
}
export function summarize(values: readonly number[]): LatencySummary {
  const round = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);
  return {
    count: values.length,
    p50: round(percentile(values, 50)),
    p95: round(percentile(values, 95)),
    p99: round(percentile(values, 99)),
    max: round(percentile(values, 100)),
    mean: round(values.length ? values.reduce((a, b) => a + b, 0) / values.length : null),
  };
}

export const fmtMs = (v: number | null | undefined) => (v === null || v === undefined ? '—' : v >= 10_000 ? `${(v / 1000).toFixed(1)} s` : `${Math.round(v)} ms`);
export const fmtS = (ms: number | null | undefined) => (ms === null || ms === undefined ? '—' : `${(ms / 1000).toFixed(1)} s`);

/**
 * Paced load: `emit()` is called `rate` times a second (on average exactly, catching up after a busy
 * event loop) until `stop()`; the phase label can change on the fly.
 */
export function startLoad(rate: number, emit: () => void): { stop: () => void; sent: () => number } {
  const started = performance.now();
  let sent = 0;
  let stopped = false;
  const tick = () => {
    if (stopped) return;
    const due = Math.floor(((performance.now() - started) / 1000) * rate);
    while (sent < due && !stopped) {
      emit();
      sent++;
    }
    setTimeout(tick, 5);
  };
  tick();
  return { stop: () => void (stopped = true), sent: () => sent };
}
