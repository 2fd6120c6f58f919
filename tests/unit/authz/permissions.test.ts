import { describe, it, expect } from 'vitest';
import {
  applicableCells,
  defaultPermissions,
  isPermission,
  normalisePermissions,
  toggleCell,
  variantOf,
  type Permission,
} from '../../../lib/authz';

const sorted = (s: Iterable<Permission>): Permission[] => [...s].sort();

describe('defaultPermissions (ROLE-1)', () => {
  it('gives the Partner base role every applicable partner cell', () => {
    expect(sorted(defaultPermissions('partner'))).toEqual(
      sorted([
        'account.view', 'account.add', 'account.edit', 'account.delete',
        'users.view', 'users.add', 'users.edit', 'users.delete',
        'userTemplates.view', 'userTemplates.add', 'userTemplates.edit', 'userTemplates.delete',
        'roles.view', 'roles.add', 'roles.edit', 'roles.assign', 'roles.delete',
        'integrations.view', 'integrations.add', 'integrations.edit', 'integrations.delete',
        'subscriptions.view', 'subscriptions.add',
        'support.view', 'mivb.view', 'customerService.view', 'developer.view', 'orders.view',
      ]),
    );
  });

  it('gives the Account Admin base role every applicable admin cell', () => {
    expect(sorted(defaultPermissions('admin'))).toEqual(
      sorted([
        'account.view', 'account.edit',
        'users.view', 'users.add', 'users.edit', 'users.delete',
        'userTemplates.view', 'userTemplates.add', 'userTemplates.edit', 'userTemplates.delete',
        'roles.view', 'roles.assign',
        'integrations.view', 'integrations.add', 'integrations.edit', 'integrations.delete',
        'subscriptions.view', 'support.view', 'mivb.view', 'customerService.view',
      ]),
    );
  });

  it('gives the User base role no matrix permission', () => {
    expect(defaultPermissions('user').size).toBe(0);
    expect(variantOf('user')).toBeNull();
  });

  it('returns a fresh set each time', () => {
    const a = defaultPermissions('admin');
    a.delete('users.view');
    expect(defaultPermissions('admin').has('users.view')).toBe(true);
  });
});

describe('isPermission', () => {
  it('recognises feature.operation strings only', () => {
    expect(isPermission('users.add')).toBe(true);
    expect(isPermission('users.publish')).toBe(false);
    expect(isPermission('billing.view')).toBe(false);
    expect(isPermission('')).toBe(false);
  });
});

describe('normalisePermissions', () => {
  it('drops unknown strings and cells not applicable to the variant', () => {
    const result = normalisePermissions('admin', ['users.view', 'nope', 'developer.view', 'orders.view', 'roles.add', 'users.assign']);
    expect(sorted(result)).toEqual(sorted(['account.view', 'users.view']));
  });

  it('keeps partner-only cells for partner roles', () => {
    const result = normalisePermissions('partner', ['developer.view', 'orders.view', 'roles.delete']);
    expect(sorted(result)).toEqual(sorted(['account.view', 'developer.view', 'orders.view', 'roles.view', 'roles.delete']));
  });

  it('always adds Account View', () => {
    expect(sorted(normalisePermissions('partner', []))).toEqual(['account.view']);
    expect(sorted(normalisePermissions('admin', []))).toEqual(['account.view']);
  });

  it.each([
    ['users.add', 'users.view'],
    ['users.edit', 'users.view'],
    ['users.delete', 'users.view'],
    ['roles.assign', 'roles.view'],
    ['integrations.delete', 'integrations.view'],
    ['userTemplates.edit', 'userTemplates.view'],
  ] as const)('adds View when %s is ticked', (cell, view) => {
    expect(normalisePermissions('admin', [cell]).has(view)).toBe(true);
  });

  it('adds partner-only dependencies', () => {
    expect(normalisePermissions('partner', ['subscriptions.add']).has('subscriptions.view')).toBe(true);
    expect(normalisePermissions('partner', ['account.delete']).has('account.view')).toBe(true);
  });

  it('returns nothing for plain users', () => {
    expect(normalisePermissions('user', ['users.view', 'account.view']).size).toBe(0);
  });

  it('is idempotent and keeps full defaults intact', () => {
    for (const base of ['partner', 'admin'] as const) {
      const full = defaultPermissions(base);
      expect(sorted(normalisePermissions(base, full))).toEqual(sorted(full));
      const once = normalisePermissions(base, ['users.edit', 'roles.assign']);
      expect(sorted(normalisePermissions(base, once))).toEqual(sorted(once));
    }
  });

  it('returns cells in roles-page order', () => {
    expect([...normalisePermissions('partner', ['orders.view', 'users.delete', 'account.add'])]).toEqual([
      'account.view', 'account.add', 'users.view', 'users.delete', 'orders.view',
    ]);
  });
});

describe('toggleCell', () => {
  const base = normalisePermissions('admin', []);

  it.each(['users.add', 'users.edit', 'users.delete'] as const)('ticking %s ticks View', (cell) => {
    const next = toggleCell('admin', base, cell, true);
    expect(next.has(cell)).toBe(true);
    expect(next.has('users.view')).toBe(true);
  });

  it('ticking roles Assign ticks roles View', () => {
    const next = toggleCell('admin', base, 'roles.assign', true);
    expect(sorted(next)).toEqual(sorted(['account.view', 'roles.view', 'roles.assign']));
  });

  it('unticking View unticks the rest of the feature only', () => {
    const full = defaultPermissions('partner');
    const next = toggleCell('partner', full, 'roles.view', false);
    for (const op of ['view', 'add', 'edit', 'assign', 'delete'] as const) {
      expect(next.has(`roles.${op}`)).toBe(false);
    }
    expect(next.has('users.view')).toBe(true);
    expect(next.size).toBe(full.size - 5);
  });

  it('unticking another box leaves View ticked', () => {
    const full = defaultPermissions('admin');
    const next = toggleCell('admin', full, 'users.delete', false);
    expect(next.has('users.delete')).toBe(false);
    expect(next.has('users.view')).toBe(true);
    expect(next.has('users.add')).toBe(true);
  });

  it.each(['partner', 'admin'] as const)('cannot untick always-on Account View (%s)', (variant) => {
    const full = defaultPermissions(variant);
    const next = toggleCell(variant, full, 'account.view', false);
    expect(next.has('account.view')).toBe(true);
    expect(next.has('account.edit')).toBe(true);
    expect(sorted(next)).toEqual(sorted(full));
  });

  it('ignores non-applicable cells', () => {
    const next = toggleCell('admin', base, 'developer.view', true);
    expect(sorted(next)).toEqual(['account.view']);
    expect(toggleCell('admin', base, 'roles.delete', true).has('roles.delete')).toBe(false);
    expect(toggleCell('user', new Set(), 'users.view', true).size).toBe(0);
  });

  it('does not mutate the current set', () => {
    const current = new Set<Permission>(['account.view']);
    toggleCell('admin', current, 'users.add', true);
    expect(sorted(current)).toEqual(['account.view']);
  });

  it('can tick every applicable cell one by one to reach the defaults', () => {
    for (const variant of ['partner', 'admin'] as const) {
      let current = new Set<Permission>();
      for (const cell of applicableCells(variant)) current = toggleCell(variant, current, cell, true);
      expect(sorted(current)).toEqual(sorted(defaultPermissions(variant)));
    }
  });
});
