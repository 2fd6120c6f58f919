import 'server-only';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { userLicences, type Account } from '@/db/schema';
import { withTransaction, type Command, type Ctx } from '@/lib/db/transaction';
import { recordEvents, type EventInput } from '@/lib/events/record-event';
import type { MitelOneHolding } from './levels';
import { CHUNK, parseLicenceRequest, planChange, planLicences, type LicenceChangeOfUser, type LicencePlan } from './plan-licences';
import { lockLicences } from './pool';

/** Told after each chunk of writes: users done (those who needed nothing count as done) of the targeted total. */
export type LicenceProgress = (done: number, total: number) => Promise<void>;

/**
 * ORD-5, M1-2, MTM-1: the one way in to a licence change, for one user (the user page) or many
 * (Manage (x); `userIds` null is every user of the account). Under the account's licence lock it
 * counts the free licences and applies to all targeted users or to none: when they don't fit, the
 * refusal says how many more are needed ("X more licence(s) needed …", seed 001 683-685). Users
 * who already hold what is asked cost nothing and get no event. Needs Users "Edit" (which also
 * opens the Manage panel). Returns how many users changed. Large changes from Manage come here
 * through the licences-bulk job (requestLicences), which passes `onProgress`.
 */
export async function applyLicences({ ctx, input, onProgress }: Command<unknown> & { onProgress?: LicenceProgress }): Promise<{ changed: number }> {
  const request = parseLicenceRequest(ctx, input);
  return withTransaction(ctx, async (tx) => ({ changed: await writeLicences(await planLicences(tx, ctx, request), onProgress) }));
}

/**
 * Writes a plan in its transaction, a chunk of users at a time: the licences taken, given or
 * changed, and one audit event per user (Create, Edit of level or features, or Delete). Returns
 * how many users changed.
 */
export async function writeLicences(plan: LicencePlan, onProgress?: LicenceProgress): Promise<number> {
  const { tx, account, product, changes, total } = plan;
  const unchanged = total - changes.length;
  let changed = 0;
  for (let i = 0; i < changes.length; i += CHUNK) {
    const chunk = changes.slice(i, i + CHUNK);
    const gone = chunk.filter((c) => c.after === null).map((c) => c.userId);
    // A user deleted since the plan was made has lost the licence already: no event for it.
    const removed = new Set(
      gone.length
        ? (
            await tx
              .delete(userLicences)
              .where(and(eq(userLicences.accountId, account.id), eq(userLicences.product, product), inArray(userLicences.userId, gone)))
              .returning({ userId: userLicences.userId })
          ).map((r) => r.userId)
        : [],
    );
    const kept = chunk.flatMap((c) => (c.after ? [{ userId: c.userId, ...c.after }] : []));
    if (kept.length) {
      await tx
        .insert(userLicences)
        .values(kept.map((r) => ({ userId: r.userId, accountId: account.id, product, level: r.level, features: r.features })))
        .onConflictDoUpdate({
          target: [userLicences.userId, userLicences.product],
          // A licence is assigned when its level changes; a change of features keeps that date.
          set: {
            level: sql.raw('excluded.level'),
            features: sql.raw('excluded.features'),
            assignedAt: sql.raw('case when user_licences.level is distinct from excluded.level then now() else user_licences.assigned_at end'),
          },
        });
    }
    const applied = chunk.filter((c) => c.after !== null || removed.has(c.userId));
    await record(tx, plan.ctx, account, product, applied);
    changed += applied.length;
    await onProgress?.(unchanged + i + chunk.length, total);
  }
  return changed;
}

/**
 * MTM-2 (seed 001 3619-3623): removing MiTeam Meetings while MiCollab is not integrated revokes
 * every MiTeam Meetings licence of the account, under the licence lock, in the caller's
 * transaction, with a Delete event each (as unassigning them from Manage would). Returns how many.
 */
export async function revokeAllMiteamLicences(tx: Tx, ctx: Ctx, account: Account): Promise<number> {
  await lockLicences(tx, account.id);
  return writeLicences(await planChange({ tx, ctx, account, userIds: null }, { product: 'miteamMeetings', assign: false }));
}

async function record(tx: Tx, ctx: Ctx, account: Account, product: LicencePlan['product'], changes: LicenceChangeOfUser[]) {
  const view = (h: MitelOneHolding | null) => (h ? (product === 'mitelOne' ? { product, level: h.level, features: h.features } : { product, level: null }) : undefined);
  await recordEvents(
    tx,
    ctx,
    changes.map(
      ({ userId, before, after }): EventInput => ({
        action: before === null ? 'Create' : after === null ? 'Delete' : 'Edit',
        asset: 'Licence',
        assetId: `${userId}:${product}`,
        accountId: account.id,
        partnerOrgId: account.partnerOrgId,
        before: view(before),
        after: view(after),
      }),
    ),
  );
}
