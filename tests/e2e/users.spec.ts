import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import en from '../../messages/en.json' with { type: 'json' };
import nl from '../../messages/nl.json' with { type: 'json' };
import { DEMO, linkFromMail, signIn, openAs } from './support';

// A suffix per run, so a retried test never collides with users an earlier attempt created.
const run = Date.now().toString(36);
const email = (name: string, tag = run) => `${name}.${tag}@contoso.example`;

async function openContosoUsers(page: Page) {
  await page.getByRole('link', { name: 'Contoso Ltd' }).click();
  await page.getByRole('navigation', { name: 'Account sections' }).getByRole('link', { name: 'Users' }).click();
  await expect(page.getByRole('heading', { name: 'Users', exact: true })).toBeVisible();
}

async function addUser(page: Page, first: string, last: string, address: string) {
  await page.getByRole('link', { name: 'Add user' }).click();
  await page.getByLabel('First name').fill(first);
  await page.getByLabel('Last name').fill(last);
  await page.getByLabel('E-mail').fill(address);
  await page.getByRole('button', { name: 'Create', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: `A welcome e-mail has been sent to ${address}` })).toBeVisible();
}

async function search(page: Page, term: string) {
  await page.getByRole('searchbox', { name: 'Search users' }).fill(term);
  await expect(page).toHaveURL(new RegExp(`q=${encodeURIComponent(term).replace(/\./g, '\\.')}`));
}

const usersTable = (page: Page) => page.getByRole('table', { name: 'Users' });

/** Alice as an account admin, in English: another spec leaves her language set to Dutch. */
async function signInAsAlice(page: Page) {
  await openAs(page, DEMO.contosoAdmin);
  const picker = page.getByLabel(new RegExp(`^(${en.footer.language}|${nl.footer.language})$`));
  if ((await page.locator('html').getAttribute('lang')) !== 'en') await picker.selectOption('en');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
}

test.describe('users of an account (USR-1..6)', () => {
  test('a partner adds a user, who registers and signs in; the partner resets its password', async ({ page, browser }) => {
    const address = email('petra');
    await openAs(page, DEMO.partner);
    await openContosoUsers(page);
    await addUser(page, 'Petra', 'Pieters', address);
    await expect(page.getByRole('heading', { name: 'Petra Pieters' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Reset password' })).toHaveCount(0);

    const welcome = await linkFromMail(address, 'Complete your account creation', '/welcome/');
    const newcomer = await (await browser.newContext()).newPage();
    await newcomer.goto(welcome, { waitUntil: 'networkidle' });
    await newcomer.getByLabel('New password', { exact: true }).fill('petra-secret-1');
    await newcomer.getByLabel('Confirm new password').fill('petra-secret-1');
    await newcomer.getByRole('button', { name: 'Create account' }).click();
    await expect(newcomer).toHaveURL(/\/sign-in\?registered=1$/);
    await signIn(newcomer, address, 'petra-secret-1');
    await expect(newcomer.getByRole('heading', { name: 'Welcome, Petra Pieters' })).toBeVisible();

    await page.reload({ waitUntil: 'networkidle' });
    await page.getByRole('button', { name: 'Reset password' }).click();
    await expect(page.getByRole('status').filter({ hasText: `A password reset e-mail has been sent to ${address}` })).toBeVisible();
    expect(await linkFromMail(address, 'Reset your password', '/reset-password/')).toMatch(/\/reset-password\/[A-Za-z0-9_-]{40,}$/);
  });

  test('an account admin searches, filters, edits, sends welcome mails in bulk and deletes a user', async ({ page }) => {
    const tag = `${run}b`;
    await signInAsAlice(page);
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Users' }).click();
    await expect(page.getByRole('heading', { name: 'Users', exact: true })).toBeVisible();
    await addUser(page, 'Olga', 'One', email('olga', tag));
    await page.getByRole('link', { name: 'Back to users' }).click();
    await addUser(page, 'Tom', 'Two', email('tom', tag));
    await page.getByRole('link', { name: 'Back to users' }).click();

    await search(page, tag);
    await expect(usersTable(page).getByRole('row')).toHaveCount(3);
    await page.getByRole('button', { name: '+ Add filter' }).click();
    await page.getByRole('button', { name: 'Registered', exact: true }).click();
    await expect(page.getByText('No users match the search or filter.')).toBeVisible();
    await page.getByRole('button', { name: 'Remove filter Registered' }).click();
    await expect(usersTable(page).getByRole('row')).toHaveCount(3);

    await usersTable(page).getByRole('link', { name: 'Olga One' }).click();
    await page.getByLabel('Mobile number').fill('+31 6 5555 0001');
    await page.getByLabel('Role').selectOption({ label: 'Account Admin' });
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'The changes have been saved.' })).toBeVisible();
    await expect(page.getByLabel('Mobile number')).toHaveValue('+31655550001');

    await page.getByRole('link', { name: 'Back to users' }).click();
    await search(page, tag);
    await expect(usersTable(page).getByRole('cell', { name: 'Account Admin' })).toHaveCount(1);
    await page.getByRole('checkbox', { name: 'Select Olga One' }).check();
    await page.getByRole('checkbox', { name: 'Select Tom Two' }).check();
    await page.getByRole('button', { name: 'Manage (2)' }).click();
    const panel = page.getByRole('dialog', { name: 'Manage 2 selected users' });
    await panel.getByRole('button', { name: 'Send CloudLink welcome e-mails' }).click();
    const progress = page.getByRole('region', { name: 'Progress of the bulk action' });
    await expect(progress.getByRole('status')).toHaveText('Welcome e-mails: 2 sent, 0 skipped (already registered), 0 failed.', { timeout: 20_000 });
    await expect(progress.getByRole('progressbar', { name: 'Progress' })).toHaveAttribute('value', '100');
    await page.getByRole('button', { name: /^Notifications/ }).click();
    await expect(page.getByRole('region', { name: 'Notifications' })).toContainText('Welcome e-mails: 2 sent');
    await page.keyboard.press('Escape');

    await usersTable(page).getByRole('link', { name: 'Tom Two' }).click();
    await page.getByRole('button', { name: 'Delete' }).click();
    const confirm = page.getByRole('dialog', { name: 'Delete user' });
    await expect(confirm.getByRole('button', { name: 'Delete' })).toBeDisabled();
    await confirm.getByLabel('Type "delete" to confirm').fill('delete');
    await confirm.getByRole('button', { name: 'Delete' }).click();
    await expect(page.getByRole('heading', { name: 'Users', exact: true })).toBeVisible();
    await search(page, email('tom', tag));
    await expect(page.getByText('No users match the search or filter.')).toBeVisible();
  });

  test('the users pages have no serious accessibility violations', async ({ page }) => {
    await signInAsAlice(page);
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Users' }).click();
    await expect(usersTable(page)).toBeVisible();
    await page.getByRole('button', { name: '+ Add filter' }).click();
    await page.getByRole('button', { name: 'Manage all' }).click();
    const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    expect(result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
    await page.getByRole('button', { name: 'Close' }).click();
    await usersTable(page).getByRole('link', { name: 'Uma User' }).click();
    await expect(page.getByRole('heading', { name: 'Uma User' })).toBeVisible();
    const user = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    expect(user.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
  });
});
