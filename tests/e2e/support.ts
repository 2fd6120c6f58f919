import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import { extractLinks, waitForMail } from '../../simulators/smtp/client.mjs';
import { E2E } from './env';

export const DEMO = {
  partner: 'partner@northwind.example',
  /** Further partner admins of Northwind (account managers, MGR). */
  sam: 'sam.sales@northwind.example',
  rita: 'rita.reseller@northwind.example',
  contosoAdmin: 'alice.admin@contoso.example',
  contosoUser: 'uma.user@contoso.example',
  fabrikamAdmin: 'bram.beheerder@fabrikam.example',
  unregistered: 'victor.vance@contoso.example',
} as const;

/** Signs in through the sign-in form, as a person would. */
export async function signIn(page: Page, email: string, password: string = E2E.password) {
  await page.goto('/sign-in', { waitUntil: 'networkidle' });
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

export async function signInAndWait(page: Page, email: string) {
  await signIn(page, email);
  await expect(page).toHaveURL(/\/dashboard$/);
}

/** The newest link of the newest mail to `to` whose subject contains `subject`, from the SMTP simulator. */
export async function linkFromMail(to: string, subject: string, pathPart: string): Promise<string> {
  const mail = await waitForMail(E2E.mailApiUrl, { to, subjectIncludes: subject, timeoutMs: 20_000 });
  const link = extractLinks(mail).find((l) => l.includes(pathPart));
  if (!link) throw new Error(`no ${pathPart} link in mail to ${to}`);
  return link;
}

/** The page's own alert (Next.js keeps an empty route announcer with role "alert" too). */
export function formAlert(page: Page) {
  return page.locator('[role=alert]:not(#__next-route-announcer__)');
}

/** Serious and critical WCAG 2 A/AA violations on the page. */
export async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
}

/** Fills "Add account" with the minimum (name, country, one typed support contact) and saves it. */
export async function addAccount(page: Page, name: string, contact: string) {
  await page.goto('/accounts/new', { waitUntil: 'networkidle' });
  await page.getByLabel('Customer name').fill(name);
  await page.getByLabel('Country').selectOption('BE');
  const combo = page.getByRole('combobox', { name: 'Add a support contact' });
  await combo.fill(contact);
  await combo.press('Enter');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page).toHaveURL(/\/accounts\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
}
