import 'server-only';
import { and, asc, count, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { db, type DbOrTx, type Tx } from '@/db/client';
import { scimUsers, users } from '@/db/schema';
import type { Ctx } from '@/lib/db/transaction';
import { ScimError } from '@/lib/scim/errors';
import { assertKnownAttributes, parseFilter } from '@/lib/scim/filter';
import { applyPatch } from '@/lib/scim/patch';
import { parseUser, type ScimUser } from '@/lib/scim/user';
import { addAccountUser } from '@/lib/users/create-user';
import { removeAccountUser } from '@/lib/users/delete-user';
import { getUserInScope, type UserInScope } from '@/lib/users/scope';
import { sendWelcomeMail } from '@/lib/users/send-welcome';
import { conflictFromUniqueViolation } from '@/lib/users/unique';
import { changeAccountUser } from '@/lib/users/update-user';
import { isUuid } from '@/lib/ids';
import { NotFoundError } from '@/lib/errors';
import type { ScimContext } from './scim-context';
import { filterToSql } from './scim-filter-sql';
import { fromScimResource, toScimResource, type ScimRow } from './scim-resource';

/**
 * SCIM-2 Users of one account. SCIM sees the account's users that the portal or SCIM itself owns;
 * users owned by a PBX or cloud-PBX sync stay that source's (a create with their e-mail is a
 * uniqueness conflict). Every write goes through the user commands' cores (addAccountUser,
 * changeAccountUser, removeAccountUser): the same USR-8 rules and audit events, actor "SCIM".
 */
const SCIM_SOURCES = ['portal', 'scim'] as const;

export interface ScimScope {
  scim: ScimContext;
  baseUrl: string;
}

function visible(accountId: string): SQL {
  return and(eq(users.accountId, accountId), inArray(users.source, [...SCIM_SOURCES]))!;
}

const rowSelection = { user: users, userName: scimUsers.userName, data: scimUsers.data, version: scimUsers.version };

async function readRow(q: DbOrTx, accountId: string, userId: string): Promise<ScimRow> {
  if (!isUuid(userId)) throw new ScimError(404, undefined, `User ${userId} not found`);
  const [row] = await q.select(rowSelection).from(users).leftJoin(scimUsers, eq(scimUsers.userId, users.id)).where(and(visible(accountId), eq(users.id, userId))).limit(1);
  if (!row) throw new ScimError(404, undefined, `User ${userId} not found`);
  return row;
}

export async function getScimUser(scope: ScimScope, userId: string): Promise<ScimUser> {
  return toScimResource(await readRow(db(), scope.scim.account.id, userId), scope.baseUrl);
}

export async function listScimUsers(scope: ScimScope, query: { filter: string | null; startIndex: number; count: number }): Promise<{ total: number; resources: ScimUser[] }> {
  let where = visible(scope.scim.account.id);
  if (query.filter) {
    const filter = parseFilter(query.filter);
    assertKnownAttributes(filter);
    where = and(where, filterToSql(filter))!;
  }
  if (query.count === 0) {
    const [{ total } = { total: 0 }] = await db().select({ total: count() }).from(users).where(where);
    return { total, resources: [] };
  }
  const rows = await db()
    .select(rowSelection)
    .from(users)
    .leftJoin(scimUsers, eq(scimUsers.userId, users.id))
    .where(where)
    .orderBy(asc(users.createdAt), asc(users.id))
    .offset(query.startIndex - 1)
    .limit(query.count);
  // A first page that is not full is the whole result (Entra's `userName eq` probe): no count needed.
  const total =
    query.startIndex === 1 && rows.length < query.count ? rows.length : ((await db().select({ total: count() }).from(users).where(where))[0]?.total ?? 0);
  return { total, resources: rows.map((r) => toScimResource(r, scope.baseUrl)) };
}

/** One transaction per request; a unique violation (two creates racing) becomes the 409 of USR-8. */
async function write<T>(fn: (tx: Tx, ctx: Ctx) => Promise<T>, actor: Ctx['actor']): Promise<T> {
  try {
    return await db().transaction((tx) => fn(tx, { actor, tx }));
  } catch (e) {
    throw conflictFromUniqueViolation(e) ?? e;
  }
}

export async function createScimUser(scope: ScimScope, body: unknown): Promise<ScimUser> {
  const { fields, extras } = fromScimResource(parseUser(body));
  const { account, actor } = scope.scim;
  const id = await write(async (tx, ctx) => {
    const user = await addAccountUser(tx, ctx, account, { ...fields, roleKey: 'user', source: 'scim', welcome: !fields.inactive });
    await tx.insert(scimUsers).values({ userId: user.id, accountId: account.id, userName: fields.loginId, data: extras as Record<string, unknown> });
    return user.id;
  }, actor);
  return getScimUser(scope, id);
}

/** The user a SCIM write changes, locked for the transaction; out of SCIM's reach (another source, another account) is a 404. */
async function lockScimUser(tx: Tx, ctx: Ctx, scope: ScimScope, userId: string): Promise<UserInScope> {
  if (!isUuid(userId)) throw new ScimError(404, undefined, `User ${userId} not found`);
  const inScope = await getUserInScope(tx, ctx.actor, { accountId: scope.scim.account.id, userId }, true).catch((e: unknown) => {
    throw e instanceof NotFoundError ? new ScimError(404, undefined, `User ${userId} not found`) : e;
  });
  if (!(SCIM_SOURCES as readonly string[]).includes(inScope.user.source)) throw new ScimError(404, undefined, `User ${userId} not found`);
  return inScope;
}

/** PUT and PATCH end here: the resource as it should be, applied to the locked user and its SCIM data. */
async function applyResource(tx: Tx, ctx: Ctx, scope: ScimScope, inScope: UserInScope, resource: ScimUser): Promise<void> {
  const { account } = scope.scim;
  const userId = inScope.user.id;
  const { fields, extras } = fromScimResource(resource);
  const wasInactive = inScope.user.inactive;
  await changeAccountUser(tx, ctx, inScope, { ...fields, source: 'scim' });
  // Deactivated (SCIM soft delete): open sessions end now. Activated again: the welcome mail, if still unregistered.
  if (fields.inactive && !wasInactive) await tx.update(users).set({ sessionVersion: sql`${users.sessionVersion} + 1` }).where(eq(users.id, userId));
  if (!fields.inactive && wasInactive) await sendWelcomeMail(tx, userId);
  await tx
    .insert(scimUsers)
    .values({ userId, accountId: account.id, userName: fields.loginId, data: extras as Record<string, unknown> })
    .onConflictDoUpdate({ target: scimUsers.userId, set: { userName: fields.loginId, data: extras as Record<string, unknown>, version: sql`${scimUsers.version} + 1`, updatedAt: new Date() } });
}

export async function replaceScimUser(scope: ScimScope, userId: string, body: unknown): Promise<ScimUser> {
  const resource = parseUser(body);
  await write(async (tx, ctx) => applyResource(tx, ctx, scope, await lockScimUser(tx, ctx, scope, userId), resource), scope.scim.actor);
  return getScimUser(scope, userId);
}

export async function patchScimUser(scope: ScimScope, userId: string, body: unknown): Promise<ScimUser> {
  await write(async (tx, ctx) => {
    // Read under the row lock: concurrent PATCHes of one user apply one after another.
    const inScope = await lockScimUser(tx, ctx, scope, userId);
    const current = toScimResource(await readRow(tx, scope.scim.account.id, userId), scope.baseUrl);
    await applyResource(tx, ctx, scope, inScope, applyPatch(current, body));
  }, scope.scim.actor);
  return getScimUser(scope, userId);
}

/** DELETE from the source: the person left the directory, so the user goes (its SCIM data with it). */
export async function deleteScimUser(scope: ScimScope, userId: string): Promise<void> {
  await write(async (tx, ctx) => removeAccountUser(tx, ctx, await lockScimUser(tx, ctx, scope, userId), 'record'), scope.scim.actor);
}
