import 'server-only';
import { eq } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { accountPrivileges, type Account } from '@/db/schema';
import type { Ctx } from '@/lib/db/transaction';
import { ConflictError, ForbiddenError } from '@/lib/errors';
import { recordEvent, type EventAction } from '@/lib/events/record-event';
import type { IntegrationId } from './catalogue';
import { changedPrivileges, type AddRefusal, type PrivilegeState, type RemoveRefusal } from './privileges';

/** A refusal of the pure rules as the error a boundary shows (`errors.integrations.<reason>`). */
export function refusalError(reason: AddRefusal | RemoveRefusal): ForbiddenError | ConflictError {
  const key = `errors.integrations.${reason}`;
  return reason === 'partnerOrganisation' ? new ForbiddenError(key) : new ConflictError(key);
}

/** Stores the privileges when they changed; returns the names of those that did. */
export async function writePrivileges(tx: Tx, accountId: string, before: PrivilegeState, after: PrivilegeState) {
  const changed = changedPrivileges(before, after);
  if (changed.length) await tx.update(accountPrivileges).set({ ...after, updatedAt: new Date() }).where(eq(accountPrivileges.accountId, accountId));
  return changed;
}

/** The audit event of an integration change, carrying the privileges it turned on or off. */
export async function recordIntegrationEvent(
  tx: Tx,
  ctx: Ctx,
  account: Account,
  e: { action: EventAction; integrationId: IntegrationId | null; before: PrivilegeState; after: PrivilegeState; extra?: Record<string, unknown> },
): Promise<void> {
  const privilegesChanged = changedPrivileges(e.before, e.after);
  await recordEvent(tx, ctx, {
    action: e.action,
    asset: 'Integration',
    // Integrations are identified per account by their catalogue id; privileges by the account.
    assetId: e.integrationId ? `${account.id}:${e.integrationId}` : account.id,
    accountId: account.id,
    partnerOrgId: account.partnerOrgId,
    before: { ...(e.extra && e.action !== 'Create' ? e.extra : {}), privileges: e.before },
    after: { ...(e.extra && e.action !== 'Delete' ? e.extra : {}), privileges: e.after },
    core: { integrationId: e.integrationId, privilegesChanged },
  });
}

/** The audit event of a change to one integration's own row: its settings, setup or version. */
export async function recordIntegrationEdit(
  tx: Tx,
  ctx: Ctx,
  account: Account,
  integrationId: IntegrationId,
  change: { before: Record<string, unknown>; after: Record<string, unknown>; core?: Record<string, unknown> },
): Promise<void> {
  await recordEvent(tx, ctx, {
    action: 'Edit',
    asset: 'Integration',
    assetId: `${account.id}:${integrationId}`,
    accountId: account.id,
    partnerOrgId: account.partnerOrgId,
    before: { integrationId, ...change.before },
    after: { integrationId, ...change.after },
    core: { integrationId, ...change.core },
  });
}
