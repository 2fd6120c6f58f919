import { expect, test, type Browser, type Page } from '@playwright/test';
import nl from '../../messages/nl.json' with { type: 'json' };
import { addAccount, DEMO, formAlert, seriousViolations, signIn, openAs } from './support';

async function openAccountFromList(page: Page, name: string) {
  await page.goto('/accounts', { waitUntil: 'networkidle' });
  await page.getByRole('searchbox', { name: 'Search by account name' }).fill(name);
  const table = page.getByRole('table', { name: 'Customer accounts' });
  await expect(table.getByRole('row')).toHaveCount(2);
  await table.getByRole('link', { name }).click();
  await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
}

async function accountHref(browser: Browser, name: string): Promise<string> {
  const page = await browser.newPage();
  await openAs(page, DEMO.partner);
  const href = await page.getByRole('link', { name }).getAttribute('href');
  await page.close();
  return href!;
}

test.describe('customer accounts (ACC-1..6, SUP-1)', () => {
  test('a partner adds an account with support contacts, finds it by search, opens it and edits it', async ({ page }) => {
    await openAs(page, DEMO.partner);
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Accounts' }).click();
    await expect(page.getByRole('heading', { name: 'Accounts', level: 1 })).toBeVisible();
    await expect(page.getByRole('table', { name: 'Customer accounts' }).getByRole('link', { name: 'Fabrikam BV' })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('link', { name: 'Add account' }).click();
    await expect(page.getByRole('heading', { name: 'Add account' })).toBeVisible();
    await page.getByLabel('Customer name').fill('Wingtip Toys');
    await page.getByLabel('Country').selectOption({ label: 'Belgium' });
    await page.getByLabel('Address').fill('Veldstraat 1');
    await page.getByLabel('City').fill('Brussels');
    await page.getByLabel('Postal code').fill('1000');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(page.getByText('Add at least one support contact.')).toBeVisible();

    // SUP-1: an invalid typed address is refused; a partner user is found by name and picked by keyboard.
    const combo = page.getByRole('combobox', { name: 'Add a support contact' });
    await combo.fill('not-an-address@');
    await combo.press('Enter');
    await expect(page.getByText('Contains an invalid e-mail address')).toBeVisible();
    await combo.fill('pat part');
    await expect(page.getByRole('option', { name: 'Pat Partner (partner@northwind.example)' })).toBeVisible();
    await combo.press('ArrowDown');
    await combo.press('Enter');
    await combo.fill('helpdesk@wingtip.example');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await combo.fill('wrong@wingtip.example');
    await combo.press('Enter');
    await page.getByRole('button', { name: 'Remove wrong@wingtip.example' }).click();
    const contacts = page.getByRole('group', { name: 'Support contacts' }).getByRole('listitem');
    await expect(contacts).toHaveCount(2);
    await expect(contacts).toContainText(['Pat Partner (partner@northwind.example)', 'helpdesk@wingtip.example']);
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Save', exact: true }).click();

    await expect(page).toHaveURL(/\/accounts\/[0-9a-f-]{36}$/);
    await expect(page.getByRole('heading', { name: 'Wingtip Toys', level: 1 })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Copy Account ID' })).toBeVisible();
    await expect(page.getByLabel('Country')).toHaveValue('BE');

    await openAccountFromList(page, 'Wingtip Toys');
    await page.getByLabel('City').fill('Ghent');
    await page.getByLabel('Business type').selectOption({ label: 'Retail' });
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'The changes have been saved.' })).toBeVisible();
    await page.getByRole('switch', { name: 'Bandwidth optimisation' }).click();
    await expect(page.getByRole('switch', { name: 'Bandwidth optimisation' })).toHaveAttribute('aria-checked', 'true');
    expect(await seriousViolations(page)).toEqual([]);

    await page.reload({ waitUntil: 'networkidle' });
    await expect(page.getByLabel('City')).toHaveValue('Ghent');
    await expect(page.getByLabel('Business type')).toHaveValue('retail');
    await expect(page.getByRole('switch', { name: 'Bandwidth optimisation' })).toHaveAttribute('aria-checked', 'true');
    await expect(page.getByRole('group', { name: 'Support contacts' }).getByRole('listitem')).toHaveCount(2);
  });

  test("deactivating an account ends its users' open sessions and refuses sign-in; reactivating restores access", async ({ browser }) => {
    test.setTimeout(60_000);
    const user = await browser.newPage();
    await openAs(user, DEMO.contosoUser);

    const partner = await browser.newPage();
    await openAs(partner, DEMO.partner);
    await openAccountFromList(partner, 'Contoso Ltd');
    await partner.getByRole('button', { name: 'Deactivate', exact: true }).click();
    const dialog = partner.getByRole('dialog', { name: 'Deactivate Contoso Ltd?' });
    const confirm = dialog.getByRole('button', { name: 'Deactivate', exact: true });
    await expect(confirm).toBeDisabled();
    await dialog.getByLabel('Type "deactivate" to confirm').fill('deactivate');
    await confirm.click();
    await expect(partner.getByRole('button', { name: 'Reactivate', exact: true })).toBeVisible();

    try {
      // The open session stops working on its next request.
      await user.goto('/dashboard', { waitUntil: 'networkidle' });
      await expect(user).toHaveURL(/\/sign-in/);
      await signIn(user, DEMO.contosoUser);
      await expect(formAlert(user)).toHaveText('This account has been deactivated. Contact your administrator.');

      await partner.goto('/accounts?view=deactivated', { waitUntil: 'networkidle' });
      await expect(partner.getByRole('button', { name: 'Deactivated', pressed: true })).toBeVisible();
      await expect(partner.getByRole('table', { name: 'Customer accounts' }).getByRole('link')).toHaveText(['Contoso Ltd']);
    } finally {
      await openAccountFromList(partner, 'Contoso Ltd');
      await partner.getByRole('button', { name: 'Reactivate', exact: true }).click();
      const again = partner.getByRole('dialog', { name: 'Reactivate Contoso Ltd?' });
      await again.getByLabel('Type "reactivate" to confirm').fill('reactivate');
      await again.getByRole('button', { name: 'Reactivate', exact: true }).click();
      await expect(partner.getByRole('button', { name: 'Deactivate', exact: true })).toBeVisible();
    }

    await signIn(user, DEMO.contosoUser);
    await expect(user).toHaveURL(/\/dashboard$/);
  });

  test('deleting asks for the typed word in the user’s language, and the account disappears', async ({ page }) => {
    await openAs(page, DEMO.partner);
    await addAccount(page, 'Doomed Dutch BV', 'ops@doomed.example');
    const url = page.url();

    await page.getByLabel('Language', { exact: true }).selectOption('nl');
    await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
    try {
      await page.getByRole('button', { name: nl.accounts.lifecycle.delete, exact: true }).click();
      const dialog = page.getByRole('dialog', { name: nl.accounts.lifecycle.deleteTitle.replace('{{name}}', 'Doomed Dutch BV') });
      const input = dialog.getByLabel(nl.confirmDialog.typeToConfirm.replace('{{word}}', nl.confirmWords.delete));
      const confirm = dialog.getByRole('button', { name: nl.accounts.lifecycle.delete, exact: true });
      await input.fill('delete');
      await expect(confirm).toBeDisabled();
      await input.fill(nl.confirmWords.delete);
      await confirm.click();
      await expect(page).toHaveURL(/\/accounts$/);
      await page.getByRole('searchbox', { name: nl.accounts.search }).fill('Doomed');
      await expect(page.getByText(nl.accounts.emptySearch)).toBeVisible();

      // The job finishes with a notification; remove it so the bell is as the other specs expect.
      const done = nl.accounts.deleteJob.done.replace('{{name}}', 'Doomed Dutch BV');
      await expect(async () => {
        await page.reload({ waitUntil: 'networkidle' });
        await page.getByRole('button', { name: new RegExp(`^${nl.notifications.title}`) }).click();
        await expect(page.getByRole('region', { name: nl.notifications.title })).toContainText(done, { timeout: 1000 });
      }).toPass({ timeout: 20_000 });
      await page.getByRole('region', { name: nl.notifications.title }).getByRole('listitem').filter({ hasText: done }).getByRole('button', { name: nl.notifications.delete }).click();
      await expect(page.getByRole('region', { name: nl.notifications.title })).not.toContainText(done);
    } finally {
      await page.goto('/dashboard', { waitUntil: 'networkidle' });
      await page.getByLabel(nl.footer.language, { exact: true }).selectOption('en');
      await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    }
    const gone = await page.goto(url, { waitUntil: 'networkidle' });
    expect(gone?.status()).toBe(404);
  });

  test('an account admin edits its own account but reaches no list and no other account', async ({ browser, page }) => {
    test.setTimeout(60_000);
    const fabrikam = await accountHref(browser, 'Fabrikam BV');
    await openAs(page, DEMO.contosoAdmin);
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Account' }).click();
    await expect(page.getByRole('heading', { name: 'Contoso Ltd', level: 1 })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Delete', exact: true })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Deactivate', exact: true })).toHaveCount(0);

    await page.getByLabel('City').fill('Bristol');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'The changes have been saved.' })).toBeVisible();

    // Account admins type addresses; the partner directory is not theirs to search.
    const combo = page.getByRole('combobox', { name: 'Add a support contact' });
    await combo.fill('it@contoso.example');
    await combo.press('Enter');
    await page.getByRole('button', { name: 'Save support contacts' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'The support contacts have been saved.' })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);

    await page.reload({ waitUntil: 'networkidle' });
    await expect(page.getByLabel('City')).toHaveValue('Bristol');
    const contacts = page.getByRole('group', { name: 'Support contacts' }).getByRole('listitem');
    await expect(contacts).toHaveCount(1);
    await expect(contacts).toContainText(['it@contoso.example']);

    for (const path of ['/accounts', '/accounts/new', fabrikam]) {
      // 'load', not 'networkidle': the not-found page's link prefetches need not settle.
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(404);
      await expect(page.locator('body')).not.toContainText('Fabrikam');
    }
  });
});
