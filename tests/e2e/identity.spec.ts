import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import en from '../../messages/en.json' with { type: 'json' };
import { E2E } from './env';
import { fill, linkFromMail, newAccountAdmin, seriousViolations } from './support';

// Issue 16 journeys: an admin sets up SAML SSO (with Test connection catching a wrong certificate)
// and users sign in through the test IdP (simulators/saml-idp, auth0's samlp) SP- and IdP-initiated;
// an admin generates SCIM keys and a SCIM client provisions a user who shows up as synced.
const run = Date.now().toString(36);
const idp = JSON.parse(readFileSync(E2E.samlIdpFile, 'utf8')) as { url: string; entityId: string; ssoUrl: string; certificate: string; otherCertificate: string };
const d = en.sso.dialog;
const names = en.integrations.names;

async function addIntegration(page: Page, accountId: string, id: 'singleSignOn' | 'azureAdSync') {
  await page.goto(`/accounts/${accountId}/integrations`, { waitUntil: 'networkidle' });
  await page.getByRole('button', { name: en.integrations.addNew, exact: true }).click();
  const catalogue = page.getByRole('dialog', { name: en.integrations.catalogue.title });
  await catalogue.getByRole('tab', { name: en.integrations.catalogue.tab.thirdParty }).click();
  await catalogue.getByRole('button', { name: fill(en.integrations.catalogue.addNamed, { name: names[id] }) }).click();
  await catalogue.getByRole('button', { name: en.integrations.catalogue.done }).click();
  await page.getByRole('listitem').filter({ hasText: names[id] }).getByRole('button', { name: en.integrations.status.finishSetup }).click();
  return page.getByRole('dialog', { name: fill(d.title, { name: names[id] }) });
}

