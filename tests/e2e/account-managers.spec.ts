import { expect, test, type Page } from '@playwright/test';
import { addAccount, DEMO, seriousViolations, openAs } from './support';

const NEW_ACCOUNT = 'Tailspin Managers Ltd';

/** Confirms the open dialog, waits for the job's progress panel to finish and closes it. */
async function confirmAndFinish(page: Page, dialogName: string, confirm: string, finished: string) {
  const dialog = page.getByRole('dialog', { name: dialogName });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: confirm, exact: true }).click();
  const progress = page.getByRole('region', { name: 'Progress of the bulk action' });
  await expect(progress.getByRole('status')).toContainText(finished, { timeout: 20_000 });
  await progress.getByRole('button', { name: 'Close' }).click();
  await expect(progress).toBeHidden();
}

/** The accounts Sam sees on the dashboard and in the accounts list. */
async function accountsSeenBy(page: Page): Promise<{ dashboard: string[]; list: string[] }> {
  await page.goto('/dashboard', { waitUntil: 'networkidle' });
  const dashboard = await page.getByRole('list', { name: 'Customer accounts' }).getByRole('link').allTextContents();
  await page.goto('/accounts', { waitUntil: 'networkidle' });
  const list = await page.getByRole('table', { name: 'Customer accounts' }).getByRole('link').allTextContents();
  return { dashboard: dashboard.sort(), list: list.sort() };
}

