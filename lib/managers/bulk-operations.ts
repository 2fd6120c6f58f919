import 'server-only';
import { and, asc, eq, inArray, ne, or } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { accountManagerAssignments, accounts, users } from '@/db/schema';
import { accountScope } from '@/lib/accounts/scope';
import type { Ctx } from '@/lib/db/transaction';
import { recordEvents, type EventInput } from '@/lib/events/record-event';
import type { ManagerOperation } from './schemas';
import { partnerAdminsOf, type ManagingActor } from './scope';

/** One unit of a managers-bulk job: a manager, with an account for assign / unassign. */
export interface Unit {
  managerId: string;
  accountId?: string;
}

/** Runs a batch of units in the job's transaction; returns how many changed (the rest are skipped). */
type BatchRunner = (tx: Tx, actor: ManagingActor, units: readonly Unit[]) => Promise<number>;

const ctxOf = (actor: ManagingActor, tx: Tx): Ctx => ({ actor, tx });
const managerIdsOf = (units: readonly Unit[]) => [...new Set(units.map((u) => u.managerId))];
const accountIdsOf = (units: readonly Unit[]) => [...new Set(units.flatMap((u) => (u.accountId ? [u.accountId] : [])))];

/**
 * The admins the batch may still change, locked for the rest of the transaction: a concurrent
 * upgrade (which removes assignments) then waits for this batch, or this batch sees its result.
 * The signed-in admin itself and anyone outside the organisation's partner admins are never hit.
 */
function managersInReach(tx: Tx, actor: ManagingActor, ids: string[], isManager: boolean) {
  return tx
    .select({ id: users.id, email: users.email, displayName: users.displayName })
    .from(users)
    .where(and(inArray(users.id, ids), partnerAdminsOf(actor), ne(users.id, actor.userId), eq(users.isAccountManager, isManager)))
    // One lock order for every job, so two jobs on the same admins wait instead of deadlocking.
    .orderBy(asc(users.id))
    .for('update');
}

/** Converts or upgrades: flips the flag and, either way, leaves the admin without assignments. */
function setManagerFlag(isAccountManager: boolean): BatchRunner {
  return async (tx, actor, units) => {
    const targets = await managersInReach(tx, actor, managerIdsOf(units), !isAccountManager);
    if (targets.length === 0) return 0;
    const ids = targets.map((t) => t.id);
    await tx.update(users).set({ isAccountManager, updatedAt: new Date(), updatedBy: actor.name }).where(inArray(users.id, ids));
    const removed = await tx
      .delete(accountManagerAssignments)
      .where(inArray(accountManagerAssignments.userId, ids))
      .returning({ userId: accountManagerAssignments.userId, accountId: accountManagerAssignments.accountId });
    await recordEvents(
      tx,
      ctxOf(actor, tx),
      targets.map((t): EventInput => {
        const had = removed.filter((r) => r.userId === t.id).map((r) => r.accountId).sort();
        return {
          action: 'Edit',
          asset: 'User',
          assetId: t.id,
          accountId: null,
          before: { isAccountManager: !isAccountManager, ...(isAccountManager ? {} : { managedAccountIds: had }) },
          after: { isAccountManager, ...(isAccountManager ? {} : { managedAccountIds: [] }) },
          core: { email: t.email, displayName: t.displayName, operation: isAccountManager ? 'convert' : 'upgrade' },
        };
      }),
    );
    return targets.length;
  };
}

/** The batch's pairs whose manager is still an account manager and whose account is still in reach. */
async function pairsInReach(tx: Tx, actor: ManagingActor, units: readonly Unit[]) {
  const managers = await managersInReach(tx, actor, managerIdsOf(units), true);
  const reachable = await tx
    .select({ id: accounts.id, name: accounts.name })
    .from(accounts)
    .where(and(inArray(accounts.id, accountIdsOf(units)), accountScope(actor)));
  const managerOf = new Map(managers.map((m) => [m.id, m]));
  const accountOf = new Map(reachable.map((a) => [a.id, a]));
  const pairs = units.flatMap((u) => {
    const manager = managerOf.get(u.managerId);
    const account = u.accountId ? accountOf.get(u.accountId) : undefined;
    return manager && account ? [{ manager, account }] : [];
  });
  return { pairs, managerOf, accountOf };
}

function assignmentEvent(manager: { id: string; email: string; displayName: string }, account: { id: string; name: string }, assigned: boolean): EventInput {
  // A partner-level event (no account id): the customer's own admins do not see partner staffing.
  return {
    action: 'Edit',
    asset: 'User',
    assetId: manager.id,
    accountId: null,
    before: { managesAccount: !assigned },
    after: { managesAccount: assigned },
    core: { email: manager.email, displayName: manager.displayName, managedAccountId: account.id, managedAccountName: account.name, operation: assigned ? 'assign' : 'unassign' },
  };
}

const assign: BatchRunner = async (tx, actor, units) => {
  const { pairs, managerOf, accountOf } = await pairsInReach(tx, actor, units);
  if (pairs.length === 0) return 0;
  const added = await tx
    .insert(accountManagerAssignments)
    .values(pairs.map((p) => ({ userId: p.manager.id, accountId: p.account.id })))
    .onConflictDoNothing()
    .returning({ userId: accountManagerAssignments.userId, accountId: accountManagerAssignments.accountId });
  await recordEvents(tx, ctxOf(actor, tx), added.map((r) => assignmentEvent(managerOf.get(r.userId)!, accountOf.get(r.accountId)!, true)));
  return added.length;
};

const unassign: BatchRunner = async (tx, actor, units) => {
  const { pairs, managerOf, accountOf } = await pairsInReach(tx, actor, units);
  if (pairs.length === 0) return 0;
  const removed = await tx
    .delete(accountManagerAssignments)
    .where(or(...pairs.map((p) => and(eq(accountManagerAssignments.userId, p.manager.id), eq(accountManagerAssignments.accountId, p.account.id)))))
    .returning({ userId: accountManagerAssignments.userId, accountId: accountManagerAssignments.accountId });
  await recordEvents(tx, ctxOf(actor, tx), removed.map((r) => assignmentEvent(managerOf.get(r.userId)!, accountOf.get(r.accountId)!, false)));
  return removed.length;
};

export const BATCH_RUNNERS: Record<ManagerOperation, BatchRunner> = {
  convert: setManagerFlag(true),
  upgrade: setManagerFlag(false),
  assign,
  unassign,
};

/** The job's units in a fixed order: managers, or every manager × account pair. */
export function unitCount(managerIds: readonly string[], accountIds: readonly string[]): number {
  return managerIds.length * Math.max(accountIds.length, 1);
}

export function unitsBetween(managerIds: readonly string[], accountIds: readonly string[], from: number, to: number): Unit[] {
  const out: Unit[] = [];
  for (let i = from; i < Math.min(to, unitCount(managerIds, accountIds)); i++) {
    if (accountIds.length === 0) out.push({ managerId: managerIds[i]! });
    else out.push({ managerId: managerIds[Math.floor(i / accountIds.length)]!, accountId: accountIds[i % accountIds.length]! });
  }
  return out;
}
