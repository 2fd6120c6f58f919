import { can, canManageAccountManagers, canOpenRoles } from '@/lib/authz';
import { canManageApiKeys } from '@/lib/billing/api-keys';
import type { Actor } from '@/lib/authz/types';
import { integrationSectionsFor, type IntegrationPresence } from './integration-sections';

export interface NavItem {
  href: string;
  labelKey: string;
}

export interface NavContext {
  actor: Actor;
  isPasswordUser: boolean;
  devMailbox: boolean;
  /** The integrations of an account user's own account; partners reach them as account tabs. */
  accountIntegrations?: readonly IntegrationPresence[];
  /** Whether an account user may open its account's Subscriptions page (`hasSubscriptionsPage`, ORD-4). */
  subscriptionsPage?: boolean;
}

const SECTION_LABELS = {
  integrations: 'nav.integrations',
  voiceAssist: 'nav.voiceAssist',
  customerService: 'nav.customerService',
  gatewaySupport: 'nav.gatewaySupport',
} as const;

/**
 * SHELL-2: the left navigation, from the actor's permissions. Later features add their entries
 * here with the permission that shows them; nothing appears that the actor cannot open.
 */
export function navigationFor({ actor, isPasswordUser, devMailbox, accountIntegrations = [], subscriptionsPage = false }: NavContext): NavItem[] {
  const items: NavItem[] = [{ href: '/dashboard', labelKey: 'nav.dashboard' }];
  if (actor.kind === 'partner' && can(actor, 'account', 'view')) items.push({ href: '/accounts', labelKey: 'nav.accounts' });
  // ORD-1, seed "Billing → Orders": partners only.
  if (actor.kind === 'partner' && can(actor, 'orders', 'view')) items.push({ href: '/orders', labelKey: 'nav.orders' });
  if (actor.kind === 'accountUser' && actor.accountId && can(actor, 'account', 'view') && actor.baseRole !== 'user') {
    items.push({ href: `/accounts/${actor.accountId}`, labelKey: 'nav.account' });
    if (can(actor, 'users', 'view')) items.push({ href: `/accounts/${actor.accountId}/users`, labelKey: 'nav.users' });
    for (const { section, href } of integrationSectionsFor(actor, actor.accountId, accountIntegrations)) items.push({ href, labelKey: SECTION_LABELS[section] });
    // ORD-4, seed "Billing → Subscriptions": hidden for prime partners' accounts and partners without a billing account.
    if (subscriptionsPage && can(actor, 'subscriptions', 'view')) items.push({ href: `/accounts/${actor.accountId}/subscriptions`, labelKey: 'nav.subscriptions' });
  }
  // SHELL-2 "User management" of a partner.
  if (canOpenRoles(actor)) items.push({ href: '/roles', labelKey: 'nav.roles' });
  if (canManageAccountManagers(actor)) items.push({ href: '/account-managers', labelKey: 'nav.accountManagers' });
  if (canManageApiKeys(actor)) items.push({ href: '/settings/api-keys', labelKey: 'nav.apiKeys' });
  if (isPasswordUser) items.push({ href: '/settings/password', labelKey: 'nav.password' });
  if (devMailbox && actor.kind === 'partner' && actor.managedAccountIds === null) items.push({ href: '/dev/mailbox', labelKey: 'nav.mailbox' });
  return items;
}
