import 'server-only';
import { canConfigureIntegrations } from '@/lib/authz';
import { withTransaction, type Command } from '@/lib/db/transaction';
import { ForbiddenError, validationFromZod } from '@/lib/errors';
import { getAccountInScope } from '@/lib/accounts/scope';
import { lockIntegrations } from './account-state';
import type { PrivilegeState } from './privileges';
import { SetPrivilegeInput } from './schemas';
import { recordIntegrationEvent, writePrivileges } from './write-integrations-change';

/**
 * INT-3: an admin turns Delegated authentication or Allow guest access on or off by hand, with
 * or without integrations (seed 2413-2416); an integration left without a privilege it needs
 * stays and the panel warns. Needs Add or Edit on "Integrations & apps" (seed 2.14.6). Setting
 * the value it already has records nothing.
 */
export async function setAccountPrivilege({ ctx, input }: Command<unknown>): Promise<{ privileges: PrivilegeState }> {
  const parsed = SetPrivilegeInput.safeParse(input);
  if (!parsed.success) throw validationFromZod(parsed.error);
  if (!canConfigureIntegrations(ctx.actor)) throw new ForbiddenError();
  const { accountId, privilege, enabled } = parsed.data;

  return withTransaction(ctx, async (tx) => {
    const account = await getAccountInScope(tx, ctx.actor, accountId);
    const { state } = await lockIntegrations(tx, account);
    const after: PrivilegeState = { ...state.privileges, [privilege]: enabled };
    const changed = await writePrivileges(tx, account.id, state.privileges, after);
    if (changed.length) await recordIntegrationEvent(tx, ctx, account, { action: 'Edit', integrationId: null, before: state.privileges, after });
    return { privileges: after };
  });
}
