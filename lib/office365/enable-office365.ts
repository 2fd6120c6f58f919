import 'server-only';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { accountIntegrations, o365Consents } from '@/db/schema';
import { getAccountInScope } from '@/lib/accounts/scope';
import { canConfigureIntegrations } from '@/lib/authz';
import { withTransaction, type Command } from '@/lib/db/transaction';
import { ConflictError, ForbiddenError, validationFromZod } from '@/lib/errors';
import { lockIntegrations } from '@/lib/integrations/account-state';
import { recordIntegrationEdit } from '@/lib/integrations/write-integrations-change';

const Input = z.object({ accountId: z.string().max(100) });

/**
 * O365-1 "Done and enable": the integration is enabled once consent succeeded, or was given but
 * could not be confirmed here (the seed's "unknown": the admin vouches for it). A refused consent
 * cannot be enabled.
 */
export async function enableOffice365({ ctx, input }: Command<unknown>) {
  const parsed = Input.safeParse(input);
  if (!parsed.success) throw validationFromZod(parsed.error);
  if (!canConfigureIntegrations(ctx.actor)) throw new ForbiddenError();
  return withTransaction(ctx, async (tx) => {
    const account = await getAccountInScope(tx, ctx.actor, parsed.data.accountId);
    const { rows } = await lockIntegrations(tx, account);
    const row = rows.find((r) => r.integrationId === 'office365');
    if (!row) throw new ConflictError('errors.integrations.notAdded');
    const [consent] = await tx.select().from(o365Consents).where(eq(o365Consents.accountId, account.id));
    if (!consent || consent.state === 'failed') throw new ConflictError('office365.errors.noConsent');
    if (row.setupDone) return { enabled: true };
    await tx.update(accountIntegrations).set({ setupDone: true, updatedAt: new Date() }).where(and(eq(accountIntegrations.accountId, account.id), eq(accountIntegrations.integrationId, 'office365')));
    await recordIntegrationEdit(tx, ctx, account, 'office365', { before: { setupDone: false }, after: { setupDone: true, consent: consent.state } });
    return { enabled: true };
  });
}
