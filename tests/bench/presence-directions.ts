/**
 * bench:presence, the two directions (see presence-run.ts for what a Direction is):
 * - CloudLink → Teams: a change is a lineState event of the gateway simulator (busy/idle); it is
 *   delivered when the emulator records our app's setPresence Busy/InACall (busy) or clearPresence
 *   (idle) for the user's Azure id; the outage is the emulator's `down` fault (its HTTPS listener
 *   closed, connections refused). Sampled: the tenant's backoff and the portal's backlog.
 * - Teams → MiCollab: a change is the Teams client state (InCall/Active) set in the emulator; it is
 *   delivered when the gateway simulator records the MiCollab update (Busy/Available) for the PBX
 *   user; the outage is the gateway offline (`setFaults({offline: true})`). A Graph `down` fault
 *   would not interrupt this direction: the emulator's change notifications are outgoing requests
 *   and keep flowing, and the pusher reads nothing from Graph while notifications carry the presence.
 */
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type postgres from 'postgres';
import type { Account, Emulator } from './presence-setup';
import type { Delivery } from './presence-match';
import { preciseNow } from './presence-match';
import type { Direction } from './presence-run';

export interface Sample {
  t: number;
  backlog: number;
  [k: string]: unknown;
}
export interface Samples {
  list: Sample[];
  maxBacklog: number;
  reasons: Record<string, number>;
  [k: string]: unknown;
}

const iso = (ms: number) => new Date(ms).toISOString();

async function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

export function toTeams(sql: postgres.Sql, emu: Emulator, acct: Account): Direction & { samples: Samples } {
  const control = emu.graph.control;
  const samples: Samples = { list: [], maxBacklog: 0, reasons: {}, maxBackoffSeconds: 0, maxOutageStreak: 0, backoffSeenAfterMs: null as number | null };
  let outageFrom = 0;
  const isBusy = (azureId: string) => control.getPresence(emu.tenantId, azureId).sessions.some((s) => s.sessionId === emu.clientId && s.availability === 'Busy');
  return {
    samples,
    keys: acct.users.map((u) => u.azureId),
    initial: 'idle',
    flip: (s) => (s === 'busy' ? 'idle' : 'busy'),
    apply: (i, state) => void acct.sim.emit({ type: 'lineState', pbxUserId: acct.users[i]!.pbxUserId, state: state as 'busy' | 'idle' }),
    delivered: (s) => s,
    deliveries(since): Delivery[] {
      const out: Delivery[] = [];
      for (const c of control.calls({ tenant: emu.tenantId, op: 'presenceWrite', since })) {
        if (!c.userId) continue;
        const body = (c.body ?? {}) as { availability?: string; sessionId?: string };
        if (c.op === 'setPresence' && c.status >= 200 && c.status < 300) out.push({ key: c.userId, state: body.availability === 'Busy' ? 'busy' : `set:${body.availability}`, at: c.at });
        else if (c.op === 'clearPresence' && ((c.status >= 200 && c.status < 300) || c.status === 404)) out.push({ key: c.userId, state: 'idle', at: c.at });
      }
      return out;
    },
    mismatches: (last) => acct.users.reduce((n, u, i) => n + (isBusy(u.azureId) !== (last[i] === 'busy') ? 1 : 0), 0),
    outageStart(ms) {
      outageFrom = preciseNow();
      control.addFault({ kind: 'down', durationMs: ms });
    },
    async outageEnd() {
      for (let i = 0; i < 500 && !(await listening(emu.graph.port)); i++) await sleep(10);
    },
    async sample() {
      const [c] = await sql<{ backoff_until: Date | null; backoff_reason: string | null; outage_streak: number; now: Date }[]>`
        select backoff_until, backoff_reason, outage_streak, now() from teams_connections where account_id = ${acct.accountId}`;
      const [b] = await sql<{ n: number }[]>`select count(*)::int as n from teams_presence_users where account_id = ${acct.accountId} and (dirty_since is not null or claimed_until is not null)`;
      const t = Math.round(preciseNow() - outageFrom);
      const backoffSeconds = c?.backoff_until ? Math.max(0, (c.backoff_until.getTime() - c.now.getTime()) / 1000) : 0;
      samples.list.push({ t, backlog: b!.n, backoffUntil: c?.backoff_until?.toISOString() ?? null, backoffReason: c?.backoff_reason ?? null, outageStreak: c?.outage_streak ?? 0 });
      samples.maxBacklog = Math.max(samples.maxBacklog, b!.n);
      if (c?.backoff_reason) samples.reasons[c.backoff_reason] = (samples.reasons[c.backoff_reason] ?? 0) + 1;
      if (c?.backoff_until && samples.backoffSeenAfterMs === null) samples.backoffSeenAfterMs = t;
      samples.maxBackoffSeconds = Math.max(samples.maxBackoffSeconds as number, Math.round(backoffSeconds * 10) / 10);
      samples.maxOutageStreak = Math.max(samples.maxOutageStreak as number, c?.outage_streak ?? 0);
    },
    async costs(from, to) {
      const calls = control.calls({ tenant: emu.tenantId, since: from }).filter((c) => c.at < to);
      const writes = (c: (typeof calls)[number]) => c.op === 'setPresence' || c.op === 'clearPresence';
      return {
        graphHttpRequests: calls.filter((c) => c.batch === undefined).length,
        batchRequests: calls.filter((c) => c.op === 'batch').length,
        writesInBatches: calls.filter((c) => c.batch !== undefined && writes(c)).length,
        directWrites: calls.filter((c) => c.batch === undefined && writes(c)).length,
        setPresence: calls.filter((c) => c.op === 'setPresence').length,
        clearPresence: calls.filter((c) => c.op === 'clearPresence').length,
        tokenRequests: calls.filter((c) => c.op === 'token').length,
        failedCalls: calls.filter((c) => c.status >= 400 && !(c.op === 'clearPresence' && c.status === 404)).length,
      };
    },
  };
}