test.describe('account managers (MGR-1..5)', () => {
  test('a partner converts Sam, assigns him two accounts, Sam sees only those, and the upgrade gives him all back', async ({ browser, page }) => {
    test.setTimeout(120_000);
    await openAs(page, DEMO.partner);
    const fabrikamHref = (await page.getByRole('link', { name: 'Fabrikam BV' }).getAttribute('href'))!;
    await addAccount(page, NEW_ACCOUNT, 'ops@tailspin.example');

    // MGR-1/2: the Admins tab; the signed-in partner is listed but cannot be selected.
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Account managers' }).click();
    await expect(page.getByRole('heading', { name: 'Account managers', level: 1 })).toBeVisible();
    // Tabs by keyboard: the arrow key moves to "Admins" and opens it.
    await page.getByRole('tab', { name: /^Account managers/ }).focus();
    await page.keyboard.press('ArrowRight');
    await expect(page.getByRole('tab', { name: /^Admins/ })).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByRole('tab', { name: /^Admins/ })).toBeFocused();
    await expect(page).toHaveURL(/\/account-managers\?tab=admins$/);
    const admins = page.getByRole('table', { name: 'Admins' });
    await expect(admins.getByRole('row', { name: /Pat Partner/ })).toContainText('You');
    await expect(admins.getByRole('checkbox', { name: 'Select Pat Partner' })).toHaveCount(0);
    expect(await seriousViolations(page)).toEqual([]);
    await admins.getByRole('checkbox', { name: 'Select Sam Sales' }).check();
    await page.getByRole('button', { name: 'Convert selected' }).click();
    await expect(page.getByRole('dialog', { name: 'Convert to account manager?' })).toContainText('until you assign accounts, it sees none');
    await confirmAndFinish(page, 'Convert to account manager?', 'Convert', 'Converting to account managers finished: 1 converted, 0 skipped');
    await expect(admins.getByRole('row', { name: /Sam Sales/ })).toHaveCount(0);

    // MGR-3: manage Sam and assign Contoso and the new account from "Not assigned accounts".
    await page.getByRole('tab', { name: /^Account managers/ }).click();
    const managers = page.getByRole('table', { name: 'Account managers' });
    await managers.getByRole('checkbox', { name: 'Select Sam Sales' }).check();
    await page.getByRole('button', { name: 'Manage selected' }).click();
    await expect(page.getByRole('heading', { name: 'Manage account managers', level: 1 })).toBeVisible();
    await expect(page.getByText('Account manager: Sam Sales')).toBeVisible();
    await expect(page.getByRole('tab', { name: 'Assigned accounts (0)' })).toHaveAttribute('aria-selected', 'true');
    await page.getByRole('tab', { name: /^Not assigned accounts/ }).click();
    const accounts = page.getByRole('table', { name: 'Customer accounts' });
    await accounts.getByRole('checkbox', { name: 'Select Contoso Ltd' }).check();
    await accounts.getByRole('checkbox', { name: `Select ${NEW_ACCOUNT}` }).check();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Assign', exact: true }).click();
    await expect(page.getByRole('dialog', { name: 'Assign accounts?' })).toContainText('2 accounts will be assigned to: Sam Sales.');
    await confirmAndFinish(page, 'Assign accounts?', 'Assign', 'Assigning accounts finished: 2 assignments added, 0 skipped');
    await expect(page.getByRole('tab', { name: 'Not assigned accounts (1)' })).toBeVisible();
    await expect(accounts.getByRole('checkbox', { name: 'Select Fabrikam BV' })).toBeVisible();
    await page.getByRole('tab', { name: 'Assigned accounts (2)' }).click();
    await expect(accounts.getByRole('checkbox', { name: 'Select Contoso Ltd' })).toBeVisible();

    // MGR-5: Sam sees exactly the two accounts; Fabrikam's page is a 404; no managers page for him.
    const samContext = await browser.newContext();
    const sam = await samContext.newPage();
    await openAs(sam, DEMO.sam);
    await expect(sam.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Account managers' })).toHaveCount(0);
    expect(await accountsSeenBy(sam)).toEqual({ dashboard: ['Contoso Ltd', NEW_ACCOUNT], list: ['Contoso Ltd', NEW_ACCOUNT] });
    const hidden = await sam.goto(fabrikamHref, { waitUntil: 'networkidle' });
    expect(hidden?.status()).toBe(404);
    expect((await sam.goto('/account-managers'))?.status()).toBe(404);

    // MGR-4: upgrade Sam back to admin.
    await page.goto('/account-managers', { waitUntil: 'networkidle' });
    await managers.getByRole('checkbox', { name: 'Select Sam Sales' }).check();
    await page.getByRole('button', { name: 'Upgrade selected' }).click();
    await confirmAndFinish(page, 'Upgrade to admin?', 'Upgrade', 'Upgrading to admins finished: 1 upgraded, 0 skipped');
    await expect(managers).toContainText('There are no account managers yet.');

    const all = await accountsSeenBy(sam);
    expect(all.list).toContain('Fabrikam BV');
    expect(all.list).toEqual(expect.arrayContaining(['Contoso Ltd', NEW_ACCOUNT]));
    expect((await sam.goto(fabrikamHref, { waitUntil: 'networkidle' }))?.status()).toBe(200);
    await samContext.close();

    // The jobs' notifications are removed, so the bell stays as the other specs expect it.
    await page.goto('/dashboard', { waitUntil: 'networkidle' });
    await page.getByRole('button', { name: /^Notifications/ }).click();
    const bell = page.getByRole('region', { name: 'Notifications' });
    for (const text of ['Converting to account managers finished', 'Assigning accounts finished', 'Upgrading to admins finished']) {
      await bell.getByRole('listitem').filter({ hasText: text }).getByRole('button', { name: 'Delete notification' }).click();
      await expect(bell).not.toContainText(text);
    }
  });

  test('a partner gives Rita a Partner-based role on the Admins tab; its own role is locked', async ({ page }) => {
    const roleName = `Resellers ${Date.now()}`;
    await openAs(page, DEMO.partner);
    await page.goto('/roles/new', { waitUntil: 'networkidle' });
    await page.getByLabel('Role name').fill(roleName);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(page).toHaveURL(/\/roles\/[0-9a-f-]{36}\?created=1$/);

    await page.goto('/account-managers?tab=admins', { waitUntil: 'networkidle' });
    const admins = page.getByRole('table', { name: 'Admins' });
    await expect(admins.getByRole('combobox', { name: 'Role of Pat Partner' })).toBeDisabled();
    const rita = admins.getByRole('combobox', { name: 'Role of Rita Reseller' });
    await expect(rita.locator('option:checked')).toHaveText('Partner');
    const changed = page.getByRole('status').filter({ hasText: 'The role of Rita Reseller has been changed.' });
    await rita.selectOption({ label: roleName });
    await expect(changed).toBeVisible();
    await page.reload({ waitUntil: 'networkidle' });
    await expect(rita.locator('option:checked')).toHaveText(roleName);
    // Back to Partner, as the other specs expect her.
    await rita.selectOption({ label: 'Partner' });
    await expect(changed).toBeVisible();
  });
});
