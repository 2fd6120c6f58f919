import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from '@playwright/test';
import en from '../../messages/en.json' with { type: 'json' };
import nl from '../../messages/nl.json' with { type: 'json' };
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
  // A client-side navigation still fetching (e.g. the welcome form's replace to /sign-in?registered=1)
  // would abort this page load.
  await page.waitForLoadState('networkidle');
  await page.goto('/sign-in', { waitUntil: 'networkidle' });
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

export async function signInAndWait(page: Page, email: string) {
  await signIn(page, email);
  await expect(page).toHaveURL(/\/dashboard$/);
}

export const sessionFile = (email: string) => path.join(E2E.sessionsDir, `${email}.json`);

/**
 * Opens `to` (the dashboard) as a demo user, from the session tests/e2e/sessions.setup.ts signed
 * in once: a journey about something else need not type the password again. A journey that ended
 * that session (deactivating the user's account ends its users' sessions) leaves a stale one; then
 * this signs in through the form and keeps the new session for the next journey. The journeys
 * about signing in use `signIn` / `signInAndWait`, which always go through the form.
 */
export async function openAs(page: Page, email: string, to = '/dashboard') {
  const state = JSON.parse(readFileSync(sessionFile(email), 'utf8')) as { cookies: Parameters<BrowserContext['addCookies']>[0] };
  await page.context().addCookies(state.cookies);
  await page.goto(to, { waitUntil: 'networkidle' });
  if (new URL(page.url()).pathname === '/sign-in') {
    await page.context().clearCookies();
    await signInAndWait(page, email);
    await page.context().storageState({ path: sessionFile(email) });
    if (to !== '/dashboard') await page.goto(to, { waitUntil: 'networkidle' });
  }
  await expect(page).toHaveURL(new URL(to, E2E.appUrl).href);
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

/**
 * Serious and critical WCAG 2 A/AA violations on the page. Next.js streams a dynamic page's
 * <title> after its body and renders it again on a refresh after a server action, so axe can
 * catch a page for a moment without one: a finding is checked again a few times before it counts
 * (a real violation stays and is returned).
 */
export async function seriousViolations(page: Page): Promise<string[]> {
  let found: string[] = [];
  for (let attempt = 0; attempt < 5; attempt++) {
    if (attempt > 0) await page.waitForTimeout(400);
    const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    found = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
    if (found.length === 0) return found;
  }
  return found;
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

/** The text of a message with its {{placeholders}} filled in. */
export const fill = (text: string, values: Record<string, string | number>) => text.replace(/\{\{(\w+)\}\}/g, (_, key: string) => String(values[key]));

/** One of two labels, whichever language the page is in. */
export const either = (a: string, b: string) => new RegExp(`^(${a}|${b})$`);

/**
 * A customer account of its own with a registered account admin, so what a journey changes
 * touches no demo account that other specs count. The partner creates both; the admin signs up
 * through the welcome mail and signs in. `tag` makes the account name and e-mail unique per run
 * and journey.
 */
export async function newAccountAdmin(
  browser: Browser,
  o: { tag: string; language: 'en' | 'nl'; country: string; first: string; last: string; domain: string; context?: BrowserContextOptions },
): Promise<{ page: Page; accountId: string }> {
  const partner = await (await browser.newContext()).newPage();
  await openAs(partner, DEMO.partner, '/accounts/new');
  await partner.getByLabel(en.account.fields.name).fill(`${o.domain} ${o.tag}`);
  await partner.getByLabel(en.account.fields.country).selectOption(o.country);
  await partner.getByLabel(en.account.fields.language).selectOption(o.language);
  const contact = partner.getByRole('combobox', { name: 'Add a support contact' });
  await contact.fill(`helpdesk.${o.tag}@${o.domain.toLowerCase()}.example`);
  await contact.press('Enter');
  await partner.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(partner).toHaveURL(/\/accounts\/[0-9a-f-]{36}$/);
  const accountPath = new URL(partner.url()).pathname;

  const address = `${o.first.toLowerCase()}.${o.tag}@${o.domain.toLowerCase()}.example`;
  await partner.goto(`${accountPath}/users/new`, { waitUntil: 'networkidle' });
  await partner.getByLabel(en.users.fields.firstName).fill(o.first);
  await partner.getByLabel(en.users.fields.lastName).fill(o.last);
  await partner.getByLabel(en.users.fields.email).fill(address);
  await partner.getByRole('switch', { name: en.users.fields.accountAdmin }).check();
  await partner.getByRole('button', { name: en.users.new.submit, exact: true }).click();
  await expect(partner.getByRole('status').filter({ hasText: fill(en.users.new.created, { email: address }) })).toBeVisible();
  await partner.context().close();

  const password = `${o.domain.toLowerCase()}-secret-1`;
  const admin = await (await browser.newContext(o.context)).newPage();
  await admin.goto(await linkFromMail(address, '', '/welcome/'), { waitUntil: 'networkidle' });
  await admin.getByLabel(either(en.fields.newPassword, nl.fields.newPassword), { exact: true }).fill(password);
  await admin.getByLabel(either(en.fields.confirmPassword, nl.fields.confirmPassword)).fill(password);
  await admin.getByRole('button', { name: either(en.setPassword.welcome.submit, nl.setPassword.welcome.submit) }).click();
  await expect(admin).toHaveURL(/\/sign-in\?registered=1$/);
  await signIn(admin, address, password);
  await expect(admin).toHaveURL(/\/dashboard$/);
  await expect(admin.locator('html')).toHaveAttribute('lang', o.language);
  return { page: admin, accountId: accountPath.split('/').pop()! };
}
