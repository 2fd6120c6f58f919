import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { accountIntegrations, accounts, scimTokens } from '@/db/schema';
import { hashToken } from '@/lib/auth/tokens';
import { systemActor } from '@/lib/auth/system-actor';
import { permissionOf } from '@/lib/authz/permissions';
import type { Actor, Permission } from '@/lib/authz/types';
import { isUuid } from '@/lib/ids';
import { ScimError } from '@/lib/scim/errors';

export interface ScimContext {
  account: { id: string; partnerOrgId: string };
  actor: Actor;
  tokenHash: string;
}

/** SCIM-4: the actor of SCIM requests, "SCIM" in the event history, reaching only its account's users. */
export function scimActor(account: { id: string; partnerOrgId: string }): Actor {
  const permissions = new Set<Permission>((['view', 'add', 'edit', 'delete'] as const).map((op) => permissionOf('users', op)));
  return { ...systemActor({ partnerOrgId: account.partnerOrgId, accountId: account.id }), kind: 'scim', name: 'SCIM', permissions };
}

/**
 * SCIM-1/2: the bearer token must be the current token of this very account, whose Azure AD Sync
 * integration is on and which is active (AUTH-6). Every failure is the same 401, so a token of
 * another account, an old token and a made-up one are indistinguishable.
 */
export async function authenticateScim(accountId: string, authorization: string | null): Promise<ScimContext> {
  const token = /^Bearer\s+(\S{1,512})$/i.exec(authorization ?? '')?.[1];
  if (!token || !isUuid(accountId)) throw new ScimError(401, undefined, 'A valid bearer token is required');
  const tokenHash = hashToken(token);
  const [row] = await db()
    .select({ id: accounts.id, partnerOrgId: accounts.partnerOrgId, status: accounts.status })
    .from(scimTokens)
    .innerJoin(accounts, eq(accounts.id, scimTokens.accountId))
    .innerJoin(accountIntegrations, and(eq(accountIntegrations.accountId, accounts.id), eq(accountIntegrations.integrationId, 'azureAdSync')))
    .where(and(eq(scimTokens.tokenHash, tokenHash), eq(scimTokens.accountId, accountId)))
    .limit(1);
  if (!row) throw new ScimError(401, undefined, 'A valid bearer token is required');
  if (row.status !== 'active') throw new ScimError(403, undefined, 'The account is deactivated');
  return { account: { id: row.id, partnerOrgId: row.partnerOrgId }, actor: scimActor(row), tokenHash };
}

const touched = new Map<string, number>();

/**
 * Marks the token used for the dialog's "Last used", at most once a minute per token and process:
 * remembered here first, so a busy client costs no write per request.
 */
export async function touchToken(tokenHash: string, now = Date.now()): Promise<void> {
  if ((touched.get(tokenHash) ?? 0) > now - 60_000) return;
  touched.set(tokenHash, now);
  if (touched.size > 10_000) touched.delete(touched.keys().next().value!);
  await db()
    .update(scimTokens)
    .set({ lastUsedAt: new Date() })
    .where(and(eq(scimTokens.tokenHash, tokenHash), sql`(${scimTokens.lastUsedAt} is null or ${scimTokens.lastUsedAt} < now() - interval '1 minute')`));
}
