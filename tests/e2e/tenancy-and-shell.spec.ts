import { expect, test } from '@playwright/test';
import en from '../../messages/en.json' with { type: 'json' };
import nl from '../../messages/nl.json' with { type: 'json' };
import { DEMO, openAs } from './support';

test.describe('tenancy, language and the shell', () => {
  test("an account admin opening another account's URL gets 404 and nothing leaks", async ({ browser }) => {
    const partner = await browser.newPage();
    await openAs(partner, DEMO.partner);
    const href = await partner.getByRole('link', { name: 'Fabrikam BV' }).getAttribute('href');
    expect(href).toMatch(/^\/accounts\/[0-9a-f-]{36}$/);
    await partner.close();

    const page = await browser.newPage();
    await openAs(page, DEMO.contosoAdmin);
    const response = await page.goto(href!, { waitUntil: 'networkidle' });
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
    await expect(page.locator('body')).not.toContainText('Fabrikam');

    const own = await page.goto('/dashboard', { waitUntil: 'networkidle' });
    expect(own?.status()).toBe(200);
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Account' }).click();
    await expect(page.getByRole('heading', { name: 'Contoso Ltd' })).toBeVisible();
  });

  test('a partner jumps into a customer account from the header search', async ({ page }) => {
    await openAs(page, DEMO.partner);
    const search = page.getByRole('combobox', { name: 'Search accounts' });
    await search.fill('fabri');
    await expect(page.getByRole('option', { name: 'Fabrikam BV' })).toBeVisible();
    await search.press('Enter');
    await expect(page.getByRole('heading', { name: 'Fabrikam BV' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Copy Account ID' })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Account information' })).toContainText('Netherlands');
  });

  test('switching to Dutch changes the whole UI and is remembered', async ({ page }) => {
    await openAs(page, DEMO.contosoAdmin);
    await page.getByLabel('Language').selectOption('nl');
    await expect(page.getByRole('heading', { name: nl.dashboard.accountTitle.replace('{{account}}', 'Contoso Ltd') })).toBeVisible();
    const nav = page.getByRole('navigation', { name: nl.nav.label });
    await expect(nav.getByRole('link')).toHaveText([nl.nav.dashboard, nl.nav.account, nl.nav.users, nl.nav.integrations, nl.nav.subscriptions, nl.nav.password]);
    await expect(page.getByRole('link', { name: nl.footer.support })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
    // No English label of the shell is left on the page.
    const body = await page.locator('body').innerText();
    const english = [en.footer.legal, en.footer.language, en.nav.password, en.dashboard.changePasswordCta, en.dashboard.accountCta, en.header.skip];
    for (const text of english) expect(body).not.toContain(text);
    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
  });

  test('the notifications bell lists, dismisses and deletes', async ({ page }) => {
    await openAs(page, DEMO.partner);
    const bell = page.getByRole('button', { name: /^Notifications/ });
    await expect(bell).toHaveAccessibleName('Notifications 1');
    await bell.click();
    const panel = page.getByRole('region', { name: 'Notifications' });
    await expect(panel).toContainText('Demo data created: 2 customer accounts with users.');
    await panel.getByRole('button', { name: 'Dismiss all' }).click();
    await expect(panel).toContainText('No new notifications.');
    await expect(bell).toHaveAccessibleName('Notifications');

    await page.reload();
    await expect(bell).toHaveAccessibleName('Notifications 1');
    await bell.click();
    await page.getByRole('button', { name: 'Delete notification' }).click();
    await expect(page.getByRole('region', { name: 'Notifications' })).toContainText('No new notifications.');
    await page.reload();
    await expect(bell).toHaveAccessibleName('Notifications');
  });

  test('changing the password signs out and the new one works', async ({ page }) => {
    await openAs(page, DEMO.fabrikamAdmin);
    // Fabrikam's default language is Dutch; this admin picks English.
    await page.getByLabel(nl.footer.language).selectOption('en');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await page.goto('/settings/password', { waitUntil: 'networkidle' });
    await page.getByLabel('Current password').fill('wrong-current');
    await page.getByLabel('New password', { exact: true }).fill('bram-new-pass');
    await page.getByLabel('Confirm new password').fill('bram-new-pass');
    await page.getByRole('button', { name: 'Change password' }).click();
    await expect(page.getByText('The current password is not correct.')).toBeVisible();

    await page.getByLabel('Current password').fill('demo-pass-123');
    await page.getByRole('button', { name: 'Change password' }).click();
    await expect(page).toHaveURL(/\/sign-in\?changed=1$/);
    await page.getByLabel('E-mail').fill(DEMO.fabrikamAdmin);
    await page.getByLabel('Password', { exact: true }).fill('bram-new-pass');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page).toHaveURL(/\/dashboard$/);
  });

  test('signing out from the user menu ends the session', async ({ page }) => {
    await openAs(page, DEMO.contosoUser);
    await page.getByRole('button', { name: 'Uma User' }).click();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/sign-in/);
    await page.goto('/dashboard', { waitUntil: 'networkidle' });
    await expect(page).toHaveURL(/\/sign-in$/);
  });
});
