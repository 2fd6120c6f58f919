import 'server-only';
import { and, eq } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { accounts, type Account, type NewAccount } from '@/db/schema';
import type { Ctx } from '@/lib/db/transaction';
import { NotFoundError } from '@/lib/errors';
import { recordEvent } from '@/lib/events/record-event';
import { accountSnapshot } from './snapshot';

/**
 * The one way an account row is edited: the update is guarded by the status read in the same
 * transaction (so an edit cannot resurrect an account whose deletion began meanwhile), and the
 * Edit event with before/after is recorded with it.
 */
export async function writeAccountChange(tx: Tx, ctx: Ctx, account: Account, changes: Partial<NewAccount>, tags: string[] = []): Promise<Account> {
  const [updated] = await tx
    .update(accounts)
    .set({ ...changes, updatedAt: new Date() })
    .where(and(eq(accounts.id, account.id), eq(accounts.status, account.status)))
    .returning();
  if (!updated) throw new NotFoundError();
  await recordAccountEdit(tx, ctx, account, accountSnapshot(account), accountSnapshot(updated), tags);
  return updated;
}

/** The Edit event of an account, for changes to its row or to what hangs off it (support contacts). */
export async function recordAccountEdit(
  tx: Tx,
  ctx: Ctx,
  account: Account,
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  tags: string[] = [],
): Promise<void> {
  await recordEvent(tx, ctx, { action: 'Edit', asset: 'Account', assetId: account.id, accountId: account.id, partnerOrgId: account.partnerOrgId, before, after, tags });
}
