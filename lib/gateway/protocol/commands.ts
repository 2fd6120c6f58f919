import 'server-only';
import { and, asc, eq, gt, inArray, sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { gatewayCommands } from '@/db/schema';
import type { AuthenticatedGateway } from './authenticate';
import { isUuid } from '@/lib/ids';
import { ProtocolError } from './errors';
import { watch } from './hub';
import { readBody } from './read-body';
import { BODY_LIMITS, ResultBody } from './schemas';

const MAX_PER_POLL = 20;

async function pending(gatewayId: string) {
  const rows = await db()
    .select({ id: gatewayCommands.id, type: gatewayCommands.type, payload: gatewayCommands.payload, issuedAt: gatewayCommands.createdAt, expiresAt: gatewayCommands.expiresAt })
    .from(gatewayCommands)
    .where(and(eq(gatewayCommands.gatewayId, gatewayId), eq(gatewayCommands.status, 'pending'), gt(gatewayCommands.expiresAt, sql`now()`)))
    .orderBy(asc(gatewayCommands.createdAt))
    .limit(MAX_PER_POLL);
  if (rows.length) {
    await db()
      .update(gatewayCommands)
      .set({ deliveries: sql`${gatewayCommands.deliveries} + 1` })
      .where(inArray(gatewayCommands.id, rows.map((r) => r.id)));
  }
  return rows;
}

/**
 * Protocol §3 `GET /commands?wait=N`: the gateway's long-poll. Answers at once with the commands
 * not yet acknowledged, or waits for a NOTIFY from whichever process queues one.
 */
export async function pollCommands(request: Request, gateway: AuthenticatedGateway): Promise<Response> {
  const waitParam = Number(new URL(request.url).searchParams.get('wait') ?? 25);
  if (!Number.isInteger(waitParam) || waitParam < 1 || waitParam > 30) throw new ProtocolError(400, 'invalid_request', 'wait must be a whole number of seconds from 1 to 30.');
  // Up to a fifth shorter at random: gateways that connected together (after a portal restart)
  // drift apart instead of all renewing their polls in the same instant every `wait` seconds.
  const deadline = Date.now() + waitParam * 1000 * (1 - Math.random() * 0.2);
  const w = await watch('gateway_commands', gateway.id);
  try {
    for (;;) {
      const commands = await pending(gateway.id);
      const left = deadline - Date.now();
      if (commands.length || left <= 0 || request.signal.aborted) {
        return Response.json({ commands, serverTime: new Date().toISOString() }, { headers: { 'cache-control': 'no-store' } });
      }
      // Re-checks every 5 s as well: a notification lost in a reconnect costs seconds, not the command.
      await w.wait(Math.min(left, 5000), request.signal);
    }
  } finally {
    w.close();
  }
}

/** Protocol §3 `POST /commands/<id>/result`: the first result counts, a repeat is a harmless duplicate. */
export async function postResult(request: Request, gateway: AuthenticatedGateway, commandId: string): Promise<Response> {
  if (!isUuid(commandId)) throw new ProtocolError(404, 'unknown_command', 'No such command for this gateway.');
  const body = await readBody(request, ResultBody, BODY_LIMITS.result);
  return db().transaction(async (tx) => {
    const [updated] = await tx
      .update(gatewayCommands)
      .set(
        body.status === 'ok'
          ? { status: 'done', result: body.result, completedAt: new Date() }
          : { status: 'failed', error: body.error, completedAt: new Date() },
      )
      .where(and(eq(gatewayCommands.id, commandId), eq(gatewayCommands.gatewayId, gateway.id), inArray(gatewayCommands.status, ['pending', 'expired'])))
      .returning({ id: gatewayCommands.id });
    if (updated) {
      await tx.execute(sql`select pg_notify('gateway_results', ${commandId})`);
      return Response.json({ accepted: true });
    }
    const [known] = await tx.select({ id: gatewayCommands.id }).from(gatewayCommands).where(and(eq(gatewayCommands.id, commandId), eq(gatewayCommands.gatewayId, gateway.id))).limit(1);
    if (!known) throw new ProtocolError(404, 'unknown_command', 'No such command for this gateway.');
    return Response.json({ accepted: false, duplicate: true });
  });
}
