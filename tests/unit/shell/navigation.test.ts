import { describe, expect, it } from 'vitest';
import type { Permission } from '../../../lib/authz';
import { integrationSectionsFor } from '../../../lib/shell/integration-sections';
import { navigationFor } from '../../../lib/shell/navigation';
import { makeActor } from '../authz/fixtures';

const ACCOUNT = '00000000-0000-4000-8000-000000000001';
const admin = (permissions: Permission[]) => makeActor({ kind: 'accountUser', accountId: ACCOUNT, baseRole: 'admin', permissions: new Set<Permission>(['account.view', ...permissions]) });
const ALL: Permission[] = ['users.view', 'integrations.view', 'customerService.view'];
const voiceAssist = (setupDone: boolean) => ({ integrationId: 'voiceAssist', setupDone });
const workgroups = { integrationId: 'workgroups', setupDone: false };

const hrefs = (actor: ReturnType<typeof makeActor>, accountIntegrations: { integrationId: string; setupDone: boolean }[] = []) =>
  navigationFor({ actor, isPasswordUser: false, devMailbox: false, accountIntegrations }).map((i) => i.href);

describe('navigationFor: sections integrations unlock (SHELL-2, INT-1, MVA-1, WG-1)', () => {
  it('keeps the existing entries of an account admin, then adds Integrations & Apps with View', () => {
    expect(navigationFor({ actor: admin(ALL), isPasswordUser: false, devMailbox: false })).toEqual([
      { href: '/dashboard', labelKey: 'nav.dashboard' },
      { href: `/accounts/${ACCOUNT}`, labelKey: 'nav.account' },
      { href: `/accounts/${ACCOUNT}/users`, labelKey: 'nav.users' },
      { href: `/accounts/${ACCOUNT}/integrations`, labelKey: 'nav.integrations' },
    ]);
    expect(hrefs(admin(['users.view']))).not.toContain(`/accounts/${ACCOUNT}/integrations`);
  });

  it('shows Voice Assist only once its setup is done, and only with View on integrations', () => {
    expect(hrefs(admin(ALL), [voiceAssist(false)])).not.toContain(`/accounts/${ACCOUNT}/voice-assist`);
    expect(hrefs(admin(ALL), [voiceAssist(true)])).toContain(`/accounts/${ACCOUNT}/voice-assist`);
    expect(hrefs(admin(['customerService.view']), [voiceAssist(true)])).not.toContain(`/accounts/${ACCOUNT}/voice-assist`);
    expect(hrefs(admin(ALL), [])).not.toContain(`/accounts/${ACCOUNT}/voice-assist`);
  });

  it('shows Customer service with Mitel One Workgroups and View on Customer service', () => {
    expect(hrefs(admin(ALL), [workgroups])).toContain(`/accounts/${ACCOUNT}/customer-service`);
    expect(hrefs(admin(['integrations.view']), [workgroups])).not.toContain(`/accounts/${ACCOUNT}/customer-service`);
    // Customer service does not need View on integrations (seed 1663-1674 is its own feature).
    expect(hrefs(admin(['customerService.view']), [workgroups])).toContain(`/accounts/${ACCOUNT}/customer-service`);
    expect(hrefs(admin(ALL), [voiceAssist(true)])).not.toContain(`/accounts/${ACCOUNT}/customer-service`);
  });

  it('lists the three in order after Users', () => {
    const items = navigationFor({ actor: admin(ALL), isPasswordUser: true, devMailbox: false, accountIntegrations: [workgroups, voiceAssist(true)] });
    expect(items.map((i) => i.labelKey)).toEqual(['nav.dashboard', 'nav.account', 'nav.users', 'nav.integrations', 'nav.voiceAssist', 'nav.customerService', 'nav.password']);
  });

  it('gives plain users and partners none of them in the left navigation', () => {
    const user = makeActor({ kind: 'accountUser', accountId: ACCOUNT, baseRole: 'user', permissions: new Set<Permission>(['account.view', ...ALL]) });
    expect(hrefs(user, [voiceAssist(true), workgroups])).toEqual(['/dashboard']);
    const partner = makeActor({ kind: 'partner', accountId: null, baseRole: 'partner', permissions: new Set<Permission>(['account.view', ...ALL]) });
    expect(hrefs(partner, [voiceAssist(true), workgroups]).some((h) => h.includes('/integrations') || h.includes('voice-assist') || h.includes('customer-service'))).toBe(false);
  });
});

