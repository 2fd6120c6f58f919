import 'server-only';
import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { userLicences, users, type Account } from '@/db/schema';
import { getAccountInScope } from '@/lib/accounts/scope';
import { authorize } from '@/lib/authz';
import { withTransaction, type Command, type Ctx } from '@/lib/db/transaction';
import { DomainError, NotFoundError, validationFromZod } from '@/lib/errors';
import { recordEvents, type EventInput } from '@/lib/events/record-event';
import { readIntegrations } from '@/lib/integrations/account-state';
import { shortfall } from './arithmetic';
import { overrideMitelOne, sameHolding, type Level, type MitelOneHolding, type MitelOneOverride } from './levels';
import { lockLicences, poolOf, type Product } from './pool';
import { ApplyLicencesInput } from './schemas';

/** Rows per statement: keeps every insert and `in (…)` list far below PostgreSQL's bind-parameter limit. */
const CHUNK = 1_000;

interface Scope {
  tx: Tx;
  ctx: Ctx;
  account: Account;
  /** The targeted users of the account, or null for every user of it. */
  userIds: string[] | null;
}

/**
 * ORD-5, M1-2, MTM-1: the one way in to a licence change, for one user (the user page) or many
 * (Manage (x); `userIds` null is every user of the account). Under the account's licence lock it
 * counts the free licences and applies to all targeted users or to none: when they don't fit, the
 * refusal says how many more are needed ("X more licence(s) needed …", seed 001 683-685). Users
 * who already hold what is asked cost nothing and get no event. Needs Users "Edit" (which also
 * opens the Manage panel). Returns how many users changed.
 */
export async function applyLicences({ ctx, input }: Command<unknown>): Promise<{ changed: number }> {
  const parsed = ApplyLicencesInput.safeParse(input);
  if (!parsed.success) throw validationFromZod(parsed.error);
  authorize(ctx.actor, 'users', 'edit');
  const { accountId, change } = parsed.data;
  const userIds = parsed.data.userIds ? [...new Set(parsed.data.userIds)] : null;

  return withTransaction(ctx, async (tx) => {
    const account = await getAccountInScope(tx, ctx.actor, accountId);
    await lockLicences(tx, account.id);
    const { state } = await readIntegrations(tx, account);
    const has = (id: string) => (state.integrations as readonly string[]).includes(id);
    if (!has(change.product)) throw new DomainError('licences.errors.notIntegrated', 409);
    // MTM-2: while MiCollab is integrated it manages the MiTeam Meetings licences (3601-3614).
    if (change.product === 'miteamMeetings' && has('micollab')) throw new DomainError('licences.errors.managedByMicollab', 409);
    if (userIds) {
      const found = await inChunks(userIds, (ids) => tx.select({ id: users.id }).from(users).where(and(eq(users.accountId, account.id), inArray(users.id, ids))));
      if (found.length !== userIds.length) throw new NotFoundError();
    }
    const scope: Scope = { tx, ctx, account, userIds };
    return change.product === 'mitelOne' ? applyMitelOne(scope, change) : applyMiteam(scope, change.assign);
  });
}

async function applyMitelOne(scope: Scope, choice: MitelOneOverride): Promise<{ changed: number }> {
  const { tx, account } = scope;
  const targets = await targetsOf(scope);
  const held = await heldBy(scope, 'mitelOne');
  const current = new Map(held.map((h) => [h.userId, { level: h.level, features: h.features }]));
  const plan = targets
    .map((userId) => ({ userId, before: current.get(userId) ?? null, after: overrideMitelOne(current.get(userId) ?? null, choice) }))
    .filter((p) => !sameHolding(p.before, p.after));

  // Licences newly consumed, per level: users taking a level they don't hold yet.
  const newcomers = new Map<Level, number>();
  for (const { before, after } of plan) if (after?.level && after.level !== before?.level) newcomers.set(after.level, (newcomers.get(after.level) ?? 0) + 1);
  for (const [level, n] of newcomers) {
    const missing = shortfall(await poolOf(tx, account.id, { product: 'mitelOne', level }), n);
    if (missing > 0) throw new DomainError('licences.errors.moreNeeded', 409, { count: missing });
  }

  const gone = plan.filter((p) => p.after === null).map((p) => p.userId);
  await inChunks(gone, (ids) =>
    tx
      .delete(userLicences)
      .where(and(eq(userLicences.accountId, account.id), eq(userLicences.product, 'mitelOne'), inArray(userLicences.userId, ids)))
      .returning({ userId: userLicences.userId }),
  );
  const kept = plan.flatMap((p) => (p.after ? [{ userId: p.userId, ...p.after }] : []));
  await inChunks(kept, (rows) =>
    tx
      .insert(userLicences)
      .values(rows.map((r) => ({ userId: r.userId, accountId: account.id, product: 'mitelOne' as const, level: r.level, features: r.features })))
      .onConflictDoUpdate({
        target: [userLicences.userId, userLicences.product],
        // A licence is assigned when its level changes; a change of features keeps that date.
        set: {
          level: sql.raw('excluded.level'),
          features: sql.raw('excluded.features'),
          assignedAt: sql.raw('case when user_licences.level is distinct from excluded.level then now() else user_licences.assigned_at end'),
        },
      })
      .returning({ userId: userLicences.userId }),
  );
  await record(scope, 'mitelOne', plan);
  return { changed: plan.length };
}

