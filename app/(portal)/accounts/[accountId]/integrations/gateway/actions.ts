'use server';

import { db } from '@/db/client';
import { runAsUser } from '@/lib/actions/run-action';
import { claimGateway } from '@/lib/gateway/claim-gateway';
import { configureGatewayPbx } from '@/lib/gateway/configure-pbx';
import { configureGatewaySite } from '@/lib/gateway/configure-site';
import { finishGatewayOnboarding } from '@/lib/gateway/finish-onboarding';
import { readGatewayWizard } from '@/lib/gateway/read-gateway';
import { requestGatewaySupport } from '@/lib/gateway/request-support-action';
import { requestPbxSync } from '@/lib/gateway/request-sync';
import { sendDeploymentMails } from '@/lib/gateway/send-deployment';
import { setPbxSyncSchedule } from '@/lib/gateway/set-sync-schedule';
import { getBulkStatus } from '@/lib/users/bulk-status';

// The ids and values come from the page; every command parses and authorises them again.

export async function claimGatewayAction(accountId: string, linkCode: string) {
  return runAsUser((ctx) => claimGateway({ ctx, input: { accountId, linkCode } }));
}
export async function configureSiteAction(accountId: string, site: unknown) {
  return runAsUser((ctx) => configureGatewaySite({ ctx, input: { accountId, site } }));
}
export async function configurePbxAction(accountId: string, pbx: unknown) {
  return runAsUser((ctx) => configureGatewayPbx({ ctx, input: { accountId, pbx } }));
}
export async function connectPbxAction(accountId: string, mode: 'connect' | 'sync') {
  return runAsUser((ctx) => requestPbxSync({ ctx, input: { accountId, mode } }));
}
export async function setSyncScheduleAction(accountId: string, minutes: unknown) {
  return runAsUser((ctx) => setPbxSyncSchedule({ ctx, input: { accountId, minutes } }));
}
export async function sendDeploymentAction(accountId: string) {
  return runAsUser((ctx) => sendDeploymentMails({ ctx, input: { accountId } }));
}
export async function finishOnboardingAction(accountId: string) {
  return runAsUser((ctx) => finishGatewayOnboarding({ ctx, input: { accountId } }));
}
export async function gatewaySupportAction(accountId: string, request: unknown) {
  return runAsUser((ctx) => requestGatewaySupport({ ctx, input: { accountId, request } }));
}
/** The wizard's state, re-read while a gateway step runs or the gateway has not been claimed. */
export async function gatewayWizardAction(accountId: string) {
  return runAsUser((ctx) => readGatewayWizard({ ctx, input: { accountId } }));
}
export async function gatewayTaskStatusAction(notificationId: string) {
  return runAsUser((ctx) => getBulkStatus(db(), ctx.actor, notificationId));
}
