import { expect, test } from '@playwright/test';
import { addAccount, DEMO, seriousViolations, openAs } from './support';

// Assignments go to an account of this spec's own, so the demo accounts other specs look at stay as seeded.
const ACCOUNT = 'Tailspin Orders';

test.describe('orders (ORD-1..3)', () => {
  test('a partner finds an order, reads its details and assigns it to an account through the combobox', async ({ page }) => {
    await openAs(page, DEMO.partner);
    await addAccount(page, ACCOUNT, 'orders.contact@tailspin.example');
    const accountUrl = new URL(page.url()).pathname;

    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Orders' }).click();
    await expect(page.getByRole('heading', { name: 'Orders', level: 1 })).toBeVisible();
    const table = page.getByRole('table', { name: 'Orders' });
    await expect(table.getByRole('button', { name: 'SAP-4500100103', exact: true })).toBeVisible();
    await expect(table.getByText('EXPIRING SOON')).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);

    // Views in the URL.
    await page.getByRole('tab', { name: 'Expired' }).click();
    await expect(page).toHaveURL(/view=expired/);
    await expect(table.getByRole('row')).toHaveCount(2);
    await expect(table.getByText('EXPIRED', { exact: true })).toBeVisible();
    await page.getByRole('tab', { name: 'All' }).click();

    // Search as you type by tracking number.
    await page.getByRole('searchbox', { name: 'Search orders' }).fill('TRK-NW-240108');
    await expect(table.getByRole('row')).toHaveCount(2);
    await table.getByRole('button', { name: 'SAP-4500100108', exact: true }).click();
    const details = page.getByRole('dialog', { name: 'Order SAP-4500100108' });
    await expect(details.getByText('TRK-NW-240108')).toBeVisible();
    await expect(details.getByText('24 months')).toBeVisible();
    await expect(details.getByText('CUST-PO-9034')).toBeHidden();
    await details.getByText('See additional tracking details').click();
    await expect(details.getByText('CUST-PO-9034')).toBeVisible();
    await expect(details.getByText('NW-PO-2026-115')).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await details.getByRole('button', { name: 'Close' }).click();
    await expect(details).toBeHidden();

    await table.getByRole('button', { name: 'Assign order SAP-4500100108' }).click();
    const assign = page.getByRole('dialog', { name: 'Assign order SAP-4500100108' });
    const company = assign.getByRole('combobox', { name: 'Company' });
    await company.fill('tailspin');
    await expect(assign.getByRole('option', { name: ACCOUNT })).toBeVisible();
    await company.press('ArrowDown');
    await company.press('Enter');
    await expect(company).toHaveValue(ACCOUNT);
    await assign.getByRole('button', { name: 'Assign', exact: true }).click();
    await expect(page.getByRole('status').filter({ hasText: `Order SAP-4500100108 is assigned to ${ACCOUNT}.` })).toBeVisible();
    await expect(table.getByRole('cell', { name: ACCOUNT })).toBeVisible();
    await expect(table.getByRole('button', { name: 'Assign order SAP-4500100108' })).toHaveCount(0);

    // From an account's "Add order": the company is prefilled, and assigning returns to the account.
    await page.goto(`/orders?view=unassigned&assignTo=${accountUrl.split('/').pop()}`, { waitUntil: 'networkidle' });
    await page.getByRole('table', { name: 'Orders' }).getByRole('button', { name: 'Assign order SAP-4500100102' }).click();
    const prefilled = page.getByRole('dialog', { name: 'Assign order SAP-4500100102' });
    await expect(prefilled.getByRole('combobox', { name: 'Company' })).toHaveValue(ACCOUNT);
    await prefilled.getByRole('button', { name: 'Assign', exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`${accountUrl}$`));
  });

  test('account users have no Orders page', async ({ page }) => {
    await openAs(page, DEMO.contosoAdmin);
    await expect(page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Orders' })).toHaveCount(0);
    const res = await page.goto('/orders');
    expect(res?.status()).toBe(404);
  });
});
