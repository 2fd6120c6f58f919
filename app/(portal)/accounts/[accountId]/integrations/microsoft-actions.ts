'use server';

import { runAsUser } from '@/lib/actions/run-action';
import { createConsentLink } from '@/lib/office365/consent-link';
import { enableOffice365 } from '@/lib/office365/enable-office365';
import { readO365Consent } from '@/lib/office365/read-consent';
import { configureTeams } from '@/lib/teams/configure-teams';
import { listPresenceHealth, PresenceHealthQuery } from '@/lib/teams/list-presence-health';
import { lookupUserPresence } from '@/lib/teams/lookup-user-presence';
import { readTeamsSetup } from '@/lib/teams/read-teams-setup';
import { resetPhoneStatus } from '@/lib/teams/reset-phone-status';
import { setTeamsSync } from '@/lib/teams/set-teams-sync';
import { requestTeamsMatch } from '@/lib/teams/request-teams-match';
import { verifyTeams } from '@/lib/teams/verify-teams';
import { authorizeMonitor } from '@/lib/teams/monitors/authorize-monitor';
import { deleteMonitor, resyncMonitorStatus } from '@/lib/teams/monitors/manage-monitor';
import { createMonitorLink } from '@/lib/teams/monitors/monitor-link';
import { readMonitors } from '@/lib/teams/monitors/read-monitors';
import { setTeamsBidirectional } from '@/lib/teams/monitors/set-teams-bidirectional';
import { syncAllToMicollab } from '@/lib/teams/monitors/sync-all-to-micollab';

// TEAMS-1..5 and O365-1: the Microsoft integrations' dialogs. The commands check everything.

export async function readTeamsSetupAction(accountId: string) {
  return runAsUser((ctx) => readTeamsSetup(ctx.actor, accountId));
}

export async function configureTeamsAction(input: Record<string, unknown>) {
  return runAsUser((ctx) => configureTeams({ ctx, input }));
}

export async function setTeamsSyncAction(accountId: string, enabled: boolean) {
  return runAsUser((ctx) => setTeamsSync({ ctx, input: { accountId, enabled } }));
}

export async function resyncTeamsUsersAction(accountId: string) {
  return runAsUser((ctx) => requestTeamsMatch({ ctx, input: { accountId } }));
}

export async function verifyTeamsAction(accountId: string) {
  return runAsUser((ctx) => verifyTeams(ctx.actor, { accountId }));
}

export async function lookupUserPresenceAction(accountId: string, email: string) {
  return runAsUser((ctx) => lookupUserPresence(ctx.actor, { accountId, email }));
}

export async function resetPhoneStatusAction(accountId: string, email: string) {
  return runAsUser((ctx) => resetPhoneStatus({ ctx, input: { accountId, email } }));
}

export async function listPresenceHealthAction(accountId: string, query: Record<string, unknown>) {
  return runAsUser((ctx) => listPresenceHealth(ctx.actor, accountId, PresenceHealthQuery.parse(query)));
}

export async function createConsentLinkAction(accountId: string) {
  return runAsUser((ctx) => createConsentLink({ ctx, input: { accountId } }));
}

export async function readO365ConsentAction(accountId: string) {
  return runAsUser((ctx) => readO365Consent(ctx.actor, accountId));
}

export async function enableOffice365Action(accountId: string) {
  return runAsUser((ctx) => enableOffice365({ ctx, input: { accountId } }));
}

// ---- TEAMS-4: presence monitors and Teams → MiCollab. ----

export async function setTeamsBidirectionalAction(accountId: string, enabled: boolean) {
  return runAsUser((ctx) => setTeamsBidirectional({ ctx, input: { accountId, enabled } }));
}

export async function readMonitorsAction(accountId: string) {
  return runAsUser((ctx) => readMonitors(ctx.actor, accountId));
}

export async function authorizeMonitorAction(input: Record<string, unknown>) {
  return runAsUser((ctx) => authorizeMonitor({ ctx, input }));
}

export async function createMonitorLinkAction(input: Record<string, unknown>) {
  return runAsUser((ctx) => createMonitorLink({ ctx, input }));
}

export async function resyncMonitorStatusAction(accountId: string, monitorId: string) {
  return runAsUser((ctx) => resyncMonitorStatus({ ctx, input: { accountId, monitorId } }));
}

export async function deleteMonitorAction(accountId: string, monitorId: string) {
  return runAsUser((ctx) => deleteMonitor({ ctx, input: { accountId, monitorId } }));
}

export async function syncAllToMicollabAction(accountId: string) {
  return runAsUser((ctx) => syncAllToMicollab({ ctx, input: { accountId } }));
}
