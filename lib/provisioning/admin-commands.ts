import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { accounts } from '@/db/schema';
import { systemActor } from '@/lib/auth/system-actor';
import type { Ctx } from '@/lib/db/transaction';
import { DomainError, ValidationError } from '@/lib/errors';
import { readIntegrations } from '@/lib/integrations/account-state';
import { addAccountIntegration } from '@/lib/integrations/add-integration';
import type { IntegrationId } from '@/lib/integrations/catalogue';
import { translator } from '@/lib/i18n/translator';
import { configureSso } from '@/lib/sso/configure-sso';
import { generateScimKeys } from './generate-scim-keys';

export class AdminCommandError extends Error {
  override name = 'AdminCommandError';
}

export type AdminCommand =
  | { command: 'scim-keys'; account: string }
  | { command: 'saml'; account: string; azure: boolean; entityId: string; ssoUrl: string; certificates: string; mitelCredentials: boolean };

/** The account an operator names; refused clearly when unknown or when the name is not unique. */
async function accountNamed(name: string) {
  const found = await db()
    .select({ id: accounts.id, partnerOrgId: accounts.partnerOrgId, status: accounts.status })
    .from(accounts)
    .where(eq(sql`lower(${accounts.name})`, name.trim().toLowerCase()));
  const live = found.filter((a) => a.status !== 'deleting');
  if (live.length === 0) throw new AdminCommandError(`no account is named "${name}"`);
  if (live.length > 1) throw new AdminCommandError(`${live.length} accounts are named "${name}"; rename one first`);
  return live[0]!;
}

/** The integration on the account, added first (as "+ Add new" does) when it is not there yet. */
async function ensureIntegration(ctx: Ctx, account: { id: string }, integrationId: IntegrationId) {
  const { rows } = await readIntegrations(db(), account);
  if (!rows.some((r) => r.integrationId === integrationId)) await addAccountIntegration({ ctx, input: { accountId: account.id, integrationId } });
}

/** `npm run admin -- scim-keys | saml`: the dialogs' commands, as "System" (events say so). */
export async function runAdminCommand(input: AdminCommand): Promise<Record<string, unknown>> {
  const account = await accountNamed(input.account);
  const ctx: Ctx = { actor: systemActor({ partnerOrgId: account.partnerOrgId, accountId: account.id }) };
  try {
    if (input.command === 'scim-keys') {
      await ensureIntegration(ctx, account, 'azureAdSync');
      return await generateScimKeys({ ctx, input: { accountId: account.id } });
    }
    const integrationId = input.azure ? 'azureAdSingleSignOn' : 'singleSignOn';
    await ensureIntegration(ctx, account, integrationId);
    const { certificates } = await configureSso({
      ctx,
      input: { accountId: account.id, integrationId, idpEntityId: input.entityId, ssoUrl: input.ssoUrl, certificates: input.certificates, mitelCredentials: input.mitelCredentials },
    });
    return { accountId: account.id, integrationId, certificates };
  } catch (e) {
    if (e instanceof DomainError) {
      const t = translator('en');
      const fields = e instanceof ValidationError ? Object.entries(e.fieldErrors).map(([f, keys]) => `${f}: ${keys.map((k) => t(k)).join(' ')}`) : [];
      throw new AdminCommandError([t(e.messageKey, e.params), ...fields].join(' — '));
    }
    throw e;
  }
}
