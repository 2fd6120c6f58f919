import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { expect, test, type Page } from '@playwright/test';
import en from '../../messages/en.json' with { type: 'json' };
import { DEMO, fill, newAccountAdmin, openAs } from './support';

/*
 * The Content-Security-Policy must not break a page silently (a blocked script means no
 * hydration: buttons that do nothing). Chromium reports each blocked script, style or frame on
 * the console; these journeys go through the pages with forms and fail on any such report.
 */

const run = Date.now().toString(36);

/** Collects the page's CSP violations: Chromium's console reports plus the DOM's own event. */
function watchCsp(page: Page): string[] {
  const seen: string[] = [];
  page.on('console', (message) => {
    if (message.text().includes('Content Security Policy')) seen.push(`${page.url()}: ${message.text()}`);
  });
  void page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`Content Security Policy violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline'}`);
    });
  });
  return seen;
}

async function visit(page: Page, path: string) {
  const response = await page.goto(path, { waitUntil: 'networkidle' });
  expect(response?.status(), path).toBeLessThan(400);
}

test.describe('pages under the Content-Security-Policy', () => {
  test('the public pages and their forms work and report no violation', async ({ page }) => {
    const violations = watchCsp(page);
    for (const path of ['/sign-in', '/support', '/legal', '/welcome/not-a-valid-token-000000000000']) await visit(page, path);
    // A server action from a hydrated form: no script may be blocked for this to answer.
    await visit(page, '/forgot-password');
    await page.getByLabel(en.fields.email).fill(`nobody.${run}@csp.example`);
    await page.getByRole('button', { name: en.forgot.submit }).click();
    await expect(page.getByText(en.forgot.sent)).toBeVisible();
    // next-auth's sign-in POST (fetch) and the client-side navigation after it.
    await openAs(page, DEMO.contosoAdmin);
    expect(violations).toEqual([]);
  });

  test('a partner goes through the portal pages with forms, dialogs and menus', async ({ page }) => {
    test.setTimeout(90_000);
    const violations = watchCsp(page);
    await openAs(page, DEMO.partner);
    await page.getByRole('button', { name: /^Notifications/ }).click();
    const contoso = await page.getByRole('link', { name: 'Contoso Ltd' }).getAttribute('href');
    for (const path of ['/accounts', '/accounts/new', '/roles', '/roles/new', '/orders', '/account-managers', '/settings/api-keys']) await visit(page, path);
    for (const sub of ['', '/users', '/users/new', '/users/import', '/integrations']) await visit(page, `${contoso}${sub}`);
    // A user's page, reached by a client-side navigation from the users table.
    await visit(page, `${contoso}/users`);
    await page.getByRole('table').getByRole('link').first().click();
    await expect(page).toHaveURL(/\/users\/[0-9a-f-]{36}/);
    await page.waitForLoadState('networkidle');
    expect(violations).toEqual([]);
  });

  test('an upload from the browser passes the Origin check, and the error report neutralises "=1+2"', async ({ browser }) => {
    test.setTimeout(90_000);
    // An account and admin of its own: the import's notification must not reach the demo partner's bell.
    const { page, accountId } = await newAccountAdmin(browser, { tag: run, language: 'en', country: 'GB', first: 'Cora', last: 'Csp', domain: 'Csp' });
    const violations = watchCsp(page);
    await visit(page, `/accounts/${accountId}/users/import`);
    const csv = `FIRST NAME,LAST NAME,NAME,EMAIL,ROLE\r\n=1+2,Lee,,not-an-address,\r\n`;
    await page.getByLabel(en.import.ui.fileLabel).setInputFiles({ name: 'formula.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByRole('button', { name: en.import.ui.upload, exact: true }).click();
    await expect(page.getByText(fill(en.import.ui.summary_one, { count: 1, errors: 1 }))).toBeVisible({ timeout: 20_000 });

    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: en.import.ui.downloadErrors }).click();
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await readFile(await (await download).path())) as unknown as ArrayBuffer);
    const row = workbook.worksheets[0]!.getRow(2);
    expect(row.getCell(1).value).toBe("'=1+2");
    expect(row.getCell(1).formula).toBeUndefined();
    expect(row.getCell(4).value).toBe('not-an-address');
    expect(violations).toEqual([]);
  });
});
