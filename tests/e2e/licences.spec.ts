import { writeFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import en from '../../messages/en.json' with { type: 'json' };
import { DEMO, fill, newAccountAdmin, seriousViolations, openAs } from './support';

// A suffix per run, so a retried test never collides with what an earlier attempt created.
const run = Date.now().toString(36);
const p = en.users.products;
const b = en.licences.bulk;

/** The account admin adds a user and comes back to the Users page; returns the user's page. */
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

/** Users page → select these users → Manage (n) → the Mitel One dialog, overriding their level. */
async function bulkLevel(page: Page, accountId: string, names: string[], level: string) {
  await page.goto(`/accounts/${accountId}/users`, { waitUntil: 'networkidle' });
  for (const name of names) await page.getByRole('checkbox', { name: `Select ${name}` }).check();
  await page.getByRole('button', { name: `Manage (${names.length})` }).click();
  const panel = page.getByRole('dialog', { name: fill(en.users.manage.titleSelected_other, { count: names.length }) });
  await panel.getByRole('button', { name: b.mitelOne.open }).click();
  const dialog = page.getByRole('dialog', { name: b.mitelOne.title });
  await dialog.getByLabel(b.mitelOne.override.selected).selectOption(level);
  await dialog.getByRole('button', { name: b.mitelOne.save, exact: true }).click();
  return { panel, dialog };
}

/** ORD-1: a key for the billing system, shown once. */
async function billingKey(page: Page, name: string): Promise<string> {
  await page.goto('/settings/api-keys', { waitUntil: 'networkidle' });
  await page.getByLabel(en.billing.apiKeys.create.name).fill(name);
  await page.getByRole('button', { name: en.billing.apiKeys.create.submit, exact: true }).click();
  return (await page.getByTestId('new-api-key').textContent())!.trim();
}

/** ORD-1: the billing system posts an order of licences with the key. */
async function postOrder(page: Page, key: string, order: { sapOrderId: string; product: string; level?: string; licenceCount: number; trackingNumber: string }) {
  const posted = await page.request.post(new URL('/api/billing/orders', page.url()).toString(), {
    headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
    data: { termMonths: 12, purchaseDate: '2026-11-01', expiresOn: '2027-10-31', ...order },
  });
  expect(posted.status()).toBe(201);
}

/** ORD-3: the partner finds the orders by tracking number and assigns each to the account. */
async function assignOrders(page: Page, tracking: string, saps: string[], accountName: string) {
  await page.goto('/orders', { waitUntil: 'networkidle' });
  await page.getByRole('searchbox', { name: 'Search orders' }).fill(tracking);
  const table = page.getByRole('table', { name: 'Orders' });
  await expect(table.getByRole('row')).toHaveCount(saps.length + 1);
  for (const [n, sap] of saps.entries()) {
    await table.getByRole('button', { name: `Assign order ${sap}` }).click();
    const assign = page.getByRole('dialog', { name: `Assign order ${sap}` });
    const company = assign.getByRole('combobox', { name: 'Company' });
    await company.fill(accountName);
    await expect(assign.getByRole('option', { name: accountName })).toBeVisible();
    await company.press('ArrowDown');
    await company.press('Enter');
    await assign.getByRole('button', { name: 'Assign', exact: true }).click();
    await expect(table.getByRole('cell', { name: accountName })).toHaveCount(n + 1);
  }
}

/** The partner adds integrations to the account from the catalogue. */
async function integrate(page: Page, accountId: string, names: string[]) {
  await page.goto(`/accounts/${accountId}/integrations`, { waitUntil: 'networkidle' });
  await page.getByRole('button', { name: en.integrations.addNew, exact: true }).click();
  const catalogue = page.getByRole('dialog', { name: en.integrations.catalogue.title });
  for (const name of names) {
    await catalogue.getByRole('button', { name: fill(en.integrations.catalogue.addNamed, { name }) }).click();
    await expect(catalogue.getByRole('status')).toHaveText(fill(en.integrations.catalogue.addedNotice, { name }));
  }
}

/**
 * ORD-1..5 end to end, as the "Done means" tells it: the billing system posts an order, the
 * partner finds it by tracking number and assigns it to an account (the Subscriptions panel shows
 * it, and warns until Mitel One is integrated); the account admin gives Mitel One Premier to three
 * users in bulk, asks for more than what is left and reads the exact "X more licence(s) needed";
 * unassigning frees a licence, which another user then takes through "+ Add product" → "Finish setup".
 */
test('an order from the billing API becomes licences, never more than the account owns', async ({ page, browser }) => {
  test.setTimeout(180_000);
  const { page: admin, accountId } = await newAccountAdmin(browser, { tag: run, language: 'en', country: 'GB', first: 'Lena', last: 'Licence', domain: 'Licences' });
  const accountName = `Licences ${run}`;
  await openAs(page, DEMO.partner);

  // ORD-1: a key for the billing system, which posts a Mitel One Premier order of 4 licences,
  // and a MiTeam Meetings order of 2.
  const key = await billingKey(page, `Licences ${run}`);
  const tracking = `TRK-LIC-${run}`;
  await postOrder(page, key, { sapOrderId: `SAP-LIC-${run}`, product: 'mitelOne', level: 'premier', licenceCount: 4, trackingNumber: tracking });
  await postOrder(page, key, { sapOrderId: `SAP-LIM-${run}`, product: 'miteamMeetings', licenceCount: 2, trackingNumber: `${tracking}-M` });

  // ORD-3: the partner finds both by tracking number and assigns them to the admin's account.
  await assignOrders(page, tracking, [`SAP-LIC-${run}`, `SAP-LIM-${run}`], accountName);

  // ORD-4 / ORD-6: the Subscriptions panel lists it and warns until Mitel One is integrated.
  await page.goto(`/accounts/${accountId}`, { waitUntil: 'networkidle' });
  const subscriptions = page.getByRole('region', { name: en.subscriptions.title });
  await expect(subscriptions.getByRole('cell', { name: `SAP-LIC-${run}` })).toBeVisible();
  await expect(subscriptions).toContainText(fill(en.subscriptions.free, { product: 'Mitel One Premier', count: 4 }));
  const warning = fill(en.subscriptions.withoutIntegration, { product: 'Mitel One' });
  await expect(subscriptions.getByText(warning)).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await integrate(page, accountId, [en.integrations.names.mitelOne, en.integrations.names.miteamMeetings]);
  await page.goto(`/accounts/${accountId}`, { waitUntil: 'networkidle' });
  await expect(page.getByText(warning)).toHaveCount(0);

  // ORD-5 / M1-2: the account admin gives Premier to three users in one bulk change.
  const ada = await addUser(admin, accountId, 'Ada');
  const ben = await addUser(admin, accountId, 'Ben');
  for (const first of ['Cy', 'Dee']) await addUser(admin, accountId, first);
  let { panel, dialog } = await bulkLevel(admin, accountId, ['Ada Licensee', 'Ben Licensee', 'Cy Licensee'], 'premier');
  await expect(panel.getByRole('status')).toHaveText(fill(b.done_other, { count: 3 }));
  await expect(dialog).toBeHidden();
  expect(await seriousViolations(admin)).toEqual([]);

  // One Premier licence is left: asking it for two more users is refused with the exact count, and nobody changes.
  ({ dialog } = await bulkLevel(admin, accountId, ['Dee Licensee', 'Lena Licence'], 'premier'));
  await expect(dialog.getByRole('alert')).toHaveText(
    '1 more licence needed to apply to the selected users. Buy more or revoke existing licences and try again.',
  );
  await expect(dialog.getByRole('row', { name: /Premier/ })).toHaveText('Premier410'); // owned 4, 1 free, none held by these two
  expect(await seriousViolations(admin)).toEqual([]);

  // Unassigning frees licences: Ada's Mitel One is removed on her page, and with two free the same request fits.
  await admin.goto(ada, { waitUntil: 'networkidle' });
  const products = admin.getByRole('region', { name: p.title });
  await products.getByRole('button', { name: p.settings }).click();
  await admin.getByRole('dialog', { name: p.settingsTitle }).getByRole('button', { name: p.remove, exact: true }).click();
  await expect(products.getByRole('status')).toHaveText(p.removed);
  ({ panel } = await bulkLevel(admin, accountId, ['Dee Licensee', 'Lena Licence'], 'premier'));
  await expect(panel.getByRole('status')).toHaveText(fill(b.done_other, { count: 2 }));

  // MTM-1: "Assign to all" needs one MiTeam Meetings licence per user (5), the account owns 2: refused with the count.
  await admin.goto(`/accounts/${accountId}/users`, { waitUntil: 'networkidle' });
  await admin.getByRole('button', { name: en.users.manage.openAll }).click();
  const all = admin.getByRole('dialog', { name: en.users.manage.titleAll });
  await expect(all).toContainText(fill(b.miteam.available_other, { count: 2 }));
  await all.getByRole('button', { name: b.miteam.assign.all, exact: true }).click();
  await expect(all.getByRole('alert')).toHaveText('3 more licences needed to apply to the selected users. Buy more or revoke existing licences and try again.');
  await all.getByRole('button', { name: en.users.manage.close }).click();
  // Two selected users fit.
  await admin.getByRole('checkbox', { name: 'Select Ada Licensee' }).check();
  await admin.getByRole('checkbox', { name: 'Select Ben Licensee' }).check();
  await admin.getByRole('button', { name: 'Manage (2)' }).click();
  const two = admin.getByRole('dialog', { name: fill(en.users.manage.titleSelected_other, { count: 2 }) });
  await two.getByRole('button', { name: b.miteam.assign.selected, exact: true }).click();
  await expect(two.getByRole('status')).toHaveText(fill(b.done_other, { count: 2 }));
  await expect(two).toContainText(fill(b.miteam.available_other, { count: 0 }));
  await two.getByRole('button', { name: en.users.manage.close }).click();

  // USR-1: the licences column, and "+ Add filter" → Product → MiTeam Meetings lists the two.
  await admin.getByRole('button', { name: en.users.filter.add }).click();
  await admin.getByRole('group', { name: en.users.filter.product }).getByRole('button', { name: p.miteam }).click();
  const list = admin.getByRole('table', { name: en.users.list.label });
  await expect(list.getByRole('row')).toHaveCount(3);
  await expect(list.getByRole('row', { name: /Ben Licensee/ })).toContainText('Mitel One PremierMiTeam Meetings');
  await expect(list.getByRole('row', { name: /Ada Licensee/ })).not.toContainText('Mitel One');

  // None is left now, so Ada's "Finish setup" can't choose Premier; Essential has none either.
  await admin.goto(ada, { waitUntil: 'networkidle' });
  await products.getByRole('button', { name: p.addProduct }).click();
  await admin.getByRole('dialog', { name: p.addTitle }).getByRole('button', { name: p.add, exact: true }).click();
  await expect(products.getByRole('status')).toHaveText(p.added);
  await products.getByRole('button', { name: p.finishSetup }).click();
  const setup = admin.getByRole('dialog', { name: p.finishSetup });
  await expect(setup.getByRole('option', { name: fill(p.levelOption, { level: 'Premier', count: 0 }) })).toBeDisabled();
  await expect(setup.getByRole('option', { name: fill(p.levelOption, { level: 'Essential', count: 0 }) })).toBeDisabled();
  await setup.getByRole('button', { name: en.common.cancel }).click();
  await expect(products).toContainText(p.setupPending);

  // Ben's Mitel One settings: Telephony off; the feature summary says so and keeps MiTeam Meetings on.
  await admin.goto(ben, { waitUntil: 'networkidle' });
  await products.getByRole('button', { name: p.settings }).click();
  const settings = admin.getByRole('dialog', { name: p.settingsTitle });
  await expect(settings.getByLabel(p.level)).toHaveValue('premier');
  await settings.getByRole('switch', { name: en.integrations.features.telephony }).click();
  await settings.getByRole('button', { name: p.save, exact: true }).click();
  await expect(products.getByRole('status')).toHaveText(p.saved);
  await products.getByText(en.integrations.features.title).click();
  await expect(products.getByRole('definition')).toHaveText([p.featureStates.on, p.featureStates.on, p.featureStates.off]);
  expect(await seriousViolations(admin)).toEqual([]);

  await page.goto(`/accounts/${accountId}`, { waitUntil: 'networkidle' });
  await expect(page.getByRole('region', { name: en.subscriptions.title })).toContainText(fill(en.subscriptions.free, { product: 'Mitel One Premier', count: 0 }));

  // ORD-4 for the account admin: Billing → Subscriptions shows the order and what is free, without "Add order".
  await admin.getByRole('link', { name: en.nav.subscriptions, exact: true }).click();
  const own = admin.getByRole('region', { name: en.subscriptions.title });
  await expect(own.getByRole('cell', { name: `SAP-LIC-${run}` })).toBeVisible();
  await expect(own).toContainText(fill(en.subscriptions.free, { product: 'Mitel One Premier', count: 0 }));
  await expect(own.getByRole('link', { name: en.subscriptions.addOrder })).toHaveCount(0);
  expect(await seriousViolations(admin)).toEqual([]);
  await admin.context().close();
});

/**
 * Issue 14 item 4: a licence change of more than 2,000 users runs as a job. The account admin
 * imports 2,000 users (2,001 with her), the partner gives the account exactly 2,001 MiTeam Meetings
 * licences, and "Assign MiTeam Meetings to all", used from the keyboard, shows the job's progress in
 * the Manage panel until the result; the figures follow, and the bell says it too.
 */
test('a licence change of more than 2,000 users runs as a job whose progress and result the Manage panel shows', async ({ page, browser }, testInfo) => {
  test.setTimeout(240_000);
  const tag = `${run}-job`;
  const { page: admin, accountId } = await newAccountAdmin(browser, { tag, language: 'en', country: 'GB', first: 'Jo', last: 'Jobs', domain: 'Licjob' });
  const csv = ['FIRST NAME,LAST NAME,EMAIL,ROLE', ...Array.from({ length: 2_000 }, (_, i) => `Bulk,User ${i},bulk${i}.${tag}@licjob.example,User`)];
  const file = testInfo.outputPath('users.csv');
  await writeFile(file, `${csv.join('\r\n')}\r\n`, 'utf8');
  await admin.goto(`/accounts/${accountId}/users/import`, { waitUntil: 'networkidle' });
  await admin.getByLabel(en.import.ui.fileLabel).setInputFiles(file);
  await admin.getByRole('button', { name: en.import.ui.upload, exact: true }).click();
  await expect(admin.getByRole('status').filter({ hasText: en.import.ui.noErrors })).toBeVisible({ timeout: 60_000 });
  await admin.getByRole('button', { name: fill(en.import.ui.commit_other, { count: 2_000 }) }).click();
  await expect(admin.getByText(fill(en.import.ui.created_other, { count: 2_000 }))).toBeVisible({ timeout: 60_000 });

  await openAs(page, DEMO.partner);
  const key = await billingKey(page, `Licjob ${run}`);
  await postOrder(page, key, { sapOrderId: `SAP-JOB-${run}`, product: 'miteamMeetings', licenceCount: 2_001, trackingNumber: `TRK-JOB-${run}` });
  await assignOrders(page, `TRK-JOB-${run}`, [`SAP-JOB-${run}`], `Licjob ${tag}`);
  await integrate(page, accountId, [en.integrations.names.miteamMeetings]);

  await admin.goto(`/accounts/${accountId}/users`, { waitUntil: 'networkidle' });
  await admin.getByRole('button', { name: en.users.manage.openAll }).click();
  const all = admin.getByRole('dialog', { name: en.users.manage.titleAll });
  await expect(all).toContainText(fill(b.miteam.available_other, { count: 2_001 }));
  const assign = all.getByRole('button', { name: b.miteam.assign.all, exact: true });
  await assign.focus();
  await admin.keyboard.press('Enter');
  const progress = all.getByRole('region', { name: en.licences.job.title });
  await expect(progress).toBeFocused();
  await expect(progress.getByRole('status')).toHaveText(fill(en.licences.job.done.miteamMeetings_other, { count: 2_001 }), { timeout: 60_000 });
  await expect(progress.getByRole('progressbar')).toHaveAttribute('value', '100');
  await expect(all).toContainText(fill(b.miteam.available_other, { count: 0 }));
  expect(await seriousViolations(admin)).toEqual([]);
  // Close, from the keyboard, gives the focus back to the button that started the change.
  await admin.keyboard.press('Tab');
  await expect(progress.getByRole('button', { name: en.users.bulk.close })).toBeFocused();
  await admin.keyboard.press('Enter');
  await expect(progress).toBeHidden();
  await expect(assign).toBeFocused();

  await all.getByRole('button', { name: en.users.manage.close }).click();
  await admin.getByRole('button', { name: en.notifications.title }).click();
  await expect(admin.getByRole('region', { name: en.notifications.title })).toContainText(fill(en.licences.job.done.miteamMeetings_other, { count: 2_001 }));
  await admin.context().close();
});
