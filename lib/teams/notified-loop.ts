import 'server-only';
import { ANY_KEY, watch, type Channel, type Watch } from '@/lib/gateway/protocol/hub';

/** Without a notification (lost while reconnecting, a session to refresh, a hold ending) a loop still looks this often. */
const POLL_MS = 1000;

export interface Loop {
  stop(): Promise<void>;
}
const holder = globalThis as typeof globalThis & { __notifiedLoops?: Map<string, Loop> };

/**
 * A worker loop woken by `NOTIFY <channel>` (any key) and by a 1-second poll: it runs `round`
 * until a round takes less than a full batch, then waits. pg-boss polls each queue at best every
 * second, too slow for presence; this wakes within milliseconds of the commit that made work due.
 * All its state is in PostgreSQL, so one loop per process shares the work with the others (their
 * rounds claim rows with SKIP LOCKED) and a restart loses nothing.
 */
export function startNotifiedLoop(name: string, channel: Channel, round: () => Promise<{ claimed: number }>, batch: number): Loop {
  const loops = (holder.__notifiedLoops ??= new Map());
  const running = loops.get(name);
  if (running) return running;
  const controller = new AbortController();
  let w: Watch | null = null;
  const done = (async () => {
    while (!controller.signal.aborted) {
      try {
        w ??= await watch(channel, ANY_KEY);
        const { claimed } = await round();
        if (claimed >= batch) continue;
        await w.wait(POLL_MS, controller.signal);
      } catch (e) {
        const cause = e instanceof Error && e.cause instanceof Error ? ` (${e.cause.message})` : '';
        console.error(`[${name}] round failed: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}${cause}`);
        w?.close();
        w = null;
        await new Promise((r) => setTimeout(r, POLL_MS));
      }
    }
  })();
  const loop: Loop = {
    async stop() {
      controller.abort();
      await done;
      w?.close();
      loops.delete(name);
    },
  };
  loops.set(name, loop);
  return loop;
}

/** Stops every loop of this process (tests, before their database goes). */
export async function stopNotifiedLoops(): Promise<void> {
  await Promise.all([...(holder.__notifiedLoops?.values() ?? [])].map((l) => l.stop()));
}
