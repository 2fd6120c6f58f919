import 'server-only';
import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { accountIntegrations, gateways, type Account, type AccountIntegration, type Gateway } from '@/db/schema';
import type { Actor } from '@/lib/authz/types';
import { getAccountInScope } from '@/lib/accounts/scope';
import { ConflictError } from '@/lib/errors';

export interface AccountGateway {
  account: Account;
  integration: AccountIntegration;
  gateway: Gateway | null;
}

/**
 * The account (in the actor's scope, else NotFound), its CloudLink Gateway integration (else a
 * conflict: add it first) and its gateway if one is claimed. `lock` takes the gateway row for
 * update, so wizard steps on one account run one after another.
 */
export async function loadAccountGateway(q: DbOrTx, actor: Actor, accountId: string, options: { lock?: boolean } = {}): Promise<AccountGateway> {
  const account = await getAccountInScope(q, actor, accountId);
  const [integration] = await q
    .select()
    .from(accountIntegrations)
    .where(and(eq(accountIntegrations.accountId, account.id), eq(accountIntegrations.integrationId, 'cloudlinkGateway')))
    .limit(1);
  if (!integration) throw new ConflictError('gateway.errors.notAdded');
  const mine = eq(gateways.accountId, account.id);
  const [gateway] = options.lock ? await q.select().from(gateways).where(mine).for('update').limit(1) : await q.select().from(gateways).where(mine).limit(1);
  return { account, integration, gateway: gateway ?? null };
}

/** The account's gateway, or a conflict naming the step that is missing. */
export function requireGateway(found: AccountGateway): Gateway {
  if (!found.gateway) throw new ConflictError('gateway.errors.noGateway');
  return found.gateway;
}
