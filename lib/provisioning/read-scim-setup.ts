import 'server-only';
import { and, desc, eq, gte, lt, type SQL } from 'drizzle-orm';
import { db } from '@/db/client';
import { scimActivity, scimTokens } from '@/db/schema';
import { getAccountInScope } from '@/lib/accounts/scope';
import { canConfigureIntegrations } from '@/lib/authz';
import type { Actor } from '@/lib/authz/types';
import { ForbiddenError } from '@/lib/errors';
import { scimBaseUrl } from './generate-scim-keys';

export interface ScimSetupView {
  url: string;
  keys: { generatedAt: string; generatedBy: string; lastUsedAt: string | null } | null;
}

/** SCIM-1 dialog: the tenant URL and when keys were generated (the token itself is never shown again). */
export async function readScimSetup(actor: Actor, accountId: string): Promise<ScimSetupView> {
  if (!canConfigureIntegrations(actor)) throw new ForbiddenError();
  const account = await getAccountInScope(db(), actor, accountId);
  const [row] = await db().select().from(scimTokens).where(eq(scimTokens.accountId, account.id));
  return {
    url: scimBaseUrl(account.id),
    keys: row ? { generatedAt: row.createdAt.toISOString(), generatedBy: row.createdBy, lastUsedAt: row.lastUsedAt?.toISOString() ?? null } : null,
  };
}

export interface ScimActivityRow {
  id: number;
  at: string;
  method: string;
  operation: string;
  path: string;
  userId: string | null;
  userName: string | null;
  status: number;
  scimType: string | null;
  detail: string | null;
}

export const ACTIVITY_PAGE_SIZE = 25;

/**
 * Beyond SCIM: the provisioning activity of an account, newest first, keyset-paged by id (`after`
 * is the last id of the previous page); `errorsOnly` keeps requests answered with 4xx/5xx.
 */
export async function listScimActivity(
  actor: Actor,
  input: { accountId: string; errorsOnly?: boolean; after?: number | null },
): Promise<{ rows: ScimActivityRow[]; next: number | null }> {
  if (!canConfigureIntegrations(actor)) throw new ForbiddenError();
  const account = await getAccountInScope(db(), actor, input.accountId);
  const conditions: SQL[] = [eq(scimActivity.accountId, account.id)];
  if (input.errorsOnly) conditions.push(gte(scimActivity.status, 400));
  if (input.after) conditions.push(lt(scimActivity.id, input.after));
  const rows = await db()
    .select()
    .from(scimActivity)
    .where(and(...conditions, gte(scimActivity.at, new Date(Date.now() - 30 * 86_400_000))))
    .orderBy(desc(scimActivity.id))
    .limit(ACTIVITY_PAGE_SIZE + 1);
  const page = rows.slice(0, ACTIVITY_PAGE_SIZE).map((r) => ({ ...r, at: r.at.toISOString() }));
  return { rows: page, next: rows.length > ACTIVITY_PAGE_SIZE ? page[page.length - 1]!.id : null };
}
