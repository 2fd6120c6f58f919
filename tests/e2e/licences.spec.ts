import { expect, test, type Page } from '@playwright/test';
import en from '../../messages/en.json' with { type: 'json' };
import { addAccount, DEMO, fill, seriousViolations, signInAndWait } from './support';

// A suffix per run, so a retried test never collides with what an earlier attempt created.
const run = Date.now().toString(36);
const p = en.users.products;

/** The partner adds a user to the account and lands on the user's page. */
async function addUser(page: Page, accountId: string, first: string): Promise<string> {
  const email = `${first.toLowerCase()}.${run}@licences.example`;
  await page.goto(`/accounts/${accountId}/users/new`, { waitUntil: 'networkidle' });
  await page.getByLabel(en.users.fields.firstName).fill(first);
  await page.getByLabel(en.users.fields.lastName).fill('Licensee');
  await page.getByLabel(en.users.fields.email).fill(email);
  await page.getByRole('button', { name: en.users.new.submit, exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: fill(en.users.new.created, { email }) })).toBeVisible();
  return new URL(page.url()).pathname;
}

async function setLevel(page: Page, userPath: string, level: string) {
  await page.goto(userPath, { waitUntil: 'networkidle' });
  const region = page.getByRole('region', { name: p.title });
  await region.getByLabel(p.mitelOne).selectOption(level === '' ? { label: p.noLicence } : level);
  return region;
}

/**
 * ORD-1..5 end to end: the billing system posts an order, the partner finds it by tracking number
 * and assigns it to an account, the Subscriptions panel shows it (and warns until Mitel One is
 * integrated), and Mitel One Premier licences go to users until none is left: then the level
 * can't be chosen for another user, and unassigning frees one.
 */
test('an order from the billing API becomes licences, never more than the account owns', async ({ page }) => {
  test.setTimeout(150_000);
  await signInAndWait(page, DEMO.partner);

  // ORD-1: a key for the billing system, which posts a Mitel One Premier order of 2 licences.
  await page.goto('/settings/api-keys', { waitUntil: 'networkidle' });
  await page.getByLabel(en.billing.apiKeys.create.name).fill(`Licences ${run}`);
  await page.getByRole('button', { name: en.billing.apiKeys.create.submit, exact: true }).click();
  const key = (await page.getByTestId('new-api-key').textContent())!.trim();
  const tracking = `TRK-LIC-${run}`;
  const posted = await page.request.post(new URL('/api/billing/orders', page.url()).toString(), {
    headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
    data: { sapOrderId: `SAP-LIC-${run}`, product: 'mitelOne', level: 'premier', licenceCount: 2, termMonths: 12, purchaseDate: '2026-11-01', expiresOn: '2027-10-31', trackingNumber: tracking },
  });
  expect(posted.status()).toBe(201);

  // ORD-3: the partner finds it by tracking number and assigns it to a new account.
  const accountName = `Licences ${run}`;
  await addAccount(page, accountName, `helpdesk.${run}@licences.example`);
  const accountId = new URL(page.url()).pathname.split('/').pop()!;
  await page.goto('/orders', { waitUntil: 'networkidle' });
  await page.getByRole('searchbox', { name: 'Search orders' }).fill(tracking);
  const table = page.getByRole('table', { name: 'Orders' });
  await expect(table.getByRole('row')).toHaveCount(2);
  await table.getByRole('button', { name: `Assign order SAP-LIC-${run}` }).click();
  const assign = page.getByRole('dialog', { name: `Assign order SAP-LIC-${run}` });
  const company = assign.getByRole('combobox', { name: 'Company' });
  await company.fill(accountName);
  await expect(assign.getByRole('option', { name: accountName })).toBeVisible();
  await company.press('ArrowDown');
  await company.press('Enter');
  await assign.getByRole('button', { name: 'Assign', exact: true }).click();
  await expect(table.getByRole('cell', { name: accountName })).toBeVisible();

  // ORD-4 / ORD-6: the Subscriptions panel lists it and warns until Mitel One is integrated.
  await page.goto(`/accounts/${accountId}`, { waitUntil: 'networkidle' });
  const subscriptions = page.getByRole('region', { name: en.subscriptions.title });
  await expect(subscriptions.getByRole('cell', { name: `SAP-LIC-${run}` })).toBeVisible();
  await expect(subscriptions).toContainText(fill(en.subscriptions.free, { product: 'Mitel One Premier', count: 2 }));
  const warning = fill(en.subscriptions.withoutIntegration, { product: 'Mitel One' });
  await expect(subscriptions.getByText(warning)).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await page.goto(`/accounts/${accountId}/integrations`, { waitUntil: 'networkidle' });
  await page.getByRole('button', { name: en.integrations.addNew, exact: true }).click();
  const catalogue = page.getByRole('dialog', { name: en.integrations.catalogue.title });
  await catalogue.getByRole('button', { name: fill(en.integrations.catalogue.addNamed, { name: en.integrations.names.mitelOne }) }).click();
  await expect(catalogue.getByRole('status')).toHaveText(fill(en.integrations.catalogue.addedNotice, { name: en.integrations.names.mitelOne }));
  await page.goto(`/accounts/${accountId}`, { waitUntil: 'networkidle' });
  await expect(page.getByText(warning)).toHaveCount(0);

  // ORD-5 / M1-2: two Premier licences for two users; the third is refused with the exact count.
  const [ada, ben, cy] = [await addUser(page, accountId, 'Ada'), await addUser(page, accountId, 'Ben'), await addUser(page, accountId, 'Cy')];
  for (const user of [ada, ben]) {
    const region = await setLevel(page, user, 'premier');
    await expect(region.getByRole('status')).toHaveText(p.saved);
  }
  // With none left the level can't be chosen for a third user (the server refuses it anyway, with
  // the exact count: tests/integration/licences/assign.test.ts).
  await page.goto(cy!, { waitUntil: 'networkidle' });
  const premier = page.getByRole('region', { name: p.title }).getByRole('option', { name: fill(p.levelOption, { level: 'Premier', count: 0 }) });
  await expect(premier).toBeDisabled();
  expect(await seriousViolations(page)).toEqual([]);

  // Unassigning frees a licence, which the third user can then take.
  let region = await setLevel(page, ada!, '');
  await expect(region.getByRole('status')).toHaveText(p.saved);
  region = await setLevel(page, cy!, 'premier');
  await expect(region.getByRole('status')).toHaveText(p.saved);
  await page.goto(`/accounts/${accountId}`, { waitUntil: 'networkidle' });
  await expect(page.getByRole('region', { name: en.subscriptions.title })).toContainText(fill(en.subscriptions.free, { product: 'Mitel One Premier', count: 0 }));
});
