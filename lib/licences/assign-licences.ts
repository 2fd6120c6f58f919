import 'server-only';
import { and, eq, inArray } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { userLicences, users, type Account } from '@/db/schema';
import { authorize } from '@/lib/authz';
import { withTransaction, type Command } from '@/lib/db/transaction';
import { DomainError, NotFoundError, validationFromZod } from '@/lib/errors';
import { getAccountInScope } from '@/lib/accounts/scope';
import { recordEvents } from '@/lib/events/record-event';
import { shortfall } from './arithmetic';
import { lockLicences, poolOf, type LicenceKind } from './pool';
import { LicenceChangeInput } from './schemas';

type Change = { tx: Tx; account: Account; kind: LicenceKind; userIds: string[] };

/**
 * The one way in to a licence change: validates, checks Users "Edit", and runs `fn` in one
 * transaction on an account in the actor's scope, holding the account's licence lock.
 */
async function licenceChange<T>({ ctx, input }: Command<unknown>, fn: (change: Change) => Promise<T>): Promise<T> {
  const parsed = LicenceChangeInput.safeParse(input);
  if (!parsed.success) throw validationFromZod(parsed.error);
  authorize(ctx.actor, 'users', 'edit');
  const { accountId, kind } = parsed.data;
  const userIds = [...new Set(parsed.data.userIds)];
  return withTransaction(ctx, async (tx) => {
    const account = await getAccountInScope(tx, ctx.actor, accountId);
    await lockLicences(tx, account.id);
    return fn({ tx, account, kind, userIds });
  });
}

/**
 * ORD-5 / M1-2 / MTM-1: gives the selected users a licence (Mitel One at a level, or MiTeam
 * Meetings). Under the account's licence lock it counts the free licences and applies to all
 * selected users or to none: when they don't fit, the refusal says how many more are needed.
 * Users who hold the licence already cost nothing; a Mitel One user at another level moves to
 * this one (freeing the old). Needs Users "Edit".
 */
export async function assignLicences(command: Command<unknown>): Promise<{ assigned: number }> {
  const { ctx } = command;
  return licenceChange(command, async ({ tx, account, kind, userIds }) => {
    const found = await tx.select({ id: users.id }).from(users).where(and(eq(users.accountId, account.id), inArray(users.id, userIds)));
    if (found.length !== userIds.length) throw new NotFoundError();

    const held = await tx
      .select({ userId: userLicences.userId, level: userLicences.level })
      .from(userLicences)
      .where(and(eq(userLicences.product, kind.product), inArray(userLicences.userId, userIds)));
    const holding = new Map(held.map((h) => [h.userId, h.level]));
    const newcomers = userIds.filter((id) => !holding.has(id) || holding.get(id) !== kind.level);
    if (!newcomers.length) return { assigned: 0 };

    const missing = shortfall(await poolOf(tx, account.id, kind), newcomers.length);
    if (missing > 0) throw new DomainError('licences.errors.moreNeeded', 409, { count: missing });

    await tx
      .insert(userLicences)
      .values(newcomers.map((userId) => ({ userId, accountId: account.id, product: kind.product, level: kind.level })))
      .onConflictDoUpdate({ target: [userLicences.userId, userLicences.product], set: { level: kind.level, assignedAt: new Date() } });
    await recordEvents(
      tx,
      ctx,
      newcomers.map((userId) => ({
        action: holding.has(userId) ? 'Edit' : 'Create',
        asset: 'Licence',
        assetId: `${userId}:${kind.product}`,
        accountId: account.id,
        partnerOrgId: account.partnerOrgId,
        before: holding.has(userId) ? { product: kind.product, level: holding.get(userId) } : undefined,
        after: { product: kind.product, level: kind.level },
      })),
    );
    return { assigned: newcomers.length };
  });
}

/** Takes the licence of a product from the selected users (those without it are skipped); frees it for others. */
export async function unassignLicences(command: Command<unknown>): Promise<{ unassigned: number }> {
  const { ctx } = command;
  return licenceChange(command, async ({ tx, account, kind, userIds }) => {
    const removed = await tx
      .delete(userLicences)
      .where(and(eq(userLicences.accountId, account.id), eq(userLicences.product, kind.product), inArray(userLicences.userId, userIds)))
      .returning({ userId: userLicences.userId, level: userLicences.level });
    await recordEvents(
      tx,
      ctx,
      removed.map((r) => ({
        action: 'Delete' as const,
        asset: 'Licence' as const,
        assetId: `${r.userId}:${kind.product}`,
        accountId: account.id,
        partnerOrgId: account.partnerOrgId,
        before: { product: kind.product, level: r.level },
      })),
    );
    return { unassigned: removed.length };
  });
}
