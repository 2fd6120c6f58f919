import 'server-only';
import type { DbOrTx } from '@/db/client';
import type { Account } from '@/db/schema';
import { countUsersOfAccount } from '@/lib/accounts/list-accounts';
import { getAccountInScope } from '@/lib/accounts/scope';
import { authorize } from '@/lib/authz';
import type { Actor } from '@/lib/authz/types';
import { NotFoundError } from '@/lib/errors';
import { readIntegrations } from '@/lib/integrations/account-state';

export interface CustomerServiceOverview {
  readonly account: Account;
  /** When Mitel One Workgroups was added to the account. */
  readonly workgroupsAddedAt: Date;
  /** The account's users; registered ones can be made agents in the Workgroups portal. */
  readonly users: { total: number; registered: number };
}

/**
 * WG-1: the Customer service section, which exists once Mitel One Workgroups is on the account
 * (seed 2373-2378) and only for roles with View on Customer service (1663-1674).
 */
export async function readCustomerService(q: DbOrTx, actor: Actor, accountId: string): Promise<CustomerServiceOverview> {
  authorize(actor, 'customerService', 'view');
  const account = await getAccountInScope(q, actor, accountId);
  const { rows } = await readIntegrations(q, account);
  const row = rows.find((r) => r.integrationId === 'workgroups');
  if (!row) throw new NotFoundError();
  const { total, registered } = await countUsersOfAccount(q, account.id);
  return { account, workgroupsAddedAt: row.createdAt, users: { total, registered } };
}
