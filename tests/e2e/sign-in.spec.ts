import { expect, test } from '@playwright/test';
import nl from '../../messages/nl.json' with { type: 'json' };
import { DEMO, formAlert, signIn, signInAndWait } from './support';

test.describe('sign-in and dashboards', () => {
  test('a partner signs in and sees the partner dashboard with its customer accounts', async ({ page }) => {
    await signInAndWait(page, DEMO.partner);
    await expect(page.getByRole('heading', { name: 'Partner dashboard' })).toBeVisible();
    const accounts = page.getByRole('list', { name: 'Customer accounts' });
    await expect(accounts.getByRole('link', { name: 'Contoso Ltd' })).toBeVisible();
    await expect(accounts.getByRole('link', { name: 'Fabrikam BV' })).toBeVisible();
    await expect(accounts.getByRole('listitem').filter({ hasText: 'Contoso Ltd' })).toContainText('4 users · Active');
    await expect(accounts.getByRole('listitem').filter({ hasText: 'Fabrikam BV' })).toContainText('3 users · Active');
    await expect(page.getByRole('combobox', { name: 'Search accounts' })).toBeVisible();
  });

  test('an account admin signs in and sees the account dashboard', async ({ page }) => {
    await signInAndWait(page, DEMO.contosoAdmin);
    await expect(page.getByRole('heading', { name: 'Dashboard of Contoso Ltd' })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Users' })).toContainText('Total: 4');
    const nav = page.getByRole('navigation', { name: 'Main navigation' });
    await expect(nav.getByRole('link', { name: 'Account' })).toBeVisible();
    await expect(page.getByRole('combobox', { name: 'Search accounts' })).toHaveCount(0);
  });

  test('a plain user can only change the password', async ({ page }) => {
    await signInAndWait(page, DEMO.contosoUser);
    const nav = page.getByRole('navigation', { name: 'Main navigation' });
    await expect(nav.getByRole('link')).toHaveText(['Dashboard', 'Change your password']);
    await expect(page.getByText('Your role lets you change your own password.')).toBeVisible();
    await nav.getByRole('link', { name: 'Change your password' }).click();
    await expect(page.getByRole('heading', { name: 'Change your password' })).toBeVisible();
  });

  test('a wrong password shows a localised error and signs nobody in', async ({ page }) => {
    await signIn(page, DEMO.contosoAdmin, 'not-the-password');
    await expect(formAlert(page)).toHaveText('The e-mail address or password is not correct.');
    await expect(page).toHaveURL(/\/sign-in$/);

    await page.getByLabel('Language').selectOption('nl');
    await expect(page.getByRole('heading', { name: nl.signIn.title })).toBeVisible();
    await page.getByLabel(nl.fields.email).fill(DEMO.contosoAdmin);
    await page.getByLabel(nl.fields.password, { exact: true }).fill('still-wrong');
    await page.getByRole('button', { name: nl.signIn.submit, exact: true }).click();
    await expect(formAlert(page)).toHaveText(nl.signIn.errors.invalid);
  });

  test('repeated failures are rate limited with a clear message', async ({ page }) => {
    const email = 'nobody-here@contoso.example';
    for (let i = 0; i < 10; i++) {
      await signIn(page, email, `wrong-${i}`);
      await expect(formAlert(page)).toHaveText('The e-mail address or password is not correct.');
    }
    await signIn(page, email, 'wrong-again');
    await expect(formAlert(page)).toContainText('Too many failed sign-in attempts');
  });

  test('signed-out visitors are sent to the sign-in page', async ({ page }) => {
    await page.goto('/dashboard', { waitUntil: 'networkidle' });
    await expect(page).toHaveURL(/\/sign-in$/);
  });
});
