import { expect, test, type Browser, type Page } from '@playwright/test';
import en from '../../messages/en.json' with { type: 'json' };
import { DEMO, linkFromMail, openAs, seriousViolations, signIn } from './support';

// A suffix per run, so a retried test never collides with what an earlier attempt created.
const run = Date.now().toString(36);
const fill = (text: string, values: Record<string, string | number>) => text.replace(/\{\{(\w+)\}\}/g, (_, key: string) => String(values[key]));
const address = (name: string) => `${name}.${run}@roles.example`;
const usersTable = (page: Page) => page.getByRole('table', { name: en.users.list.label });

/** A customer account of its own, so the users this journey adds change no demo account other specs count. */
async function newAccount(partner: Page, name: string): Promise<string> {
  await partner.goto('/accounts/new', { waitUntil: 'networkidle' });
  await partner.getByLabel(en.account.fields.name).fill(name);
  await partner.getByLabel(en.account.fields.country).selectOption('GB');
  await partner.getByLabel(en.account.fields.language).selectOption('en');
  const contact = partner.getByRole('combobox', { name: 'Add a support contact' });
  await contact.fill(address('support'));
  await contact.press('Enter');
  await partner.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(partner).toHaveURL(/\/accounts\/[0-9a-f-]{36}$/);
  return new URL(partner.url()).pathname.split('/').pop()!;
}

/** The partner adds a user to the account; returns the new user's id (from the user page's URL). */
async function addUser(partner: Page, accountId: string, first: string, last: string): Promise<string> {
  await partner.goto(`/accounts/${accountId}/users/new`, { waitUntil: 'networkidle' });
  await partner.getByLabel(en.users.fields.firstName).fill(first);
  await partner.getByLabel(en.users.fields.lastName).fill(last);
  await partner.getByLabel(en.users.fields.email).fill(address(first.toLowerCase()));
  await partner.getByRole('button', { name: en.users.new.submit, exact: true }).click();
  await expect(partner.getByRole('status').filter({ hasText: fill(en.users.new.created, { email: address(first.toLowerCase()) }) })).toBeVisible();
  return new URL(partner.url()).pathname.split('/').pop()!;
}

/** The user registers through the welcome mail and signs in, in a context of its own. */
async function registerAndSignIn(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(await linkFromMail(email, '', '/welcome/'), { waitUntil: 'networkidle' });
  await page.getByLabel(en.fields.newPassword, { exact: true }).fill('helpdesk-secret-1');
  await page.getByLabel(en.fields.confirmPassword).fill('helpdesk-secret-1');
  await page.getByRole('button', { name: en.setPassword.welcome.submit }).click();
  await expect(page).toHaveURL(/\/sign-in\?registered=1$/);
  await signIn(page, email, 'helpdesk-secret-1');
  await expect(page).toHaveURL(/\/dashboard$/);
  return page;
}

async function expectAccessible(page: Page) {
  expect(await seriousViolations(page)).toEqual([]);
}

