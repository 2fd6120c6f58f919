import 'server-only';
import { and, eq, isNotNull, sql } from 'drizzle-orm';
import { db, type Tx } from '@/db/client';
import { gatewayEventReceipts, gateways, pbxCallRecords } from '@/db/schema';
import { markPresenceDue } from '@/lib/teams/mark-presence-due';
import type { AuthenticatedGateway } from './authenticate';
import { ProtocolError } from './errors';
import { readBody } from './read-body';
import { BODY_LIMITS, EventsBody, type GatewayEvent } from './schemas';

/** A PBX user change makes the next scheduled sync run this soon (GW-3). */
const SYNC_SOON_SECONDS = 30;

/**
 * Protocol §4 `POST /events`: the batch is stored in one transaction; each event id counts once
 * per gateway, and per user and kind only the newest state is kept, whatever order events come in.
 */
export async function ingestEvents(request: Request, gateway: AuthenticatedGateway): Promise<Response> {
  if (!gateway.accountId) throw new ProtocolError(409, 'not_claimed', 'The gateway is not linked to an account.');
  const accountId = gateway.accountId;
  const { events } = await readBody(request, EventsBody, BODY_LIMITS.events);
  const result = await db().transaction(async (tx) => {
    const ids = [...new Set(events.map((e) => e.id))];
    const fresh = await tx
      .insert(gatewayEventReceipts)
      .values(ids.map((eventId) => ({ gatewayId: gateway.id, eventId })))
      .onConflictDoNothing()
      .returning({ eventId: gatewayEventReceipts.eventId });
    const accepted = new Set(fresh.map((r) => r.eventId));
    const seen = new Set<string>();
    const newEvents = events.filter((e) => accepted.has(e.id) && !seen.has(e.id) && seen.add(e.id));
    await applyEvents(tx, gateway, accountId, newEvents);
    return { accepted: newEvents.length, duplicates: events.length - newEvents.length };
  });
  return Response.json(result);
}

type StateKind = 'line' | 'presence' | 'dnd';

async function applyEvents(tx: Tx, gateway: AuthenticatedGateway, accountId: string, events: GatewayEvent[]): Promise<void> {
  // The newest event per user and kind: one row per user in each upsert (PostgreSQL refuses to
  // update a row twice in one statement), and an older one in the same batch loses anyway.
  const latest = new Map<string, GatewayEvent>();
  const calls: Extract<GatewayEvent, { type: 'callRecord' }>[] = [];
  const logs = new Map<string, Extract<GatewayEvent, { type: 'logBundle' }>>();
  let userChanged = false;
  for (const e of events) {
    if (e.type === 'callRecord') calls.push(e);
    else if (e.type === 'logBundle') {
      const prev = logs.get(e.data.kind);
      if (!prev || prev.at < e.at) logs.set(e.data.kind, e);
    } else if (e.type === 'userChanged') userChanged = true;
    else {
      const kind: StateKind = e.type === 'lineState' ? 'line' : e.type === 'userPresence' ? 'presence' : 'dnd';
      const key = `${kind}:${e.data.pbxUserId}`;
      const prev = latest.get(key);
      if (!prev || Date.parse(prev.at) < Date.parse(e.at)) latest.set(key, e);
    }
  }
  for (const kind of ['line', 'presence', 'dnd'] as const) {
    const rows = [...latest.entries()].filter(([k]) => k.startsWith(`${kind}:`)).map(([, e]) => e);
    if (rows.length) await upsertStates(tx, accountId, kind, rows);
  }
  await markPresenceDue(tx, accountId, [...new Set([...latest.values()].map((e) => (e.data as { pbxUserId: string }).pbxUserId))]);
  if (calls.length) {
    await tx
      .insert(pbxCallRecords)
      .values(
        calls.map(({ data: c }) => ({
          accountId,
          recordId: c.id,
          pbxUserId: c.pbxUserId,
          startedAt: new Date(c.startedAt),
          durationSeconds: c.durationSeconds,
          direction: c.direction,
          fromNumber: c.from,
          toNumber: c.to,
        })),
      )
      .onConflictDoNothing();
  }
  if (logs.size) {
    const patch = Object.fromEntries([...logs.values()].map((e) => [e.data.kind, { at: e.at, lines: e.data.lines }]));
    await tx.update(gateways).set({ logBundles: sql`${gateways.logBundles} || ${JSON.stringify(patch)}::jsonb` }).where(eq(gateways.id, gateway.id));
  }
  if (userChanged) {
    await tx
      .update(gateways)
      .set({ nextSyncAt: sql`least(coalesce(${gateways.nextSyncAt}, 'infinity'), now() + make_interval(secs => ${SYNC_SOON_SECONDS}))` })
      .where(and(eq(gateways.id, gateway.id), isNotNull(gateways.connectedAt)));
  }
}

const COLUMNS: Record<StateKind, { value: string; at: string }> = {
  line: { value: 'line_state', at: 'line_at' },
  presence: { value: 'presence', at: 'presence_at' },
  dnd: { value: 'dnd', at: 'dnd_at' },
};

/** One upsert per kind; the WHERE keeps a newer stored state over an older event. */
async function upsertStates(tx: Tx, accountId: string, kind: StateKind, events: GatewayEvent[]): Promise<void> {
  const c = COLUMNS[kind];
  const values = sql.join(
    events.map((e) => {
      const d = e.data as { pbxUserId: string; extension?: string; state?: string; presence?: string; enabled?: boolean };
      const value = kind === 'line' ? d.state : kind === 'presence' ? d.presence : d.enabled;
      return sql`(${accountId}::uuid, ${d.pbxUserId}, ${d.extension ?? null}, ${String(value)}, ${e.at}::timestamptz)`;
    }),
    sql`, `,
  );
  const valueType = kind === 'dnd' ? sql`::boolean` : sql``;
  await tx.execute(sql`
    insert into pbx_user_states (account_id, pbx_user_id, extension, ${sql.raw(c.value)}, ${sql.raw(c.at)})
    select v.account_id, v.pbx_user_id, v.extension, v.value${valueType}, v.at
      from (values ${values}) as v(account_id, pbx_user_id, extension, value, at)
    on conflict (account_id, pbx_user_id) do update
       set ${sql.raw(c.value)} = excluded.${sql.raw(c.value)},
           ${sql.raw(c.at)} = excluded.${sql.raw(c.at)},
           extension = coalesce(excluded.extension, pbx_user_states.extension)
     where pbx_user_states.${sql.raw(c.at)} is null or pbx_user_states.${sql.raw(c.at)} < excluded.${sql.raw(c.at)}`);
}
