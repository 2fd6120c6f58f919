import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import { notifications } from '@/db/schema';
import { canConfigureIntegrations } from '@/lib/authz';
import { withTransaction, type Command } from '@/lib/db/transaction';
import { ConflictError, ForbiddenError, validationFromZod } from '@/lib/errors';
import { getAccountInScope } from '@/lib/accounts/scope';
import { enqueue } from '@/lib/jobs/boss';
import { startProgress } from '@/lib/jobs/progress';
import { integrationDefinition } from './catalogue';
import { lockIntegrations } from './account-state';
import { AccountIntegrationInput } from './schemas';

export const UPDATE_RUNNING_KEY = 'integrations.update.running';

/**
 * INT-4 "Install update": starts the integration-update job with its progress notification, in
 * one transaction. Needs Add or Edit on "Integrations & apps" (configuring an integration, seed
 * 2.14.6). Refused when the installed version is the shipped one; asking again while an update
 * of the same integration runs returns that run instead of starting a second.
 */
export async function requestIntegrationUpdate({ ctx, input }: Command<unknown>): Promise<{ notificationId: string }> {
  const parsed = AccountIntegrationInput.safeParse(input);
  if (!parsed.success) throw validationFromZod(parsed.error);
  if (!canConfigureIntegrations(ctx.actor) || !ctx.actor.userId) throw new ForbiddenError();
  const userId = ctx.actor.userId;
  const { accountId, integrationId } = parsed.data;

  return withTransaction(ctx, async (tx) => {
    const account = await getAccountInScope(tx, ctx.actor, accountId);
    const { rows } = await lockIntegrations(tx, account);
    const row = rows.find((r) => r.integrationId === integrationId);
    if (!row) throw new ConflictError('errors.integrations.notAdded');
    const latest = integrationDefinition(integrationId).version;
    if (row.version >= latest) throw new ConflictError('errors.integrations.upToDate');

    const [running] = await tx
      .select({ id: notifications.id })
      .from(notifications)
      .where(
        and(
          eq(notifications.accountId, account.id),
          eq(notifications.titleKey, UPDATE_RUNNING_KEY),
          eq(notifications.status, 'running'),
          sql`${notifications.params}->>'integrationId' = ${integrationId}`,
        ),
      )
      .limit(1);
    if (running) return { notificationId: running.id };

    const notificationId = await startProgress(
      { userId, accountId: account.id, titleKey: UPDATE_RUNNING_KEY, params: { integrationId, from: row.version, to: latest } },
      tx,
    );
    const jobId = await enqueue(tx, 'integration-update', { accountId: account.id, integrationId, actorUserId: userId, notificationId });
    if (jobId) await tx.update(notifications).set({ jobId }).where(eq(notifications.id, notificationId));
    return { notificationId };
  });
}
