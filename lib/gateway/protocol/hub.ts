import 'server-only';
import postgres from 'postgres';

/**
 * Wakes long-polls and waiting jobs across processes (protocol §3): a queued command is announced
 * with `NOTIFY gateway_commands, '<gatewayId>'`, a result with `NOTIFY gateway_results,
 * '<commandId>'`. Each process holds one listening connection and fans the notifications out to
 * its waiters, so the web process that holds a gateway's poll hears about a command queued by a
 * worker anywhere — no sticky sessions. A waiter also times out on its own: a notification lost
 * while the connection reconnected costs at most that wait, never the command.
 */
/** `teams_presence` / `micollab_presence '<accountId>'`: a presence write to Teams (TEAMS-2) or to MiCollab (TEAMS-4) is due; the pushers watch key `*`. */
export type Channel = 'gateway_commands' | 'gateway_results' | 'teams_presence' | 'micollab_presence';

/** The key that hears every notification of its channel. */
export const ANY_KEY = '*';

interface HubState {
  sql: postgres.Sql;
  ready: Map<Channel, Promise<unknown>>;
  waiters: Map<string, Set<() => void>>;
}
const holder = globalThis as typeof globalThis & { __gatewayHub?: HubState };

function hub(): HubState {
  if (!holder.__gatewayHub) {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error('DATABASE_URL is not set');
    holder.__gatewayHub = { sql: postgres(url, { max: 1, onnotice: () => undefined, connection: { application_name: 'uc-portal-gateway-hub' } }), ready: new Map(), waiters: new Map() };
  }
  return holder.__gatewayHub;
}

function listen(channel: Channel): Promise<unknown> {
  const h = hub();
  let ready = h.ready.get(channel);
  if (!ready) {
    ready = h.sql.listen(channel, (key) => wake(channel, key)).catch((e: unknown) => {
      h.ready.delete(channel);
      throw e;
    });
    h.ready.set(channel, ready);
  }
  return ready;
}

function wake(channel: Channel, key: string): void {
  for (const id of [`${channel}:${key}`, `${channel}:${ANY_KEY}`]) {
    const set = hub().waiters.get(id);
    if (set) for (const resolve of [...set]) resolve();
  }
}

export interface Watch {
  /** True as soon as `key` was notified since the watch began or the last wait; false when `ms` run out or `signal` aborts. */
  wait(ms: number, signal?: AbortSignal): Promise<boolean>;
  close(): void;
}

/**
 * Watches one key. Begin the watch before checking the database and wait after: a notification
 * that arrives in between is kept, not missed.
 */
export async function watch(channel: Channel, key: string): Promise<Watch> {
  await listen(channel);
  const h = hub();
  const id = `${channel}:${key}`;
  let fired = false;
  let release: (() => void) | null = null;
  const onWake = () => {
    fired = true;
    release?.();
  };
  const set = h.waiters.get(id) ?? new Set();
  h.waiters.set(id, set);
  set.add(onWake);
  return {
    wait(ms, signal) {
      if (fired) {
        fired = false;
        return Promise.resolve(true);
      }
      return new Promise<boolean>((resolve) => {
        const done = (value: boolean) => {
          clearTimeout(timer);
          signal?.removeEventListener('abort', onAbort);
          release = null;
          fired = false;
          resolve(value);
        };
        const onAbort = () => done(false);
        const timer = setTimeout(() => done(false), ms);
        release = () => done(true);
        if (signal?.aborted) return done(false);
        signal?.addEventListener('abort', onAbort, { once: true });
      });
    },
    close() {
      release?.();
      set.delete(onWake);
      if (set.size === 0) h.waiters.delete(id);
    },
  };
}

export async function closeHub(): Promise<void> {
  const h = holder.__gatewayHub;
  holder.__gatewayHub = undefined;
  await h?.sql.end({ timeout: 5 });
}
