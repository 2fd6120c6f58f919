import 'server-only';
import { and, eq } from 'drizzle-orm';
import { userLicences, users } from '@/db/schema';
import { getAccountInScope } from '@/lib/accounts/scope';
import { authorize } from '@/lib/authz';
import { withTransaction, type Command } from '@/lib/db/transaction';
import { ConflictError, DomainError, NotFoundError, validationFromZod } from '@/lib/errors';
import { recordEvent } from '@/lib/events/record-event';
import { readIntegrations } from '@/lib/integrations/account-state';
import { AddUserProductInput } from './schemas';

/**
 * USR-7 / M1-2 "+ Add product" → Mitel One: the user gets the product without a licence yet; its
 * "Finish setup" then chooses the level (applyLicences), which is when a licence is consumed
 * (seed 001 3420-3440). Needs Users "Edit" and the account's Mitel One integration.
 */
export async function addUserProduct({ ctx, input }: Command<unknown>): Promise<{ added: true }> {
  const parsed = AddUserProductInput.safeParse(input);
  if (!parsed.success) throw validationFromZod(parsed.error);
  authorize(ctx.actor, 'users', 'edit');
  const { accountId, userId, product } = parsed.data;
  return withTransaction(ctx, async (tx) => {
    const account = await getAccountInScope(tx, ctx.actor, accountId);
    const [user] = await tx.select({ id: users.id }).from(users).where(and(eq(users.accountId, account.id), eq(users.id, userId)));
    if (!user) throw new NotFoundError();
    const { state } = await readIntegrations(tx, account);
    if (!(state.integrations as readonly string[]).includes(product)) throw new DomainError('licences.errors.notIntegrated', 409);
    const added = await tx.insert(userLicences).values({ userId, accountId: account.id, product }).onConflictDoNothing().returning({ userId: userLicences.userId });
    if (!added.length) throw new ConflictError('licences.errors.alreadyAdded');
    await recordEvent(tx, ctx, { action: 'Create', asset: 'Licence', assetId: `${userId}:${product}`, accountId: account.id, partnerOrgId: account.partnerOrgId, after: { product, level: null } });
    return { added: true };
  });
}