/** Signs in at the test IdP's page (the e-mail is prefilled for SP-initiated sign-ins). */
async function atIdp(page: Page, email: string) {
  await expect(page.getByRole('heading', { name: 'Test IdP sign-in' })).toBeVisible();
  await page.getByLabel('E-mail').fill(email);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

test('an admin sets up SAML single sign-on; users sign in through the identity provider', async ({ browser }) => {
  test.setTimeout(150_000);
  const { page: admin, accountId } = await newAccountAdmin(browser, { tag: `sso-${run}`, language: 'en', country: 'GB', first: 'Sara', last: 'Saml', domain: 'Samlcorp' });
  const adminEmail = `sara.sso-${run}@samlcorp.example`;
  const dialog = await addIntegration(admin, accountId, 'singleSignOn');

  // SSO-1: what the admin copies into the IdP, and the IdP's values — first with the wrong certificate.
  const entityId = `${E2E.appUrl}/api/sso/${accountId}/metadata`;
  await expect(dialog.getByRole('textbox', { name: d.sp.generic.entityId, exact: true })).toHaveValue(entityId);
  await expect(dialog.getByRole('textbox', { name: d.sp.generic.acsUrl, exact: true })).toHaveValue(`${E2E.appUrl}/api/sso/${accountId}/acs`);
  await expect(dialog.getByRole('link', { name: d.sp.downloadMetadata })).toHaveAttribute('href', `${entityId}?download=1`);
  await dialog.getByRole('textbox', { name: d.fields.generic.idpEntityId, exact: true }).fill(idp.entityId);
  await dialog.getByRole('textbox', { name: d.fields.generic.ssoUrl, exact: true }).fill(idp.ssoUrl);
  const certificates = dialog.getByRole('textbox', { name: d.fields.generic.certificates, exact: true });
  await certificates.fill('-----BEGIN CERTIFICATE-----\nnot really\n-----END CERTIFICATE-----');
  await expect(dialog.getByText(en.sso.errors.certificateInvalid)).toBeVisible();
  await certificates.fill(idp.otherCertificate);
  await expect(dialog.getByText('CN=Test IdP (auth0)')).toBeVisible();
  expect(await seriousViolations(admin)).toEqual([]);
  await dialog.getByRole('button', { name: en.integrations.settings.save }).click();
  await expect(dialog.getByText(d.saved)).toBeVisible();

  // Beyond SSO-3: Test connection names the failing check.
  const test1 = admin.waitForEvent('popup');
  await dialog.getByRole('button', { name: d.test.button }).click();
  await atIdp(await test1, adminEmail);
  await expect(dialog.getByText(fill(en.sso.test.failed, { check: en.sso.checks.certificate }))).toBeVisible();

  await certificates.fill(idp.certificate);
  await dialog.getByRole('button', { name: en.integrations.settings.save }).click();
  await expect(dialog.getByText(d.saved)).toBeVisible();
  const test2 = admin.waitForEvent('popup');
  await dialog.getByRole('button', { name: d.test.button }).click();
  await atIdp(await test2, adminEmail);
  await expect(dialog.getByText(fill(en.sso.test.passed, { email: adminEmail }))).toBeVisible();

  // A new user registers through the welcome mail without a password and lands signed in (SP-initiated).
  const userEmail = `sven.${run}@samlcorp.example`;
  await admin.goto(`/accounts/${accountId}/users/new`, { waitUntil: 'networkidle' });
  await admin.getByLabel(en.users.fields.firstName).fill('Sven');
  await admin.getByLabel(en.users.fields.lastName).fill('Sso');
  await admin.getByLabel(en.users.fields.email).fill(userEmail);
  await admin.getByRole('button', { name: en.users.new.submit, exact: true }).click();
  await expect(admin.getByRole('status').filter({ hasText: fill(en.users.new.created, { email: userEmail }) })).toBeVisible();

  const user = await (await browser.newContext()).newPage();
  await user.goto(await linkFromMail(userEmail, '', '/welcome/'), { waitUntil: 'networkidle' });
  await user.getByRole('button', { name: en.sso.registration.submit }).click();
  await atIdp(user, userEmail);
  await expect(user).toHaveURL(/\/dashboard$/);
  await expect(user.getByRole('banner')).toContainText('Sven Sso');

  // SSO-2 e-mail first from the sign-in page; a password is refused for this user (AUTH-4).
  const again = await (await browser.newContext()).newPage();
  await again.goto('/sign-in', { waitUntil: 'networkidle' });
  await again.getByLabel('E-mail').fill(userEmail);
  await again.getByLabel('Password', { exact: true }).fill('any-password-1');
  await again.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(again.getByRole('alert').filter({ hasText: en.signIn.errors.ssoRequired })).toBeVisible();
  await again.getByRole('button', { name: en.signIn.sso }).click();
  await atIdp(again, userEmail);
  await expect(again).toHaveURL(/\/dashboard$/);

  // IdP-initiated: from the identity provider's own page straight into the portal.
  const fromIdp = await (await browser.newContext()).newPage();
  await fromIdp.goto(`${idp.url}/idp-initiated?sp=${encodeURIComponent(entityId)}&acs=${encodeURIComponent(`${E2E.appUrl}/api/sso/${accountId}/acs`)}`);
  await atIdp(fromIdp, userEmail);
  await expect(fromIdp).toHaveURL(/\/dashboard$/);

  // An unknown person at the IdP gets the plain refusal page.
  const stranger = await (await browser.newContext()).newPage();
  await stranger.goto(`${idp.url}/idp-initiated?sp=${encodeURIComponent(entityId)}&acs=${encodeURIComponent(`${E2E.appUrl}/api/sso/${accountId}/acs`)}&email=nobody@samlcorp.example`);
  await expect(stranger.getByRole('heading', { name: en.sso.refused.title })).toBeVisible();
  await expect(stranger.getByText(en.sso.refused.noAccount)).toBeVisible();
  expect(await seriousViolations(stranger)).toEqual([]);
});

test('an admin generates SCIM keys; a SCIM client provisions a user who appears as synced', async ({ browser, request }) => {
  test.setTimeout(120_000);
  const { page: admin, accountId } = await newAccountAdmin(browser, { tag: `scim-${run}`, language: 'en', country: 'GB', first: 'Sam', last: 'Scim', domain: 'Scimcorp' });
  await addIntegration(admin, accountId, 'azureAdSync');
  const dialog = admin.getByRole('dialog', { name: fill(en.scim.dialog.title, { name: names.azureAdSync }) });
  await dialog.getByRole('button', { name: en.scim.dialog.keys.generate }).click();
  await expect(dialog.getByText(en.scim.dialog.keys.generated)).toBeVisible();
  const url = await dialog.getByRole('textbox', { name: en.scim.dialog.keys.tenantUrl }).inputValue();
  const token = await dialog.getByRole('textbox', { name: en.scim.dialog.keys.token }).inputValue();
  expect(url).toBe(`${E2E.appUrl}/scim/v2/${accountId}`);
  expect(await seriousViolations(admin)).toEqual([]);

  // What Entra ID's provisioning service sends.
  const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/scim+json' };
  const probe = await request.get(`${url}/Users?filter=${encodeURIComponent(`userName eq "petra.${run}@scimcorp.example"`)}`, { headers });
  expect(await probe.json()).toMatchObject({ totalResults: 0 });
  const created = await request.post(`${url}/Users`, {
    headers,
    data: {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      externalId: `aad-${run}`,
      userName: `petra.${run}@scimcorp.example`,
      active: true,
      displayName: 'Petra Provisioned',
      name: { givenName: 'Petra', familyName: 'Provisioned' },
      emails: [{ primary: true, type: 'work', value: `petra.${run}@scimcorp.example` }],
      phoneNumbers: [{ type: 'mobile', value: '+447700900123' }],
    },
  });
  expect(created.status()).toBe(201);
  const { id } = (await created.json()) as { id: string };
  expect((await request.get(`${url}/Users/${id}`, { headers: { Authorization: 'Bearer wrong' } })).status()).toBe(401);

  // USR-4: listed, marked as coming from SCIM, names read-only, the SCIM data under "Advanced".
  await admin.goto(`/accounts/${accountId}/users`, { waitUntil: 'networkidle' });
  const row = admin.getByRole('row').filter({ hasText: 'Petra Provisioned' });
  await expect(row).toContainText(en.users.sources.scim);
  await row.getByRole('link', { name: 'Petra Provisioned' }).click();
  await expect(admin.getByRole('heading', { name: 'Petra Provisioned' })).toBeVisible();
  await expect(admin.getByText(en.users.scimAdvanced.title)).toBeVisible();

  // The provisioning activity shows the create.
  await admin.goto(`/accounts/${accountId}/integrations`, { waitUntil: 'networkidle' });
  await admin.getByRole('listitem').filter({ hasText: names.azureAdSync }).getByRole('button', { name: fill(en.integrations.settingsFor, { name: names.azureAdSync }) }).click();
  const settings = admin.getByRole('dialog', { name: fill(en.scim.dialog.title, { name: names.azureAdSync }) });
  await expect(settings.getByRole('cell', { name: en.scim.activity.operations.create })).toBeVisible();
});
