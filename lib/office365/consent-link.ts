import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { o365ConsentRequests } from '@/db/schema';
import { getAccountInScope } from '@/lib/accounts/scope';
import { graph } from '@/lib/adapters/graph';
import { canConfigureIntegrations } from '@/lib/authz';
import { withTransaction, type Command } from '@/lib/db/transaction';
import { env } from '@/lib/env';
import { ConflictError, ForbiddenError, validationFromZod } from '@/lib/errors';
import { lockIntegrations } from '@/lib/integrations/account-state';

/** A consent link may be handed to an Office 365 admin (O365-1 "Copy URL"): it stays usable a day. */
const LINK_HOURS = 24;

export const hashConsentState = (state: string) => createHash('sha256').update(state).digest('base64url');
export const consentRedirectUri = () => `${env().APP_URL}/api/o365/consent`;

/** The portal's own multi-tenant Azure app the Office 365 admin consents to; null when this portal has none. */
export function office365App(): { clientId: string; clientSecret: string | null } | null {
  const { O365_CLIENT_ID, O365_CLIENT_SECRET } = env();
  return O365_CLIENT_ID ? { clientId: O365_CLIENT_ID, clientSecret: O365_CLIENT_SECRET ?? null } : null;
}

const Input = z.object({ accountId: z.string().max(100) });

/**
 * O365-1 "Authorize on Azure" / "Copy URL": a fresh admin-consent link for the account. Its state
 * names the account, so the answer is filed there whoever signs in at Microsoft.
 */
export async function createConsentLink({ ctx, input }: Command<unknown>): Promise<{ url: string; expiresAt: string }> {
  const parsed = Input.safeParse(input);
  if (!parsed.success) throw validationFromZod(parsed.error);
  if (!canConfigureIntegrations(ctx.actor)) throw new ForbiddenError();
  const app = office365App();
  if (!app) throw new ConflictError('office365.errors.notConfigured');
  return withTransaction(ctx, async (tx) => {
    const account = await getAccountInScope(tx, ctx.actor, parsed.data.accountId);
    const { rows } = await lockIntegrations(tx, account);
    if (!rows.some((r) => r.integrationId === 'office365')) throw new ConflictError('errors.integrations.notAdded');
    const state = randomBytes(24).toString('base64url');
    const expiresAt = new Date(Date.now() + LINK_HOURS * 3600_000);
    await tx.insert(o365ConsentRequests).values({ stateHash: hashConsentState(state), accountId: account.id, createdBy: ctx.actor.userId, expiresAt });
    const url = graph.adminConsentUrl({ tenant: 'organizations', clientId: app.clientId, redirectUri: consentRedirectUri(), state });
    return { url, expiresAt: expiresAt.toISOString() };
  });
}
