// The demo tenant `GRAPH_DEMO=on` seeds (Fabrikam, 20 users, a consented single-tenant app with every
// permission and a known secret) plus the portal's multi-tenant app in a publisher tenant, not yet consented.
export const DEMO = Object.freeze({
  tenantId: 'dec0de00-0000-4000-8000-000000000001',
  domain: 'fabrikam.example',
  appId: 'dec0de00-0000-4000-8000-0000000000a1',
  clientSecret: 'dem8Q~fabrikam-presence-connector-secret-0001',
  password: 'Passw0rd!',
  adminUpn: 'user1@fabrikam.example',
  userCount: 20,
  publisherTenantId: 'dec0de00-0000-4000-8000-000000000002',
  publisherDomain: 'publisher.example',
  portalAppId: 'dec0de00-0000-4000-8000-0000000000b1',
  portalAppSecret: 'prt8Q~partner-portal-office365-secret-000001',
});

export const ALL_PERMISSIONS = Object.freeze({
  application: ['Presence.ReadWrite.All', 'Presence.Read.All', 'User.Read.All', 'Application.Read.All', 'Contacts.Read'],
  delegated: ['User.Read', 'User.Read.All', 'Presence.Read', 'Presence.Read.All', 'Subscription.Read.All', 'Contacts.Read', 'offline_access', 'openid', 'profile', 'email'],
});

/**
 * Seed the demo tenants through the control methods.
 * @param {import('./index.d.mts').GraphEmulatorControl} control
 * @param {{ redirectUris?: string[] }} [options] redirect URIs registered on both apps
 */
export function seedDemoTenant(control, { redirectUris = [] } = {}) {
  control.createTenant({ tenantId: DEMO.tenantId, domain: DEMO.domain });
  control.createApp(DEMO.tenantId, {
    appId: DEMO.appId,
    displayName: 'Fabrikam presence connector',
    permissions: ALL_PERMISSIONS,
    consented: true,
    redirectUris,
    secrets: [{ value: DEMO.clientSecret, description: 'demo' }],
  });
  const { users } = control.createUsers(DEMO.tenantId, { count: DEMO.userCount, domain: DEMO.domain, prefix: 'user', password: DEMO.password });
  control.updateUser(DEMO.tenantId, DEMO.adminUpn, { isAdmin: true });
  control.addContacts(DEMO.tenantId, DEMO.adminUpn, {
    contacts: [
      { displayName: 'Adele Vance', emailAddresses: ['adele.vance@contoso.example'], businessPhones: ['+1 425 555 0101'], mobilePhone: '+1 425 555 0102' },
      { displayName: 'Brian Johnson', emailAddresses: ['brian.johnson@contoso.example'], businessPhones: ['+1 425 555 0103'] },
      { displayName: 'Chloe Martin', emailAddresses: ['chloe.martin@example.org'], homePhones: ['+44 20 7946 0958'] },
    ],
  });
  control.createTenant({ tenantId: DEMO.publisherTenantId, domain: DEMO.publisherDomain });
  control.createApp(DEMO.publisherTenantId, {
    appId: DEMO.portalAppId,
    displayName: 'Partner portal',
    multiTenant: true,
    permissions: ALL_PERMISSIONS,
    redirectUris,
    secrets: [{ value: DEMO.portalAppSecret, description: 'demo' }],
  });
  return { ...DEMO, users };
}
