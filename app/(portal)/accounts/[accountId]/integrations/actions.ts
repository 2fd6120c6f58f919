'use server';

import { db } from '@/db/client';
import { runAsUser } from '@/lib/actions/run-action';
import { addAccountIntegration } from '@/lib/integrations/add-integration';
import { configureAccountIntegration } from '@/lib/integrations/configure-integration';
import { removeAccountIntegration } from '@/lib/integrations/remove-integration';
import { requestIntegrationUpdate } from '@/lib/integrations/request-update';
import { setAccountPrivilege } from '@/lib/integrations/set-privilege';
import { getIntegrationUpdateStatus } from '@/lib/integrations/update-status';
import { generateScimKeys } from '@/lib/provisioning/generate-scim-keys';
import { listScimActivity, readScimSetup } from '@/lib/provisioning/read-scim-setup';
import { configureSso } from '@/lib/sso/configure-sso';
import { previewCertificates } from '@/lib/sso/preview-certificates';
import { readSsoSetup } from '@/lib/sso/read-sso-setup';
import type { SsoIntegration } from '@/lib/sso/schemas';

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

// ---- SSO-1..3 and SCIM-1: the identity integrations' dialogs. ----

export async function readSsoSetupAction(accountId: string, integrationId: SsoIntegration) {
  return runAsUser((ctx) => readSsoSetup(ctx.actor, accountId, integrationId));
}

export async function previewCertificatesAction(text: string) {
  return runAsUser(async (ctx) => previewCertificates(ctx.actor, String(text)));
}

export async function configureSsoAction(input: Record<string, unknown>) {
  return runAsUser((ctx) => configureSso({ ctx, input }));
}

export async function readScimSetupAction(accountId: string) {
  return runAsUser((ctx) => readScimSetup(ctx.actor, accountId));
}

export async function generateScimKeysAction(accountId: string) {
  return runAsUser((ctx) => generateScimKeys({ ctx, input: { accountId } }));
}

export async function listScimActivityAction(accountId: string, errorsOnly: boolean, after: number | null) {
  return runAsUser((ctx) => listScimActivity(ctx.actor, { accountId, errorsOnly, after }));
}
