import { expect, test } from '@playwright/test';
import nl from '../../messages/nl.json' with { type: 'json' };
import { DEMO, linkFromMail, signIn } from './support';

test.describe('welcome and reset links', () => {
  test('a welcome link registers the user, who then signs in; the link works only once', async ({ page }) => {
    const link = await linkFromMail(DEMO.unregistered, 'Complete your account creation', '/welcome/');
    await page.goto(link, { waitUntil: 'networkidle' });
    await expect(page.getByRole('heading', { name: 'Complete your account creation' })).toBeVisible();
    await expect(page.getByText(DEMO.unregistered)).toBeVisible();

    await page.getByLabel('New password', { exact: true }).fill('short');
    await page.getByLabel('Confirm new password').fill('short');
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect(page.getByText('The password must be at least 8 characters long.')).toBeVisible();

    await page.getByLabel('New password', { exact: true }).fill('victor-secret-1');
    await page.getByLabel('Confirm new password').fill('victor-secret-1');
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect(page).toHaveURL(/\/sign-in\?registered=1$/);
    await expect(page.getByRole('status')).toHaveText('Your account is ready. Sign in with your new password.');

    await signIn(page, DEMO.unregistered, 'victor-secret-1');
    await expect(page).toHaveURL(/\/dashboard$/);
    await expect(page.getByRole('heading', { name: 'Welcome, Victor Vance' })).toBeVisible();

    await page.goto(link, { waitUntil: 'networkidle' });
    await expect(page.getByRole('heading', { name: 'This link has already been used' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Create account' })).toHaveCount(0);
  });

  test('an unknown or mangled link shows a clear page', async ({ page }) => {
    await page.goto('/welcome/this-is-not-a-real-token-0123456789', { waitUntil: 'networkidle' });
    await expect(page.getByRole('heading', { name: 'This link is not valid' })).toBeVisible();
    await page.goto('/reset-password/x', { waitUntil: 'networkidle' });
    await expect(page.getByRole('heading', { name: 'This link is not valid' })).toBeVisible();
  });

  test('forgot password: the reset mail sets a new password once', async ({ page }) => {
    const email = 'sanne.devries@fabrikam.example';
    await page.goto('/sign-in', { waitUntil: 'networkidle' });
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    // The sign-in page has an E-mail field too: wait for the client-side navigation to land.
    await expect(page.getByRole('heading', { name: 'Reset your password' })).toBeVisible();
    await page.getByLabel('E-mail').fill(email);
    await page.getByRole('button', { name: 'Send reset link' }).click();
    await expect(page.getByRole('status')).toContainText('a reset link is on its way');

    // Fabrikam's default language is Dutch, so the mail is too.
    const link = await linkFromMail(email, nl.mail.reset.subject, '/reset-password/');
    await page.goto(link, { waitUntil: 'networkidle' });
    await page.getByLabel('New password', { exact: true }).fill('sanne-new-pass');
    await page.getByLabel('Confirm new password').fill('sanne-new-pass');
    await page.getByRole('button', { name: 'Save new password' }).click();
    await expect(page).toHaveURL(/\/sign-in\?reset=1$/);
    await signIn(page, email, 'sanne-new-pass');
    await expect(page).toHaveURL(/\/dashboard$/);
  });
});
