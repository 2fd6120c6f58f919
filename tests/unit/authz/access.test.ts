import { describe, it, expect } from 'vitest';
import { ForbiddenError } from '../../../lib/errors';
import {
  FEATURES,
  OPERATIONS,
  authorize,
  can,
  canConfigureIntegrations,
  canManageIntegrationCatalogue,
  canOpenManage,
  canSeeAccount,
  canSendWelcome,
  defaultPermissions,
  isPartnerActor,
  type Permission,
} from '../../../lib/authz';
import { makeActor } from './fixtures';

const withPerms = (...perms: Permission[]) => makeActor({ permissions: new Set(perms) });

describe('can / authorize', () => {
  it('lets system actors do everything', () => {
    const system = makeActor({ kind: 'system', userId: null, permissions: new Set(), baseRole: 'user' });
    for (const f of FEATURES) {
      for (const op of OPERATIONS) {
        expect(can(system, f, op)).toBe(true);
        expect(() => authorize(system, f, op)).not.toThrow();
      }
    }
  });

  it.each(['partner', 'accountUser', 'scim', 'solution'] as const)('checks %s actors against their permissions', (kind) => {
    const actor = makeActor({ kind, permissions: new Set<Permission>(['users.view', 'users.add']) });
    expect(can(actor, 'users', 'view')).toBe(true);
    expect(can(actor, 'users', 'add')).toBe(true);
    expect(can(actor, 'users', 'delete')).toBe(false);
    expect(can(actor, 'roles', 'view')).toBe(false);
    expect(() => authorize(actor, 'users', 'add')).not.toThrow();
    expect(() => authorize(actor, 'users', 'delete')).toThrow(ForbiddenError);
  });

  it('throws a 403 ForbiddenError with the default key', () => {
    const actor = withPerms();
    try {
      authorize(actor, 'account', 'edit');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ForbiddenError);
      expect((e as ForbiddenError).status).toBe(403);
      expect((e as ForbiddenError).messageKey).toBe('errors.forbidden');
    }
  });

  it('denies everything to a plain user', () => {
    const user = makeActor({ baseRole: 'user', permissions: defaultPermissions('user') });
    for (const f of FEATURES) for (const op of OPERATIONS) expect(can(user, f, op)).toBe(false);
  });

  it('grants an account admin its defaults and nothing partner-only', () => {
    const admin = makeActor({ baseRole: 'admin', permissions: defaultPermissions('admin') });
    expect(can(admin, 'account', 'edit')).toBe(true);
    expect(can(admin, 'roles', 'assign')).toBe(true);
    expect(can(admin, 'account', 'add')).toBe(false);
    expect(can(admin, 'roles', 'add')).toBe(false);
    expect(can(admin, 'orders', 'view')).toBe(false);
    expect(can(admin, 'developer', 'view')).toBe(false);
    expect(can(admin, 'subscriptions', 'add')).toBe(false);
  });
});

describe('Users: Manage and welcome e-mails need Add or Edit', () => {
  it.each([
    [[], false],
    [['users.view'], false],
    [['users.view', 'users.delete'], false],
    [['users.view', 'users.add'], true],
    [['users.view', 'users.edit'], true],
    [['users.view', 'users.add', 'users.edit'], true],
  ] as [Permission[], boolean][])('%j → %s', (perms, expected) => {
    const actor = withPerms(...perms);
    expect(canOpenManage(actor)).toBe(expected);
    expect(canSendWelcome(actor)).toBe(expected);
  });

  it('allows system actors', () => {
    const system = makeActor({ kind: 'system' });
    expect(canOpenManage(system)).toBe(true);
    expect(canSendWelcome(system)).toBe(true);
  });
});

describe('Integrations helpers', () => {
  it('configuring needs Add or Edit', () => {
    expect(canConfigureIntegrations(withPerms('integrations.view'))).toBe(false);
    expect(canConfigureIntegrations(withPerms('integrations.view', 'integrations.add'))).toBe(true);
    expect(canConfigureIntegrations(withPerms('integrations.view', 'integrations.edit'))).toBe(true);
  });

  it('the catalogue needs Add and Delete', () => {
    expect(canManageIntegrationCatalogue(withPerms('integrations.view', 'integrations.add'))).toBe(false);
    expect(canManageIntegrationCatalogue(withPerms('integrations.view', 'integrations.delete'))).toBe(false);
    expect(canManageIntegrationCatalogue(withPerms('integrations.view', 'integrations.add', 'integrations.delete'))).toBe(true);
  });
});

describe('account scoping', () => {
  const own = { id: 'acc-1', partnerOrgId: 'org-1' };
  const sibling = { id: 'acc-2', partnerOrgId: 'org-1' };
  const foreign = { id: 'acc-9', partnerOrgId: 'org-2' };

  it('system sees every account', () => {
    const system = makeActor({ kind: 'system', partnerOrgId: null, accountId: null });
    expect([own, sibling, foreign].every((a) => canSeeAccount(system, a))).toBe(true);
  });

  it('partner admin sees every account of its organisation only', () => {
    const partner = makeActor({ kind: 'partner', baseRole: 'partner', accountId: null, managedAccountIds: null });
    expect(canSeeAccount(partner, own)).toBe(true);
    expect(canSeeAccount(partner, sibling)).toBe(true);
    expect(canSeeAccount(partner, foreign)).toBe(false);
    expect(isPartnerActor(partner)).toBe(true);
  });

  it('partner acting in an account still sees the rest of its organisation', () => {
    const partner = makeActor({ kind: 'partner', baseRole: 'partner', accountId: 'acc-1' });
    expect(canSeeAccount(partner, sibling)).toBe(true);
  });

  it('partner without an organisation sees nothing', () => {
    const partner = makeActor({ kind: 'partner', partnerOrgId: null });
    expect(canSeeAccount(partner, own)).toBe(false);
  });

  it('account manager sees assigned accounts only', () => {
    const manager = makeActor({ kind: 'partner', baseRole: 'partner', accountId: null, managedAccountIds: ['acc-2'] });
    expect(canSeeAccount(manager, sibling)).toBe(true);
    expect(canSeeAccount(manager, own)).toBe(false);
    expect(canSeeAccount(manager, foreign)).toBe(false);
  });

  it('account manager with no assignment sees nothing', () => {
    const manager = makeActor({ kind: 'partner', managedAccountIds: [] });
    expect([own, sibling, foreign].some((a) => canSeeAccount(manager, a))).toBe(false);
  });

  it('account manager assigned an id of another organisation still cannot see it', () => {
    const manager = makeActor({ kind: 'partner', managedAccountIds: ['acc-9'] });
    expect(canSeeAccount(manager, foreign)).toBe(false);
  });

  it('account user sees only its own account', () => {
    const user = makeActor({ kind: 'accountUser', accountId: 'acc-1' });
    expect(canSeeAccount(user, own)).toBe(true);
    expect(canSeeAccount(user, sibling)).toBe(false);
    expect(canSeeAccount(user, foreign)).toBe(false);
    expect(isPartnerActor(user)).toBe(false);
  });

  it('account user without an account sees nothing', () => {
    const user = makeActor({ kind: 'accountUser', accountId: null });
    expect(canSeeAccount(user, own)).toBe(false);
  });

  it.each(['scim', 'solution'] as const)('%s actors are scoped to their account', (kind) => {
    const actor = makeActor({ kind, accountId: 'acc-2' });
    expect(canSeeAccount(actor, sibling)).toBe(true);
    expect(canSeeAccount(actor, own)).toBe(false);
    expect(isPartnerActor(actor)).toBe(false);
  });
});
