import 'server-only';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { scimTokens } from '@/db/schema';
import { getAccountInScope } from '@/lib/accounts/scope';
import { hashToken } from '@/lib/auth/tokens';
import { canConfigureIntegrations } from '@/lib/authz';
import { withTransaction, type Command } from '@/lib/db/transaction';
import { env } from '@/lib/env';
import { ConflictError, ForbiddenError, validationFromZod } from '@/lib/errors';
import { lockIntegrations } from '@/lib/integrations/account-state';
import { recordIntegrationEdit } from '@/lib/integrations/write-integrations-change';
import { and, eq } from 'drizzle-orm';
import { accountIntegrations } from '@/db/schema';

const Input = z.object({ accountId: z.string().max(100) });

/** Tokens start with a recognisable prefix so secret scanners can spot a leaked one. */
const TOKEN_PREFIX = 'scim_';

export function scimBaseUrl(accountId: string, base = env().APP_URL): string {
  return `${base}/scim/v2/${accountId}`;
}

/**
 * SCIM-1 "Generate keys": a new tenant URL and secret token for the account's Azure AD Sync. The
 * token is shown once and stored as a SHA-256 hash; generating again replaces the previous token
 * (it stops working at once). Finishes the integration's setup.
 */
export async function generateScimKeys({ ctx, input }: Command<unknown>): Promise<{ url: string; token: string }> {
  const parsed = Input.safeParse(input);
  if (!parsed.success) throw validationFromZod(parsed.error);
  if (!canConfigureIntegrations(ctx.actor)) throw new ForbiddenError();
  return withTransaction(ctx, async (tx) => {
    const account = await getAccountInScope(tx, ctx.actor, parsed.data.accountId);
    const { rows } = await lockIntegrations(tx, account);
    const row = rows.find((r) => r.integrationId === 'azureAdSync');
    if (!row) throw new ConflictError('errors.integrations.notAdded');
    const token = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
    const [previous] = await tx.select({ createdAt: scimTokens.createdAt }).from(scimTokens).where(eq(scimTokens.accountId, account.id));
    const values = { tokenHash: hashToken(token), createdAt: new Date(), createdBy: ctx.actor.name, lastUsedAt: null };
    await tx.insert(scimTokens).values({ accountId: account.id, ...values }).onConflictDoUpdate({ target: scimTokens.accountId, set: values });
    await tx
      .update(accountIntegrations)
      .set({ setupDone: true, updatedAt: new Date() })
      .where(and(eq(accountIntegrations.accountId, account.id), eq(accountIntegrations.integrationId, 'azureAdSync')));
    await recordIntegrationEdit(tx, ctx, account, 'azureAdSync', {
      before: { setupDone: row.setupDone, settings: { keysGeneratedAt: previous?.createdAt.toISOString() ?? null } },
      after: { setupDone: true, settings: { keysGeneratedAt: values.createdAt.toISOString() } },
      core: { change: previous ? 'keysRegenerated' : 'keysGenerated' },
    });
    return { url: scimBaseUrl(account.id), token };
  });
}
