import { expect, test } from '@playwright/test';

test.describe('partner sign-in through the partner identity provider (AUTH-1)', () => {
  test('the first sign-in creates the partner organisation and user; the next one finds them', async ({ page }) => {
    for (const round of [1, 2]) {
      await page.goto('/sign-in', { waitUntil: 'networkidle' });
      await page.getByRole('button', { name: 'Sign in as a partner' }).click();
      await expect(page.getByRole('heading', { name: 'Partner sign-in' })).toBeVisible();
      await page.getByLabel('E-mail').fill('olivia.oidc@tailspin.example');
      await page.getByLabel('Password').fill('oidc-pass-123');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect(page).toHaveURL(/\/dashboard$/);
      await expect(page.getByRole('heading', { name: 'Partner dashboard' })).toBeVisible();
      await expect(page.getByRole('banner')).toContainText('Tailspin Partners');
      // A new organisation starts empty: Northwind's customers are not visible.
      await expect(page.getByRole('region', { name: 'Accounts' })).toContainText('0 accounts');
      // Partners from the identity provider have no portal password to change (AUTH-7).
      await expect(page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Change your password' })).toHaveCount(0);
      if (round === 1) {
        await page.getByRole('button', { name: 'Olivia Oidc' }).click();
        await page.getByRole('button', { name: 'Sign out' }).click();
        await expect(page).toHaveURL(/\/sign-in/);
      }
    }
  });

  test('a wrong password at the identity provider keeps the visitor there', async ({ page }) => {
    await page.goto('/sign-in', { waitUntil: 'networkidle' });
    await page.getByRole('button', { name: 'Sign in as a partner' }).click();
    await expect(page.getByRole('heading', { name: 'Partner sign-in' })).toBeVisible();
    await page.getByLabel('E-mail').fill('olivia.oidc@tailspin.example');
    await page.getByLabel('Password').fill('wrong');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert')).toHaveText('Wrong e-mail or password');
  });
});
