import type { Feature, Operation } from './types';

/**
 * The permission matrix (ROLE-3) as data. Source of truth: the vendor user guide,
 * `seeds/001_08bf6aeef244c807.txt` §2.14 (lines 1292-1707); where SPEC.md and the
 * seed disagree, the seed wins. Custom roles derive from one of the two variants.
 */
export const ROLE_VARIANTS = ['partner', 'admin'] as const;
export type RoleVariant = (typeof ROLE_VARIANTS)[number];

export interface MatrixCell {
  /** i18n key of the cell's explanation on the roles editor. */
  readonly descriptionKey: string;
  /** Ticked and read-only in every role of this variant; can't be revoked. */
  readonly alwaysOn?: true;
}

export type FeatureRow = Readonly<Partial<Record<Operation, MatrixCell>>>;
export type PermissionMatrix = Readonly<Record<Feature, Readonly<Record<RoleVariant, FeatureRow>>>>;

export const MATRIX: PermissionMatrix = {
  // Admin: 2.14.1, lines 1407-1432 (View read-only, always; Edit own account).
  // Partner: 2.14.2, lines 1433-1453 (View always; Add, Edit, Delete accounts).
  account: {
    partner: {
      view: { descriptionKey: 'authz.account.view.partner', alwaysOn: true },
      add: { descriptionKey: 'authz.account.add.partner' },
      edit: { descriptionKey: 'authz.account.edit.partner' },
      delete: { descriptionKey: 'authz.account.delete.partner' },
    },
    admin: {
      view: { descriptionKey: 'authz.account.view.admin', alwaysOn: true },
      edit: { descriptionKey: 'authz.account.edit.admin' },
    },
  },
  // 2.14.3, lines 1454-1493. Add or Edit opens "Manage" and sends welcome e-mails (1474, 1485).
  users: {
    partner: {
      view: { descriptionKey: 'authz.users.view' },
      add: { descriptionKey: 'authz.users.add' },
      edit: { descriptionKey: 'authz.users.edit' },
      delete: { descriptionKey: 'authz.users.delete' },
    },
    admin: {
      view: { descriptionKey: 'authz.users.view' },
      add: { descriptionKey: 'authz.users.add' },
      edit: { descriptionKey: 'authz.users.edit' },
      delete: { descriptionKey: 'authz.users.delete' },
    },
  },
  // 2.14.4, lines 1494-1519.
  userTemplates: {
    partner: {
      view: { descriptionKey: 'authz.userTemplates.view' },
      add: { descriptionKey: 'authz.userTemplates.add' },
      edit: { descriptionKey: 'authz.userTemplates.edit' },
      delete: { descriptionKey: 'authz.userTemplates.delete' },
    },
    admin: {
      view: { descriptionKey: 'authz.userTemplates.view' },
      add: { descriptionKey: 'authz.userTemplates.add' },
      edit: { descriptionKey: 'authz.userTemplates.edit' },
      delete: { descriptionKey: 'authz.userTemplates.delete' },
    },
  },
  // 2.14.5, lines 1520-1551. Add = new role and duplicate; Edit = edit a role and
  // (un)assign it to accounts; Assign = assign or change a user's role (both variants).
  roles: {
    partner: {
      view: { descriptionKey: 'authz.roles.view' },
      add: { descriptionKey: 'authz.roles.add' },
      edit: { descriptionKey: 'authz.roles.edit' },
      assign: { descriptionKey: 'authz.roles.assign' },
      delete: { descriptionKey: 'authz.roles.delete' },
    },
    admin: {
      view: { descriptionKey: 'authz.roles.view' },
      assign: { descriptionKey: 'authz.roles.assign' },
    },
  },
  // 2.14.6, lines 1552-1592. Add also enables "Privileges" and "+ Add new" (1563-1570);
  // configuring existing integrations needs Add or Edit (1572, 1581); the catalogue
  // needs Add and Delete (1587-1589).
  integrations: {
    partner: {
      view: { descriptionKey: 'authz.integrations.view' },
      add: { descriptionKey: 'authz.integrations.add' },
      edit: { descriptionKey: 'authz.integrations.edit' },
      delete: { descriptionKey: 'authz.integrations.delete' },
    },
    admin: {
      view: { descriptionKey: 'authz.integrations.view' },
      add: { descriptionKey: 'authz.integrations.add' },
      edit: { descriptionKey: 'authz.integrations.edit' },
      delete: { descriptionKey: 'authz.integrations.delete' },
    },
  },
  // 2.14.7, lines 1593-1622. Add (partner only) = "Add order" button on the panel.
  subscriptions: {
    partner: {
      view: { descriptionKey: 'authz.subscriptions.view' },
      add: { descriptionKey: 'authz.subscriptions.add' },
    },
    admin: {
      view: { descriptionKey: 'authz.subscriptions.view' },
    },
  },
  // 2.14.8, lines 1623-1644 (also 2.13, lines 1269-1291): support logs and gateway logs.
  support: {
    partner: { view: { descriptionKey: 'authz.support.view' } },
    admin: { view: { descriptionKey: 'authz.support.view' } },
  },
  // 2.14.9, lines 1645-1662. Only relevant when MiVoice Business is integrated (1650).
  mivb: {
    partner: { view: { descriptionKey: 'authz.mivb.view' } },
    admin: { view: { descriptionKey: 'authz.mivb.view' } },
  },
  // 2.14.10, lines 1663-1674.
  customerService: {
    partner: { view: { descriptionKey: 'authz.customerService.view' } },
    admin: { view: { descriptionKey: 'authz.customerService.view' } },
  },
  // 2.14.11, lines 1675-1690: partner only (1679); View = Developer page, register apps.
  developer: {
    partner: { view: { descriptionKey: 'authz.developer.view' } },
    admin: {},
  },
  // 2.14.12, lines 1691-1707: partner only (1696); View = Orders page and assign orders.
  orders: {
    partner: { view: { descriptionKey: 'authz.orders.view' } },
    admin: {},
  },
};
