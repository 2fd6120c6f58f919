import 'server-only';
import { accountIntegrations } from '@/db/schema';
import { canManageIntegrationCatalogue } from '@/lib/authz';
import { withTransaction, type Command } from '@/lib/db/transaction';
import { ForbiddenError, validationFromZod } from '@/lib/errors';
import { getAccountInScope } from '@/lib/accounts/scope';
import { integrationDefinition } from './catalogue';
import { lockIntegrations } from './account-state';
import { newIntegrationRow } from './account-defaults';
import { addIntegration, type PrivilegeState } from './privileges';
import { AccountIntegrationInput } from './schemas';
import { recordIntegrationEvent, refusalError, writePrivileges } from './write-integrations-change';

/**
 * INT-1 / INT-3: adds a catalogue integration to a customer account and turns on the privileges
 * it needs. Needs Add and Delete on "Integrations & apps" (seed 2.14.6). Refused when it is
 * already there or needs the CloudLink Gateway the account lacks.
 */
export async function addAccountIntegration({ ctx, input }: Command<unknown>): Promise<{ privileges: PrivilegeState }> {
  const parsed = AccountIntegrationInput.safeParse(input);
  if (!parsed.success) throw validationFromZod(parsed.error);
  if (!canManageIntegrationCatalogue(ctx.actor)) throw new ForbiddenError();
  const { accountId, integrationId } = parsed.data;

  return withTransaction(ctx, async (tx) => {
    const account = await getAccountInScope(tx, ctx.actor, accountId);
    const { state } = await lockIntegrations(tx, account);
    const result = addIntegration(state, integrationId);
    if (!result.ok) throw refusalError(result.reason);

    const d = integrationDefinition(integrationId);
    await tx.insert(accountIntegrations).values(newIntegrationRow(account.id, integrationId));
    await writePrivileges(tx, account.id, state.privileges, result.state.privileges);
    await recordIntegrationEvent(tx, ctx, account, {
      action: 'Create',
      integrationId,
      before: state.privileges,
      after: result.state.privileges,
      extra: { integrationId, version: d.version },
    });
    return { privileges: result.state.privileges };
  });
}