interface CapturedAction {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** Deletes a user through the user page's typed-word dialog, recording the server action's POST. */
async function deleteThroughUi(partner: Page, accountId: string, userId: string): Promise<CapturedAction> {
  await partner.goto(`/accounts/${accountId}/users/${userId}`, { waitUntil: 'networkidle' });
  await partner.getByRole('button', { name: en.users.actions.delete, exact: true }).click();
  const dialog = partner.getByRole('dialog', { name: en.users.actions.deleteTitle });
  await dialog.getByLabel(fill(en.confirmDialog.typeToConfirm, { word: en.confirmWords.delete })).fill(en.confirmWords.delete);
  const request = partner.waitForRequest((r) => r.method() === 'POST' && r.headers()['next-action'] !== undefined);
  await dialog.getByRole('button', { name: en.users.actions.delete, exact: true }).click();
  const captured = await request;
  await expect(partner).toHaveURL(new RegExp(`/accounts/${accountId}/users$`));
  // Session cookies stay out: the replay carries the replaying context's own.
  const headers = Object.fromEntries(Object.entries(captured.headers()).filter(([k]) => k !== 'cookie' && !k.startsWith(':')));
  return { url: captured.url(), headers, body: captured.postData() ?? '' };
}

/** Sends a recorded deleteUserAction again, aimed at another user, as whoever `page` is signed in as. */
async function replayDelete(page: Page, action: CapturedAction, fromUserId: string, toUserId: string): Promise<string> {
  expect(action.body).toContain(fromUserId);
  const response = await page.request.post(action.url, { headers: action.headers, data: action.body.replace(fromUserId, toUserId) });
  return `${response.status()} ${await response.text()}`;
}

test.describe('custom roles (ROLE-2..5)', () => {
  test('a Helpdesk role without Users → Delete is created, assigned, given to a user, and enforced on the server', async ({ browser }) => {
    // A long journey through three sessions (about 25 s on a 2-core machine).
    test.setTimeout(90_000);
    const roleName = `Helpdesk ${run}`;
    const accountName = `Roles ${run}`;
    const partner = await (await browser.newContext()).newPage();
    await openAs(partner, DEMO.partner);

    // ROLE-2/3: Roles and permissions → New role, Admin-based, Users → Delete unticked.
    await partner.getByRole('navigation', { name: en.nav.label }).getByRole('link', { name: en.nav.roles }).click();
    await expect(partner.getByRole('heading', { name: en.roles.title, exact: true })).toBeVisible();
    await partner.getByRole('link', { name: en.roles.new.link }).click();
    await expect(partner.getByRole('radio', { name: en.roles.bases.partner })).toBeChecked();
    await expect(partner.getByRole('checkbox', { name: 'Orders: View', exact: true })).toBeChecked();
    await partner.getByLabel(en.roles.fields.name).fill(roleName);
    await partner.getByRole('radio', { name: en.roles.bases.admin }).check();
    // The Admin variant has no Orders box; every box is ticked again, Account → View is locked on.
    await expect(partner.getByRole('checkbox', { name: 'Orders: View', exact: true })).toHaveCount(0);
    await expect(partner.getByRole('checkbox', { name: /^Account: View/ })).toBeDisabled();
    const usersDelete = partner.getByRole('checkbox', { name: 'Users: Delete', exact: true });
    await expect(usersDelete).toBeChecked();
    await usersDelete.uncheck();
    await expectAccessible(partner);
    await partner.getByRole('button', { name: en.roles.form.save, exact: true }).click();
    await expect(partner).toHaveURL(/\/roles\/[0-9a-f-]{36}\?created=1$/);
    await expect(partner.getByRole('heading', { name: roleName })).toBeVisible();
    await expect(partner.getByRole('checkbox', { name: 'Users: Delete', exact: true })).not.toBeChecked();
    const roleUrl = new URL(partner.url()).pathname;

    // ROLE-4: a new customer account, then the role's Accounts tab → select it → Assign.
    const accountId = await newAccount(partner, accountName);
    await partner.goto(roleUrl, { waitUntil: 'networkidle' });
    await partner.getByRole('navigation', { name: en.roles.tabs.label }).getByRole('link', { name: en.roles.tabs.accounts }).click();
    await partner.getByRole('searchbox', { name: en.roles.accounts.search }).fill(accountName);
    await expect(partner).toHaveURL(/q=Roles/);
    await partner.getByRole('checkbox', { name: fill(en.roles.accounts.selectAccount, { name: accountName }) }).check();
    await partner.getByRole('button', { name: en.roles.accounts.assign, exact: true }).click();
    await partner.getByRole('dialog', { name: en.roles.accounts.assignTitle }).getByRole('button', { name: en.roles.accounts.assign, exact: true }).click();
    await expect(partner.getByRole('status').filter({ hasText: fill(en.roles.accounts.assigned_one, { count: 1 }) })).toBeVisible();
    await expect(partner.getByRole('row', { name: new RegExp(accountName) })).toContainText(en.roles.accounts.yes);
    await expectAccessible(partner);

    // The account's users: the Helpdesk user, a colleague, and two throwaways for the delete request.
    const hugoId = await addUser(partner, accountId, 'Hugo', 'Helpdesk');
    await partner.getByLabel(en.users.fields.role, { exact: true }).selectOption({ label: roleName });
    await partner.getByRole('button', { name: en.users.edit.submit, exact: true }).click();
    await expect(partner.getByRole('status').filter({ hasText: en.users.edit.saved })).toBeVisible();
    const veraId = await addUser(partner, accountId, 'Vera', 'Colleague');
    const tomId = await addUser(partner, accountId, 'Tom', 'Throwaway');
    const tinaId = await addUser(partner, accountId, 'Tina', 'Throwaway');
    await partner.goto(`/accounts/${accountId}/users`, { waitUntil: 'networkidle' });
    await expect(usersTable(partner).getByRole('row', { name: /Hugo Helpdesk/ })).toContainText(roleName);

    // A real deleteUserAction request, from someone allowed; replaying it as the partner works.
    const captured = await deleteThroughUi(partner, accountId, tomId);
    expect(await replayDelete(partner, captured, tomId, tinaId)).toContain('"ok":true');

    // The Helpdesk user sees its account's users, but no way to delete anyone.
    const helpdesk = await registerAndSignIn(browser, address('hugo'));
    await helpdesk.getByRole('navigation', { name: en.nav.label }).getByRole('link', { name: en.nav.users }).click();
    await expect(usersTable(helpdesk).getByRole('link', { name: 'Vera Colleague' })).toBeVisible();
    await expect(usersTable(helpdesk).getByRole('link', { name: 'Tina Throwaway' })).toHaveCount(0);
    await helpdesk.getByRole('button', { name: en.users.manage.openAll }).click();
    await expect(helpdesk.getByRole('button', { name: en.users.manage.actions.sendWelcome.all })).toBeVisible();
    await expect(helpdesk.getByRole('button', { name: en.users.manage.actions.deleteUsers.all })).toHaveCount(0);
    await helpdesk.getByRole('button', { name: en.users.manage.close }).click();
    await helpdesk.goto(`/accounts/${accountId}/users/${veraId}`, { waitUntil: 'networkidle' });
    await expect(helpdesk.getByRole('heading', { name: 'Vera Colleague' })).toBeVisible();
    await expect(helpdesk.getByRole('button', { name: en.users.actions.delete, exact: true })).toHaveCount(0);

    // ROLE-6: the same request, replayed with the Helpdesk user's session, is refused.
    const refused = await replayDelete(helpdesk, captured, tomId, veraId);
    expect(refused).toContain('errors.forbidden');
    expect(refused).not.toContain('"ok":true');
    await helpdesk.goto(`/accounts/${accountId}/users`, { waitUntil: 'networkidle' });
    await expect(usersTable(helpdesk).getByRole('link', { name: 'Vera Colleague' })).toBeVisible();
    expect(hugoId).not.toBe(veraId);

    // ROLE-4: the role can't be unassigned while Hugo holds it, and can't be deleted either.
    await partner.goto(`${roleUrl}/accounts?filter=assigned`, { waitUntil: 'networkidle' });
    await partner.getByRole('checkbox', { name: fill(en.roles.accounts.selectAccount, { name: accountName }) }).check();
    await partner.getByRole('button', { name: en.roles.accounts.unassign, exact: true }).click();
    await partner.getByRole('dialog', { name: en.roles.accounts.unassignTitle }).getByRole('button', { name: en.roles.accounts.unassign, exact: true }).click();
    await expect(partner.getByRole('alert').filter({ hasText: fill(en.roles.errors.unassignInUse_one, { count: 1 }) })).toBeVisible();
    await partner.goto(roleUrl, { waitUntil: 'networkidle' });
    await partner.getByRole('button', { name: en.roles.actions.delete, exact: true }).click();
    const dialog = partner.getByRole('dialog', { name: en.roles.actions.deleteTitle });
    await dialog.getByLabel(fill(en.confirmDialog.typeToConfirm, { word: en.confirmWords.delete })).fill(en.confirmWords.delete);
    await dialog.getByRole('button', { name: en.roles.actions.deleteConfirm, exact: true }).click();
    await expect(partner.getByRole('alert').filter({ hasText: fill(en.roles.errors.inUse_one, { count: 1 }) })).toBeVisible();
  });

  test('a base role opens read-only and can be duplicated into a new custom role', async ({ page }) => {
    await openAs(page, DEMO.partner);
    await page.goto('/roles', { waitUntil: 'networkidle' });
    await expectAccessible(page);
    await page.getByRole('table', { name: en.roles.list.label }).getByRole('link', { name: en.users.roles.admin, exact: true }).click();
    await expect(page.getByRole('status').filter({ hasText: en.roles.form.baseReadOnly })).toBeVisible();
    await expect(page.getByRole('button', { name: en.roles.form.save })).toHaveCount(0);
    await expect(page.getByRole('button', { name: en.roles.actions.delete })).toHaveCount(0);
    await expect(page.getByRole('checkbox', { name: 'Users: Delete', exact: true })).toBeDisabled();

    await page.getByRole('link', { name: en.roles.actions.duplicate }).click();
    await expect(page.getByRole('heading', { name: en.roles.new.duplicateTitle })).toBeVisible();
    await expect(page.getByLabel(en.roles.fields.name)).toHaveValue(fill(en.roles.new.copyName, { name: en.users.roles.admin }));
    await expect(page.getByRole('radio', { name: en.roles.bases.admin })).toBeChecked();
    await expect(page.getByRole('radio', { name: en.roles.bases.partner })).toBeDisabled();
    await page.getByLabel(en.roles.fields.name).fill(`Admin copy ${run}`);
    await page.getByRole('button', { name: en.roles.form.save, exact: true }).click();
    await expect(page.getByRole('heading', { name: `Admin copy ${run}` })).toBeVisible();

    // A second role of the same name is refused on the name field.
    await page.getByRole('link', { name: en.roles.actions.duplicate }).click();
    await expect(page.getByLabel(en.roles.fields.name)).toHaveValue(fill(en.roles.new.copyName, { name: `Admin copy ${run}` }));
    await page.getByLabel(en.roles.fields.name).fill(`ADMIN COPY ${run}`);
    await page.getByRole('button', { name: en.roles.form.save, exact: true }).click();
    await expect(page.getByText(en.roles.errors.nameTaken)).toBeVisible();
  });
});