async function applyMiteam(scope: Scope, assign: boolean): Promise<{ changed: number }> {
  const { tx, account } = scope;
  const kind = { product: 'miteamMeetings' as const, level: null };
  if (!assign) return unassignMiteam(scope);
  const targets = await targetsOf(scope);
  const holding = new Set((await heldBy(scope, kind.product)).map((h) => h.userId));
  const newcomers = targets.filter((id) => !holding.has(id));
  if (!newcomers.length) return { changed: 0 };
  const missing = shortfall(await poolOf(tx, account.id, kind), newcomers.length);
  if (missing > 0) throw new DomainError('licences.errors.moreNeeded', 409, { count: missing });
  await inChunks(newcomers, (ids) =>
    tx
      .insert(userLicences)
      .values(ids.map((userId) => ({ userId, accountId: account.id, product: kind.product })))
      .returning({ userId: userLicences.userId }),
  );
  await record(scope, kind.product, newcomers.map((userId) => ({ userId, before: null, after: { level: null, features: {} } })));
  return { changed: newcomers.length };
}

/** Takes the MiTeam Meetings licence from the targeted users (or every user of the account), an event each. */
async function unassignMiteam(scope: Scope): Promise<{ changed: number }> {
  const { tx, account } = scope;
  const take = (ids?: string[]) =>
    tx
      .delete(userLicences)
      .where(and(eq(userLicences.accountId, account.id), eq(userLicences.product, 'miteamMeetings'), ids ? inArray(userLicences.userId, ids) : undefined))
      .returning({ userId: userLicences.userId });
  const removed = scope.userIds ? await inChunks(scope.userIds, take) : await take();
  await record(scope, 'miteamMeetings', removed.map((r) => ({ userId: r.userId, before: { level: null, features: {} }, after: null })));
  return { changed: removed.length };
}

/**
 * MTM-2 (seed 001 3619-3623): removing MiTeam Meetings while MiCollab is not integrated revokes
 * every MiTeam Meetings licence of the account, under the licence lock, in the caller's
 * transaction, with a Delete event each (as unassigning them from Manage would). Returns how many.
 */
export async function revokeAllMiteamLicences(tx: Tx, ctx: Ctx, account: Account): Promise<number> {
  await lockLicences(tx, account.id);
  return (await unassignMiteam({ tx, ctx, account, userIds: null })).changed;
}

/** The targeted users: the selection (checked to be of the account), or every user of the account. */
async function targetsOf({ tx, account, userIds }: Scope): Promise<string[]> {
  return userIds ?? (await tx.select({ id: users.id }).from(users).where(eq(users.accountId, account.id))).map((u) => u.id);
}

/** What the targeted users (or every user of the account) hold of a product. */
async function heldBy({ tx, account, userIds }: Scope, product: Product) {
  const select = (filter?: SQL) =>
    tx
      .select({ userId: userLicences.userId, level: userLicences.level, features: userLicences.features })
      .from(userLicences)
      .where(and(eq(userLicences.accountId, account.id), eq(userLicences.product, product), filter));
  return userIds ? inChunks(userIds, (ids) => select(inArray(userLicences.userId, ids))) : select();
}

/** One event per user whose product changed: Create, Edit (level or features) or Delete. */
async function record(scope: Scope, product: Product, changes: { userId: string; before: MitelOneHolding | null; after: MitelOneHolding | null }[]) {
  const { tx, ctx, account } = scope;
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

async function inChunks<T, R>(items: readonly T[], run: (chunk: T[]) => Promise<R[]>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(...(await run(items.slice(i, i + CHUNK))));
  return out;
}
