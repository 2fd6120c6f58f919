import 'server-only';
import { and, eq } from 'drizzle-orm';
import { db } from '@/db/client';
import { accountIntegrations, notifications } from '@/db/schema';
import { getAccountInScope } from '@/lib/accounts/scope';
import { loadActorForJob } from '@/lib/auth/load-actor';
import { canConfigureIntegrations } from '@/lib/authz';
import { NotFoundError } from '@/lib/errors';
import { lockIntegrations } from '@/lib/integrations/account-state';
import { integrationDefinition } from '@/lib/integrations/catalogue';
import { upgradeSteps } from '@/lib/integrations/upgrades';
import { recordIntegrationEdit } from '@/lib/integrations/write-integrations-change';
import { finishProgress, reportProgress } from '../progress';
import type { QueuePayload } from '../queues';

/**
 * INT-4: installs the shipped version of an integration for the admin who asked, one version step
 * per transaction (the settings migration, the new version, its audit event and the progress
 * together), so a retry continues from the version the account is on and repeats nothing. The
 * actor is rebuilt now: an admin who lost the permission or the account meanwhile is refused.
 */
export async function runIntegrationUpdate(payload: QueuePayload<'integration-update'>): Promise<void> {
  const { accountId, integrationId, actorUserId, notificationId } = payload;
  const [note] = await db().select({ status: notifications.status, params: notifications.params }).from(notifications).where(eq(notifications.id, notificationId)).limit(1);
  if (note && note.status !== 'running') return;
  const params = { integrationId };
  // The versions the request saw, for the bar: from the installed one to the shipped one.
  const from = Number(note?.params.from ?? 0);
  const to = Number(note?.params.to ?? integrationDefinition(integrationId).version);
  const fail = (reason: 'noAccess' | 'forbidden' | 'removed') =>
    finishProgress(notificationId, { status: 'error', titleKey: `integrations.update.failed.${reason}`, params });

  const actor = await loadActorForJob(db(), actorUserId);
  if (!actor) return fail('noAccess');
  if (!canConfigureIntegrations(actor)) return fail('forbidden');
  const ctx = { actor };

  for (;;) {
    const outcome = await db().transaction(async (tx) => {
      const account = await getAccountInScope(tx, actor, accountId).catch((e: unknown) => {
        if (e instanceof NotFoundError) return null;
        throw e;
      });
      if (!account) return 'noAccess' as const;
      const { rows } = await lockIntegrations(tx, account);
      const row = rows.find((r) => r.integrationId === integrationId);
      if (!row) return 'removed' as const;
      const [step] = upgradeSteps(integrationId, row.version);
      if (!step) return 'done' as const;
      const settings = step.apply(row.settings);
      await tx
        .update(accountIntegrations)
        .set({ version: step.to, settings, updatedAt: new Date() })
        .where(and(eq(accountIntegrations.accountId, account.id), eq(accountIntegrations.integrationId, integrationId)));
      await recordIntegrationEdit(tx, ctx, account, integrationId, { before: { version: step.from }, after: { version: step.to }, core: { update: true } });
      await reportProgress(notificationId, step.to - from, to - from, { q: tx });
      return 'step' as const;
    });
    if (outcome === 'step') continue;
    if (outcome === 'done') {
      await finishProgress(notificationId, { status: 'success', titleKey: 'integrations.update.done', params });
      return;
    }
    return fail(outcome);
  }
}
