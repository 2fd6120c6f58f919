import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { gatewayCommands, gateways } from '@/db/schema';
import { watch } from '@/lib/gateway/protocol/hub';
import { GatewayCommandError, GatewayOfflineError } from './errors';
import { isOnline } from './online';

export interface GatewayRef {
  id: string;
  accountId: string | null;
}

/**
 * Queues one command for a gateway's long-poll (protocol §3) and waits for its result. An offline
 * gateway is refused at once; a command not answered within `timeoutMs` expires (it is never
 * delivered later) and counts as the gateway going offline.
 */
export async function sendCommand<R extends Record<string, unknown>>(gw: GatewayRef, type: string, payload: Record<string, unknown>, timeoutMs = 30_000): Promise<R> {
  const [row] = await db().select({ lastSeenAt: gateways.lastSeenAt }).from(gateways).where(eq(gateways.id, gw.id)).limit(1);
  if (!row || !isOnline(row.lastSeenAt)) throw new GatewayOfflineError(gw.id);
  const expiresAt = new Date(Date.now() + timeoutMs);
  const id = await db().transaction(async (tx) => {
    const [cmd] = await tx.insert(gatewayCommands).values({ gatewayId: gw.id, accountId: gw.accountId, type, payload, expiresAt }).returning({ id: gatewayCommands.id });
    await tx.execute(sql`select pg_notify('gateway_commands', ${gw.id})`);
    return cmd!.id;
  });
  const w = await watch('gateway_results', id);
  try {
    for (;;) {
      const [cmd] = await db().select().from(gatewayCommands).where(eq(gatewayCommands.id, id)).limit(1);
      if (cmd?.status === 'done') return (cmd.result ?? {}) as R;
      if (cmd?.status === 'failed') throw new GatewayCommandError(cmd.error?.code ?? 'unknown', cmd.error?.message ?? '');
      const left = expiresAt.getTime() - Date.now();
      if (left <= 0) {
        await db()
          .update(gatewayCommands)
          .set({ status: 'expired' })
          .where(and(eq(gatewayCommands.id, id), eq(gatewayCommands.status, 'pending')));
        throw new GatewayOfflineError(gw.id);
      }
      await w.wait(Math.min(left, 2000));
    }
  } finally {
    w.close();
  }
}
