import 'server-only';
import type { Tx } from '@/db/client';
import { events } from '@/db/schema';
import type { Ctx } from '@/lib/db/transaction';

export type EventAction = 'Create' | 'Edit' | 'Delete';
export type EventAsset = 'Account' | 'User' | 'Role' | 'Integration' | 'Password' | 'Session' | 'Notification' | 'PartnerOrganisation' | 'Order' | 'ApiKey' | 'Licence';

export interface EventInput {
  action: EventAction;
  asset: EventAsset;
  assetId?: string;
  accountId?: string | null;
  partnerOrgId?: string | null;
  eventType?: 'Admin' | 'MiVB';
  before?: Record<string, unknown>;
  after?: Record<string, unknown>;
  core?: Record<string, unknown>;
  extra?: Record<string, unknown>;
  tags?: string[];
}

const REDACTED = new Set(['passwordHash', 'password', 'tokenHash', 'secret']);

/** Names of the properties whose values differ between `before` and `after` (EVT-1 "properties changed"). */
export function changedProperties(before: Record<string, unknown> = {}, after: Record<string, unknown> = {}): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k])).sort();
}

function redact(values: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (!values) return undefined;
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, REDACTED.has(k) ? '[redacted]' : v]));
}

/** Appends an audit event in the transaction that makes the change (EVT-1). */
export async function recordEvent(tx: Tx, ctx: Ctx, input: EventInput): Promise<void> {
  await tx.insert(events).values(eventRow(ctx, input));
}

/** Rows per INSERT: a dozen bind parameters each stays far below PostgreSQL's limit of 65,535 per statement. */
const EVENTS_PER_STATEMENT = 1_000;

/**
 * Appends many audit events in the caller's transaction, a thousand rows per statement (bulk
 * commands: the user import creates hundreds per batch, revoking a product's licences thousands).
 */
export async function recordEvents(tx: Tx, ctx: Ctx, inputs: readonly EventInput[]): Promise<void> {
  for (let i = 0; i < inputs.length; i += EVENTS_PER_STATEMENT) {
    await tx.insert(events).values(inputs.slice(i, i + EVENTS_PER_STATEMENT).map((input) => eventRow(ctx, input)));
  }
}

function eventRow(ctx: Ctx, input: EventInput): typeof events.$inferInsert {
  const { actor } = ctx;
  const properties = input.action === 'Edit' ? changedProperties(input.before, input.after) : [];
  return {
    partnerOrgId: input.partnerOrgId ?? actor.partnerOrgId,
    accountId: input.accountId === undefined ? actor.accountId : input.accountId,
    actorId: actor.userId,
    actorName: actor.name,
    actorKind: actor.kind,
    action: input.action,
    eventType: input.eventType ?? 'Admin',
    asset: input.asset,
    assetId: input.assetId ?? null,
    properties,
    coreDetails: { ...(input.core ?? {}), ...(input.before || input.after ? { before: redact(input.before), after: redact(input.after) } : {}) },
    extraDetails: input.extra ?? {},
    tags: input.tags ?? [],
  };
}
