import { can } from '@/lib/authz';
import type { Actor } from '@/lib/authz/types';

/** What the shell needs to know of an account's integrations (a row of account_integrations). */
export interface IntegrationPresence {
  integrationId: string;
  setupDone: boolean;
}

export type IntegrationSection = 'integrations' | 'voiceAssist' | 'customerService' | 'gatewaySupport';

/**
 * The account sections integrations unlock (INT-1 "Integrations & Apps", MVA-1, WG-1), shared by
 * the account user's left navigation and a partner's account tabs so both show the same ones.
 * Voice Assist appears once its "Finish setup" is saved (seed 3729-3745, 3764-3766); Customer
 * service once Mitel One Workgroups is added (seed 2373-2378) and the role may view it (1663-1674).
 */
export function integrationSectionsFor(actor: Actor, accountId: string, present: readonly IntegrationPresence[]): { section: IntegrationSection; href: string }[] {
  const has = (id: string, needsSetup = false) => present.some((p) => p.integrationId === id && (!needsSetup || p.setupDone));
  const sections: { section: IntegrationSection; href: string }[] = [];
  const viewIntegrations = can(actor, 'integrations', 'view');
  if (viewIntegrations) sections.push({ section: 'integrations', href: `/accounts/${accountId}/integrations` });
  if (viewIntegrations && has('voiceAssist', true)) sections.push({ section: 'voiceAssist', href: `/accounts/${accountId}/voice-assist` });
  if (can(actor, 'customerService', 'view') && has('workgroups')) sections.push({ section: 'customerService', href: `/accounts/${accountId}/customer-service` });
  // SUP-4 (seed 2.11): the partner and the admins of accounts with the CloudLink Gateway.
  if (can(actor, 'support', 'view') && has('cloudlinkGateway')) sections.push({ section: 'gatewaySupport', href: `/accounts/${accountId}/gateway-support` });
  return sections;
}