export function fromTeams(sql: postgres.Sql, emu: Emulator, acct: Account): Direction & { samples: Samples } {
  const control = emu.graph.control;
  const samples: Samples = { list: [], maxBacklog: 0, reasons: {}, maxPendingCommands: 0 };
  let outageFrom = 0;
  const availability = (s: string) => (s === 'InCall' ? 'Busy' : s === 'Active' ? 'Available' : 'Offline');
  return {
    samples,
    keys: acct.users.map((u) => u.pbxUserId),
    initial: 'Offline',
    flip: (s) => (s === 'InCall' ? 'Active' : 'InCall'),
    apply: (i, state) => void control.setClientState(emu.tenantId, acct.users[i]!.azureId, state as 'InCall' | 'Active'),
    delivered: availability,
    deliveries: (since) => acct.sim.micollabPresence(since).received.map((e) => ({ key: e.pbxUserId, state: e.availability, at: e.at })),
    mismatches(last) {
      const current = new Map(acct.sim.micollabPresence(Infinity).current.map((e) => [e.pbxUserId, e.availability]));
      return acct.users.reduce((n, u, i) => n + (last[i] !== 'Offline' && current.get(u.pbxUserId) !== availability(last[i]!) ? 1 : 0), 0);
    },
    outageStart() {
      outageFrom = preciseNow();
      acct.sim.setFaults({ offline: true });
    },
    async outageEnd() {
      acct.sim.setFaults({ offline: false });
      await acct.sim.waitFor((s) => s.online, 30_000).catch(() => undefined);
    },
    async sample() {
      const [b] = await sql<{ n: number }[]>`select count(*)::int as n from teams_presence_users where account_id = ${acct.accountId} and (micollab_due_since is not null or micollab_claimed_until > now())`;
      const errors = await sql<{ e: string; n: number }[]>`select micollab_error as e, count(*)::int as n from teams_presence_users where account_id = ${acct.accountId} and micollab_error is not null group by 1`;
      const [cmd] = await sql<{ n: number }[]>`select count(*)::int as n from gateway_commands where account_id = ${acct.accountId} and type = 'setMicollabPresence' and status = 'pending'`;
      samples.list.push({ t: Math.round(preciseNow() - outageFrom), backlog: b!.n, errors: Object.fromEntries(errors.map((r) => [r.e, r.n])), pendingCommands: cmd!.n });
      samples.maxBacklog = Math.max(samples.maxBacklog, b!.n);
      samples.maxPendingCommands = Math.max(samples.maxPendingCommands as number, cmd!.n);
      for (const r of errors) samples.reasons[r.e] = Math.max(samples.reasons[r.e] ?? 0, r.n);
    },
    async costs(from, to) {
      const change = control.notifications().filter((n) => n.kind === 'change' && n.at >= from && n.at < to);
      const items = change.reduce((n, x) => n + (((x.body as { value?: unknown[] } | null)?.value?.length) ?? 0), 0);
      const calls = control.calls({ tenant: emu.tenantId, since: from }).filter((c) => c.at < to);
      const commands = await sql<{ status: string; n: number; updates: number }[]>`
        select status::text, count(*)::int as n, coalesce(sum(jsonb_array_length(payload->'updates')), 0)::int as updates from gateway_commands
         where account_id = ${acct.accountId} and type = 'setMicollabPresence' and created_at >= ${iso(from)}::timestamptz and created_at < ${iso(to)}::timestamptz group by 1`;
      return {
        notificationPosts: change.length,
        notificationItems: items,
        notificationFailures: change.filter((n) => !n.ok).length,
        graphHttpRequests: calls.filter((c) => c.batch === undefined).length,
        gatewayCommands: commands.reduce((n, r) => n + r.n, 0),
        gatewayCommandUpdates: commands.reduce((n, r) => n + r.updates, 0),
        gatewayCommandsNotDone: commands.filter((r) => r.status !== 'done').reduce((n, r) => n + r.n, 0),
      };
    },
  };
}
