import 'server-only';
import { and, count, eq, inArray, type SQL } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { userLicences, users, type Account } from '@/db/schema';
import { getAccountInScope } from '@/lib/accounts/scope';
import { authorize } from '@/lib/authz';
import type { Ctx } from '@/lib/db/transaction';
import { DomainError, NotFoundError, validationFromZod } from '@/lib/errors';
import { readIntegrations } from '@/lib/integrations/account-state';
import { shortfall } from './arithmetic';
import { overrideMitelOne, sameHolding, type Level, type MitelOneHolding } from './levels';
import { lockLicences, poolOf, type Product } from './pool';
import { ApplyLicencesInput, type LicenceChange } from './schemas';

/** Rows per statement: keeps every insert and `in (…)` list far below PostgreSQL's bind-parameter limit. */
export const CHUNK = 1_000;

export interface LicenceRequest {
  accountId: string;
  /** The targeted users (deduplicated), or null for every user of the account. */
  userIds: string[] | null;
  change: LicenceChange;
}

/** One user whose holding of the product changes (null: does not hold it). */
export interface LicenceChangeOfUser {
  userId: string;
  before: MitelOneHolding | null;
  after: MitelOneHolding | null;
}

/** What a licence change will write, computed under the account's licence lock. */
export interface LicencePlan {
  tx: Tx;
  ctx: Ctx;
  account: Account;
  product: Product;
  /** How many users are targeted: the selection, or every user of the account. */
  total: number;
  /** The targeted users whose holding changes; the others hold what is asked already and cost nothing. */
  changes: LicenceChangeOfUser[];
}

/** Validates a licence change and checks Users "Edit" (which also opens the Manage panel). */
export function parseLicenceRequest(ctx: Ctx, input: unknown): LicenceRequest {
  const parsed = ApplyLicencesInput.safeParse(input);
  if (!parsed.success) throw validationFromZod(parsed.error);
  authorize(ctx.actor, 'users', 'edit');
  const { accountId, change } = parsed.data;
  return { accountId, change, userIds: parsed.data.userIds ? [...new Set(parsed.data.userIds)] : null };
}

/**
 * ORD-5, M1-2, MTM-1: takes the account's licence lock (held until `tx` ends) and plans the change:
 * the account in the actor's scope, the product integrated (and MiTeam Meetings not managed by
 * MiCollab), every selected user of the account, and the users who newly consume a licence fitting
 * in what is free — else "X more licence(s) needed …" (seed 001 683-685) and nothing is planned.
 */
export async function planLicences(tx: Tx, ctx: Ctx, request: LicenceRequest): Promise<LicencePlan> {
  const { change, userIds } = request;
  const account = await getAccountInScope(tx, ctx.actor, request.accountId);
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
  const plan = await planChange({ tx, ctx, account, userIds }, change);
  await checkFits(plan);
  return plan;
}

interface Scope {
  tx: Tx;
  ctx: Ctx;
  account: Account;
  userIds: string[] | null;
}

/** Who changes and how, for a scope already locked and checked (also MTM-2's revoke-all). */
export async function planChange(scope: Scope, change: LicenceChange): Promise<LicencePlan> {
  const base = { tx: scope.tx, ctx: scope.ctx, account: scope.account, product: change.product };
  if (change.product === 'miteamMeetings' && !change.assign) {
    const holders = await heldBy(scope, 'miteamMeetings');
    return { ...base, total: await countTargets(scope), changes: holders.map((h) => ({ userId: h.userId, before: { level: null, features: {} }, after: null })) };
  }
  const targets = await targetsOf(scope);
  const current = new Map((await heldBy(scope, change.product)).map((h) => [h.userId, { level: h.level, features: h.features }]));
  const changes =
    change.product === 'mitelOne'
      ? targets
          .map((userId) => ({ userId, before: current.get(userId) ?? null, after: overrideMitelOne(current.get(userId) ?? null, change) }))
          .filter((c) => !sameHolding(c.before, c.after))
      : targets.filter((userId) => !current.has(userId)).map((userId) => ({ userId, before: null, after: { level: null, features: {} } }));
  return { ...base, total: targets.length, changes };
}

/**
 * Refuses with the exact shortfall when the users who newly consume a licence don't fit: those who
 * take a kind (product and level) they don't hold yet. A Mitel One product without a level (setup
 * not finished) holds no licence.
 */
async function checkFits({ tx, account, product, changes }: LicencePlan): Promise<void> {
  const newcomers = new Map<Level | null, number>();
  for (const { before, after } of changes) {
    if (!after || (before && before.level === after.level) || (product === 'mitelOne' && after.level === null)) continue;
    newcomers.set(after.level, (newcomers.get(after.level) ?? 0) + 1);
  }
  for (const [level, n] of newcomers) {
    const missing = shortfall(await poolOf(tx, account.id, { product, level }), n);
    if (missing > 0) throw new DomainError('licences.errors.moreNeeded', 409, { count: missing });
  }
}

/** The targeted users: the selection (checked to be of the account), or every user of the account. */
async function targetsOf({ tx, account, userIds }: Scope): Promise<string[]> {
  return userIds ?? (await tx.select({ id: users.id }).from(users).where(eq(users.accountId, account.id))).map((u) => u.id);
}

async function countTargets({ tx, account, userIds }: Scope): Promise<number> {
  if (userIds) return userIds.length;
  const [row] = await tx.select({ n: count() }).from(users).where(eq(users.accountId, account.id));
  return row?.n ?? 0;
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

export async function inChunks<T, R>(items: readonly T[], run: (chunk: T[]) => Promise<R[]>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(...(await run(items.slice(i, i + CHUNK))));
  return out;
}
