'use server';

import { db } from '@/db/client';
import { runAsUser } from '@/lib/actions/run-action';
import { addAccountIntegration } from '@/lib/integrations/add-integration';
import { configureAccountIntegration } from '@/lib/integrations/configure-integration';
import { removeAccountIntegration } from '@/lib/integrations/remove-integration';
import { requestIntegrationUpdate } from '@/lib/integrations/request-update';
import { setAccountPrivilege } from '@/lib/integrations/set-privilege';
import { getIntegrationUpdateStatus } from '@/lib/integrations/update-status';

// The ids come from the page; the commands check them (account in scope, catalogue id, permission).

export async function addIntegrationAction(accountId: string, integrationId: string) {
  return runAsUser((ctx) => addAccountIntegration({ ctx, input: { accountId, integrationId } }));
}

export async function removeIntegrationAction(accountId: string, integrationId: string) {
  return runAsUser((ctx) => removeAccountIntegration({ ctx, input: { accountId, integrationId } }));
}

export async function setPrivilegeAction(accountId: string, privilege: string, enabled: boolean) {
  return runAsUser((ctx) => setAccountPrivilege({ ctx, input: { accountId, privilege, enabled } }));
}

export async function configureIntegrationAction(accountId: string, integrationId: string, settings: Record<string, unknown>) {
  return runAsUser((ctx) => configureAccountIntegration({ ctx, input: { accountId, integrationId, settings } }));
}

export async function installUpdateAction(accountId: string, integrationId: string) {
  return runAsUser((ctx) => requestIntegrationUpdate({ ctx, input: { accountId, integrationId } }));
}

export async function integrationUpdateStatusAction(notificationId: string) {
  return runAsUser((ctx) => getIntegrationUpdateStatus(db(), ctx.actor, notificationId));
}
