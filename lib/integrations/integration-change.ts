import 'server-only';
import type { Tx } from '@/db/client';
import type { Account } from '@/db/schema';
import { canManageIntegrationCatalogue } from '@/lib/authz';
import { withTransaction, type Command } from '@/lib/db/transaction';
import { ForbiddenError, validationFromZod } from '@/lib/errors';
import { getAccountInScope } from '@/lib/accounts/scope';
import { lockIntegrations, type StoredIntegrations } from './account-state';
import type { IntegrationId } from './catalogue';
import { AccountIntegrationInput } from './schemas';

type Change = StoredIntegrations & { tx: Tx; account: Account; integrationId: IntegrationId };

/**
 * The one way in to adding or removing a catalogue integration: validates, checks Add and Delete
 * on "Integrations & apps" (seed 2.14.6), and runs `fn` in one transaction on an account in the
 * actor's scope, holding the account's integrations lock, with the state read under it.
 */
export async function integrationChange<T>({ ctx, input }: Command<unknown>, fn: (change: Change) => Promise<T>): Promise<T> {
  const parsed = AccountIntegrationInput.safeParse(input);
  if (!parsed.success) throw validationFromZod(parsed.error);
  if (!canManageIntegrationCatalogue(ctx.actor)) throw new ForbiddenError();
  const { accountId, integrationId } = parsed.data;
  return withTransaction(ctx, async (tx) => {
    const account = await getAccountInScope(tx, ctx.actor, accountId);
    const stored = await lockIntegrations(tx, account);
    return fn({ ...stored, tx, account, integrationId });
  });
}