describe('integrationSectionsFor: a partner inside an account', () => {
  const partner = (permissions: Permission[]) => makeActor({ kind: 'partner', accountId: null, baseRole: 'partner', permissions: new Set<Permission>(permissions) });

  it('offers the same sections as account tabs, under the same rules', () => {
    expect(integrationSectionsFor(partner(ALL), ACCOUNT, [voiceAssist(true), workgroups])).toEqual([
      { section: 'integrations', href: `/accounts/${ACCOUNT}/integrations` },
      { section: 'voiceAssist', href: `/accounts/${ACCOUNT}/voice-assist` },
      { section: 'customerService', href: `/accounts/${ACCOUNT}/customer-service` },
    ]);
    expect(integrationSectionsFor(partner([]), ACCOUNT, [voiceAssist(true), workgroups])).toEqual([]);
    expect(integrationSectionsFor(partner(ALL), ACCOUNT, [voiceAssist(false)]).map((s) => s.section)).toEqual(['integrations']);
  });

  it('ignores integrations it does not know', () => {
    expect(integrationSectionsFor(partner(ALL), ACCOUNT, [{ integrationId: 'somethingElse', setupDone: true }]).map((s) => s.section)).toEqual(['integrations']);
  });
});

describe('navigationFor: Orders and API keys (ORD-1)', () => {
  const partner = (permissions: Permission[], managedAccountIds: string[] | null = null) =>
    makeActor({ kind: 'partner', accountId: null, baseRole: 'partner', managedAccountIds, permissions: new Set<Permission>(permissions) });
  const keys = (actor: ReturnType<typeof makeActor>, isPasswordUser = true) => navigationFor({ actor, isPasswordUser, devMailbox: false }).map((i) => i.labelKey);

  it('puts Orders after Accounts and API keys before the password for a partner admin with Orders View', () => {
    expect(keys(partner(['account.view', 'orders.view', 'roles.view']))).toEqual(['nav.dashboard', 'nav.accounts', 'nav.orders', 'nav.roles', 'nav.apiKeys', 'nav.password']);
    expect(navigationFor({ actor: partner(['account.view', 'orders.view']), isPasswordUser: false, devMailbox: false })).toContainEqual({ href: '/orders', labelKey: 'nav.orders' });
    expect(navigationFor({ actor: partner(['account.view', 'orders.view']), isPasswordUser: false, devMailbox: false })).toContainEqual({ href: '/settings/api-keys', labelKey: 'nav.apiKeys' });
  });

  it('shows an account manager Orders but not the API keys of the organisation', () => {
    expect(keys(partner(['account.view', 'orders.view'], ['acc-1']))).toEqual(['nav.dashboard', 'nav.accounts', 'nav.orders', 'nav.password']);
  });

  it('shows neither without Orders View, nor to account users whatever their permissions', () => {
    expect(keys(partner(['account.view']))).toEqual(['nav.dashboard', 'nav.accounts', 'nav.password']);
    expect(keys(admin(['orders.view']))).not.toContain('nav.orders');
    expect(keys(admin(['orders.view']))).not.toContain('nav.apiKeys');
  });
});

describe('navigationFor: Billing → Subscriptions (ORD-4)', () => {
  const nav = (actor: ReturnType<typeof makeActor>, subscriptionsPage: boolean) => navigationFor({ actor, isPasswordUser: true, devMailbox: false, subscriptionsPage });

  it('gives an account admin with Subscriptions View the entry after its account sections', () => {
    expect(nav(admin([...ALL, 'subscriptions.view']), true).map((i) => i.labelKey)).toEqual(['nav.dashboard', 'nav.account', 'nav.users', 'nav.integrations', 'nav.subscriptions', 'nav.password']);
    expect(nav(admin(['subscriptions.view']), true)).toContainEqual({ href: `/accounts/${ACCOUNT}/subscriptions`, labelKey: 'nav.subscriptions' });
  });

  it("leaves it out without View, when the account's partner has no panel, and for plain users and partners", () => {
    const labels = (actor: ReturnType<typeof makeActor>, shown: boolean) => nav(actor, shown).map((i) => i.labelKey);
    expect(labels(admin(ALL), true)).not.toContain('nav.subscriptions');
    expect(labels(admin(['subscriptions.view']), false)).not.toContain('nav.subscriptions');
    const user = makeActor({ kind: 'accountUser', accountId: ACCOUNT, baseRole: 'user', permissions: new Set<Permission>(['account.view', 'subscriptions.view']) });
    expect(labels(user, true)).not.toContain('nav.subscriptions');
    const partner = makeActor({ kind: 'partner', accountId: null, baseRole: 'partner', permissions: new Set<Permission>(['account.view', 'subscriptions.view']) });
    expect(labels(partner, true)).not.toContain('nav.subscriptions');
  });
});
